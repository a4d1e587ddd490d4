"""The window's language: Chinese unless the person chose English in Settings or the system
locale is English; no locale at all (LANG=C) gives Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hexi_care.locale_default import posix_language
from hexi_care.ui import i18n
from hexi_care.ui.app import prepare
from hexi_care.ui.settings import Settings

LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "zh"),
        ({"LANG": "C"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "POSIX"}, "zh"),
        ({"LANG": "C", "LANGUAGE": "en_US:en"}, "zh"),  # gettext ignores LANGUAGE under C
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "de_DE.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8@euro"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en"}, "en"),
    ],
)
def test_system_language_from_the_locale(env: dict[str, str], expected: str) -> None:
    assert posix_language(env) == expected


@given(st.sampled_from(["zh_CN", "zh_TW", "fr_FR", "ja_JP", "C", "POSIX", ""]), st.text(max_size=8))
def test_only_english_gives_english(locale: str, suffix: str) -> None:
    assert posix_language({"LANG": locale + suffix.replace(":", "")}) == "zh" or locale == ""


def _window_language(qapp, tmp_path: Path, monkeypatch, env: dict[str, str], chosen: str | None):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    settings = Settings.at(tmp_path / "settings.ini")
    if chosen is not None:
        settings.set("ui/language", chosen)
    try:
        in_effect = prepare(qapp, settings)
        return in_effect, i18n.translate("Common", "Cancel")
    finally:
        i18n.install("zh")


def test_no_locale_gives_a_chinese_window(qapp, tmp_path: Path, monkeypatch) -> None:
    assert _window_language(qapp, tmp_path, monkeypatch, {"LANG": "C"}, None) == ("zh", "取消")


def test_english_system_gives_an_english_window(qapp, tmp_path: Path, monkeypatch) -> None:
    env = {"LANG": "en_US.UTF-8"}
    assert _window_language(qapp, tmp_path, monkeypatch, env, None) == ("en", "Cancel")


def test_the_choice_in_settings_wins_over_the_system(qapp, tmp_path: Path, monkeypatch) -> None:
    en = {"LANG": "en_US.UTF-8"}
    assert _window_language(qapp, tmp_path / "a", monkeypatch, en, "zh") == ("zh", "取消")
    zh = {"LANG": "zh_CN.UTF-8"}
    assert _window_language(qapp, tmp_path / "b", monkeypatch, zh, "en") == ("en", "Cancel")
