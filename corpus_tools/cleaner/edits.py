"""Edit records and the document that composes successive rule passes into edits on the ORIGINAL text.

Each rule works on the current text and returns changes ``(start, end, after, confidence, detail)`` in
current coordinates.  ``Doc.apply`` maps them back to offsets in the original text; a change that overlaps an
earlier edit is merged with it (the merged edit's rule is ``"a+b"``, or ``"mask"`` when a mask is involved),
so the final edits are sorted, non-overlapping, and applying them to the original gives the clean text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple

__all__ = ["Edit", "CleanResult", "Change", "Doc", "apply_edits"]


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


class _E:
    __slots__ = ("ostart", "oend", "after", "rules", "conf", "detail", "cstart")

    def __init__(self, ostart, oend, after, rules, conf, detail, cstart):
        self.ostart, self.oend, self.after = ostart, oend, after
        self.rules, self.conf, self.detail, self.cstart = rules, conf, detail, cstart


class Doc:
    """The text being cleaned plus the edits so far (in original coordinates)."""

    def __init__(self, original: str):
        self.original = original
        self.text = original
        self._edits: list[_E] = []

    def apply(self, rule: str, changes: list[Change]) -> None:
        changes = [c for c in changes if c.end - c.start or c.after]
        changes = [c for c in changes if self.text[c.start:c.end] != c.after]
        if not changes:
            return
        changes.sort(key=lambda c: (c.start, c.end))
        cur = self.text
        # new current text
        parts, last = [], 0
        for c in changes:
            if c.start < last:
                raise ValueError(f"rule {rule}: overlapping changes at {c.start}")
            parts.append(cur[last:c.start])
            parts.append(c.after)
            last = c.end
        parts.append(cur[last:])
        new_text = "".join(parts)

        # sweep old edits and new changes in current coordinates, clustering overlaps
        olds = self._edits
        items = [(e.cstart, e.cstart + len(e.after), 0, e) for e in olds]
        items += [(c.start, c.end, 1, c) for c in changes]
        items.sort(key=lambda t: (t[0], t[1], t[2]))
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
        out: list[_E] = []
        delta_old = 0  # sum of len(after) - len(before) over old edits before the cluster
        for cl in clusters:
            olds_in = [x[3] for x in cl if x[2] == 0]
            news_in = [x[3] for x in cl if x[2] == 1]
            if not news_in:
                for e in olds_in:
                    out.append(e)
                    delta_old += len(e.after) - (e.oend - e.ostart)
                continue
            u0 = min(x[0] for x in cl)
            u1 = max(x[1] for x in cl)
            d_after = delta_old + sum(len(e.after) - (e.oend - e.ostart) for e in olds_in)
            o0, o1 = u0 - delta_old, u1 - d_after
            # merged after text: current region with the new changes applied
            seg, pos = [], u0
            for c in news_in:
                seg.append(cur[pos:c.start])
                seg.append(c.after)
                pos = c.end
            seg.append(cur[pos:u1])
            after = "".join(seg)
            rules = []
            for e in olds_in:
                rules.extend(e.rules)
            rules.append(rule)
            rules = list(dict.fromkeys(rules))
            conf = min([c.confidence for c in news_in] + [e.conf for e in olds_in])
            detail = next((c.detail for c in news_in if c.detail), "") or next(
                (e.detail for e in olds_in if e.detail), "")
            delta_old = d_after
            if self.original[o0:o1] == after:
                continue  # a later rule undid an earlier one
            out.append(_E(o0, o1, after, rules, conf, detail, 0))
        # recompute current starts
        shift = 0
        for e in out:
            e.cstart = e.ostart + shift
            shift += len(e.after) - (e.oend - e.ostart)
        self._edits = out
        self.text = new_text

    def edits(self) -> list[Edit]:
        res = []
        for e in self._edits:
            rule = "mask" if "mask" in e.rules else "+".join(e.rules)
            res.append(Edit(rule, e.ostart, e.oend, self.original[e.ostart:e.oend], e.after,
                            round(float(e.conf), 4), e.detail))
        return res
