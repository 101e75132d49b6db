"""``python -m corpus_tools.classifier build`` — refit the shipped model from the hand labels (train part) and
the written training sections, and write data/model/ (deterministic: the same files on every run).

``python -m corpus_tools.classifier cv [--set name=value ...] [--written-weight W]`` — leave-one-family-out
cross-validation on the gold *training* part (each template family held out in turn, the written sections
always on the training side; the test part is never read).  Model choices are made with this, not with the
held-out test figures.
"""
from __future__ import annotations

import argparse
import ast
import sys

import numpy as np

from corpus_tools.classifier.model import (WRITTEN_WEIGHT, FunctionClassifier, gold_frame, load_gold,
                                           training_data)


def family_cv(params: dict, written_weight: float = WRITTEN_WEIGHT) -> dict:
    """Out-of-fold predictions for every gold training section, its family held out; micro/macro-F1."""
    gold = load_gold(split="train")
    names = FunctionClassifier().labels_
    Y = FunctionClassifier()._binarize(gold["labels"].tolist())
    P = np.zeros_like(Y)
    for fam in sorted(gold["family"].unique()):
        held = (gold["family"] == fam).to_numpy()
        frame, labels, groups, weights = training_data(gold[~held], written_weight)
        clf = FunctionClassifier(**params).fit(frame, labels, groups=groups, sample_weight=weights)
        P[held] = clf.predict_matrix(gold_frame(gold[held].reset_index(drop=True)))
    tp, fp, fn = (P & Y).sum(0), (P & (1 - Y)).sum(0), ((1 - P) & Y).sum(0)
    f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(1, 2 * tp + fp + fn), 0.0)
    micro = 2 * tp.sum() / max(1, 2 * tp.sum() + fp.sum() + fn.sum())
    return {"micro_f1": float(micro), "macro_f1": float(f1.mean()), "per_label": dict(zip(names, f1.round(3))),
            "n": len(gold), "families": int(gold["family"].nunique())}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("build", "cv"):
        print(__doc__)
        return 2
    if argv[0] == "build":
        clf = FunctionClassifier.from_gold()
        d = clf.save()
        print(f"model trained on {clf.n_train_} sections, {len(clf.vocabulary_)} features -> {d}")
        return 0
    ap = argparse.ArgumentParser(prog="python -m corpus_tools.classifier cv")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a FunctionClassifier parameter, e.g. --set kw_blend=0.5")
    ap.add_argument("--written-weight", type=float, default=WRITTEN_WEIGHT)
    args = ap.parse_args(argv[1:])
    params = {k: ast.literal_eval(v) for k, v in (s.split("=", 1) for s in args.set)}
    r = family_cv(params, args.written_weight)
    print(f"leave-one-family-out CV on the gold training part ({r['n']} sections, {r['families']} families), "
          f"written weight {args.written_weight}, params {params or 'default'}")
    print(f"  micro-F1 {r['micro_f1']:.3f}  macro-F1 {r['macro_f1']:.3f}")
    print("  " + "  ".join(f"{l} {f:.2f}" for l, f in r["per_label"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
