"""Edit records and the document that composes successive rule passes into edits on the ORIGINAL text.

Each rule works on the current text and returns changes ``(start, end, after, confidence, detail)`` in
current coordinates.  ``Doc.apply`` maps them back to offsets in the original text; a change that overlaps an
earlier edit is merged with it (the merged edit's rule is ``"a+b"``, or ``"mask"`` when a mask is involved),
so the final edits are sorted, non-overlapping, and applying them to the original gives the clean text.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import repeat
from operator import itemgetter
from dataclasses import dataclass
from typing import Iterable, NamedTuple

__all__ = ["Edit", "CleanResult", "Change", "Doc", "apply_edits", "EDIT_COLUMNS"]

#: Columns of a run's edits table.  ``field`` says which text the offsets point into: ``"text"`` (the report's
#: ``raw_text``) or ``"title"`` (its ``raw_title``).
EDIT_COLUMNS = ["report_id", "field", "rule", "start", "end", "before", "after", "confidence", "detail"]


@dataclass(frozen=True)
class Edit:
    """One change: ``original[start:end]`` (== ``before``) was replaced by ``after`` by rule ``rule``."""

    rule: str
    start: int
    end: int
    before: str
    after: str
    confidence: float = 1.0
    detail: str = ""


@dataclass
class CleanResult:
    text: str
    edits: list[Edit]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.edits:
            out[e.rule] = out.get(e.rule, 0) + 1
        return out


class Change(NamedTuple):
    start: int
    end: int
    after: str
    confidence: float = 1.0
    detail: str = ""


def apply_edits(original: str, edits: Iterable[Edit]) -> str:
    """Rebuild the clean text from the original and its (non-overlapping) edits."""
    parts, last = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < last:
            raise ValueError(f"overlapping edit at {e.start}")
        parts.append(original[last:e.start])
        parts.append(e.after)
        last = e.end
    parts.append(original[last:])
    return "".join(parts)


# While composing, an edit is a plain tuple ``(ostart, oend, after, rules, conf, detail)`` with offsets in the
# original text: cheap to build (there is one per changed punctuation mark).


_change_key = itemgetter(0, 1)


def _item_key(t):
    return (t[0], t[1], t[2])


def _clusters(items):
    """Group items ``(start, end, kind, obj)`` (sorted) into clusters of overlapping spans.

    Two spans join when they overlap, or when both are empty at the same point (an insertion next to a deletion
    that left nothing behind)."""
    clusters: list[list] = []
    cend, last_zero = -1, False
    for it in items:
        s, e = it[0], it[1]
        if clusters and (s < cend or (s == cend and s == e and last_zero)):
            clusters[-1].append(it)
            if e >= cend:
                cend, last_zero = e, s == e
        else:
            clusters.append([it])
            cend, last_zero = e, s == e
    return clusters


class Doc:
    """The text being cleaned plus the edits so far (in original coordinates).

    Edits are kept sorted with their current-text spans (``_cs``/``_ce``), so a rule pass only looks at the
    edits its changes touch (found by bisection); untouched edits are shifted in bulk.
    """

    def __init__(self, original: str):
        self.original = original
        self.text = original
        self._edits: list[tuple] = []
        self._cs: list[int] = []  # current start of each edit
        self._ce: list[int] = []  # current end of each edit

    def apply(self, rule: str, changes: list[Change]) -> None:
        """Apply one rule pass (changes in current coordinates, non-overlapping) and record it as edits."""
        if not changes:
            return
        changes = sorted(changes, key=_change_key)
        if not self._apply_apart(rule, changes):
            self._apply_merging(rule, changes)

    def _apply_apart(self, rule: str, changes: list[Change]) -> bool:
        """The common cases in one sweep: a change touches no earlier edit, or covers whole earlier edits (a t2s
        run over a removed pinyin annotation); never an insertion at the point of another insertion.
        ``False`` (nothing done) when some change needs the general merge."""
        cur = self.text
        original = self.original
        olds, cs, ce = self._edits, self._cs, self._ce
        n = len(olds)
        parts: list[str] = []
        out: list[tuple] = []
        ncs: list[int] = []
        nce: list[int] = []
        add_part, add_edit, add_cs, add_ce = parts.append, out.append, ncs.append, nce.append
        last = 0     # end of the previous change
        zero = -1    # offset of the previous change when it was an insertion
        p = 0        # next old edit not yet copied to ``out``
        shift = 0    # net length change of the new changes before the current position
        total_delta = len(cur) - len(original)
        # the next old edit's current span, and the offset of current over original text before it
        beyond = len(cur) + 1
        next_start, next_end = (cs[0], ce[0]) if n else (beyond, beyond)
        delta_p = cs[0] - olds[0][0] if n else total_delta
        rules = [rule]
        for s, e, after, conf, detail in changes:
            if not (e - s or after) or cur[s:e] == after:
                continue  # a no-op
            if s < last:
                raise ValueError(f"rule {rule}: overlapping changes at {s}")
            if s < next_end and e <= next_start and s < e:
                # the usual case, in short: between the same old edits as the previous change
                add_part(cur[last:s])
                add_part(after)
                last = e
                zero = -1
                new_start = s + shift
                shift += len(after) - (e - s)
                o0 = s - delta_p
                o1 = e - delta_p
                if original[o0:o1] == after:
                    continue  # a later rule undid an earlier one
                add_edit((o0, o1, after, rules, conf, detail))
                add_cs(new_start)
                add_ce(new_start + len(after))
                continue
            if s == e and s == zero:
                return False  # two insertions at one point: merged
            # old edits ending at or before the change come first (an insertion at ``s`` included) …
            a = b = p if s < next_end else bisect_right(ce, s, p)
            if a < n and cs[a] < e:
                # … then old edits overlapping it, merged into one edit when the change covers them
                if s == e:
                    return False
                b = bisect_left(cs, e, a)
                if cs[a] < s or ce[b - 1] > e:
                    return False
            if a and s == e and cs[a - 1] == s == ce[a - 1]:
                return False  # an insertion at the point of an earlier insertion: merged
            if a > p:
                out.extend(olds[p:a])
                ncs.extend([x + shift for x in cs[p:a]])
                nce.extend([x + shift for x in ce[p:a]])
                p = a
                next_start, next_end = (cs[p], ce[p]) if p < n else (beyond, beyond)
                delta_p = cs[p] - olds[p][0] if p < n else total_delta
            add_part(cur[last:s])
            add_part(after)
            last = e
            zero = s if s == e else -1
            new_start = s + shift
            shift += len(after) - (e - s)
            if a == b:
                o0 = s - delta_p
                o1 = e - delta_p
                if original[o0:o1] == after:
                    continue  # a later rule undid an earlier one
                add_edit((o0, o1, after, rules, conf, detail))
            else:
                covered = olds[a:b]
                d_after = delta_p
                for x in covered:
                    d_after += len(x[2]) - (x[1] - x[0])
                o0, o1 = s - delta_p, e - d_after
                p = b
                next_start, next_end = (cs[p], ce[p]) if p < n else (beyond, beyond)
                delta_p = cs[p] - olds[p][0] if p < n else total_delta
                if original[o0:o1] == after:
                    continue
                merged = []
                for x in covered:
                    merged.extend(x[3])
                merged.append(rule)
                conf = min([conf] + [x[4] for x in covered])
                detail = detail or next((x[5] for x in covered if x[5]), "")
                add_edit((o0, o1, after, list(dict.fromkeys(merged)), conf, detail))
            add_cs(new_start)
            add_ce(new_start + len(after))
        if not parts:
            return True
        parts.append(cur[last:])
        if p < n:
            out.extend(olds[p:])
            ncs.extend([x + shift for x in cs[p:]])
            nce.extend([x + shift for x in ce[p:]])
        self._edits, self._cs, self._ce = out, ncs, nce
        self.text = "".join(parts)
        return True

    def _apply_merging(self, rule: str, changes: list[Change]) -> None:
        """General composition: changes that overlap earlier edits are merged with them."""
        cur = self.text
        changes = [c for c in changes if (c[1] - c[0] or c[2]) and cur[c[0]:c[1]] != c[2]]
        if not changes:
            return
        # new current text
        parts, last = [], 0
        for c in changes:
            if c[0] < last:
                raise ValueError(f"rule {rule}: overlapping changes at {c[0]}")
            parts.append(cur[last:c[0]])
            parts.append(c[2])
            last = c[1]
        parts.append(cur[last:])
        new_text = "".join(parts)

        olds, cs, ce = self._edits, self._cs, self._ce
        n = len(olds)
        # old edits whose current span touches a change (closed intervals): only these can merge with one
        touched: list[int] = []
        if n:
            top = -1
            for c in changes:
                lo = bisect_left(ce, c[0])
                hi = bisect_right(cs, c[1])
                if lo < top:
                    lo = top
                if lo < hi:
                    touched.extend(range(lo, hi))
                    top = hi
        items = [(cs[i], ce[i], 0, i) for i in touched]
        items += [(c[0], c[1], 1, c) for c in changes]
        if touched:
            items.sort(key=_item_key)
        clusters = _clusters(items)

        original = self.original
        out: list[tuple] = []
        ncs: list[int] = []
        nce: list[int] = []
        p = 0        # next old edit not yet copied to ``out``
        shift = 0    # net length change of the new changes before the current position
        total_delta = len(cur) - len(original)
        for cl in clusters:
            if len(cl) == 1:
                s, e, kind, c = cl[0]
                if not kind:
                    continue  # an untouched old edit: copied below
                # the common case: one change, no earlier edit involved
                a = bisect_left(cs, s) if n else 0
                while a < n and cs[a] == s and ce[a] <= e:
                    a += 1
                if a < p:
                    return self._apply_slow(rule, changes, new_text)
                if a > p:
                    out.extend(olds[p:a])
                    ncs.extend([x + shift for x in cs[p:a]])
                    nce.extend([x + shift for x in ce[p:a]])
                    p = a
                delta_old = cs[a] - olds[a][0] if a < n else total_delta
                after = c[2]
                new_start = s + shift
                shift += len(after) - (e - s)
                o0 = s - delta_old
                o1 = e - delta_old
                if original[o0:o1] == after:
                    continue
                out.append((o0, o1, after, [rule], c[3], c[4]))
                ncs.append(new_start)
                nce.append(new_start + len(after))
                continue
            olds_in = [x[3] for x in cl if x[2] == 0]
            news_in = [x[3] for x in cl if x[2] == 1]
            if not news_in:
                continue  # untouched old edits: copied below
            first = cl[0]
            if olds_in:
                a, b = olds_in[0], olds_in[-1] + 1
                if b - a != len(olds_in) or a < p:
                    return self._apply_slow(rule, changes, new_text)
            else:
                # old edits sorting before this cluster: key (cs, ce, 0) < (s, e, 1)
                s, e = first[0], first[1]
                a = bisect_left(cs, s)
                while a < n and cs[a] == s and ce[a] <= e:
                    a += 1
                if a < p:
                    return self._apply_slow(rule, changes, new_text)
                b = a
            if a > p:
                out.extend(olds[p:a])
                ncs.extend([x + shift for x in cs[p:a]])
                nce.extend([x + shift for x in ce[p:a]])
            delta_old = cs[a] - olds[a][0] if a < n else total_delta
            u0 = cl[0][0]
            u1 = max(x[1] for x in cl)
            d_after = delta_old
            for i in range(a, b):
                e_ = olds[i]
                d_after += len(e_[2]) - (e_[1] - e_[0])
            o0, o1 = u0 - delta_old, u1 - d_after
            seg, pos = [], u0
            for c in news_in:
                seg.append(cur[pos:c[0]])
                seg.append(c[2])
                pos = c[1]
            seg.append(cur[pos:u1])
            after = "".join(seg)
            p = b
            new_start = u0 + shift
            shift += len(after) - (u1 - u0)
            if original[o0:o1] == after:
                continue  # a later rule undid an earlier one
            if olds_in:
                rules = []
                for i in range(a, b):
                    rules.extend(olds[i][3])
                rules.append(rule)
                rules = list(dict.fromkeys(rules))
                conf = min([c[3] for c in news_in] + [olds[i][4] for i in range(a, b)])
                detail = next((c[4] for c in news_in if c[4]), "") or next(
                    (olds[i][5] for i in range(a, b) if olds[i][5]), "")
            else:
                rules = [rule]
                conf = min([c[3] for c in news_in])
                detail = next((c[4] for c in news_in if c[4]), "")
            out.append((o0, o1, after, rules, conf, detail))
            ncs.append(new_start)
            nce.append(new_start + len(after))
        if p < n:
            out.extend(olds[p:])
            ncs.extend([x + shift for x in cs[p:]])
            nce.extend([x + shift for x in ce[p:]])
        self._edits, self._cs, self._ce = out, ncs, nce
        self.text = new_text

    def _apply_slow(self, rule: str, changes: list[Change], new_text: str) -> None:
        """Reference composition: sweep every old edit (used when the fast path's assumptions fail)."""
        cur = self.text
        olds = self._edits
        items = [(s, e, 0, x) for s, e, x in zip(self._cs, self._ce, olds)]
        items += [(c[0], c[1], 1, c) for c in changes]
        items.sort(key=_item_key)
        out: list[tuple] = []
        delta_old = 0  # sum of len(after) - len(before) over old edits before the cluster
        for cl in _clusters(items):
            olds_in = [x[3] for x in cl if x[2] == 0]
            news_in = [x[3] for x in cl if x[2] == 1]
            if not news_in:
                for e in olds_in:
                    out.append(e)
                    delta_old += len(e[2]) - (e[1] - e[0])
                continue
            u0 = min(x[0] for x in cl)
            u1 = max(x[1] for x in cl)
            d_after = delta_old + sum(len(e[2]) - (e[1] - e[0]) for e in olds_in)
            o0, o1 = u0 - delta_old, u1 - d_after
            seg, pos = [], u0
            for c in news_in:
                seg.append(cur[pos:c.start])
                seg.append(c.after)
                pos = c.end
            seg.append(cur[pos:u1])
            after = "".join(seg)
            rules = []
            for e in olds_in:
                rules.extend(e[3])
            rules.append(rule)
            rules = list(dict.fromkeys(rules))
            conf = min([c.confidence for c in news_in] + [e[4] for e in olds_in])
            detail = next((c.detail for c in news_in if c.detail), "") or next(
                (e[5] for e in olds_in if e[5]), "")
            delta_old = d_after
            if self.original[o0:o1] == after:
                continue  # a later rule undid an earlier one
            out.append((o0, o1, after, rules, conf, detail))
        cs, ce, shift = [], [], 0
        for e in out:
            s = e[0] + shift
            cs.append(s)
            ce.append(s + len(e[2]))
            shift += len(e[2]) - (e[1] - e[0])
        self._edits, self._cs, self._ce = out, cs, ce
        self.text = new_text

    def edits(self) -> list[Edit]:
        original = self.original
        fields = [{"rule": r[0] if len(r) == 1 else "mask" if "mask" in r else "+".join(r),
                   "start": s, "end": t, "before": original[s:t], "after": after,
                   "confidence": c if c == 1.0 and c.__class__ is float else round(float(c), 4),  # round(1.0) is 1.0
                   "detail": detail}
                  for s, t, after, r, c, detail in self._edits]
        # the same objects as ``Edit(rule, …)``, built without the frozen dataclass's per-field __setattr__
        res = list(map(object.__new__, repeat(Edit, len(fields))))
        list(map(object.__setattr__, res, repeat("__dict__"), fields))
        return res
