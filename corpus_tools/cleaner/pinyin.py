"""Toned pinyin annotations after characters: ``醫(yī)院工會工作總結(jié)`` → ``醫院工會工作總結``.

An annotation is removed only when the Latin text in the brackets is one of the character's readings
according to pypinyin (heteronyms included), so ordinary parentheses such as ``(代表)`` or ``(pph)`` stay.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

__all__ = ["strip_pinyin", "pinyin_spans", "is_reading_of"]

# A Han character followed by a bracketed run of pinyin letters (toned vowels, ü, optional tone digit).
_ANNOT = regex.compile(
    r"(?<=\p{Han})[(（]\s*([a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜńňǹḿ]{1,7}[1-5]?)\s*[)）]")
_TONED = regex.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]|[1-5]$")


def _fold(syl: str) -> str:
    """Lower-case, ``v``/``ü`` unified; keeps tone marks."""
    return unicodedata.normalize("NFC", syl.lower().replace("v", "ü"))


@lru_cache(maxsize=20000)
def _readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    out = set()
    for style in (Style.TONE, Style.TONE3):
        for r in pinyin(ch, style=style, heteronym=True, errors="ignore")[:1]:
            out.update(_fold(x) for x in r)
    return frozenset(out)


@lru_cache(maxsize=65536)  # a handful of (character, reading) pairs recur in every annotated page
def is_reading_of(ch: str, syllable: str) -> bool:
    """``is_reading_of("醫", "yī")`` → True; ``is_reading_of("代", "yī")`` → False.

    A toneless syllable (``(yi)``) is not accepted: too easy to confuse with Latin abbreviations.
    """
    syl = _fold(syllable.strip())
    if not _TONED.search(syl):
        return False
    return syl in _readings(ch)


def pinyin_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the bracketed readings to delete (brackets included)."""
    if "(" not in text and "（" not in text:
        return []
    return [m.span() for m in _ANNOT.finditer(text) if is_reading_of(text[m.start() - 1], m.group(1))]


def strip_pinyin(text: str) -> str:
    """Remove ``字(pīnyīn)`` annotations where the pinyin is a reading of that character.

    >>> strip_pinyin("醫(yī)院工會工作總結(jié)")
    '醫院工會工作總結'
    >>> strip_pinyin("會員(代表)大會, 文(wén)體(tǐ)活动")
    '會員(代表)大會, 文體活动'
    """
    spans = pinyin_spans(text)
    if not spans:
        return text
    parts, last = [], 0
    for s, e in spans:
        parts.append(text[last:s])
        last = e
    parts.append(text[last:])
    return "".join(parts)
