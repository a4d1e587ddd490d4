"""Pinyin search keys for names: polyphonic surnames, rare characters, arbitrary input."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin.pinyin_dict import pinyin_dict

from hexi_care.domain.names import (
    COMPOUND_SURNAMES,
    MIDDLE_DOT,
    SURNAMES,
    NameProblem,
    clean_name,
    name_problem,
    pinyin_full,
    pinyin_initials,
)

KNOWN_HAN = sorted(chr(cp) for cp in pinyin_dict if 0x4E00 <= cp <= 0x9FFF)


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张小明", "zhangxiaoming", "zxm"),
        ("单田芳", "shantianfang", "stf"),
        ("曾国藩", "zengguofan", "zgf"),
        ("翟天临", "zhaitianlin", "ztl"),
        ("解缙", "xiejin", "xj"),
        ("仇英", "qiuying", "qy"),
        ("查良镛", "zhaliangyong", "zly"),
        ("区小红", "ouxiaohong", "oxh"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("单于飞", "chanyufei", "cyf"),
        ("万俟明", "moqiming", "mqm"),
        ("长孙无忌", "zhangsunwuji", "zswj"),
        ("欧阳单", "ouyangdan", "oyd"),  # 单 after the surname keeps its everyday reading
        ("李重庆", "lichongqing", "lcq"),  # phrase context
        ("吕绿", "lvlv", "ll"),  # ü as v, ASCII only
        ("买买提·艾力", "maimaitiaili", "mmtal"),  # the middle dot is dropped
        (" 王 芳 ", "wangfang", "wf"),
        ("王Ａ芳２", "wangafang2", "waf2"),  # full-width letters and digits
        ("Li Ming", "liming", "liming"),
        ("𠮷张a1", "𠮷zhanga1", "𠮷za1"),  # outside the BMP, kept
        ("张𠮷", "zhang𠮷", "z𠮷"),
        ("〇", "ling", "l"),
        ("", "", ""),
        ("·-—", "", ""),
    ],
)
def test_examples(name: str, full: str, initials: str) -> None:
    assert pinyin_full(name) == full
    assert pinyin_initials(name) == initials


def test_surname_reading_can_be_turned_off() -> None:
    assert pinyin_full("单田芳", surname=False) == "dantianfang"
    assert pinyin_initials("曾经", surname=False) == "cj"


@pytest.mark.parametrize("surname", sorted(SURNAMES))
def test_every_single_surname_is_read_as_listed(surname: str) -> None:
    assert pinyin_full(surname + "明") == SURNAMES[surname] + "ming"


@pytest.mark.parametrize("surname", sorted(COMPOUND_SURNAMES))
def test_every_compound_surname_is_read_as_listed(surname: str) -> None:
    assert pinyin_full(surname + "明") == "".join(COMPOUND_SURNAMES[surname]) + "ming"


def _allowed(output: str, source: str) -> bool:
    """Lower-case ASCII letters and digits, or characters kept from the (NFKC) input."""
    kept = unicodedata.normalize("NFKC", source)
    return all((ch.isascii() and (ch.islower() or ch.isdigit())) or ch in kept for ch in output)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(name: str) -> None:
    full = pinyin_full(name)
    initials = pinyin_initials(name)
    assert _allowed(full, name)
    assert _allowed(initials, name)
    assert len(initials) <= len(full)
    assert pinyin_full(name, surname=False) is not None


ideographs = st.one_of(
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),  # extension A
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # the basic block
    st.characters(min_codepoint=0x20000, max_codepoint=0x3134F, categories=["Lo"]),  # B–G
)


@settings(deadline=None)
@given(st.text(ideographs, max_size=6))
def test_rare_characters_are_kept(name: str) -> None:
    full = pinyin_full(name)
    initials = pinyin_initials(name)
    for ch in unicodedata.normalize("NFKC", name):
        if ord(ch) not in pinyin_dict:
            assert ch in full and ch in initials
    assert _allowed(full, name)


@settings(deadline=None)
@given(st.text(st.sampled_from(KNOWN_HAN), min_size=1, max_size=4))
def test_known_characters_give_one_ascii_syllable_each(name: str) -> None:
    full = pinyin_full(name)
    initials = pinyin_initials(name)
    assert full.isascii() and full.isalpha() and full.islower()
    assert len(initials) == len(name)
    assert full.startswith(initials[0])


# -- which characters a name may hold ---------------------------------------------------------

HAN_BLOCKS = [
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0x3400, 0x4DBF),  # Extension A
    (0x20000, 0x2A6DF),  # Extension B (𠮷 and most 生僻字 outside the BMP)
    (0x2A700, 0x2B73F),  # Extension C
    (0x30000, 0x3134F),  # Extension G
]
han = st.one_of(
    *(
        st.integers(lo, hi).map(chr).filter(lambda c: unicodedata.category(c) == "Lo")
        for lo, hi in HAN_BLOCKS
    )
)
emoji = st.sampled_from(
    ["😀", "🎉", "❤", "☺", "👍🏽", "🇨🇳", "©", "™", "\u200d", "\ufe0f", "\ue000"]
)


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("张小明", "张小明"),
        ("王𠮷", "王𠮷"),  # outside the BMP
        ("买买提·艾力", "买买提·艾力"),
        ("买买提•艾力", "买买提·艾力"),  # lookalike dots become U+00B7
        ("买买提・艾力", "买买提·艾力"),
        ("买买提 · 艾力", "买买提·艾力"),
        ("阿依古丽·阿不都热依木", "阿依古丽·阿不都热依木"),
        ("  李　明 ", "李 明"),  # full-width space, trimmed
        ("张〇", "张〇"),
        ("Zoë O'Neil-Smith", "Zoë O'Neil-Smith"),
        ("葛\U000e0100", "葛\U000e0100"),  # an ideographic variation selector
    ],
)
def test_names_people_have_are_accepted(name: str, stored: str) -> None:
    assert name_problem(name) is None
    assert clean_name(name) == stored


@pytest.mark.parametrize(
    ("name", "code", "position"),
    [
        ("姚泽宇😀🎉", "name_characters", 4),
        ("王芳2", "name_characters", 3),
        ("王\u200d芳", "name_characters", 2),
        ("王\ufe0f", "name_characters", 2),
        ("王\ue000", "name_characters", 2),  # private use: prints as a box
        ("王@芳", "name_characters", 2),
        ("·艾力", "name_dot", 1),
        ("艾力·", "name_dot", 3),
        ("买买提··艾力", "name_dot", 5),
        ("-王", "name_characters", 1),
    ],
)
def test_other_characters_are_refused_at_their_place(name: str, code: str, position: int) -> None:
    assert name_problem(name) == NameProblem(code, position)
    with pytest.raises(ValueError):
        clean_name(name)


@settings(max_examples=300)
@given(parts=st.lists(st.text(han, min_size=1, max_size=4), min_size=1, max_size=3))
def test_any_han_name_with_middle_dots_is_accepted_unchanged(parts: list[str]) -> None:
    name = MIDDLE_DOT.join(parts)
    assert name_problem(name) is None
    assert clean_name(name) == unicodedata.normalize("NFC", name)


@settings(max_examples=300)
@given(before=st.text(han, max_size=3), bad=emoji, after=st.text(han, max_size=3))
def test_an_emoji_anywhere_is_refused_and_pointed_at(before: str, bad: str, after: str) -> None:
    problem = name_problem(before + bad + after)
    assert problem is not None and problem.code == "name_characters"
    assert problem.position == len(before) + 1


@settings(max_examples=500)
@given(st.text(max_size=12))
def test_the_rule_is_total_and_cleaning_is_stable(name: str) -> None:
    """Any text: either a problem inside the cleaned name, or a cleaned name the rule accepts as is."""
    problem = name_problem(name)
    if problem is None:
        once = clean_name(name)
        assert name_problem(once) is None and clean_name(once) == once
        assert all(unicodedata.category(c)[0] in "LM" or c in " ·'-’〇" for c in once)
    else:
        assert 1 <= problem.position <= len(name)
