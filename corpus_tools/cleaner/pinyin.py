"""Toned pinyin annotations after characters: ``醫(yī)院工會工作總結(jié)`` → ``醫院工會工作總結``.

An annotation is removed only when the Latin text in the brackets is one of the character's readings
according to pypinyin (heteronyms included), so ordinary parentheses such as ``(代表)`` or ``(pph)`` stay.
A reading without tone marks (the neutral tone ``的(de)``, or a page that drops all marks) is removed only
next to another reading, as in ``思(sī)想(xiǎng)的(de)``: on its own it could be an abbreviation.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

__all__ = ["strip_pinyin", "strip_pinyin_map", "pinyin_spans", "is_reading_of"]

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


@lru_cache(maxsize=20000)
def _plain_readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(_fold(x) for r in pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")[:1] for x in r)


# a toneless reading counts only this close (characters between two annotations) to another reading
_NEIGHBOUR_GAP = 4


def pinyin_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the bracketed readings to delete (brackets included).

    >>> pinyin_spans("的(de)思(sī)")
    [(1, 5), (6, 10)]
    >>> pinyin_spans("工会(gh)")
    []
    """
    if "(" not in text and "（" not in text:
        return []
    toned, plain = [], []
    for m in _ANNOT.finditer(text):
        ch, syl = text[m.start() - 1], m.group(1)
        if is_reading_of(ch, syl):
            toned.append(m.span())
        elif not _TONED.search(_fold(syl)) and _fold(syl) in _plain_readings(ch):
            plain.append(m.span())
    if not plain:
        return toned
    cands = sorted(toned + plain)
    keep = set(toned)
    for i, sp in enumerate(cands):
        if sp in keep:
            continue
        near_prev = i > 0 and sp[0] - cands[i - 1][1] <= _NEIGHBOUR_GAP
        near_next = i + 1 < len(cands) and cands[i + 1][0] - sp[1] <= _NEIGHBOUR_GAP
        if near_prev or near_next:
            keep.add(sp)
    return [sp for sp in cands if sp in keep]


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


def strip_pinyin_map(text: str, spans: list[tuple[int, int]] | None = None) -> tuple[str, list[int]]:
    """``strip_pinyin`` and, for each character of the result, its offset in ``text`` (to map a match back);
    ``spans`` are the text's ``pinyin_spans`` when the caller has them.

    >>> strip_pinyin_map("小(xiǎo)編(biān)整理")
    ('小編整理', [0, 7, 14, 15])
    """
    if spans is None:
        spans = pinyin_spans(text)
    keep, last = [], 0
    for s, e in spans + [(len(text), len(text))]:
        keep.extend(range(last, s))
        last = e
    return "".join(text[i] for i in keep), keep
