"""Where a store is: a SQLCipher file on this machine or the centre's hub, a PostgreSQL URL.

A URL is never taken for a file path: `Path("postgresql://h/db")` would quietly become the
folder `postgresql:/h/db`. Every place that reads a store's location from a user goes through
`parse_location`."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from hexi_care.errors import InvalidInput

#: The schemes of a hub URL (libpq's two spellings and SQLAlchemy's with the driver named).
HUB_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

Location = Path | str  # a str location is always a hub URL


def is_hub_url(text: object) -> bool:
    if not isinstance(text, str):
        return False
    scheme, sep, _rest = text.partition("://")
    return bool(sep) and scheme.lower() in HUB_SCHEMES


def parse_location(text: str | Path) -> Location:
    """A hub URL as given, else a file path."""
    if isinstance(text, str) and is_hub_url(text.strip()):
        return text.strip()
    return Path(text)


def is_hub(location: Location) -> bool:
    return isinstance(location, str) and is_hub_url(location)


def driver_url(url: str) -> str:
    """The SQLAlchemy URL naming the psycopg 3 driver (a plain libpq URL would pick psycopg2)."""
    _scheme, _sep, rest = url.strip().partition("://")
    return f"postgresql+psycopg://{rest}"


def shown(location: Location) -> str:
    """The location as it may be shown or logged: a hub URL without its password."""
    if not is_hub(location):
        return str(location)
    assert isinstance(location, str)
    parts = urlsplit(location)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        user = userinfo.partition(":")[0]
        netloc = f"{user}@{hosts}" if user else hosts
    query = "&".join(
        q for q in parts.query.split("&") if q and not q.lower().startswith("password=")
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def saveable_hub_url(text: str) -> str:
    """A hub URL fit to keep in this machine's settings: a postgresql:// address without a
    password (the password belongs in the user's pgpass file, never in a settings file)."""
    url = text.strip()
    if not is_hub_url(url) or (not urlsplit(url).path.strip("/") and "dbname=" not in url):
        raise InvalidInput("url", "not_a_hub_url")
    if shown(url) != url:
        raise InvalidInput("url", "password_in_url")
    return url
