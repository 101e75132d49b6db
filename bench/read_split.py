"""Benchmark: reading + splitting a large generated archive.

Prints pages/s and MB/s (uncompressed page bytes) for two archive sizes, each measured in a fresh subprocess so
that its peak resident memory (ru_maxrss) is its own: the peak must not grow with the archive's size, because
readers stream one member at a time.

    python bench/read_split.py [--pages 4000 16000]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(archive: str) -> dict:
    from corpus_tools.reader import iter_pages
    from corpus_tools.splitter import split_page

    t = time.perf_counter()
    pages = reports = nbytes = 0
    for page in iter_pages(archive):
        pages += 1
        if page.ok:
            nbytes += len(page.text.encode("utf-8"))
            reports += len(split_page(page.text))
    dt = time.perf_counter() - t
    return {"pages": pages, "reports": reports, "mb": nbytes / 1e6, "seconds": dt,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, nargs="+", default=[4000, 16000])
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.measure:
        print(json.dumps(measure(a.measure)))
        return
    from generate import generate

    print(f"{'archive':<28}{'pages':>8}{'reports':>9}{'MB':>9}{'pages/s':>10}{'MB/s':>8}{'peak RSS MB':>13}")
    for n in a.pages:
        path = generate(n, ROOT / "bench" / "_work" / f"pages_{n}.zip", seed=n)
        out = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True,
                             check=True)
        r = json.loads(out.stdout)
        print(f"{path.name:<28}{r['pages']:>8}{r['reports']:>9}{r['mb']:>9.1f}{r['pages'] / r['seconds']:>10.0f}"
              f"{r['mb'] / r['seconds']:>8.2f}{r['peak_rss_mb']:>13.0f}")
    print("(one process, one core; peak RSS includes the interpreter, pandas/regex/OpenCC imports)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
