"""This machine's window settings, declared once (name, type, default, label) over QSettings, with
versioned upgrades (Picard's options.py). Store-wide settings shared by every user (visit
intervals) live in the store instead: hexi_care.services.settings."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from hexi_care.locale_default import system_language
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP

SETTINGS_VERSION = 1
SETTINGS_ENV = "HEXI_CARE_SETTINGS"  # an .ini path: tests and portable installs


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    type: type
    default: Any
    label: str  # source text; shown through QCoreApplication.translate("Settings", label)

    def label_text(self) -> str:
        return QCoreApplication.translate("Settings", self.label)


OPTIONS: tuple[Option, ...] = (
    Option("ui/language", str, "zh", QT_TRANSLATE_NOOP("Settings", "Language")),
    Option(
        "lock/idle_minutes",
        int,
        10,
        QT_TRANSLATE_NOOP("Settings", "Lock after minutes without use"),
    ),
    Option("backup/folder", str, "", QT_TRANSLATE_NOOP("Settings", "Backup folder")),
    Option("store/path", str, "", QT_TRANSLATE_NOOP("Settings", "Case store file")),
    Option("unlock/last_user", str, "", QT_TRANSLATE_NOOP("Settings", "Last user name")),
    # [{"name": …, "url": …}]: hubs this machine connects to (addresses without passwords).
    Option("hub/connections", str, "[]", QT_TRANSLATE_NOOP("Settings", "Saved hub connections")),
    # The saved hub chosen last in the unlock dialog ("" for the store file).
    Option("hub/last", str, "", QT_TRANSLATE_NOOP("Settings", "Last hub chosen")),
    Option(
        "window/geometry",
        QByteArray,
        QByteArray(),
        QT_TRANSLATE_NOOP("Settings", "Window position"),
    ),
    Option("children/page_size", int, 100, QT_TRANSLATE_NOOP("Settings", "Rows fetched at a time")),
)
BY_NAME = {o.name: o for o in OPTIONS}
LANGUAGES = (("zh", "简体中文"), ("en", "English"))
IDLE_MINUTES_RANGE = (1, 120)


@dataclass(frozen=True, slots=True)
class HubConnection:
    """A saved hub: the name the user gave it and its postgresql:// address (no password)."""

    name: str
    url: str


def _upgrade_0_to_1(_qs: QSettings) -> None:
    """Version 0 is a fresh machine: nothing to carry over."""


UPGRADES: dict[int, Callable[[QSettings], None]] = {0: _upgrade_0_to_1}


def _as_int(raw: object, default: int) -> int:
    """QSettings hands back whatever the ini file holds (str, int, None): an int or `default`."""
    if isinstance(raw, int | str):
        try:
            return int(raw)
        except ValueError:
            return default
    return default


class Settings:
    """Typed access to the declared options. Unknown names are a bug and raise KeyError."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            env = os.environ.get(SETTINGS_ENV)
            if env:
                qsettings = QSettings(str(Path(env)), QSettings.Format.IniFormat)
            else:
                qsettings = QSettings(
                    QSettings.Format.IniFormat, QSettings.Scope.UserScope, "hexi-care", "hexi-care"
                )
        self.qs = qsettings
        self._upgrade()

    @classmethod
    def at(cls, path: Path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def _upgrade(self) -> None:
        version = _as_int(self.qs.value("meta/version", 0), 0)
        while version < SETTINGS_VERSION:
            UPGRADES[version](self.qs)
            version += 1
        self.qs.setValue("meta/version", version)

    def get(self, name: str) -> Any:
        opt = BY_NAME[name]
        raw = self.qs.value(name, opt.default)
        if raw is None:
            return opt.default
        if opt.type is bool:
            return raw in (True, "true", "1", 1)
        if opt.type is int:
            return _as_int(raw, opt.default)
        if opt.type is QByteArray:
            return raw if isinstance(raw, QByteArray) else opt.default
        return opt.type(raw)

    def set(self, name: str, value: Any) -> None:
        opt = BY_NAME[name]
        if opt.type is int:
            value = int(value)
        self.qs.setValue(name, value)
        self.qs.sync()

    # -- conveniences ------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The language chosen in Settings; before any choice, Chinese unless the system is
        English (hexi_care.locale_default)."""
        if self.qs.contains("ui/language"):
            lang = str(self.get("ui/language"))
            if lang in dict(LANGUAGES):
                return lang
        return system_language()

    @property
    def idle_minutes(self) -> int:
        lo, hi = IDLE_MINUTES_RANGE
        return max(lo, min(hi, int(self.get("lock/idle_minutes"))))

    # -- saved hub connections ---------------------------------------------------------------
    def hub_connections(self) -> list[HubConnection]:
        """The saved hubs; an entry that is not a hub address without a password is skipped
        (a settings file edited by hand must not bring a password into the window)."""
        from hexi_care.db.location import saveable_hub_url
        from hexi_care.errors import InvalidInput

        try:
            raw = json.loads(str(self.get("hub/connections")) or "[]")
        except ValueError:
            return []
        found: list[HubConnection] = []
        for item in raw if isinstance(raw, list) else []:
            if not isinstance(item, dict):
                continue
            name, url = str(item.get("name", "")).strip(), str(item.get("url", ""))
            try:
                found.append(HubConnection(name, saveable_hub_url(url)))
            except InvalidInput:
                continue
        return [c for c in found if c.name]

    def set_hub_connections(self, connections: list[HubConnection]) -> None:
        data = [{"name": c.name, "url": c.url} for c in connections]
        self.set("hub/connections", json.dumps(data, ensure_ascii=False))
