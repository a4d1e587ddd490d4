"""Names of people: which characters a name may hold (the one rule every face uses) and search keys
for Chinese names: full pinyin ("zhangxiaoming") and initials ("zxm"), via pypinyin.

Search keys: letters and digits are kept (lower-cased when ASCII); characters pypinyin has no reading
for, such as rare characters (生僻字) like 𠮷, are kept as themselves; punctuation, spaces and symbols are
dropped.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# The separator of minority and foreign names (买买提·艾力) is U+00B7, the one on ID cards; input
# methods and pasted text give lookalikes, which clean_name writes as U+00B7.
MIDDLE_DOT = "\u00b7"
_DOT_LOOKALIKES = frozenset("\u2022\u2027\u30fb\uff65\u0387\u22c5\u2219\u318d\u16eb\u00b7")
# Apostrophe and hyphen join parts of names written in letters (O'Neil, Jean-Luc).
_JOINERS = frozenset("'-\u2019")
# Ideographic variation selectors pick a glyph of a rare character (IVS); emoji selectors are refused.
_IVS = range(0xE0100, 0xE01F0)


@dataclass(frozen=True)
class NameProblem:
    """Why a name is refused: `code` is "name_characters" (a character no name uses) or "name_dot"
    (a middle dot at an end or doubled); `position` is 1-based in the cleaned name."""

    code: str
    position: int


def clean_name(name: str) -> str:
    """The name as stored: NFC, trimmed, runs of spaces made one, middle-dot lookalikes as U+00B7
    (with the spaces around them dropped). Raises ValueError(NameProblem) for a name that
    `name_problem` refuses."""
    problem = name_problem(name)
    if problem is not None:
        raise ValueError(problem)
    return _normalise(name)


def name_problem(name: str) -> NameProblem | None:
    """None when every character is one a person's name uses: letters of any script, with Han
    characters of every CJK block (生僻字 outside the BMP included) and 〇; combining marks and
    ideographic variation selectors after a letter; the middle dot between parts; spaces, hyphens and
    apostrophes between words written in letters. Emoji, digits, symbols, other punctuation, control
    and private-use characters are refused. An empty name is no problem here (required is separate)."""
    text = _normalise(name)
    previous = ""
    for i, ch in enumerate(text, start=1):
        if ch == MIDDLE_DOT:
            if i == 1 or i == len(text) or previous == MIDDLE_DOT:
                return NameProblem("name_dot", i)
        elif ch == " " or ch in _JOINERS:
            if not (_is_letter(previous) and i < len(text) and _is_letter(text[i])):
                return NameProblem("name_characters", i)
        elif _is_letter(ch):
            pass
        elif _is_mark(ch) and not 0xFE00 <= ord(ch) <= 0xFE0F:  # FE0x: emoji presentation
            # Marks complete a letter (Uyghur, Tibetan, Latin accents); never start a name.
            if not (_is_letter(previous) or _is_mark(previous)):
                return NameProblem("name_characters", i)
        else:
            return NameProblem("name_characters", i)
        previous = ch
    return None


def _is_letter(ch: str) -> bool:
    # Lo covers Han (all CJK extensions), Lm covers ー-like marks of other scripts; 〇 is Nl.
    return bool(ch) and (unicodedata.category(ch).startswith("L") or ch == "\u3007")


def _is_mark(ch: str) -> bool:
    return bool(ch) and (unicodedata.category(ch) in ("Mn", "Mc") or ord(ch) in _IVS)


def _normalise(name: str) -> str:
    # Any run of white space (full-width 　, tabs from a paste) becomes one space.
    text = " ".join(unicodedata.normalize("NFC", name).split())
    text = "".join(MIDDLE_DOT if ch in _DOT_LOOKALIKES else ch for ch in text)
    return text.replace(" " + MIDDLE_DOT, MIDDLE_DOT).replace(MIDDLE_DOT + " ", MIDDLE_DOT)


# Surnames whose reading differs from the character's everyday reading (多音字姓氏).
# Only unambiguous ones: 乐 (yue/le) is read both ways as a surname, so pypinyin's "le" stays.
COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "单于": ("chan", "yu"),
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "乐正": ("yue", "zheng"),
}
SURNAMES: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "缪": "miao",
    "翟": "zhai",
    "覃": "qin",
    "秘": "bi",
    "员": "yun",
    "种": "chong",
    "召": "shao",
    "折": "she",
    "繁": "po",
    "句": "gou",
    "阚": "kan",
    "隗": "wei",
    "能": "nai",
    "卜": "bu",
    "薄": "bo",
    "祭": "zhai",
    "佴": "nai",
    "长": "chang",
    "重": "chong",
}

# A token is a pinyin syllable (initials take its first letter) or a kept character (kept whole).
_Token = tuple[str, bool]


def pinyin_full(name: str, *, surname: bool = True) -> str:
    """Lower-case toneless pinyin without spaces: 张小明 → "zhangxiaoming", 单田芳 → "shantianfang".

    With `surname`, a leading polyphonic surname takes its surname reading.
    """
    return "".join(text for text, _ in _tokens(name, surname=surname))


def pinyin_initials(name: str, *, surname: bool = True) -> str:
    """First letter of each syllable: 张小明 → "zxm"; letters, digits and rare characters kept whole."""
    return "".join(
        text[0] if syllable else text for text, syllable in _tokens(name, surname=surname)
    )


def _tokens(name: str, *, surname: bool) -> list[_Token]:
    # pypinyin loads its phrase dictionary on import (0.25 s): only when a name is keyed, so
    # commands that never key a name start without it.
    from pypinyin.pinyin_dict import pinyin_dict

    # NFKC folds full-width letters and digits (Ａ → A) and compatibility ideographs.
    text = unicodedata.normalize("NFKC", name).strip()
    tokens: list[_Token] = []
    if surname:
        text = _take_surname(text, tokens)
    run: list[str] = []  # consecutive characters pypinyin has a reading for
    for ch in text:
        if ord(ch) in pinyin_dict:
            run.append(ch)
            continue
        if run:
            tokens.extend(_syllables("".join(run)))
            run.clear()
        kept = _keep(ch)
        if kept:
            tokens.append((kept, False))
    if run:
        tokens.extend(_syllables("".join(run)))
    return tokens


def _take_surname(text: str, tokens: list[_Token]) -> str:
    """Append the tokens of a known polyphonic surname at the start of `text`; return the rest."""
    for compound, syllables in COMPOUND_SURNAMES.items():
        if text.startswith(compound):
            tokens.extend((s, True) for s in syllables)
            return text[len(compound) :]
    if text[:1] in SURNAMES:
        tokens.append((SURNAMES[text[0]], True))
        return text[1:]
    return text


def _syllables(run: str) -> list[_Token]:
    """Pinyin of a run of characters that all have a reading (phrases give context: 重庆 chongqing)."""
    from pypinyin import Style, lazy_pinyin

    syllables = [_ascii_lower(s) for s in lazy_pinyin(run, style=Style.NORMAL, errors="ignore")]
    if len(syllables) == len(run) and all(syllables):
        return [(s, True) for s in syllables]
    # Not one syllable per character (never seen): go character by character.
    tokens: list[_Token] = []
    for ch in run:
        single = [_ascii_lower(s) for s in lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")]
        if single and single[0]:
            tokens.append((single[0], True))
        elif kept := _keep(ch):
            tokens.append((kept, False))
    return tokens


def _keep(ch: str) -> str:
    """ASCII letters and digits lower-cased; other letters and digits (rare characters, other
    scripts) kept as they are; anything else dropped."""
    if ch.isascii():
        return ch.lower() if ch.isalnum() else ""
    return ch if ch.isalnum() else ""


def _ascii_lower(syllable: str) -> str:
    """pypinyin's NORMAL style is already ASCII ("lv" for 绿); strip any stray accent to be sure."""
    decomposed = unicodedata.normalize("NFKD", syllable.lower())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())
