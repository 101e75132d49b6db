"""Role of a section within its report: overview, work, problems or plans (rules on heading cues)."""
from __future__ import annotations

from corpus_tools.classifier.taxonomy import Taxonomy, load_taxonomy
from corpus_tools.classifier.text import normalize

_CUE_ORDER = ("problems", "plans", "overview")


def heading_role(heading: str, taxonomy: Taxonomy | None = None) -> str | None:
    """Role named by a heading cue, else None: ``二、存在的问题和不足`` → ``problems``;
    ``三、2011年工会工作思路`` → ``plans``; ``一、指导思想:`` → ``overview``; ``(一)组织建设`` → None."""
    tax = taxonomy or load_taxonomy()
    h = normalize(heading or "")
    if not h:
        return None
    for role in _CUE_ORDER:
        pat = tax.role_patterns.get(role)
        if pat is not None and pat.search(h):
            return role
    return None


def assign_roles(headings, parents, levels=None, taxonomy: Taxonomy | None = None) -> list[str]:
    """Roles for sections given their headings and parent row positions (``None`` for a top section).

    A cue in the heading decides; otherwise a section inherits ``problems``/``plans`` from its nearest
    ancestor with such a role (the items under ``二、存在的问题`` are problems); a headless preamble is
    ``overview``; everything else is ``work``.
    """
    tax = taxonomy or load_taxonomy()
    n = len(headings)
    own = [heading_role(h, tax) for h in headings]
    out: list[str] = []
    for i in range(n):
        role = own[i]
        if role is None:
            p, seen = parents[i], 0
            while p is not None and seen < 50:  # guard against malformed cycles
                if own[p] in ("problems", "plans"):
                    role = own[p]
                    break
                p, seen = parents[p], seen + 1
        if role is None:
            headless = not (headings[i] or "").strip()
            top = parents[i] is None and (levels is None or levels[i] == 0)
            role = "overview" if headless and top else "work"
        out.append(role)
    return out
