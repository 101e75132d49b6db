"""Splitter evaluation: report boundaries (precision/recall/F1) and titles against ``data/gold/splitter.jsonl``.

A predicted report matches a gold report of the same page when its ``raw_text`` (leading whitespace removed)
starts with the gold ``starts_with`` text, so a report that swallowed leading chrome counts as an error.
"""
from __future__ import annotations

import json
from pathlib import Path

from .._data import data_path
from ..reader import iter_pages
from ..splitter import split_page


def evaluate(gold_dir: Path) -> dict:
    rows = [json.loads(line) for line in (Path(gold_dir) / "splitter.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    tp = fp = fn = title_ok = 0
    per_page = []
    for row in rows:
        (page,) = list(iter_pages(data_path("sample", row["page"])))
        pred = split_page(page.text)
        gold = row["reports"]
        matched_gold = set()
        page_tp = 0
        for p in pred:
            body = p.raw_text.lstrip()
            hit = next((i for i, g in enumerate(gold) if i not in matched_gold and body.startswith(g["starts_with"])), None)
            if hit is None:
                fp += 1
                continue
            matched_gold.add(hit)
            page_tp += 1
            title_ok += p.title == gold[hit]["title"]
        tp += page_tp
        fn += len(gold) - len(matched_gold)
        per_page.append({"page": row["page"], "gold": len(gold), "predicted": len(pred), "matched": page_tp})
    synthetic = _synthetic(rows)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "title_accuracy": title_ok / tp if tp else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "pages": per_page, "synthetic": synthetic}


def _synthetic(rows: list[dict], n_pages: int = 300, seed: int = 7) -> dict:
    """Pages re-assembled from the gold reports with other separator families, chrome and encodings-free text.

    Each page gets 1–5 gold report bodies (cut from the seed at the gold boundaries) behind a random separator
    family; the splitter must find exactly those bodies again.
    """
    import random

    bodies = []
    for row in rows:
        (page,) = list(iter_pages(data_path("sample", row["page"])))
        starts, pos = [], 0
        for g in row["reports"]:  # the same opening can recur on a page: search onwards from the last one
            pos = page.text.find(g["starts_with"], pos)
            starts.append(pos)
            pos += 1
        for i, st in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(page.text)
            lines = page.text[st:end].rstrip().split("\n")
            # drop the next report's separator/title line and trailing chrome: keep up to the last long line
            while lines and len(lines[-1]) < 30:
                lines.pop()
            if lines:
                bodies.append("\n".join(lines))
    rng = random.Random(seed)
    seps = ["第{i}篇 工会工作总结范文", "【篇{c}】", "学校工会工作总结篇{i}", "\n{y}年工会工作计划\n", "-->"]
    tp = fp = fn = 0
    for _ in range(n_pages):
        k = rng.randint(1, 5)
        chosen = [rng.choice(bodies) for _ in range(k)]
        parts = ["你的位置: 范文网 > 工作总结 > 工会工作总结", f"{rng.randint(10, 99)}位用户关注"]
        for i, b in enumerate(chosen, 1):
            parts.append(rng.choice(seps).format(i=i, c="一二三四五"[i - 1], y=2015 + i))
            parts.append(b)
        parts.append("相关推荐")
        pred = split_page("\n".join(parts))
        want = [b[:15] for b in chosen]
        got = [p.raw_text.lstrip()[:15] for p in pred]
        # multiset match in order-insensitive fashion (seed bodies can themselves hold run-together reports)
        remaining = list(got)
        for w in want:
            if w in remaining:
                remaining.remove(w)
                tp += 1
            else:
                fn += 1
        fp += len(remaining)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"pages": n_pages, "precision": prec, "recall": rec, "extra_reports": fp, "missed": fn}


def format_report(res: dict) -> str:
    lines = [f"report boundaries  precision {res['precision']:.3f}  recall {res['recall']:.3f}  F1 {res['f1']:.3f}"
             f"   (tp {res['tp']}, fp {res['fp']}, fn {res['fn']})",
             f"titles             accuracy {res['title_accuracy']:.3f} on matched reports",
             f"{'page':<28}{'gold':>6}{'found':>7}{'matched':>9}"]
    for p in res["pages"]:
        lines.append(f"{p['page']:<28}{p['gold']:>6}{p['predicted']:>7}{p['matched']:>9}")
    s = res["synthetic"]
    lines.append(f"re-assembled pages ({s['pages']}, other separator families + chrome): report starts precision "
                 f"{s['precision']:.3f} recall {s['recall']:.3f} (extra {s['extra_reports']}, missed {s['missed']};"
                 f" extra includes run-together reports inside seed bodies)")
    return "\n".join(lines)
