"""Accuracy of the function classifier on the held-back hand labels (data/gold/labels/sections.jsonl).

The shipped model was fitted on the ``train`` part only; ``test`` holds whole template families that never
appear in training.  The keyword labelling functions alone are scored in the same run as the baseline.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import regex

from corpus_tools.classifier import LABELS, FunctionClassifier, LabelingFunctions, load_gold
from corpus_tools.classifier.metrics import multilabel_prf as _prf
from corpus_tools.classifier.model import _tree, gold_frame, keyword_baseline
from corpus_tools.classifier.roles import assign_roles
from corpus_tools.classifier.text import normalize


def evaluate(gold_dir: Path, model_path: Path | None = None) -> dict:
    gold_dir = Path(gold_dir)
    test = load_gold(split="test", path=gold_dir)
    train = load_gold(split="train", path=gold_dir)
    Y = _binar(test).astype(bool)
    clf = FunctionClassifier.load(model_path)
    frame = gold_frame(test)  # with the section tree: sub-section labels climb to their parents
    model_pred = clf.predict_matrix(frame).astype(bool)
    model = _prf(model_pred, Y)
    lfs = LabelingFunctions()
    kw_pred = keyword_baseline(frame)  # same tree rule as the model
    kw = _prf(kw_pred, Y)
    # two independent annotators, before adjudication: how far apart humans are (the model's ceiling)
    humans = {}
    if {"labels_1", "labels_2"} <= set(test.columns):
        A1, A2 = _binar(test, "labels_1").astype(bool), _binar(test, "labels_2").astype(bool)
        humans = {"a1_vs_a2": _prf(A1, A2), "a1_vs_gold": _prf(A1, Y), "a2_vs_gold": _prf(A2, Y)}
    # roles: heading rules, inherited through the section tree
    pred_roles = assign_roles(test["heading"].tolist(), _tree(frame), test["level"].tolist())
    role_acc = float(np.mean([a == b for a, b in zip(pred_roles, test["role"])]))
    stats = lfs.statistics(pd_list(train, "heading") + pd_list(test, "heading"),
                           pd_list(train, "text") + pd_list(test, "text"),
                           gold=np.vstack([_binar(train), Y.astype(np.int8)]))
    reports = [i.rsplit("-", 1)[0] for i in test["id"]]  # page-report: sections of one report move together
    try:
        in_pipeline = pipeline_check(test, model_pred, Y, gold_dir)
    except FileNotFoundError:  # seed pages not shipped beside this gold: skip the check
        in_pipeline = {}
    return {"in_pipeline": in_pipeline, "n_train": len(train), "n_written": clf.n_train_ - len(train), "n_test": len(test),
            "families_test": sorted(set(test["family"])), "humans": humans,
            "model": model, "keywords": kw, "role_accuracy": role_acc,
            "bootstrap": bootstrap_ci(model_pred, kw_pred, Y, reports),
            "role_support": {k: int(v) for k, v in test["role"].value_counts().items()},
            "lf_stats": stats.to_dict(orient="records")}


# heading numbers (一、 （二） 3. 第四，) and punctuation do not decide whether two headings are the same
_NUMBER = regex.compile(r"^[\s(（]*(?:第?[一二三四五六七八九十\d]{1,3}[、.．,，)）:：]?|[(（][一二三四五六七八九十\d]{1,3}[)）])\s*")


def _heading_key(heading: str) -> str:
    """``（三）不断健全财务制度，提高…`` → ``不断健全财务制度提高…``"""
    return regex.sub(r"[\p{P}\p{S}\s]", "", _NUMBER.sub("", normalize(heading or "")))


def _grams(text: str) -> set[str]:
    t = _heading_key(text)
    return {t[i:i + 4] for i in range(len(t) - 3)}


def match_pipeline_sections(test: pd.DataFrame, sections: pd.DataFrame, min_overlap: float = 0.5) -> list:
    """For each gold section, the row label of the parser section that is the same section: same seed page,
    the same heading (number and punctuation aside; a gold heading cut at the line end matches on its first 12
    characters) and at least ``min_overlap`` Jaccard overlap of character 4-grams of heading + whole text.
    One to one, in gold order; None where no parser section qualifies (headless preambles, a parser section
    cut differently).  ``sections`` needs ``seed_file``, ``heading`` and ``full_text`` columns."""
    keys = [_heading_key(h) for h in sections["heading"]]
    grams = [_grams(h + t) for h, t in zip(sections["heading"], sections["full_text"])]
    by_seed: dict[str, list[int]] = {}
    for pos, seed in enumerate(sections["seed_file"]):
        by_seed.setdefault(seed, []).append(pos)
    used, out = set(), []
    for heading, text, seed in zip(test["heading"], test["text"], test["seed_file"]):
        gk, best = _heading_key(heading), (0.0, None)
        gg = _grams(heading + text)
        for pos in by_seed.get(seed, []) if len(gk) >= 4 else []:
            m = min(len(gk), len(keys[pos]), 12)
            if pos in used or m < 4 or gk[:m] != keys[pos][:m]:
                continue
            jac = len(gg & grams[pos]) / max(1, len(gg | grams[pos]))
            if jac > best[0]:
                best = (jac, pos)
        if best[1] is not None and best[0] >= min_overlap:
            used.add(best[1])
            out.append(sections.index[best[1]])
        else:
            out.append(None)
    return out


def pipeline_check(test: pd.DataFrame, gold_pred: np.ndarray, Y: np.ndarray, gold_dir: Path) -> dict:
    """The labels a run gives: the test's seed pages go through the pipeline (read, split, clean, section
    parser, classifier; no dedup, so every copy keeps its sections), each gold test section is matched to the
    parser section that is the same section (``match_pipeline_sections``), and the run's labels are scored
    beside the model's labels for the gold's own cut of the same sections."""
    from corpus_tools.evaluation.dedup import find_page
    from corpus_tools.pipeline import process

    seeds = sorted(set(test["seed_file"]))
    res = process([str(find_page(gold_dir, s)) for s in seeds], dedup=False, progress=False)
    src = dict(zip(res.reports["report_id"], res.reports["source"]))
    sections = res.sections.assign(seed_file=[Path(src[r]).name for r in res.sections["report_id"]])
    match = match_pipeline_sections(test, sections)
    ok = np.array([m is not None for m in match])
    run = _binar(sections.loc[[m for m in match if m is not None]]).astype(bool)
    return {"matched": int(ok.sum()), "n_test": len(test), "run": _prf(run, Y[ok]),
            "gold_cut": _prf(gold_pred[ok], Y[ok]), "same_labels": float((run == gold_pred[ok]).all(axis=1).mean())}


def bootstrap_ci(pred: np.ndarray, base: np.ndarray, gold: np.ndarray, clusters: list[str], n: int = 2000,
                 seed: int = 0) -> dict:
    """95 % percentile intervals of micro-/macro-F1 (model, keyword baseline, and model minus baseline on the
    same resample), resampling whole reports with replacement: sections of one report are not independent,
    so this is wider, and more honest, than resampling sections."""
    keys = sorted(set(clusters))
    rows = {k: np.flatnonzero(np.array(clusters) == k) for k in keys}
    rng = np.random.default_rng(seed)
    out = {k: [] for k in ("micro", "macro", "kw_micro", "kw_macro", "diff_micro")}
    for _ in range(n):
        idx = np.concatenate([rows[keys[i]] for i in rng.integers(0, len(keys), len(keys))])
        a, b = _prf(pred[idx], gold[idx]), _prf(base[idx], gold[idx])
        out["micro"].append(a["micro_f1"])
        out["macro"].append(a["macro_f1"])
        out["kw_micro"].append(b["micro_f1"])
        out["kw_macro"].append(b["macro_f1"])
        out["diff_micro"].append(a["micro_f1"] - b["micro_f1"])
    ci = {k: (float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))) for k, v in out.items()}
    ci["clusters"] = len(keys)
    ci["resamples"] = n
    return ci


def pd_list(df, col):
    return df[col].tolist()


def _binar(df, col: str = "labels") -> np.ndarray:
    """(n, n_labels) 0/1 matrix of a gold label column, in ``LABELS`` order."""
    return FunctionClassifier()._binarize(df[col].tolist())


def format_report(result: dict) -> str:
    m, k = result["model"], result["keywords"]
    lines = [f"function classifier: held-out test {result['n_test']} sections "
             f"(families {', '.join(result['families_test'])}), trained on {result['n_train']} gold"
             f" + {result.get('n_written', 0)} written sections",
             f"{'label':14s} {'n':>4s} | {'model P':>7s} {'R':>5s} {'F1':>5s} | {'keyword P':>9s} {'R':>5s} {'F1':>5s}"]
    for l in LABELS:
        a, b = m["per_label"][l], k["per_label"][l]
        lines.append(f"{l:14s} {a['support']:4d} | {a['precision']:7.3f} {a['recall']:5.3f} {a['f1']:5.3f} | "
                     f"{b['precision']:9.3f} {b['recall']:5.3f} {b['f1']:5.3f}")
    lines.append(f"{'micro-F1':14s} {'':4s} | {'':7s} {'':5s} {m['micro_f1']:5.3f} | {'':9s} {'':5s} {k['micro_f1']:5.3f}")
    lines.append(f"{'macro-F1':14s} {'':4s} | {'':7s} {'':5s} {m['macro_f1']:5.3f} | {'':9s} {'':5s} {k['macro_f1']:5.3f}")
    lines.append(f"{'exact match':14s} {'':4s} | {'':7s} {'':5s} {m['exact_match']:5.3f} | {'':9s} {'':5s} {k['exact_match']:5.3f}")
    ci = result.get("bootstrap")
    if ci:
        lines.append(f"95% interval, {ci['resamples']} resamples of the {ci['clusters']} test reports: "
                     f"model micro {ci['micro'][0]:.3f}-{ci['micro'][1]:.3f}, macro {ci['macro'][0]:.3f}-{ci['macro'][1]:.3f}; "
                     f"keywords micro {ci['kw_micro'][0]:.3f}-{ci['kw_micro'][1]:.3f}; "
                     f"model minus keywords (micro) {ci['diff_micro'][0]:+.3f} to {ci['diff_micro'][1]:+.3f}")
    h = result.get("humans") or {}
    if h:
        lines.append("human ceiling on the same test sections (two independent annotators, before adjudication):")
        lines.append(f"  annotator 1 vs 2: micro-F1 {h['a1_vs_a2']['micro_f1']:.3f}, macro-F1 {h['a1_vs_a2']['macro_f1']:.3f}; "
                     f"vs adjudicated gold: annotator 1 {h['a1_vs_gold']['micro_f1']:.3f}/{h['a1_vs_gold']['macro_f1']:.3f}, "
                     f"annotator 2 {h['a2_vs_gold']['micro_f1']:.3f}/{h['a2_vs_gold']['macro_f1']:.3f} (micro/macro)")
    pc = result.get("in_pipeline") or {}
    if pc:
        lines.append(f"in a run (seed pages through read, split, clean, section parser, classifier): {pc['matched']} of "
                     f"{pc['n_test']} test sections found as one parser section; on them the run's labels score micro "
                     f"{pc['run']['micro_f1']:.3f}, macro {pc['run']['macro_f1']:.3f} (the gold's own cut of the same "
                     f"sections: {pc['gold_cut']['micro_f1']:.3f} / {pc['gold_cut']['macro_f1']:.3f}); "
                     f"same label set {pc['same_labels']:.3f}")
    lines.append(f"role accuracy (heading rules + tree): {result['role_accuracy']:.3f}  support {result['role_support']}")
    lines.append("keyword labelling functions on all gold sections:")
    lines.append(f"  {'function':24s} {'coverage':>8s} {'positive':>8s} {'overlap':>8s} {'conflict':>8s} {'accuracy':>8s}")
    for s in result["lf_stats"]:
        lines.append(f"  {s['function']:24s} {s['coverage']:8.3f} {s['positive']:8.3f} {s['overlap']:8.3f} "
                     f"{s['conflict']:8.3f} {s.get('accuracy', float('nan')):8.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    from corpus_tools._data import data_path

    print(format_report(evaluate(data_path("gold"))))
