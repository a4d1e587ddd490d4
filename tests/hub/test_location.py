"""A hub URL is never taken for a file path: not by the store layer, not by the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexi_care.cli import run
from hexi_care.db.location import is_hub_url, parse_location, shown
from tests.pgcluster import free_port

hosts = st.from_regex(r"[a-z][a-z0-9.-]{0,20}", fullmatch=True)
names = st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True)


@given(
    scheme=st.sampled_from(["postgresql", "postgres", "PostgreSQL", "postgresql+psycopg"]),
    user=names,
    host=hosts,
    db=names,
    query=st.sampled_from(["", "?sslmode=verify-full&sslrootcert=/etc/ca.pem"]),
)
def test_every_spelling_of_a_hub_url_stays_a_url(
    scheme: str, user: str, host: str, db: str, query: str
) -> None:
    url = f"{scheme}://{user}@{host}:5432/{db}{query}"
    assert is_hub_url(url)
    assert parse_location(url) == url
    assert isinstance(parse_location(url), str)


@given(st.text(min_size=1).filter(lambda t: "://" not in t))
def test_anything_else_is_a_path(text: str) -> None:
    assert not is_hub_url(text)
    assert isinstance(parse_location(text), Path)


def test_a_file_named_like_a_scheme_is_a_path() -> None:
    assert parse_location("postgresql.hexi") == Path("postgresql.hexi")
    assert parse_location("sqlite:///x") == Path("sqlite:///x")  # not ours: a (strange) file name


def test_shown_url_has_no_password() -> None:
    url = "postgresql://hexi_app:s3cret-pw@hub.example:5432/hexi?password=other&sslmode=require"
    text = shown(url)
    assert "s3cret" not in text and "other" not in text
    assert text == "postgresql://hexi_app@hub.example:5432/hexi?sslmode=require"


def _cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_takes_store_url_as_a_hub(tmp_path: Path, monkeypatch: object) -> None:
    # Nothing listens on this port: the command must say the hub cannot be reached (a store
    # problem, 6), never "no store at postgresql:/…" as a file.
    url = f"postgresql://hexi_app@127.0.0.1:{free_port()}/hexi?connect_timeout=2"
    code, _out, err = _cli(
        "--lang",
        "en",
        "--store",
        url,
        "--user",
        "dir_a",
        "--password-stdin",
        "child",
        "list",
        stdin="pw\n",
    )
    assert code == 6, err
    assert "Cannot reach the hub" in err
    assert "postgresql:/" + "hexi_app" not in err  # not a collapsed path
    assert not (tmp_path / "postgresql:").exists()


def test_cli_refuses_file_only_commands_on_a_hub(tmp_path: Path) -> None:
    url = f"postgresql://hexi_app@127.0.0.1:{free_port()}/hexi"
    code, _out, err = _cli(
        "--lang",
        "zh",
        "--store",
        url,
        "--user",
        "admin",
        "--password-stdin",
        "recovery",
        "request",
        "--for",
        "admin",
        "--out",
        str(tmp_path / "request.json"),
        stdin="pw\n",
    )
    assert code == 2, err
    assert "不适用于中心数据库" in err
    assert list(tmp_path.iterdir()) == []


def test_the_window_takes_store_url_as_a_hub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window opens a hub given with --store (its unlock dialog then has it chosen:
    tests/ui/test_unlock_hub.py); nothing named after the URL appears on disk."""
    from hexi_care.ui import app
    from hexi_care.ui.settings import Settings

    monkeypatch.chdir(tmp_path)
    url = "postgresql://hexi_app@hub.example:5432/hexi?sslmode=verify-full"
    args, _rest = app.parse_args(["--store", url])
    assert args.store == url
    ctx = app.AppContext(args.store, settings=Settings.at(tmp_path / "s.ini"))
    try:
        assert ctx.store_path == url
    finally:
        ctx.worker.stop()
    assert {p.name for p in tmp_path.iterdir()} <= {"s.ini"}  # nothing named after the URL
    args, _rest = app.parse_args(["--store", "x.hexi"])
    assert args.store == Path("x.hexi")
