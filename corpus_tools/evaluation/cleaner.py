"""Evaluate the cleaner against the hand-built gold set ``data/gold/cleaner/cases.json``.

Per case the cleaner is fitted on the seed pages in ``data/sample`` (the corpus being cleaned), then:
removed-line precision/recall (chrome lines), CER of clean text vs gold, Han characters lost on already-clean
cases, pinyin annotations removed/missed/false, and mask restoration accuracy/coverage at the threshold.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import regex

from corpus_tools._data import data_path

__all__ = ["evaluate", "format_report"]

_HAN = regex.compile(r"\p{Han}")
_PY = regex.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def _cer(hyp: str, ref: str) -> float:
    import difflib

    sm = difflib.SequenceMatcher(None, hyp, ref, autojunk=False)
    dist = sum(max(i2 - i1, j2 - j1) for t, i1, i2, j1, j2 in sm.get_opcodes() if t != "equal")
    return dist / max(1, len(ref))


def evaluate(gold_dir: Path) -> dict:
    from corpus_tools.cleaner import MASK_MARKER, Cleaner
    from corpus_tools.cleaner.rules import iter_lines

    cases = json.loads((Path(gold_dir) / "cleaner" / "cases.json").read_text(encoding="utf-8"))
    seeds = [p.read_text(encoding="utf-8") for p in sorted(data_path("sample").glob("*.txt"))]
    fitted = Cleaner().fit(seeds)
    res = {"cases": [], "lines": Counter(), "pinyin": Counter(), "masks": Counter(), "han_lost_clean": 0}
    cer_sum = 0.0
    for case in cases:
        raw, gold = case["raw"], case["clean"]
        out = fitted.clean(raw)
        # removed lines: a raw line is "removed" when an edit whose replacement is only whitespace covers it
        gold_chrome = Counter(case["chrome_lines"])
        covered = [(e.start, e.end, e.after) for e in out.edits if not e.after.strip()]
        removed = Counter()
        for s, e, e_nl in iter_lines(raw):
            if raw[s:e].strip() and any(a <= s and e <= b for a, b, _ in covered):
                removed[raw[s:e]] += 1
        tp = sum((removed & gold_chrome).values())
        res["lines"].update(tp=tp, removed=sum(removed.values()), gold=sum(gold_chrome.values()))
        # pinyin
        got = Counter(m.group() for e in out.edits if "pinyin" in e.rule.split("+")
                      for m in _PY.finditer(e.before))
        exp = Counter(_PY.search(x).group() for x in case["pinyin"])
        chrome_py = Counter(m.group() for line in case["chrome_lines"] for m in _PY.finditer(line))
        got = got - chrome_py
        res["pinyin"].update(removed=sum((got & exp).values()), missed=sum((exp - got).values()),
                             false=sum((got - exp).values()))
        # masks, in order of appearance
        medits = [e for e in out.edits if e.rule == "mask"]
        for k, m in enumerate(case["masks"]):
            res["masks"]["total"] += 1
            res["masks"]["knowable"] += m["knowable"]
            e = medits[k] if k < len(medits) else None
            if e is None or MASK_MARKER in e.after:
                continue
            res["masks"]["restored"] += 1
            res["masks"]["restored_knowable"] += m["knowable"]
            ok = m["answer"] in e.after
            res["masks"]["correct"] += ok
        cer = _cer(out.text, gold)
        cer_sum += cer
        if case["already_clean"]:
            res["han_lost_clean"] += max(0, len(_HAN.findall(raw)) - len(_HAN.findall(out.text)))
        res["cases"].append({"id": case["id"], "cer": round(cer, 4), "exact": out.text == gold})
    L, P, M = res["lines"], res["pinyin"], res["masks"]
    res["summary"] = {
        "cases": len(cases),
        "exact": sum(c["exact"] for c in res["cases"]),
        "removed_line_precision": L["tp"] / L["removed"] if L["removed"] else 1.0,
        "removed_line_recall": L["tp"] / L["gold"] if L["gold"] else 1.0,
        "mean_cer": cer_sum / max(1, len(cases)),
        "han_lost_on_clean": res["han_lost_clean"],
        "pinyin_removed": P["removed"], "pinyin_missed": P["missed"], "pinyin_false": P["false"],
        "mask_accuracy": M["correct"] / M["restored"] if M["restored"] else 0.0,
        "mask_coverage_knowable": M["restored_knowable"] / M["knowable"] if M["knowable"] else 0.0,
        "masks_total": M["total"], "masks_restored": M["restored"], "mask_threshold": fitted.mask_threshold,
    }
    for k in ("lines", "pinyin", "masks"):
        res[k] = dict(res[k])
    return res


def format_report(result: dict) -> str:
    s = result["summary"]
    rows = [
        ("gold cases (exact match)", f"{s['cases']} ({s['exact']} exact)"),
        ("removed-line precision [chrome]", f"{s['removed_line_precision']:.3f}  (target ≥ 0.98)"),
        ("removed-line recall [chrome]", f"{s['removed_line_recall']:.3f}  (target ≥ 0.95)"),
        ("CER clean text vs gold (mean)", f"{s['mean_cer']:.4f}"),
        ("Han chars lost on already-clean", f"{s['han_lost_on_clean']}  (must be 0)"),
        ("pinyin removed / missed / false", f"{s['pinyin_removed']} / {s['pinyin_missed']} / {s['pinyin_false']}"),
        (f"mask accuracy @ {s['mask_threshold']}", f"{s['mask_accuracy']:.3f}  ({s['masks_restored']} restored"
                                                    f" of {s['masks_total']}; target ≥ 0.90)"),
        ("mask coverage (knowable)", f"{s['mask_coverage_knowable']:.3f}  (target ≥ 0.80)"),
    ]
    w = max(len(a) for a, _ in rows)
    lines = ["cleaner", "-" * (w + 40)] + [f"{a:<{w}}  {b}" for a, b in rows]
    lines.append("per case CER: " + ", ".join(f"{c['id']}={c['cer']:.3f}" for c in result["cases"]))
    return "\n".join(lines)
