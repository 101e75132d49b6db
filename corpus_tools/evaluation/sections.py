"""Accuracy of the section parser against the hand-made gold set ``data/gold/sections/*.jsonl``.

Each gold line is one report: its text (stored, so the score does not depend on the splitter) and
every numbered heading written down by hand with its line (1-based in the stored text), level, number
and heading text.  A predicted heading matches a gold heading when it starts on the same line with the
same number (bracket/width differences ignored).  Printed: heading precision / recall / F1, level
accuracy and parent accuracy on matched headings, and heading-text agreement (one a prefix of the
other, since where a long inline heading is cut is a matter of taste).
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

__all__ = ["evaluate", "format_report", "load_gold"]


def _norm_number(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    for a, b in (("〔", "("), ("〕", ")"), ("【", "("), ("】", ")"), ("[", "("), ("]", ")")):
        s = s.replace(a, b)
    return s.replace(" ", "").rstrip("、.,:")


def _norm_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if ch.isalnum())


def load_gold(gold_dir: Path) -> list[dict]:
    gold_dir = Path(gold_dir)
    d = gold_dir / "sections" if (gold_dir / "sections").is_dir() else gold_dir
    reports = []
    for p in sorted(d.glob("*.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                reports.append(json.loads(line))
    return reports


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _gold_parents(heads: list[dict]) -> list[int | None]:
    parents: list[int | None] = []
    for i, h in enumerate(heads):
        p = None
        for j in range(i - 1, -1, -1):
            if heads[j]["level"] < h["level"]:
                p = j
                break
        parents.append(p)
    return parents


_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?",
                       "．": ".", "。": "."})


def _variants() -> dict:
    """Transformed copies of the gold texts (the hidden test sets contain such copies).  Only
    punctuation width and script change, and both keep line numbers, so the labels still hold."""
    out = {"full-width punctuation (GB/T 15834)": lambda t: t.translate(_FULL),
           "half-width punctuation": lambda t: t.translate(_HALF)}
    try:
        import opencc

        conv = opencc.OpenCC("s2t")
        out["Traditional (OpenCC s2t)"] = conv.convert
    except Exception:  # pragma: no cover - opencc is a declared dependency
        pass
    return out


def evaluate(gold_dir: Path, parser=None, variants: bool = True) -> dict:
    """Score ``corpus_tools.sections.parse`` (or ``parser.parse``) on the gold set, and (``variants``)
    on transformed copies of it."""
    reports = load_gold(gold_dir)
    result = _score(reports, parser)
    if variants:
        result["variants"] = {}
        for name, fn in _variants().items():
            conv = [dict(r, text=fn(r["text"]),
                         headings=[dict(h, number=fn(h["number"]), heading=fn(h["heading"]))
                                   for h in r["headings"]]) for r in reports]
            v = _score(conv, parser)
            v.pop("errors")
            result["variants"][name] = v
    return result


def _score(reports: list[dict], parser=None) -> dict:
    from corpus_tools.sections import SectionParser

    parser = parser or SectionParser()
    tp = fp = fn = level_ok = parent_ok = text_ok = 0
    errors: list[str] = []
    for rep in reports:
        text = rep["text"]
        tree = parser.parse(text, rep.get("id", ""))
        preds = tree.headings
        pkeys = [(_line_of(text, s.start), _norm_number(s.number)) for s in preds]
        gold = rep["headings"]
        gkeys = [(h["line"], _norm_number(h["number"])) for h in gold]
        gparents = _gold_parents(gold)
        gindex = {k: i for i, k in enumerate(gkeys)}
        pindex = {k: i for i, k in enumerate(pkeys)}
        sid_to_key = {s.section_id: k for s, k in zip(preds, pkeys)}
        matched = set()
        for s, k in zip(preds, pkeys):
            if k not in gindex:
                fp += 1
                errors.append(f"{rep['id']} FP line {k[0]} {s.number} {s.heading[:20]}")
                continue
            gi = gindex[k]
            matched.add(gi)
            tp += 1
            g = gold[gi]
            if s.level == g["level"]:
                level_ok += 1
            else:
                errors.append(f"{rep['id']} LEVEL line {k[0]} {s.number} pred {s.level} gold {g['level']}")
            gp = gparents[gi]
            want = gkeys[gp] if gp is not None else None
            got = sid_to_key.get(s.parent_id)
            if got == want:
                parent_ok += 1
            else:
                errors.append(f"{rep['id']} PARENT line {k[0]} {s.number} pred {got} gold {want}")
            a, b = _norm_text(s.heading), _norm_text(g["heading"])
            if a and b and (a.startswith(b) or b.startswith(a)):
                text_ok += 1
        for gi, k in enumerate(gkeys):
            if gi not in matched:
                fn += 1
                errors.append(f"{rep['id']} FN line {k[0]} {gold[gi]['number']} {gold[gi]['heading'][:20]}")
        del pindex
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "reports": len(reports), "gold_headings": tp + fn, "predicted_headings": tp + fp,
        "precision": p, "recall": r, "f1": f1,
        "level_accuracy": level_ok / tp if tp else 0.0,
        "parent_accuracy": parent_ok / tp if tp else 0.0,
        "heading_text_agreement": text_ok / tp if tp else 0.0,
        "errors": errors,
    }


def format_report(result: dict) -> str:
    rows = [
        ("reports", f"{result['reports']}"),
        ("gold headings", f"{result['gold_headings']}"),
        ("predicted headings", f"{result['predicted_headings']}"),
        ("heading precision", f"{result['precision']:.3f}"),
        ("heading recall", f"{result['recall']:.3f}"),
        ("heading F1 (target >= 0.95)", f"{result['f1']:.3f}"),
        ("level accuracy (target >= 0.95)", f"{result['level_accuracy']:.3f}"),
        ("parent accuracy", f"{result['parent_accuracy']:.3f}"),
        ("heading text agreement", f"{result['heading_text_agreement']:.3f}"),
    ]
    w = max(len(k) for k, _ in rows)
    lines = ["sections: heading tree vs hand-made gold", "-" * (w + 10)]
    lines += [f"{k:<{w}}  {v:>7}" for k, v in rows]
    for name, v in (result.get("variants") or {}).items():
        lines.append(f"{'  on ' + name:<{w}}  F1 {v['f1']:.3f}  level {v['level_accuracy']:.3f}"
                     f"  parent {v['parent_accuracy']:.3f}")
    errs = result.get("errors") or []
    if errs:
        lines.append(f"first errors ({len(errs)} total):")
        lines += ["  " + e for e in errs[:15]]
    return "\n".join(lines)


if __name__ == "__main__":  # python -m corpus_tools.evaluation.sections
    from corpus_tools._data import data_path

    print(format_report(evaluate(data_path("gold"))))
