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

from .normalize import MASK_MARKER, normalize

__all__ = ["mask_runs", "mask_context_pattern", "restore_masks"]

_RAW_MASK = regex.compile(r"[*＊]+")


def mask_runs(text: str, use_raw: bool = False) -> list[tuple[int, int]]:
    """Spans of mask-marker runs in ``text`` (or of ``*``/``＊`` runs when ``use_raw``):
    ``学校□支□的`` → [(2, 3), (4, 5)]."""
    pat = _RAW_MASK if use_raw else regex.compile(regex.escape(MASK_MARKER) + "+")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def mask_context_pattern(text: str, run: tuple[int, int], side: int = 10, min_context: int = 6,
                         max_fill: int = 6) -> regex.Pattern | None:
    """A regex for the unmasked form around one mask run: up to ``side`` normalised characters on each side
    (stopping at another mask), one capturing group of 1..``max_fill`` letters for the hidden word.  None when
    the context is too thin to be sure it is the same sentence.

    ``在市教育工会及学校□支□的领导下`` (first run) → ``市教育工会及学校(\\p{L}{1,6}?)支``
    """
    a, b = run
    left = normalize(text[max(0, a - 4 * side):a], keep_masks=True).rsplit(MASK_MARKER, 1)[-1][-side:]
    right = normalize(text[b:b + 4 * side], keep_masks=True).split(MASK_MARKER, 1)[0][:side]
    if len(left) + len(right) < min_context or min(len(left), len(right)) < 1:
        return None
    return regex.compile(regex.escape(left) + r"(\p{L}{1,%d}?)" % max_fill + regex.escape(right))


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
    if use_raw:
        text_m = _RAW_MASK.sub(lambda m: MASK_MARKER * len(m.group()), text)
    else:
        text_m = text
    other_norm = [(rid, normalize(t, keep_masks=True)) for rid, t in others]
    fills: dict[int, tuple[str, float, dict]] = {}
    for i, run in enumerate(runs):
        pat = mask_context_pattern(text_m, run)
        if pat is None:
            continue
        witnesses: list[tuple[str, str]] = []
        for rid, on in other_norm:
            found = {m.group(1) for m in pat.finditer(on)}
            if len(found) == 1:  # the context must point at one place in that copy
                witnesses.append((rid, found.pop()))
        if not witnesses:
            continue
        votes = Counter(g for _, g in witnesses)
        best, n_best = votes.most_common(1)[0]
        if n_best * 2 <= len(witnesses):  # no majority among the copies
            continue
        conf = n_best / len(witnesses) * (0.95 if n_best >= 2 else 0.85)
        srcs = [rid for rid, g in witnesses if g == best]
        fills[i] = (best, conf, {"source_report": srcs[0], "agreeing_copies": srcs,
                                 "copies_matching_context": len(witnesses), "context": pat.pattern[:80]})
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
