"""Text normalisation and tokenisation shared by the keyword functions and the model."""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

import regex

from .._data import opencc_converter
# 醫(yī)院 → 醫院: a toned pinyin reading in brackets after a character (ARTEFACTS: Traditional pages)
_PINYIN = regex.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
_MASK_HYPHEN = regex.compile(r"(?<=\p{Han})[-－](?=\p{Han})")  # 民-主管理 → 民主管理
_HAN_RUN = regex.compile(r"\p{Han}+")
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


def tokens(text: str, char_ngram: int = 2, words: bool = True) -> Counter:
    """Bag of jieba words (``w:``) and character n-grams of Han runs (``c:``) of normalised ``text``.

    ``开展职工运动会`` → {w:开展, w:职工, w:运动会, c:开展, c:展职, c:职工, c:工运, c:运动, c:动会}.
    jieba runs without HMM (new-word guessing): faster, and every word it returns is a dictionary word.
    Character n-grams of every length 2..``char_ngram``; ``words=False`` skips jieba (character n-grams only).
    """
    bag: Counter = Counter()
    if not text:
        return bag
    if words:
        ws = _jieba().lcut(text, HMM=False)
        bag.update("w:" + w for w in ws if len(w) > 1 and _WORD_OK.match(w))
    runs = _HAN_RUN.findall(text)
    for n in range(2, max(2, char_ngram) + 1):
        for run in runs:
            if len(run) >= n:
                bag.update("c:" + run[i:i + n] for i in range(len(run) - n + 1))
    return bag
