"""Pairwise precision / recall / F1 of the deduplicator against the hand-made gold groups, with a plain
datasketch baseline (per-shingle ``update``, default ``MinHashLSH(threshold=0.7)``, no verification) on the same
reports in the same run."""
from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pandas as pd

from .._data import data_path
from ..cleaner.edits import EDIT_COLUMNS
from ..dedup import Deduplicator, normalize

__all__ = ["evaluate", "format_report", "load_gold", "seed_reports", "baseline_clusters", "find_page"]


def load_gold(gold_dir: Path) -> list[dict]:
    path = Path(gold_dir) / "groups.jsonl"
    if not path.exists():
        path = Path(gold_dir) / "dedup" / "groups.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def find_page(gold_dir: Path, seed: str) -> Path:
    """The seed page ``seed`` (a file name): beside the gold, or in the bundled sample corpus."""
    for cand in (Path(gold_dir) / "pages" / seed, Path(gold_dir).parent.parent / "sample" / seed,
                 data_path("sample", seed)):
        if cand.exists():
            return cand
    raise FileNotFoundError(seed)


def _split(text: str, source: str) -> list:
    from .. import splitter

    try:
        return list(splitter.split_page(text, source=source))
    except TypeError:
        return list(splitter.split_page(text))


def _get(r, name, default=None):
    return r.get(name, default) if isinstance(r, dict) else getattr(r, name, default)


