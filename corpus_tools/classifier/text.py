"""Text normalisation and tokenisation shared by the keyword functions and the model."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Iterable

import regex

from .._data import opencc_converter
from .._trie import trie_pattern
# 醫(yī)院 → 醫院: a toned pinyin reading in brackets after a character (ARTEFACTS: Traditional pages)
_PINYIN = regex.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
_MASK_HYPHEN = regex.compile(r"(?<=\p{Han})[-－](?=\p{Han})")  # 民-主管理 → 民主管理
_HAN_NGRAM = {n: regex.compile(r"\p{Han}{%d}" % n) for n in range(2, 5)}
_WORD_OK = regex.compile(r"^[\p{Han}A-Za-z]{2,}$")


def _t2s():
    return opencc_converter("t2s")


def normalize(text: str) -> str:
    """Fold the surface variants that carry no meaning for the labels.

    ``醫(yī)院工會開展“送溫暖”活動`` → ``医院工会开展"送温暖"活动`` (pinyin dropped, Traditional → Simplified,
    NFKC widths); ``民-主管理`` → ``民主管理``.
    """
    if not text:
        return ""
    text = _PINYIN.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _MASK_HYPHEN.sub("", text)
    return _t2s().convert(text)


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


_REGEX_MAX_STARTS = 300


class WordMatcher:
    """Finds the words of a fixed vocabulary in text, leftmost-longest (forward maximum matching).

    The model learns its word vocabulary from jieba's segmentation of the training sections; at transform
    time the same words are found by this scan, so fit and predict see the same features and a section is
    not re-segmented (jieba's Python DAG search was the slowest step of classification).  Per start
    character only the lengths of words that begin with it are tried, longest first: one dict lookup for
    the many characters that begin no word.

    >>> WordMatcher(["职工", "运动会", "工会"]).findall("工会举办职工运动会")
    ['工会', '职工', '运动会']
    """

    def __init__(self, words: Iterable[str]):
        self.words = sorted(set(w for w in words if w))
        self.key = hashlib.sha1("\n".join(self.words).encode("utf-8")).hexdigest()  # cache key
        self._set = frozenset(self.words)
        first: dict[str, set[int]] = {}
        for w in self.words:
            first.setdefault(w[0], set()).add(len(w))
        self._lens = {c: tuple(sorted(ls, reverse=True)) for c, ls in first.items()}
        # a few hundred words (the taxonomy cues): one trie regex scan is faster than the Python loop;
        # thousands (a model vocabulary): sre tries the top-level branches one by one, the loop wins
        self._re = re.compile(trie_pattern(self.words)) if 0 < len(self._lens) <= _REGEX_MAX_STARTS else None

    def findall(self, text: str) -> list[str]:
        if self._re is not None:
            return self._re.findall(text)
        out: list[str] = []
        lens_of, words = self._lens, self._set
        i, n = 0, len(text)
        while i < n:
            lens = lens_of.get(text[i])
            if lens is not None:
                for L in lens:
                    w = text[i:i + L]
                    if w in words:
                        out.append(w)
                        i += L
                        break
                else:
                    i += 1
            else:
                i += 1
        return out


def char_ngrams(text: str, n: int = 2) -> list[str]:
    """Overlapping n-grams of Han characters that stay inside one Han run: ``开展, 职工`` → 开展, 职工."""
    pat = _HAN_NGRAM.get(n) or regex.compile(r"\p{Han}{%d}" % n)
    return pat.findall(text, overlapped=True)


def tokens(text: str, char_ngram: int = 2, words: bool = True, matcher: WordMatcher | None = None) -> Counter:
    """Bag of words (``w:``) and character n-grams of Han runs (``c:``) of normalised ``text``.

    ``开展职工运动会`` → {w:开展, w:职工, w:运动会, c:开展, c:展职, c:职工, c:工运, c:运动, c:动会}.
    Words come from jieba without HMM (new-word guessing: slower, and every word it returns is then a
    dictionary word), or, given a ``matcher``, from its fixed vocabulary.
    Character n-grams of every length 2..``char_ngram``; ``words=False`` gives character n-grams only.
    """
    bag: Counter = Counter()
    if not text:
        return bag
    if words:
        if matcher is not None:
            bag.update(["w:" + w for w in matcher.findall(text)])
        else:
            ws = _jieba().lcut(text, HMM=False)
            bag.update(["w:" + w for w in ws if len(w) > 1 and _WORD_OK.match(w)])
    for n in range(2, max(2, char_ngram) + 1):
        bag.update(["c:" + g for g in char_ngrams(text, n)])
    return bag
