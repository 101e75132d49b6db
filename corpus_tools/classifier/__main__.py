"""``python -m corpus_tools.classifier build`` — refit the shipped model from the hand labels (train part) and
the written training sections, and write data/model/ (deterministic: the same files on every run).

``python -m corpus_tools.classifier cv [--set name=value ...] [--written-weight W]`` — leave-one-family-out
cross-validation on the gold *training* part (each template family held out in turn, the written sections
always on the training side; the test part is never read).  Model choices are made with this, not with the
held-out test figures.

``python -m corpus_tools.classifier check`` — the shipped model on the written check sets (SI, SJ, SK in
data/train/check_sections.jsonl: schools, health, enterprises; written and labelled like the training sets,
second annotator blind, never used for training or model choice), per set and per label, with the keyword
functions alone beside it.

``python -m corpus_tools.classifier cv --by-written-set`` — leave-one-written-set-out instead: each set of
written reports (SA … SE, different sectors) is held out in turn and predicted by a model trained on the gold
training part and the other sets; a check that the model carries over to workplaces it has not seen.
"""
from __future__ import annotations

import argparse
import ast
import sys

import numpy as np

from corpus_tools.classifier.metrics import multilabel_prf
from corpus_tools.classifier.model import (CHECK_FILE, WRITTEN_WEIGHT, FunctionClassifier, gold_frame, keyword_baseline,
                                           load_gold, load_written, training_data)


def _f1s(m: dict) -> dict[str, float]:
    return {l: round(v["f1"], 3) for l, v in m["per_label"].items()}


def _held_out(rows, keys, params: dict, training_for) -> np.ndarray:
    """Predictions for ``rows``, each group of equal ``keys`` predicted by a model fitted on
    ``training_for(held)`` (a ``training_data`` tuple without the held-out rows)."""
    P = np.zeros((len(rows), len(FunctionClassifier().labels_)), dtype=np.int8)
    keys = np.asarray(keys)
    for k in sorted(set(keys)):
        held = keys == k
        frame, labels, groups, weights = training_for(held)
        clf = FunctionClassifier(**params).fit(frame, labels, groups=groups, sample_weight=weights)
        P[held] = clf.predict_matrix(gold_frame(rows[held].reset_index(drop=True)))
    return P


def family_cv(params: dict, written_weight: float = WRITTEN_WEIGHT) -> dict:
    """Out-of-fold predictions for every gold training section, its family held out; micro/macro-F1."""
    gold = load_gold(split="train")
    names = FunctionClassifier().labels_
    Y = FunctionClassifier()._binarize(gold["labels"].tolist())
    P = _held_out(gold, gold["family"], params, lambda held: training_data(gold[~held], written_weight))
    m = multilabel_prf(P, Y, names)
    return {"micro_f1": m["micro_f1"], "macro_f1": m["macro_f1"], "per_label": _f1s(m),
            "n": len(gold), "families": int(gold["family"].nunique())}


def written_set_cv(params: dict, written_weight: float = WRITTEN_WEIGHT) -> dict:
    """Each written set (id prefix SA, SB, …) predicted by a model fitted on the gold training part and the
    other written sets; micro/macro-F1 over all written sections and micro-F1 per set."""
    gold = load_gold(split="train")
    written = load_written()
    sets = written["id"].str[:2].to_numpy()
    names = FunctionClassifier().labels_
    Y = FunctionClassifier()._binarize(written["labels"].tolist())
    P = _held_out(written, sets, params, lambda held: training_data(gold, written_weight, exclude=held))
    per_set = {s: round(multilabel_prf(P[sets == s], Y[sets == s], names)["micro_f1"], 3)
               for s in sorted(set(sets))}
    m = multilabel_prf(P, Y, names)
    # the keyword functions alone on the same sections (same tree rule), for comparison
    kw = multilabel_prf(keyword_baseline(gold_frame(written)), Y, names)
    return {"micro_f1": m["micro_f1"], "macro_f1": m["macro_f1"], "per_label": _f1s(m),
            "n": len(written), "families": len(per_set), "per_set": per_set,
            "keywords": (kw["micro_f1"], kw["macro_f1"])}


