"""Readable views of a report's edits: plain text for terminals, HTML (``<del>``/``<ins>``) for notebooks."""
from __future__ import annotations

import html
from typing import Iterable

from corpus_tools.cleaner.edits import Edit

__all__ = ["EditsView", "show_edits"]

_COLORS = {"chrome": "#fdd", "corpus_boilerplate": "#fdd", "teaser": "#fdd", "mask": "#ffd"}


def _as_edits(edits) -> list[Edit]:
    if hasattr(edits, "itertuples"):  # an edits DataFrame (possibly for one report)
        if "field" in edits.columns:  # offsets into raw_text only; a title's edits point into raw_title
            edits = edits[edits["field"] == "text"]
        cols = ["rule", "start", "end", "before", "after", "confidence", "detail"]
        rows = edits[[c for c in cols if c in edits.columns]].to_dict("records")
        return [Edit(**{k: (int(v) if k in ("start", "end") else v) for k, v in r.items()}) for r in rows]
    return list(edits)


class EditsView:
    """``print(view)`` gives one line per edit with context; in Jupyter the raw text renders with
    deletions struck through and insertions highlighted (hover shows rule and confidence)."""

    def __init__(self, raw_text: str, edits: Iterable[Edit], context: int = 12):
        self.raw_text = raw_text
        self.edits = sorted(_as_edits(edits), key=lambda e: (e.start, e.end))
        self.context = context

    def __str__(self) -> str:
        t, c = self.raw_text, self.context
        lines = [f"{len(self.edits)} edits"]
        for e in self.edits:
            left = t[max(0, e.start - c):e.start].replace("\n", "⏎")
            right = t[e.end:e.end + c].replace("\n", "⏎")
            conf = "" if e.confidence >= 1.0 else f" ({e.confidence:.2f})"
            lines.append(f"{e.start:>7} {e.rule:<18} …{left}[-{e.before.replace(chr(10), '⏎')}-]"
                         f"{{+{e.after.replace(chr(10), '⏎')}+}}{right}…{conf}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        t, out, last = self.raw_text, [], 0
        for e in self.edits:
            out.append(html.escape(t[last:e.start]))
            tip = html.escape(f"{e.rule} conf={e.confidence:.2f} {e.detail}", quote=True)
            bg = _COLORS.get(e.rule, "#dfd")
            if e.before:
                out.append(f'<del title="{tip}" style="background:#fcc">{html.escape(e.before)}</del>')
            if e.after:
                out.append(f'<ins title="{tip}" style="background:{bg}">{html.escape(e.after)}</ins>')
            last = e.end
        out.append(html.escape(t[last:]))
        return '<pre style="white-space:pre-wrap">' + "".join(out) + "</pre>"


def show_edits(raw_text: str, edits) -> EditsView:
    """A diff of ``raw_text`` and its edits (a list of ``Edit`` or an edits DataFrame for one report)."""
    return EditsView(raw_text, edits)
