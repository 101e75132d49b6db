"""Cleaner throughput: MB/s per core on a large generated corpus (seed pages shuffled and repeated).

    .venv/bin/python bench/clean.py [--mb 20]

Prints fit time, clean MB/s (fitted cleaner, all rules incl. mask scoring) and the per-rule split.
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from corpus_tools.cleaner import RULE_ORDER, Cleaner

ROOT = Path(__file__).resolve().parent.parent


def corpus(mb: float, seed: int = 0) -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sample").glob("*.txt"))]
    lines = [l for p in pages for l in p.split("\n")]
    rng = random.Random(seed)
    out, size = [], 0
    while size < mb * 1e6:
        k = rng.randint(10, 60)
        i = rng.randrange(len(lines))
        text = "\n".join(lines[i:i + k])  # report-sized slices: every artefact class occurs
        out.append(text)
        size += len(text.encode("utf-8"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    args = ap.parse_args()
    texts = corpus(args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    c = Cleaner().fit(texts)
    fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_edits = sum(len(c.clean(t).edits) for t in texts)
    s = time.perf_counter() - t0
    print(f"corpus {mb:.1f} MB UTF-8, {len(texts)} reports")
    print(f"fit: {fit_s:.1f} s ({mb / fit_s:.2f} MB/s)")
    print(f"clean (all rules, fitted): {s:.1f} s = {mb / s:.2f} MB/s per core, {n_edits} edits")
    sub = texts[: max(1, len(texts) // 5)]
    submb = sum(len(t.encode("utf-8")) for t in sub) / 1e6
    base = None
    for rule in ("none",) + RULE_ORDER:
        cc = Cleaner(disable=[r for r in RULE_ORDER if r != rule] if rule != "none" else RULE_ORDER)
        cc.boilerplate_, cc.lm_, cc.masks_ = c.boilerplate_, c.lm_, c.masks_
        t0 = time.perf_counter()
        for t in sub:
            cc.clean(t)
        dt = time.perf_counter() - t0
        base = dt if base is None else base
        print(f"  only {rule:<20} {submb / dt:8.2f} MB/s  ({dt - base:+.2f} s over no-op on {submb:.1f} MB)")


if __name__ == "__main__":
    main()