def check_sets() -> dict:
    """The shipped model (data/model) on the written check sets: micro/macro-F1 overall and per set, per-label
    F1, and the keyword functions alone on the same sections."""
    from corpus_tools._data import data_path

    w = load_written(data_path(*CHECK_FILE))
    clf = FunctionClassifier.load()
    names = clf.labels_
    Y = clf._binarize(w["labels"].tolist())
    frame = gold_frame(w)
    P = clf.predict_matrix(frame)
    sets = w["id"].str[:2]
    m = multilabel_prf(P, Y, names)
    kw = multilabel_prf(keyword_baseline(frame), Y, names)
    per_set = {}
    for s in sorted(sets.unique()):
        held = (sets == s).to_numpy()
        per_set[s] = (round(multilabel_prf(P[held], Y[held], names)["micro_f1"], 3), int(held.sum()))
    return {"micro_f1": m["micro_f1"], "macro_f1": m["macro_f1"], "per_label": _f1s(m), "n": len(w),
            "per_set": per_set, "keywords": (kw["micro_f1"], kw["macro_f1"])}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("build", "cv", "check"):
        print(__doc__)
        return 2
    if argv[0] == "build":
        clf = FunctionClassifier.from_gold()
        d = clf.save()
        print(f"model trained on {clf.n_train_} sections, {len(clf.vocabulary_)} features -> {d}")
        print("thresholds and the out-of-fold F1 of each regime (close values: an unstable choice):")
        print(clf.threshold_report().to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        return 0
    if argv[0] == "check":
        r = check_sets()
        print(f"shipped model on the written check sets ({r['n']} sections, never trained on)")
        print(f"  micro-F1 {r['micro_f1']:.3f}  macro-F1 {r['macro_f1']:.3f}")
        print("  " + "  ".join(f"{l} {f:.2f}" for l, f in r["per_label"].items()))
        print("  micro-F1 per set: " + "  ".join(f"{k} {v:.3f} ({n})" for k, (v, n) in r["per_set"].items()))
        print(f"  keyword functions alone: micro-F1 {r['keywords'][0]:.3f}  macro-F1 {r['keywords'][1]:.3f}")
        return 0
    ap = argparse.ArgumentParser(prog="python -m corpus_tools.classifier cv")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a FunctionClassifier parameter, e.g. --set kw_blend=0.5")
    ap.add_argument("--written-weight", type=float, default=WRITTEN_WEIGHT)
    ap.add_argument("--by-written-set", action="store_true",
                    help="hold out each written set (sector group) instead of each gold template family")
    args = ap.parse_args(argv[1:])
    params = {k: ast.literal_eval(v) for k, v in (s.split("=", 1) for s in args.set)}
    if args.by_written_set:
        r = written_set_cv(params, args.written_weight)
        print(f"leave-one-written-set-out CV ({r['n']} written sections, {r['families']} sets), "
              f"written weight {args.written_weight}, params {params or 'default'}")
    else:
        r = family_cv(params, args.written_weight)
        print(f"leave-one-family-out CV on the gold training part ({r['n']} sections, {r['families']} families), "
              f"written weight {args.written_weight}, params {params or 'default'}")
    print(f"  micro-F1 {r['micro_f1']:.3f}  macro-F1 {r['macro_f1']:.3f}")
    print("  " + "  ".join(f"{l} {f:.2f}" for l, f in r["per_label"].items()))
    if "per_set" in r:
        print("  micro-F1 per held-out set: " + "  ".join(f"{k} {v:.3f}" for k, v in r["per_set"].items()))
        print(f"  keyword functions alone: micro-F1 {r['keywords'][0]:.3f}  macro-F1 {r['keywords'][1]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
