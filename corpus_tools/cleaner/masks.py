"""Censorship masks (``学校*支*的领导下``, ``*员干*``, ``学*理论``, ``以_理论``): detect, propose, score, restore.

Candidates come from (a) an unmasked copy of the same sentence elsewhere in the fitted corpus (strongest),
(b) the shipped lexicon of commonly masked words ``data/lexicon/cleaner/masked_words.txt`` aligned with the
visible context, (c) corpus-derived fills proposed by the character trigram model.  Scores combine the
lexicon prior, the context the word covers, and the LM; the softmax over candidates (plus an "unknown"
alternative) is the confidence.  Below ``threshold`` the mask becomes ``MASK_MARKER`` and the candidates are
recorded in ``detail`` (JSON) for the dedup stage.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable

import regex

from corpus_tools._data import load_lines
from corpus_tools.cleaner.edits import Change
from corpus_tools.cleaner.lm import word_logprob

__all__ = ["MASK_MARKER", "MaskRestorer", "find_mask_groups"]

MASK_MARKER = "□"  # U+25A1 WHITE SQUARE: the conventional 缺字符号 for an unreadable character

_RUN = regex.compile(r"[*＊]+|(?<=\p{Han})[_＿](?=\p{Han})")
_MASKCH = "*＊_＿" + MASK_MARKER
_STOP = regex.compile(r"[\n*＊_＿□]")
_SENT_SPLIT = regex.compile(r"[。！？!?；;\n]")
_HANQ = regex.compile(r"[\p{Han}“”‘’\"']")
_HAN1 = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"\p{Han}+")
_CHUNK_SPLIT = regex.compile(r"[*＊_＿□\n。！？；]+")


@lru_cache(maxsize=4096)
def _compile(pattern: str):
    """``regex.compile`` memoised by pattern text (candidate regexes recur across groups)."""
    return regex.compile(pattern)


@lru_cache(maxsize=1)
def masked_lexicon() -> tuple[tuple[str, float], ...]:
    out = []
    for line in load_lines("lexicon/cleaner/masked_words.txt"):
        parts = line.split()
        out.append((parts[0], float(parts[1]) if len(parts) > 1 else 5.0))
    return tuple(out)


def find_mask_groups(text: str) -> list[list[tuple[int, int]]]:
    """Mask runs in prose, grouped when 1–2 Han characters separate them (``*支*`` is one group)."""
    runs = []
    for m in _RUN.finditer(text):
        s, e = m.span()
        left = text[s - 1] if s else ""
        right = text[e] if e < len(text) else ""
        if (left.isdigit() or right.isdigit() or (left.isascii() and left.isalpha())
                or (right.isascii() and right.isalpha())):
            continue  # 20**, xx**: placeholders, not masks
        if not (_HANQ.match(left or " ") or _HANQ.match(right or " ")):
            continue
        runs.append((s, e))
    groups: list[list[tuple[int, int]]] = []
    for r in runs:
        if groups:
            ps, pe = groups[-1][-1]
            gap = text[pe:r[0]]
            if 0 < len(gap) <= 2 and _HAN_RUN.fullmatch(gap):
                groups[-1].append(r)
                continue
        groups.append([r])
    return groups


def _context(text: str, s: int, e: int, width: int = 8) -> tuple[str, str]:
    left = text[max(0, s - width):s]
    m = None
    for m in _STOP.finditer(left):
        pass
    if m:
        left = left[m.end():]
    right = text[e:e + width]
    m = _STOP.search(right)
    if m:
        right = right[:m.start()]
    return left, right


class MaskRestorer:
    """Scores fills for mask groups.  ``fit`` builds the sentence index and the LM from unmasked text."""

    def __init__(self, threshold: float = 0.8, unknown_margin: float = 2.5, context_bonus: float = 1.5, no_context_penalty: float = 3.0,
                 word_weight: float = 1.0, lm_weight: float = 0.5, length_bonus: float = 3.0,
                 run_length_penalty: float = 0.8, max_fill: int = 4):
        self.length_bonus = length_bonus
        self.no_context_penalty = no_context_penalty
        self.run_length_penalty = run_length_penalty
        self.threshold = threshold
        self.unknown_margin = unknown_margin
        self.word_weight = word_weight
        self.lm_weight = lm_weight
        self.context_bonus = context_bonus
        self.max_fill = max_fill
        self.lm = None
        self.sentences_: list[str] = []
        self.index_: dict[str, list[int]] = {}

    # ---- fitting -------------------------------------------------------------------------------------
    def fit(self, texts: Iterable[str], lm=None) -> "MaskRestorer":
        self.lm = lm
        seen: set[str] = set()
        sents: list[str] = []
        index: dict[str, list[int]] = defaultdict(list)
        for text in texts:
            for sent in _SENT_SPLIT.split(text):
                sent = sent.strip()
                if len(sent) < 6 or sent in seen or any(c in sent for c in _MASKCH):
                    continue
                seen.add(sent)
                sid = len(sents)
                sents.append(sent)
                for i in range(0, len(sent) - 3, 2):
                    lst = index[sent[i:i + 4]]
                    if len(lst) < 40:
                        lst.append(sid)
        self.sentences_ = sents
        self.index_ = dict(index)
        return self

    # ---- candidates ----------------------------------------------------------------------------------
    def _group_regex(self, text: str, group, fill_class: str) -> str:
        parts = []
        for k, (s, e) in enumerate(group):
            if k:
                parts.append(regex.escape(text[group[k - 1][1]:s]))
            n = max(self.max_fill, e - s) if text[s] in "*＊" else 2
            parts.append(f"({fill_class}{{1,{n}}}?)")
        return "".join(parts)

    def _copies(self, text: str, group, left: str, right: str) -> Counter:
        if not self.sentences_ or len(left) + len(right) < 4:
            return Counter()
        s0, e0 = group[0][0], group[-1][1]
        window = text[max(0, s0 - 24):e0 + 24]
        chunks = [c for c in _CHUNK_SPLIT.split(window) if len(c) >= 4]
        votes: Counter = Counter()
        for c in chunks:
            for i in range(len(c) - 3):
                for sid in self.index_.get(c[i:i + 4], ()):
                    votes[sid] += 1
        if not votes:
            return Counter()
        cands = [sid for sid, v in votes.most_common(12) if v >= 2]
        body = self._group_regex(text, group, r"[\p{Han}]")
        for k in (6, 4, 3, 2):
            lk, rk = left[-k:], right[:k]
            if len(lk) + len(rk) < 4 and k > 2:
                continue
            rx = _compile(regex.escape(lk) + body + regex.escape(rk))
            found: Counter = Counter()
            for sid in cands:
                for m in rx.finditer(self.sentences_[sid]):
                    found[m.groups()] += 1
            if found:
                return Counter({f: c * (1.0 if k >= 4 else 0.6) for f, c in found.items()})
        return Counter()

    def _lexicon(self, text: str, group, left: str, right: str) -> dict[tuple, tuple[float, int]]:
        body = self._group_regex(text, group, ".")
        lsuf = "|".join(regex.escape(left[-i:]) for i in range(min(4, len(left)), 0, -1))
        rpre = "|".join(regex.escape(right[:i]) for i in range(min(4, len(right)), 0, -1))
        rx = _compile((f"(?:{lsuf})?" if lsuf else "") + body + (f"(?:{rpre})?" if rpre else ""))
        out: dict[tuple, tuple[float, int]] = {}
        for word, w in masked_lexicon():
            m = rx.fullmatch(word)
            if not m:
                continue
            fills = m.groups()
            overlap = len(word) - sum(map(len, fills))
            if len(group) == 1 and overlap == 0 and len(word) > 1:
                overlap = 0
            prev = out.get(fills)
            if prev is None or (w, overlap) > prev:
                out[fills] = (w, overlap)
        return out

    def _lm_fills(self, group, left: str, right: str) -> list[tuple]:
        if self.lm is None or not self.lm.fitted or len(group) != 1 or len(left) < 2 or not right:
            return []
        out = []
        c3 = self.lm.c3
        for x in self.lm.followers(left[-2:])[:30]:
            if not _HAN1.match(x):
                continue
            if c3.get(left[-1] + x + right[0], 0):
                out.append((x,))
            for y in self.lm.followers(left[-1] + x)[:15]:
                if _HAN1.match(y) and c3.get(x + y + right[0], 0):
                    out.append((x + y,))
        return out

    # ---- scoring -------------------------------------------------------------------------------------
    def score_group(self, text: str, group) -> tuple[str, float, list]:
        """Return (restored group text, confidence, ranked candidates [[fills, p], …])."""
        s0, e0 = group[0][0], group[-1][1]
        left, right = _context(text, s0, e0)

        def fill_text(fills):
            parts = []
            for k, (s, e) in enumerate(group):
                if k:
                    parts.append(text[group[k - 1][1]:s])
                parts.append(fills[k])
            return "".join(parts)

        copies = self._copies(text, group, left, right)
        if copies:
            total = sum(copies.values())
            ranked = sorted(copies.items(), key=lambda kv: (-kv[1], kv[0]))
            best, c = ranked[0]
            agree = c / total
            strength = 0.97 if c >= 1.0 else 0.85
            cands = [["".join(f) if len(f) == 1 else list(f), round(v / total, 3)] for f, v in ranked[:5]]
            return fill_text(best), round(strength * agree, 4), cands

        lex = self._lexicon(text, group, left, right)
        scored: dict[tuple, float] = {}
        for fills, (w, overlap) in lex.items():
            scored[fills] = math.log(w) + self.context_bonus * overlap
            if overlap == 0 and sum(map(len, fills)) > 1:
                scored[fills] -= self.no_context_penalty  # a whole word dropped in with no visible support
        for fills in self._lm_fills(group, left, right):
            scored.setdefault(fills, 0.0)
        if not scored:
            return "", 0.0, []
        # word-level plausibility of the filled window (jieba dictionary; always available)
        lc, rc = left[-3:], right[:3]
        runs = [e - s for s, e in group]
        long_runs = any(r >= 2 for r in runs)
        filled = {fills: fill_text(fills) for fills in scored}
        ww, lb, rlp = self.word_weight, self.length_bonus, self.run_length_penalty
        for fills, ftext in filled.items():
            # per-character bonus: a longer fill adds words, which a unigram model always penalises
            win = lc + ftext + rc
            # per-character log-probability (a unigram model always penalises longer fills), scaled
            v = scored[fills] + ww * lb * word_logprob(win) / len(win)
            # a run of several stars rarely hides a single character (weak prior: lengths are unreliable)
            scored[fills] = v - rlp * (sum(abs(r - len(f)) for r, f in zip(runs, fills) if r >= 2) if long_runs else 0)
        if self.lm is not None and self.lm.fitted:
            lc2, rc2 = lc[-2:], rc[:2]
            logprob, lw, st = self.lm.logprob, self.lm_weight, len(lc[-2:])
            for fills, ftext in filled.items():
                scored[fills] += lw * logprob(lc2 + ftext + rc2, start=st)
        # the "something else" alternative: a fixed margin below the best candidate
        top = max(scored.values())
        unknown = top - self.unknown_margin
        m = max(top, unknown)
        exp = math.exp
        z = math.log(sum([exp(v - m) for v in scored.values()]) + exp(unknown - m)) + m
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        cands = [["".join(f) if len(f) == 1 else list(f), round(math.exp(v - z), 3)] for f, v in ranked[:5]]
        best, v = ranked[0]
        conf = math.exp(v - z)
        # Without a copy of the sentence, a long star run filled by far fewer characters is a guess
        # (``贯彻******总**`` is not ``党总支``): never confident enough to restore.
        if any(r >= 3 and len(f) * 3 <= r for r, f in zip(runs, best)):
            conf = min(conf, 0.5)
        return fill_text(best), round(conf, 4), cands

    def changes(self, text: str) -> list[Change]:
        out = []
        for group in find_mask_groups(text):
            restored, conf, cands = self.score_group(text, group)
            s0, e0 = group[0][0], group[-1][1]
            if restored and conf >= self.threshold:
                out.append(Change(s0, e0, restored, conf,
                                  json.dumps({"candidates": cands}, ensure_ascii=False)))
            else:
                for k, (s, e) in enumerate(group):
                    detail = {"candidates": [[c[0][k] if isinstance(c[0], list) else c[0], c[1]] for c in cands],
                              "group": text[s0:e0]}
                    out.append(Change(s, e, MASK_MARKER, round(1.0 - conf, 4) if cands else 1.0,
                                      json.dumps(detail, ensure_ascii=False)))
        return out
