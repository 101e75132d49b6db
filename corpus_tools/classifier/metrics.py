"""Multi-label precision / recall / F1, one definition for the CV (``python -m corpus_tools.classifier cv``)
and the held-out evaluation (``corpus-tools evaluate --stage classifier``)."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from corpus_tools.classifier.taxonomy import LABELS


def multilabel_prf(pred: np.ndarray, gold: np.ndarray, labels: Sequence[str] = LABELS) -> dict:
    """Per-label precision/recall/F1/support, micro-F1, macro-F1 and exact-match rate of 0/1 matrices
    (rows = sections, columns = ``labels``).  Macro-F1 averages the labels that have gold support: a label
    absent from the gold says nothing about the model (its false positives still count in micro-F1)."""
    pred, gold = np.asarray(pred, bool), np.asarray(gold, bool)
    per = {}
    for j, l in enumerate(labels):
        tp = int((pred[:, j] & gold[:, j]).sum())
        fp = int((pred[:, j] & ~gold[:, j]).sum())
        fn = int((~pred[:, j] & gold[:, j]).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[l] = {"precision": p, "recall": r, "f1": f, "support": int(gold[:, j].sum())}
    tp = int((pred & gold).sum())
    fp = int((pred & ~gold).sum())
    fn = int((~pred & gold).sum())
    micro = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    present = [l for l in labels if per[l]["support"] > 0]
    macro = float(np.mean([per[l]["f1"] for l in present])) if present else 0.0
    return {"per_label": per, "micro_f1": micro, "macro_f1": macro,
            "exact_match": float((pred == gold).all(axis=1).mean()) if len(gold) else 0.0}
