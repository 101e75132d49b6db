"""Look at one cluster: the representative next to each member, with an HTML diff in notebooks."""
from __future__ import annotations

import difflib
import html
import textwrap

import pandas as pd

__all__ = ["ClusterView", "show_cluster"]


class ClusterView:
    """Side-by-side view of one cluster.  ``str(view)`` is plain text; notebooks render ``_repr_html_``
    (``difflib.HtmlDiff`` of the representative against every other member, line by line)."""

    def __init__(self, cluster_id, members: pd.DataFrame, width: int = 38):
        self.cluster_id = cluster_id
        self.members = members
        self.width = width

    @property
    def representative(self) -> pd.Series:
        return self.members[self.members["is_representative"]].iloc[0]

    def _label(self, row) -> str:
        tag = "REP" if row["is_representative"] else f"sim={row['similarity']:.2f}"
        return f"{row['report_id']} [{tag}] {row.get('title', '')}"

    def __repr__(self) -> str:
        rep = self.representative
        out = [f"cluster {self.cluster_id}: {len(self.members)} report(s)"]
        w = self.width
        for _, row in self.members.iterrows():
            if row["is_representative"]:
                continue
            out.append(f"{self._label(rep)[:w]:<{w}} | {self._label(row)[:w]}")
            left = textwrap.wrap(rep["text"][:400], w)
            right = textwrap.wrap(row["text"][:400], w)
            for k in range(max(len(left), len(right))):
                a = left[k] if k < len(left) else ""
                b = right[k] if k < len(right) else ""
                out.append(f"{a:<{w}} | {b}")
            out.append("")
        if len(self.members) == 1:
            out.append(self._label(rep))
            out.append(rep["text"][:400])
        return "\n".join(out)

    def _repr_html_(self) -> str:
        rep = self.representative
        parts = [f"<h4>cluster {html.escape(str(self.cluster_id))}: {len(self.members)} report(s)</h4>"]
        differ = difflib.HtmlDiff(wrapcolumn=40)
        for _, row in self.members.iterrows():
            if row["is_representative"]:
                continue
            parts.append(differ.make_table(rep["text"].splitlines(), row["text"].splitlines(),
                                           html.escape(self._label(rep)), html.escape(self._label(row)),
                                           context=True, numlines=1))
        if len(self.members) == 1:
            parts.append(f"<pre>{html.escape(rep['text'][:2000])}</pre>")
        return "\n".join(parts)


def show_cluster(result_or_reports, cluster_id, width: int = 38) -> ClusterView:
    """The members of ``cluster_id`` (from a :class:`DedupResult` or its ``reports`` frame), representative
    first, as a :class:`ClusterView` (prints side by side; renders an HTML diff in a notebook)."""
    reports = getattr(result_or_reports, "reports", result_or_reports)
    m = reports[reports["cluster_id"] == cluster_id]
    if m.empty:
        raise KeyError(f"no cluster {cluster_id!r}")
    m = m.sort_values("is_representative", ascending=False)
    return ClusterView(cluster_id, m, width)
