"""Site chrome and page furniture: line classifiers and the corpus-learned boilerplate model.

``is_chrome_line`` is used twice: by the splitter on raw page lines (before cleaning) and by the cleaner's
``chrome`` rule.  Patterns live in ``data/lexicon/cleaner/chrome_*.txt``; they are anchored (a line must match
*entirely*), so a line of report prose is never chrome.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Iterable

import regex

from corpus_tools._data import load_lines

__all__ = ["is_chrome_line", "inline_chrome_spans", "normalise_line", "BoilerplateModel", "is_heading_like"]

_STRIP = " \t\r\u3000\u00a0\ufeff\u200b"


@lru_cache(maxsize=1)
def _line_re():
    pats = load_lines("lexicon/cleaner/chrome_lines.txt")
    return regex.compile("|".join(f"(?:{p})" for p in pats), regex.V0)


@lru_cache(maxsize=1)
def _spam_re():
    pats = load_lines("lexicon/cleaner/chrome_spam.txt")
    return regex.compile("|".join(f"(?:{p})" for p in pats), regex.IGNORECASE)


@lru_cache(maxsize=1)
def _inline_re():
    pats = load_lines("lexicon/cleaner/chrome_inline.txt")
    return regex.compile("|".join(f"(?:{p})" for p in pats))


@lru_cache(maxsize=1)
def _heading_re():
    pats = load_lines("lexicon/cleaner/heading_like.txt")
    return regex.compile("|".join(f"(?:{p})" for p in pats))


@lru_cache(maxsize=1)
def _title_re():
    pats = load_lines("lexicon/cleaner/title_endings.txt")
    return regex.compile("(?:" + "|".join(pats) + r")\s*(?:[(（][^()（）]{0,12}[)）])?\s*(?:篇?\s*[\d一二三四五六七八九十]{0,3})\s*$")


def is_chrome_line(line: str) -> bool:
    """True when a whole raw line is site chrome or page furniture.

    >>> is_chrome_line("65位用户关注"), is_chrome_line("- 相關(guān)推薦"), is_chrome_line("—3—")
    (True, True, True)
    >>> is_chrome_line("醫(yī)院工會總結(jié)05-31"), is_chrome_line("你的位置: 淘文网 > 工作计划 > 导航")
    (True, True)
    >>> is_chrome_line("一、认真贯彻一届五次职代会精神,积极做好落实工作")
    False
    """
    s = line.strip(_STRIP)
    if not s:
        return False
    if "(" in s or "（" in s:  # 相關(guān)推薦: read through pinyin annotations
        from corpus_tools.cleaner.pinyin import strip_pinyin

        s = strip_pinyin(s)
    if len(s) <= 400 and _line_re().fullmatch(s):
        return True
    return bool(_spam_re().search(s)) and len(s) <= 200


def inline_chrome_spans(line: str) -> list[tuple[int, int]]:
    """Spans of chrome *inside* a line of prose (uploader blurbs, ``?/p>`` debris), offsets in ``line``.

    ``可以着手准备了。今天本站网友给大家为您整理了(*),希望对大家有所帮助。xx年上半年…``
    → the sentence ``今天本站网友…有所帮助。`` is chrome; the prose around it stays.
    """
    return [m.span() for m in _inline_re().finditer(line)]


def is_heading_like(line: str) -> bool:
    """A numbered heading or a month/part marker (``一、…``, ``（二）…``, ``第3篇``, ``三月份``): never joined."""
    return bool(_heading_re().match(line.strip(_STRIP)))


_DIGITS = regex.compile(r"\d+")


def normalise_line(line: str) -> str:
    """Key used to count recurring lines: stripped, digits collapsed to ``0``."""
    return _DIGITS.sub("0", line.strip(_STRIP))


class BoilerplateModel:
    """Learns boilerplate from the corpus: a short line that recurs in many *different* contexts is chrome.

    A line is counted once per distinct (previous line, next line) context, so a report duplicated on ten
    sites does not turn its own short lines into boilerplate; only furniture that appears around many
    different texts (``65位用户关注``, ``fw92.com编辑推荐``) reaches ``min_contexts``.  Numbered headings,
    lines with a full stop and long lines are never learned.
    """

    def __init__(self, min_contexts: int = 4, max_len: int = 30):
        self.min_contexts = min_contexts
        self.max_len = max_len
        self.lines_: frozenset[str] = frozenset()

    def _eligible(self, key: str) -> bool:
        return (0 < len(key) <= self.max_len and not regex.search(r"[。！？!?；;]", key)
                and not is_heading_like(key) and not _title_re().search(key)
                and bool(regex.search(r"\p{Han}|[A-Za-z]{3}", key)))

    def fit(self, texts: Iterable[str]) -> "BoilerplateModel":
        contexts: dict[str, set] = defaultdict(set)
        for text in texts:
            lines = [normalise_line(x) for x in text.split("\n")]
            lines = [x for x in lines if x]
            for i, key in enumerate(lines):
                if self._eligible(key):
                    prev = lines[i - 1] if i else ""
                    nxt = lines[i + 1] if i + 1 < len(lines) else ""
                    ctx = contexts[key]
                    if len(ctx) < self.min_contexts:
                        ctx.add((prev[-8:], nxt[:8]))
        self.lines_ = frozenset(k for k, c in contexts.items() if len(c) >= self.min_contexts)
        return self

    def is_boilerplate(self, line: str) -> bool:
        return bool(self.lines_) and normalise_line(line) in self.lines_
