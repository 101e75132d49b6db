"""``corpus-tools evaluate``: print precision/recall/F1 (and the other figures) of every stage on its gold set."""
from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

from ._data import data_path
from .evaluation import STAGES

__all__ = ["evaluate_all"]


def evaluate_all(stages=STAGES, gold_dir: Path | None = None, stream=sys.stdout, as_json: bool = False) -> dict:
    gold = Path(gold_dir) if gold_dir else data_path("gold")
    results = {}
    for stage in stages:
        mod = importlib.import_module(f"corpus_tools.evaluation.{stage}")
        t = time.perf_counter()
        res = mod.evaluate(gold)
        results[stage] = res
        if not as_json:
            print(f"\n=== {stage} ({time.perf_counter() - t:.1f}s) " + "=" * max(0, 60 - len(stage)), file=stream)
            print(mod.format_report(res), file=stream)
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=2, default=str), file=stream)
    return results
