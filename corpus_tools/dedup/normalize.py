"""Text normalisation for near-duplicate detection.

Two copies of a report should hash alike when they differ only in width, script (Traditional vs Simplified),
punctuation, whitespace, masks or pinyin readings; digits are kept so the 2022 and 2023 reports of one union
stay apart.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
import regex

from .._data import opencc_converter
from .._data import load_patterns
from ..cleaner.pinyin import pinyin_spans, strip_pinyin

try:  # the cleaner's marker for an unresolved censorship mask
    from ..cleaner import MASK_MARKER  # type: ignore
except Exception:  # pragma: no cover - cleaner not importable yet
    MASK_MARKER = "□"

__all__ = [
    "MASK_MARKER", "to_simplified", "drop_pinyin_readings", "normalize", "normalize_with_map",
    "damage_count", "traditional_ratio", "normalize_lines",
]

_NOT_KEPT = regex.compile(r"[^\p{L}\p{N}]+")
_LATIN_RUN = regex.compile(r"[a-z0-9]+")


def _t2s():
    return opencc_converter("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC's ``t2s`` table: ``醫院工會`` → ``医院工会``."""
    return _t2s().convert(text)


def drop_pinyin_readings(text: str) -> str:
    """Remove pinyin readings after Han characters, as the cleaner does (the reading must be one of the
    character's): ``醫(yī)院工會工作總結(jié)`` → ``醫院工會工作總結``."""
    return strip_pinyin(text) if "(" in text or "（" in text else text


def normalize(text: str, keep_masks: bool = False) -> str:
    """The string that is shingled: NFKC, pinyin readings dropped, Simplified, lower-case, only letters and
    digits (``keep_masks`` also keeps the cleaner's mask marker).

    ``2022年度，我校工會在市教育工會及學校*支*的領導下`` → ``2022年度我校工会在市教育工会及学校支的领导下``
    """
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", text)
    s = drop_pinyin_readings(s)
    s = to_simplified(s).lower()
    if keep_masks:
        s = regex.sub(r"[*＊]+", MASK_MARKER, s)
        return regex.sub(r"[^\p{L}\p{N}" + regex.escape(MASK_MARKER) + r"]+", "", s)
    return _NOT_KEPT.sub("", s)


def normalize_lines(text: str) -> tuple[str, list[str]]:
    """:func:`normalize` of the whole text and of each of its lines, with one NFKC and one OpenCC pass."""
    if not text:
        return "", []
    s = to_simplified(drop_pinyin_readings(unicodedata.normalize("NFKC", text))).lower()
    return _NOT_KEPT.sub("", s), [_NOT_KEPT.sub("", line) for line in s.split("\n")]


@lru_cache(maxsize=65536)
def _norm_char(ch: str) -> str:
    s = to_simplified(unicodedata.normalize("NFKC", ch)).lower()
    return "".join(c for c in s if c.isalnum())


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Like :func:`normalize` (character by character) plus, for each output character, the offset of the
    input character it came from — used to cut repeated blocks at exact offsets."""
    skip = [False] * len(text)
    for a, b in pinyin_spans(text) if ("(" in text or "（" in text) else ():
        for i in range(a, min(b, len(text))):
            skip[i] = True
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        if skip[i]:
            continue
        n = _norm_char(ch)
        for c in n:
            out.append(c)
            idx.append(i)
    return "".join(out), idx


def damage_count(text: str) -> int:
    """Masks and anonymisation placeholders in ``text`` (``学校*支*的领导`` → 2, ``20xx年`` → 1)."""
    pat = load_patterns("lexicon/dedup_damage.txt")
    n = len(pat.findall(text)) if pat is not None else 0
    if MASK_MARKER not in "□*＊":
        n += len(regex.findall(regex.escape(MASK_MARKER) + "+", text))
    return n


def traditional_ratio(text: str) -> float:
    """Share of Han characters that OpenCC ``t2s`` changes: ~0.3 for ``醫院工會工作總結``, 0 for Simplified."""
    s = "".join(regex.findall(r"\p{Han}+", text))
    if not s:
        return 0.0
    conv = to_simplified(s)
    if len(conv) != len(s):
        return 1.0
    a = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32)
    b = np.frombuffer(conv.encode("utf-32-le"), dtype=np.uint32)
    return float(np.mean(a != b))
