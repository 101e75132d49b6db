"""Repeated blocks inside one report (a page that pasted the same paragraphs twice).

Choice of offsets: detection works on ``raw_text`` lines directly, so the recorded edits carry exact raw
offsets without relying on how the cleaner composes its own edits.  The same content is then removed from the
cleaned ``text`` by locating its normalised form there (later occurrence, line-snapped); a block that cannot
be located in ``text`` is left alone and not recorded, so edits and text never disagree.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import regex

from .minhash import fmix64
from .normalize import normalize, normalize_with_map

__all__ = ["RepeatedBlock", "find_repeated_blocks", "remove_repeated_blocks"]

_P = np.uint64(0x100000001B3)


@dataclass
class RepeatedBlock:
    start: int          # offsets into the text that was scanned
    end: int
    first_start: int    # where the kept (first) copy starts and ends
    first_end: int


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def _kgram_hashes(norm: str, k: int) -> np.ndarray:
    u = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    m = u.size - k + 1
    with np.errstate(over="ignore"):
        h = u[:m].copy()
        for j in range(1, k):
            h = h * _P + u[j:j + m]
    return fmix64(h)


_QUICK = regex.compile(r"[^\p{L}\p{N}]+")


def _has_repeated_line(text: str, min_line: int) -> bool:
    # cheap pre-filter (no NFKC/OpenCC): a repeated block repeats at least one line
    seen = set()
    for line in text.splitlines():
        n = _QUICK.sub("", line)
        if len(n) >= min_line:
            if n in seen:
                return True
            seen.add(n)
    return False


def find_repeated_blocks(text: str, min_chars: int = 60, k: int = 16, max_gap: int = 24,
                         min_coverage: float = 0.8) -> list[RepeatedBlock]:
    """Later copies of paragraphs that already appeared earlier in ``text``, as whole-line spans.

    A normalised character is "repeated" when a ``k``-gram covering it occurred earlier (without overlap);
    runs of repeated characters closer than ``max_gap`` merge, runs of at least ``min_chars`` normalised
    characters become blocks, and a block is snapped to the lines it covers to >= ``min_coverage``.

    ``一、学习\\n甲乙丙…（60+ chars）\\n一、学习\\n甲乙丙…`` → one block: the second heading + paragraph.
    """
    if len(text) < 2 * min_chars or not _has_repeated_line(text, max(12, min_chars // 4)):
        return []
    norm, idx = normalize_with_map(text)
    if len(norm) < 2 * min_chars:
        return []
    h = _kgram_hashes(norm, k)
    _, first = np.unique(h, return_index=True)
    inv = np.searchsorted(np.unique(h), h)
    first_pos = first[inv]
    rep = first_pos + k <= np.arange(h.size)          # seen earlier, not overlapping itself
    covered = np.zeros(len(norm), dtype=bool)
    src = np.full(len(norm), -1, dtype=np.int64)
    for j in np.flatnonzero(rep):
        covered[j:j + k] = True
        if src[j] < 0:
            src[j] = first_pos[j]
    # runs of covered normalised chars, merging small gaps
    runs: list[list[int]] = []
    j, n = 0, len(norm)
    while j < n:
        if covered[j]:
            a = j
            while j < n and covered[j]:
                j += 1
            if runs and a - runs[-1][1] <= max_gap:
                runs[-1][1] = j
            else:
                runs.append([a, j])
        else:
            j += 1
    runs = [r for r in runs if r[1] - r[0] >= min_chars]
    if not runs:
        return []
    # snap to lines: per line, share of its normalised chars inside a run
    lines = _line_spans(text)
    line_of = np.searchsorted([s for s, _ in lines], np.asarray(idx), side="right") - 1
    in_run = np.zeros(len(norm), dtype=bool)
    for a, b in runs:
        in_run[a:b] = True
    tot = np.bincount(line_of, minlength=len(lines))
    cov = np.bincount(line_of, weights=in_run.astype(float), minlength=len(lines))
    take = [(tot[i] > 0 and cov[i] / tot[i] >= min_coverage) for i in range(len(lines))]
    # blank lines between taken lines go with them
    for i in range(1, len(lines) - 1):
        if tot[i] == 0 and take[i - 1]:
            nxt = next((x for x in range(i + 1, len(lines)) if tot[x] > 0), None)
            if nxt is not None and take[nxt]:
                take[i] = True
    blocks: list[RepeatedBlock] = []
    i = 0
    while i < len(lines):
        if take[i]:
            a = i
            while i < len(lines) and take[i]:
                i += 1
            s, e = lines[a][0], lines[i - 1][1]
            nchars = int(tot[a:i].sum())
            if nchars >= min_chars:
                # where the kept copy is: source positions of the block's repeated k-grams
                js = [j for j in range(len(norm)) if s <= idx[j] < e and src[j] >= 0]
                fs = idx[int(min(src[js]))] if js else s
                fe = idx[min(int(max(src[js])) + k - 1, len(idx) - 1)] + 1 if js else e
                if fe <= s:  # the kept copy must lie before the removed one
                    blocks.append(RepeatedBlock(s, e, fs, fe))
        else:
            i += 1
    return blocks


def _locate_later(text: str, block_norm: str, before: int | None = None) -> tuple[int, int] | None:
    """Offsets in ``text`` of the last occurrence of ``block_norm`` (normalised) if it occurs at least twice,
    snapped to whole lines."""
    norm, idx = normalize_with_map(text)
    last = norm.rfind(block_norm)
    head = block_norm[:30]
    if last < 0 or not block_norm or norm.find(head) >= last:  # the kept copy must come first
        return None
    s, e = idx[last], idx[last + len(block_norm) - 1] + 1
    s = text.rfind("\n", 0, s) + 1 if text[text.rfind("\n", 0, s) + 1:s].strip() == "" else s
    nl = text.find("\n", e)
    if nl >= 0 and normalize(text[e:nl]) == "":
        e = nl + 1
    elif nl < 0 and normalize(text[e:]) == "":
        e = len(text)
    return s, e


def remove_repeated_blocks(report_id: str, raw_text: str, text: str, **kw) -> tuple[str, list[dict]]:
    """Remove later copies of repeated blocks; return the new ``text`` and one ``repeated_block`` edit per
    removed block (offsets into ``raw_text``, ``after`` empty, ``detail`` names the kept copy)."""
    blocks = find_repeated_blocks(raw_text, **kw)
    edits: list[dict] = []
    for blk in reversed(blocks):
        before = raw_text[blk.start:blk.end]
        bn = normalize(before)
        loc = (blk.start, blk.end) if text == raw_text else _locate_later(text, bn)
        if loc is None:
            continue
        text = text[:loc[0]] + text[loc[1]:]
        edits.append({
            "report_id": report_id, "rule": "repeated_block", "start": blk.start, "end": blk.end,
            "before": before, "after": "", "confidence": 1.0,
            "detail": json.dumps({"kept_copy": [blk.first_start, blk.first_end], "chars": len(bn)},
                                 ensure_ascii=False),
        })
    edits.reverse()
    return text, edits
