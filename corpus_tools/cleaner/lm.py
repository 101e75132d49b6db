"""A character trigram language model with interpolated add-k smoothing, fitted on unmasked text."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable

import regex

__all__ = ["CharNgramLM", "word_logprob"]

_MASKY = regex.compile(r"[*＊□_＿]")


class CharNgramLM:
    """``CharNgramLM().fit(texts).logprob("学校党支部的领导")`` — higher is more plausible.

    Lines containing mask characters are skipped so the model only learns from unmasked prose.
    """

    def __init__(self, k: float = 2.0, max_followers: int = 40):
        self.k = k
        self.max_followers = max_followers
        self.c1: Counter = Counter()
        self.c2: Counter = Counter()
        self.c3: Counter = Counter()
        self.n = 0
        self.followers_: dict[str, tuple[str, ...]] = {}

    def fit(self, texts: Iterable[str]) -> "CharNgramLM":
        c1, c2, c3 = self.c1, self.c2, self.c3
        for text in texts:
            for line in text.split("\n"):
                if not line or _MASKY.search(line):
                    continue
                s = "\x02" + line + "\x03"
                c1.update(s)
                c2.update(map("".join, zip(s, s[1:])))
                c3.update(map("".join, zip(s, s[1:], s[2:])))
        self.n = sum(c1.values())
        fol: dict[str, Counter] = defaultdict(Counter)
        for tri, c in c3.items():
            fol[tri[:2]][tri[2]] += c
        # tuples: fixed once fitted, and untracked by the garbage collector (unlike ~20k lists)
        self.followers_ = {h: tuple(x for x, _ in cnt.most_common(self.max_followers)) for h, cnt in fol.items()}
        self._memo = None
        return self

    @property
    def fitted(self) -> bool:
        return self.n > 0

    def _p(self, a: str, b: str, c: str) -> float:
        v = len(self.c1) + 1
        p1 = (self.c1.get(c, 0) + 1) / (self.n + v)
        p2 = (self.c2.get(b + c, 0) + self.k * p1) / (self.c1.get(b, 0) + self.k)
        return (self.c3.get(a + b + c, 0) + self.k * p2) / (self.c2.get(a + b, 0) + self.k)

    def _trigram_memo(self) -> dict:
        """``{trigram: log _p(trigram)}``, filled lazily (the counts are fixed once fitted)."""
        key = (self.n, len(self.c1), len(self.c2), len(self.c3), self.k)
        memo = self.__dict__.get("_memo")
        if memo is None or memo[0] != key:
            memo = self._memo = (key, {})
        return memo[1]

    def logprob(self, s: str, start: int = 2) -> float:
        """Sum of log P(s[i] | s[i-2:i]) for i >= start (the first ``start`` chars are context only)."""
        return self.logprobs((s,), start)[0]

    def logprobs(self, strings: Iterable[str], start: int = 2) -> list[float]:
        """``[logprob(s, start) for s in strings]`` (one memo look-up for all: the mask scorer rates ~50
        candidate fills per mask)."""
        memo = self._trigram_memo()
        strings = list(strings)
        i0 = max(2, start)
        tris = [s[i - 2:i + 1] for s in strings for i in range(i0, len(s))]
        terms = list(map(memo.get, tris))
        if None in terms:
            for j, t in enumerate(tris):
                if terms[j] is None:
                    terms[j] = memo[t] = math.log(self._p(t[0], t[1], t[2]))
        out, pos = [], 0
        for s in strings:
            k = len(s) - i0 if len(s) > i0 else 0
            out.append(sum(terms[pos:pos + k]))  # summed in order: the same float as term by term
            pos += k
        return out

    def followers(self, history: str) -> tuple[str, ...]:
        return self.followers_.get(history[-2:], ())


@lru_cache(maxsize=1)
def _jieba_freq():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    return jieba.dt.FREQ, math.log(jieba.dt.total)


@lru_cache(maxsize=50000)
def word_logprob(s: str, max_word: int = 6) -> float:
    """Best-segmentation unigram log-probability of ``s`` under jieba's word-frequency dictionary.

    Ships with jieba, so it works without ``fit``: ``word_logprob("认真学习理论") > word_logprob("认真学邓小平理论")``.
    """
    freq, logtotal = _jieba_freq()
    n = len(s)
    best = [0.0] + [-1e9] * n
    for i in range(n):
        if best[i] <= -1e9:
            continue
        for j in range(i + 1, min(n, i + max_word) + 1):
            f = freq.get(s[i:j], 0)
            if f > 0 or j == i + 1:
                lp = math.log(f if f > 0 else 0.5) - logtotal
                if best[i] + lp > best[j]:
                    best[j] = best[i] + lp
    return best[n]