def seed_reports(gold_dir: Path, seeds: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split and clean the seed pages the way the pipeline does: (reports, cleaner edits)."""
    from ..splitter import report_id

    rows = []
    for seed in seeds:
        page = find_page(gold_dir, seed)
        text = page.read_text(encoding="utf-8")
        for r in _split(text, str(page)):
            raw = _get(r, "raw_text")
            pi = int(_get(r, "page_index"))
            rows.append({"report_id": _get(r, "report_id") or report_id(str(page), pi, raw), "source": seed,
                         "page_index": pi, "title": _get(r, "title", "") or "", "raw_text": raw, "text": raw})
    reports = pd.DataFrame(rows)
    edits = pd.DataFrame(columns=EDIT_COLUMNS)
    try:
        from ..cleaner import Cleaner

        cleaned, edits = Cleaner().fit(reports["raw_text"].tolist()).clean_frame(reports)
        reports = cleaned
    except Exception:  # cleaner not ready: deduplicate the raw slices
        pass
    return reports, edits


def match_gold(gold: list[dict], reports: pd.DataFrame, head: int = 300) -> dict[int, str]:
    """Gold entry index → report_id, one to one (seed + body prefix, ties by title then page order)."""
    heads = {rid: normalize(raw)[:head] for rid, raw in zip(reports["report_id"], reports["raw_text"])}
    taken: set[str] = set()
    out: dict[int, str] = {}
    order = sorted(range(len(gold)), key=lambda k: (gold[k]["seed"], k))
    for pass_ in (0, 1):
        for k in order:
            if k in out:
                continue
            g = gold[k]
            pre = normalize(g["body_prefix"])
            cands = reports[(reports["source"] == g["seed"]) & ~reports["report_id"].isin(taken)]
            cands = [r for r in cands.itertuples() if pre in heads[r.report_id]]
            if pass_ == 0:
                # the gold has the title as it stands on the page
                cands = [r for r in cands
                         if normalize(getattr(r, "raw_title", r.title)) == normalize(g.get("title", ""))
                         and heads[r.report_id].find(pre) <= 20]
                if len(cands) != 1:
                    continue
            if cands:
                cands.sort(key=lambda r: (heads[r.report_id].find(pre) > 20, r.page_index))
                out[k] = cands[0].report_id
                taken.add(cands[0].report_id)
    return out


def _pairs(labels: dict[str, object]) -> set[tuple[str, str]]:
    by: dict[object, list[str]] = {}
    for rid, lab in labels.items():
        by.setdefault(lab, []).append(rid)
    return {tuple(sorted(p)) for g in by.values() for p in itertools.combinations(g, 2)}


def _prf(pred: set, gold: set) -> dict:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted_pairs": len(pred), "gold_pairs": len(gold)}


def baseline_clusters(texts: list[str], ids: list[str], num_perm: int = 128) -> dict[str, int]:
    """Plain datasketch: char 5-grams of the text without whitespace, ``MinHash.update`` per shingle,
    ``MinHashLSH(threshold=0.7)`` with its default weights, clusters = connected candidates."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.7, num_perm=num_perm)
    mhs = []
    for rid, t in zip(ids, texts):
        s = "".join(t.split())
        m = MinHash(num_perm=num_perm)
        for i in range(max(1, len(s) - 4)):
            m.update(s[i:i + 5].encode("utf-8"))
        mhs.append(m)
        lsh.insert(rid, m)
    parent = {rid: rid for rid in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rid, m in zip(ids, mhs):
        for other in lsh.query(m):
            a, b = find(rid), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {rid: find(rid) for rid in ids}


def evaluate(gold_dir: Path) -> dict:
    gold_dir = Path(gold_dir)
    gold = load_gold(gold_dir)
    seeds = sorted({g["seed"] for g in gold})
    reports, edits = seed_reports(gold_dir, seeds)
    t0 = time.perf_counter()
    res = Deduplicator(n_jobs=1).fit_transform(reports, edits)
    t_ours = time.perf_counter() - t0
    match = match_gold(gold, reports)
    matched = set(match.values())
    gold_pairs = _pairs({match[k]: gold[k]["group"] for k in match})
    ours = dict(zip(res.reports["report_id"], res.reports["cluster_id"]))
    ours_pairs = _pairs({rid: c for rid, c in ours.items() if rid in matched})
    t0 = time.perf_counter()
    base = baseline_clusters(reports["text"].tolist(), reports["report_id"].tolist())
    t_base = time.perf_counter() - t0
    base_pairs = _pairs({rid: c for rid, c in base.items() if rid in matched})
    byid = reports.set_index("report_id")
    def show(pairs):
        return [f"{byid.loc[a, 'source'][:3]}:{byid.loc[a, 'title'][:14]} ~ {byid.loc[b, 'source'][:3]}:"
                f"{byid.loc[b, 'title'][:14]}" for a, b in sorted(pairs)]
    return {
        "reports": len(reports), "gold_entries": len(gold), "matched": len(match),
        "unmatched_gold": [f"{gold[k]['seed'][:3]}:{gold[k]['body_prefix']}" for k in range(len(gold))
                           if k not in match],
        "ours": _prf(ours_pairs, gold_pairs), "baseline": _prf(base_pairs, gold_pairs),
        "ours_false_pairs": show(ours_pairs - gold_pairs), "ours_missed_pairs": show(gold_pairs - ours_pairs),
        "baseline_false_pairs": show(base_pairs - gold_pairs),
        "baseline_missed_pairs": show(gold_pairs - base_pairs),
        "lsh": res.stats["lsh"], "edits": res.edits["rule"].value_counts().to_dict() if len(res.edits) else {},
        "seconds": {"ours": round(t_ours, 3), "baseline": round(t_base, 3)},
    }


def format_report(result: dict) -> str:
    lines = ["Dedup (pairwise, gold groups over the seeds)",
             f"reports {result['reports']}, gold entries {result['gold_entries']}, matched {result['matched']}",
             f"{'system':<34}{'precision':>10}{'recall':>8}{'F1':>8}{'tp':>5}{'pred':>6}{'gold':>6}"]
    for name, key in (("corpus_tools.dedup", "ours"), ("datasketch baseline (update, LSH 0.7)", "baseline")):
        m = result[key]
        lines.append(f"{name:<34}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['tp']:>5}"
                     f"{m['predicted_pairs']:>6}{m['gold_pairs']:>6}")
    lsh = result["lsh"]
    lines.append(f"LSH: {lsh['bands']} bands x {lsh['rows']} rows; P(candidate | J=threshold) = "
                 f"{lsh['p_candidate_at_threshold']}")
    for k in ("ours_false_pairs", "ours_missed_pairs", "baseline_false_pairs", "baseline_missed_pairs"):
        if result[k]:
            lines.append(f"{k}: " + "; ".join(result[k][:6]))
    if result["unmatched_gold"]:
        lines.append("gold entries not found in the splitter output: " + "; ".join(result["unmatched_gold"]))
    if result["edits"]:
        lines.append("edits: " + ", ".join(f"{k}={v}" for k, v in result["edits"].items()))
    return "\n".join(lines)


if __name__ == "__main__":  # python -m corpus_tools.evaluation.dedup
    print(format_report(evaluate(data_path("gold", "dedup"))))
