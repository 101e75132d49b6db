"""Keyword labelling functions generated from the taxonomy's cue words (weak labels + statistics).

For every label two functions are generated:

* ``<label>:heading`` votes +1 when a cue (or a heading-only cue) is in the heading, −1 when the heading
  carries cues of other labels but none of this one (the heading says the section is about something else),
  and abstains otherwise;
* ``<label>:body`` votes +1 when the body and sub-sections hold at least ``min_body_hits`` cue occurrences,
  or when a dedicated item holds one: a sentence or numbered item of at most ``item_max_chars`` characters
  (``2.歌咏比赛`` in a month's plan), where the cue is the item's whole subject rather than a passing mention.

The keyword baseline predicts a label when the heading function votes +1, or when the body function votes +1
and the heading function does not vote −1.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import regex

from corpus_tools.classifier.taxonomy import Taxonomy, load_taxonomy
from corpus_tools.classifier.text import WordMatcher, normalize, trie_pattern


# items: sentences, lines, and numbered items run together on one line (``1,扑克牌比赛 2,办理职工子女保险``)
_ITEM_SPLIT = regex.compile(r"[。;!?\n]+|\s+(?=(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.,,)]|[(][一二三四五六七八九十\d]{1,3}[)])")


def items(text: str) -> list[str]:
    """Sentences and numbered items of normalised text.

    >>> items("1,扑克牌比赛 2,办理职工子女保险")
    ['1,扑克牌比赛', '2,办理职工子女保险']
    """
    return [p.strip() for p in _ITEM_SPLIT.split(text) if p and p.strip()]


class _CueIndex:
    """All labels' cue words in one longest-match scan; a match counts for every label that lists it.

    One scan per text instead of one per label: ``工会组织职工体检和篮球赛`` → welfare 1 (体检), culture_sport 1
    (篮球).  Matches do not overlap (leftmost-longest), so ``女职工特殊权益`` counts women twice and not the
    heading-only rights cue 权益 inside it."""

    def __init__(self, cue_lists: dict[str, list[str]], not_in: dict[str, list[str]] | None = None):
        self.labels = list(cue_lists)
        owners: dict[str, list[int]] = {}
        for j, l in enumerate(self.labels):
            for w in cue_lists[l]:
                if w and j not in owners.setdefault(w, []):
                    owners[w].append(j)
        self.owners = {w: tuple(js) for w, js in owners.items()}
        self._matcher = WordMatcher(owners)
        # phrases that hold a cue of a label without being about it (工会干部培训 is organization, not education):
        # the label's hits are recounted with those phrases blanked out, longest phrase first
        self.not_in = [(j, regex.compile(trie_pattern(not_in[l]))) for j, l in enumerate(self.labels)
                       if not_in and not_in.get(l)]

    def counts(self, text: str) -> list[int]:
        out = [0] * len(self.labels)
        for w in self._matcher.findall(text):
            for j in self.owners[w]:
                out[j] += 1
        for j, phrases in self.not_in:
            if out[j] and phrases.search(text):
                blanked = phrases.sub(lambda m: "#" * len(m.group()), text)
                out[j] = sum(j in self.owners[w] for w in self._matcher.findall(blanked))
        return out


@dataclass
class LabelingFunctions:
    """Weak keyword labellers: ``apply(headings, texts) -> votes`` of shape (n, 2 * n_labels) in {-1, 0, 1}."""

    taxonomy: Taxonomy = field(default_factory=load_taxonomy)
    min_body_hits: int | None = None

    def __post_init__(self):
        self.labels = self.taxonomy.names
        self.min_hits = self.min_body_hits or self.taxonomy.min_body_hits
        not_in = {l.name: list(l.not_in) for l in self.taxonomy.labels}
        self._cue = _CueIndex({l.name: list(l.cues) for l in self.taxonomy.labels}, not_in)
        self._head = _CueIndex({l.name: list(l.cues) + list(l.heading_only) for l in self.taxonomy.labels}, not_in)
        self.names = [f"{l}:{kind}" for l in self.labels for kind in ("heading", "body")]

    # -- counting -------------------------------------------------------------------------------------
    def cue_hits(self, text: str, heading: bool = False) -> dict[str, int]:
        """Number of cue occurrences per label in already-normalised text: ``开展送温暖慰问`` → welfare: 2."""
        return dict(zip(self.labels, self.cue_counts(text, heading)))

    def cue_counts(self, text: str, heading: bool = False) -> list[int]:
        """``cue_hits`` as a list in label order."""
        return (self._head if heading else self._cue).counts(text)

    def item_counts(self, text: str) -> list[int]:
        """Per label, the number of dedicated items (sentences or numbered items of at most
        ``item_max_chars`` characters) of already-normalised text that hold one of its cues:
        ``11月份: 1.第二届教职工羽毛球比赛 2.参加先进"职工之家"评选`` → culture_sport 1, organization 1."""
        return self.body_counts(text)[1]

    def body_counts(self, text: str) -> tuple[list[int], list[int]]:
        """``(cue_counts(text), item_counts(text))`` in one scan: items split only at punctuation and
        whitespace, which no cue contains, so the whole text's hits are the sum of its items' hits."""
        total, dedicated = [0] * len(self.labels), [0] * len(self.labels)
        limit = self.taxonomy.item_max_chars
        for it in items(text):
            for j, k in enumerate(self._cue.counts(it)):
                if k:
                    total[j] += k
                    if len(it) <= limit:
                        dedicated[j] += 1
        return total, dedicated

    def apply(self, headings, texts) -> np.ndarray:
        n, L = len(headings), len(self.labels)
        votes = np.zeros((n, 2 * L), dtype=np.int8)
        for i, (h, t) in enumerate(zip(headings, texts)):
            hh = self.cue_hits(normalize(h or ""), heading=True)
            t = normalize(t or "")
            bh, it = self.body_counts(t)
            any_head = any(hh.values())
            for j, l in enumerate(self.labels):
                if hh[l]:
                    votes[i, 2 * j] = 1
                elif any_head:
                    votes[i, 2 * j] = -1
            votes[i, 1::2] = self.body_votes(np.array(bh), np.array(it))
        return votes

    def body_votes(self, hits: np.ndarray, dedicated: np.ndarray) -> np.ndarray:
        """The body function's +1 votes from cue hits and dedicated-item hits (arrays of any shape): at least
        ``min_body_hits`` hits, or one dedicated item."""
        return (hits >= self.min_hits) | (dedicated > 0)

    @staticmethod
    def combine(head: np.ndarray, body: np.ndarray) -> np.ndarray:
        """The keyword baseline from the two functions' votes: the heading votes +1, or the body votes +1 and
        the heading does not vote −1.  (n, n_labels) 0/1."""
        return ((head == 1) | ((body == 1) & (head != -1))).astype(np.int8)

    def predict(self, headings, texts) -> np.ndarray:
        """Keyword baseline: (n, n_labels) 0/1 matrix."""
        v = self.apply(headings, texts)
        return self.combine(v[:, 0::2], v[:, 1::2])

    def statistics(self, headings, texts, gold: np.ndarray | None = None) -> pd.DataFrame:
        """Per labelling function: coverage (share of sections where it votes), overlap (votes while another
        label's function also votes +1), conflict (votes +1 while the label's other function votes −1), and,
        with gold labels, the accuracy of its votes."""
        v = self.apply(headings, texts)
        n = max(1, len(v))
        pos = v == 1
        rows = []
        for k, name in enumerate(self.names):
            j = k // 2
            other_same = 2 * j + (1 - k % 2)
            voted = v[:, k] != 0
            others_pos = np.delete(pos, [2 * j, 2 * j + 1], axis=1).any(axis=1)
            row = {
                "function": name,
                "coverage": voted.sum() / n,
                "positive": pos[:, k].sum() / n,
                "overlap": (pos[:, k] & others_pos).sum() / n,
                "conflict": ((pos[:, k] & (v[:, other_same] == -1)) | ((v[:, k] == -1) & pos[:, other_same])).sum() / n,
            }
            if gold is not None:
                g = gold[:, j].astype(bool)
                correct = (pos[:, k] & g) | ((v[:, k] == -1) & ~g)
                row["accuracy"] = correct.sum() / voted.sum() if voted.any() else float("nan")
            rows.append(row)
        return pd.DataFrame(rows)
