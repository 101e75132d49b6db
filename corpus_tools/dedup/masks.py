"""Cross-copy mask restoration: a mask left in the representative is filled from an unmasked copy of the same
sentence in another member of its cluster.

``学校□支□的领导下`` in the representative + ``学校党支部的领导下`` in a copy → ``学校党支部的领导下``, recorded
as a ``mask_from_duplicate`` edit at the cleaner's mask offsets.
"""
from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import regex

from .._data import load_lines
from .normalize import MASK_MARKER, normalize

__all__ = ["mask_runs", "masked_sentence_pattern", "restore_masks"]

_RAW_MASK = regex.compile(r"[*＊]+")


def _sentence_ends() -> str:
    ends = load_lines("lexicon/dedup_sentence_ends.txt")
    return "".join(regex.escape(e) for e in ends)


def mask_runs(text: str, use_raw: bool = False) -> list[tuple[int, int]]:
    """Spans of mask-marker runs in ``text`` (or of ``*``/``＊`` runs when ``use_raw``):
    ``学校□支□的`` → [(2, 3), (4, 5)]."""
    pat = _RAW_MASK if use_raw else regex.compile(regex.escape(MASK_MARKER) + "+")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def masked_sentence_pattern(sentence: str, min_literal: int = 8, min_side: int = 2,
                            max_fill: int = 6) -> regex.Pattern | None:
    """A regex for the unmasked form of a masked sentence: literal normalised text with one capturing group
    of 1..``max_fill`` letters per mask run.  None when the sentence has too little literal context.

    ``学校□支□的领导下，高举旗帜`` → ``学校(\\p{L}{1,6}?)支(\\p{L}{1,6}?)的领导下高举旗帜``
    """
    norm = normalize(sentence, keep_masks=True)
    parts = regex.split("(" + regex.escape(MASK_MARKER) + "+)", norm)
    literal = [p for p in parts if p and not p.startswith(MASK_MARKER)]
    if sum(len(p) for p in literal) < min_literal:
        return None
    out = []
    for i, p in enumerate(parts):
        if p.startswith(MASK_MARKER):
            left = parts[i - 1] if i > 0 else ""
            right = parts[i + 1] if i + 1 < len(parts) else ""
            if len(left) + len(right) < min_side:
                return None
            out.append(r"(\p{L}{1,%d}?)" % max_fill)
        elif p:
            out.append(regex.escape(p))
    return regex.compile("".join(out))


def _marker_edit_map(rid: str, text: str, runs: list[tuple[int, int]], mask_edits: pd.DataFrame,
                     raw_text: str, use_raw: bool) -> list[tuple[int, int] | None]:
    """Raw offsets (start, end) of the cleaner's mask edit behind each marker run, in text order."""
    if use_raw:
        return [(s, e) for s, e in runs] if text == raw_text else [None] * len(runs)
    ed = mask_edits.sort_values("start")
    if len(ed) == sum(e - s for s, e in runs):
        starts = list(zip(ed["start"].astype(int), ed["end"].astype(int)))
        out, k = [], 0
        for s, e in runs:
            a, b = starts[k][0], starts[k + (e - s) - 1][1]
            out.append((a, b))
            k += e - s
        return out
    return [None] * len(runs)


def restore_masks(rep: pd.Series, others: list[tuple[str, str]], mask_edits: pd.DataFrame,
                  min_literal: int = 8) -> tuple[str, list[dict]]:
    """Fill the representative's unresolved masks from the other members' texts.

    ``rep``: a reports row (``report_id``, ``raw_text``, ``text``); ``others``: (report_id, text) of the other
    cluster members; ``mask_edits``: the cleaner's edits of ``rep`` with rule "mask" and after == marker.
    Returns the new text and the ``mask_from_duplicate`` edits.  A fill is taken when the copies that match the
    sentence agree; confidence is the share agreeing, lowered for a single witness.
    """
    text = rep["text"]
    use_raw = MASK_MARKER not in text and mask_edits.empty
    runs = mask_runs(text, use_raw=use_raw)
    if not runs or not others:
        return text, []
    raw_spans = _marker_edit_map(rep["report_id"], text, runs, mask_edits, rep["raw_text"], use_raw)
    ends = _sentence_ends()
    sent_re = regex.compile(r"[^" + ends + r"\n]*[" + ends + r"\n]?")
    other_norm = [(rid, normalize(t, keep_masks=True)) for rid, t in others]
    fills: dict[int, tuple[str, float, dict]] = {}
    for m in sent_re.finditer(text):
        s0, s1 = m.span()
        idxs = [i for i, (a, b) in enumerate(runs) if s0 <= a and b <= s1]
        if not idxs:
            continue
        sentence = text[s0:s1]
        if use_raw:
            sentence = _RAW_MASK.sub(MASK_MARKER, sentence)
        pat = masked_sentence_pattern(sentence, min_literal=min_literal)
        if pat is None:
            continue
        witnesses: list[tuple[str, tuple[str, ...]]] = []
        for rid, on in other_norm:
            mm = pat.search(on)
            if mm and all(MASK_MARKER not in g for g in mm.groups()):
                witnesses.append((rid, mm.groups()))
        if not witnesses:
            continue
        votes = Counter(g for _, g in witnesses)
        best, n_best = votes.most_common(1)[0]
        if n_best * 2 <= len(witnesses):  # no majority among the copies
            continue
        conf = n_best / len(witnesses) * (0.95 if n_best >= 2 else 0.85)
        srcs = [rid for rid, g in witnesses if g == best]
        if len(best) != len(idxs):
            continue
        for i, fill in zip(idxs, best):
            fills[i] = (fill, conf, {"source_report": srcs[0], "agreeing_copies": srcs,
                                     "copies_matching_sentence": len(witnesses),
                                     "sentence": normalize(sentence, keep_masks=True)[:60]})
    edits: list[dict] = []
    for i in sorted(fills, reverse=True):
        span = raw_spans[i]
        if span is None:
            continue
        fill, conf, detail = fills[i]
        a, b = runs[i]
        text = text[:a] + fill + text[b:]
        edits.append({"report_id": rep["report_id"], "rule": "mask_from_duplicate", "start": span[0],
                      "end": span[1], "before": rep["raw_text"][span[0]:span[1]], "after": fill,
                      "confidence": round(conf, 3), "detail": json.dumps(detail, ensure_ascii=False)})
    edits.reverse()
    return text, edits
