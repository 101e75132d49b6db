"""Throughput of the section parser (issue 5): MB/s per core on a large text generated from the seeds.

    .venv/bin/python bench/sections.py [--mb 20]

The corpus is the four seed pages cut into report-sized pieces (the gold reports plus each whole page),
repeated until it holds ``--mb`` megabytes of UTF-8; every piece is parsed as one report in a single
process (= one core).  Also prints the rate for ``sections_frame`` (DataFrame building included) and
for one giant text parsed in one call.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from corpus_tools._data import data_path
from corpus_tools.evaluation.sections import load_gold
from corpus_tools.sections import SectionParser, sections_frame


def build_corpus(mb: float) -> list[str]:
    pieces = [r["text"] for r in load_gold(data_path("gold"))]
    pieces += [p.read_text(encoding="utf-8") for p in sorted(Path(data_path("sample")).glob("*.txt"))]
    size = sum(len(p.encode("utf-8")) for p in pieces)
    reps = max(1, int(mb * 1e6 / size) + 1)
    return pieces * reps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    args = ap.parse_args()
    texts = build_corpus(args.mb)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    parser = SectionParser()
    parser.parse(texts[0])  # warm up (compiles the patterns)

    t0 = time.process_time()
    n_sections = sum(len(parser.parse(t).sections) for t in texts)
    dt = time.process_time() - t0
    print(f"corpus: {len(texts)} reports, {nbytes / 1e6:.1f} MB UTF-8, {n_sections} sections")
    print(f"parse(), one core:            {nbytes / 1e6 / dt:7.1f} MB/s  ({dt:.2f} s CPU)")

    df = pd.DataFrame({"report_id": [str(i) for i in range(len(texts))], "text": texts})
    t0 = time.process_time()
    out = sections_frame(df, parser=parser)
    dt2 = time.process_time() - t0
    print(f"sections_frame(), one core:   {nbytes / 1e6 / dt2:7.1f} MB/s  ({dt2:.2f} s CPU, {len(out)} rows)")

    giant = "\n".join(texts[: max(1, len(texts) // 4)])
    gb = len(giant.encode("utf-8"))
    t0 = time.process_time()
    parser.parse(giant)
    dt3 = time.process_time() - t0
    print(f"parse() of one {gb / 1e6:.1f} MB text: {gb / 1e6 / dt3:7.1f} MB/s")
    print("target: >= 10 MB/s per core")


if __name__ == "__main__":
    main()
