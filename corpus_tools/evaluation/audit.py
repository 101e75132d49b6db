"""Blind-audit evaluation: the whole pipeline on the audit pages in ``data/audit/<set>/`` against their keys.

Each set holds pages written by someone who had read neither the code, the gold nor the seeds, with an answer
key per page (``<page>.key.json``): the number of reports, each report's title, its top-level headings, the
labels and roles of its top-level sections, furniture lines that must be gone and spans of clean text that
must be found.  The checks, per set:

* reports: pages whose number of reports is right;
* titles / headings: reports whose clean title, and whose list of top-level headings (without their numbers), match;
* spans: expected clean text found in the page's clean titles and texts (a span may cross a report boundary
  only as a blank line); furniture: the first 12 characters of a span whose expected text is empty are
  nowhere in them; chrome: the same for every line of the key's list of furniture (lines of 6 characters or
  more, not repeating a report's title), looked for in the report texts;
* labels: micro precision/recall/F1 of the top-level sections' labels (matched to the key by heading number),
  and the keyword functions alone on the same sections; roles: accuracy of the roles the key names.

Faults these pages revealed were fixed, so these figures flatter the tool; the README keeps each set's first
look (the code of the day before) as the figure for unseen pages.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .._data import data_path

_QUOTES = re.compile(r"[“”\"]")
_PLAN_TITLE = re.compile(r"计划|要点|打算|安排|思路")


def _norm(text: str | None) -> str:
    return _QUOTES.sub('"', text or "")


def _found(expected: str, text: str) -> bool:
    """Is the expected clean text in the page's text (reports joined by a blank line, so a line break of the
    key may be a report boundary)?"""
    if expected in text or _norm(expected) in _norm(text):
        return True
    return "\n" in expected and re.search("\n\n?".join(map(re.escape, _norm(expected).split("\n"))),
                                         _norm(text)) is not None


def _ratio(ok: int, n: int) -> str:
    return f"{ok}/{n}"


def _number_key(number) -> str:
    """Heading number as the keys write it: ``一`` or ``1`` (full-width digits read as ASCII)."""
    s = "" if number is None else str(number)
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return re.sub(r"[\s()（）、.．第,，]", "", s)  # （一） is keyed 一


def _source_key(source: str) -> tuple[str, int]:
    """(file name, record number) of a report's source: ``a/b.txt`` → ``("b.txt", 0)``,
    ``a/dump.jsonl:3`` → ``("dump.jsonl", 3)``."""
    name = Path(source).name
    m = re.fullmatch(r"(.+):(\d+)", name)
    return (m.group(1), int(m.group(2))) if m else (name, 0)


def score_set(set_dir: Path) -> dict:
    """Run the pipeline on one audit set's pages and score them against the keys."""
    import numpy as np

    from ..classifier import LABELS
    from ..classifier.model import keyword_baseline
    from ..pipeline import process

    keys = sorted(set_dir.glob("*.key.json"))
    stems = [k.name[: -len(".key.json")] for k in keys]
    pages = [next(q for q in sorted(set_dir.iterdir()) if q.name.startswith(stem + ".") and q.name != k.name)
             for stem, k in zip(stems, keys)]
    res = process([str(p) for p in pages])
    reps, secs = res.reports, res.sections
    # a dump's records are sources ``dump.jsonl:3``: each page's reports in record order, then page order
    src = reps["source"].map(_source_key)
    reps = reps.assign(_file=src.map(lambda k: k[0]), _rec=src.map(lambda k: k[1]))
    kw = keyword_baseline(secs) if len(secs) else np.zeros((0, len(LABELS)), bool)
    kw_of = {(r, s): row for r, s, row in zip(secs["report_id"], secs["section_id"], kw)}
    tot = {k: [0, 0] for k in ("reports", "titles", "headings", "spans", "furniture", "chrome", "roles")}
    lab = {"model": [0, 0, 0], "keywords": [0, 0, 0]}  # tp, fp, fn
    unmatched = 0
    per_page = []
    for kf, page in zip(keys, pages):
        key = json.loads(kf.read_text(encoding="utf-8"))
        g = reps[reps["_file"] == page.name].sort_values(["_rec", "page_index"], kind="stable")
        ok_n = len(g) == key["n_reports"]
        tot["reports"][0] += ok_n
        tot["reports"][1] += 1
        page_bad = []
        for i, want in enumerate(key["reports"]):
            tot["titles"][1] += 1
            tot["headings"][1] += 1
            if i >= len(g):
                page_bad.append(f"report {i + 1} missing")
                unmatched += len(want.get("labels", {}))
                continue
            row = g.iloc[i]
            top = secs[(secs["report_id"] == row["report_id"]) & (secs["level"] == 1)]
            heads = top["heading"].tolist()  # the parser keeps a heading's number in ``number``
            ok_t = _norm(want["title"]).split(" (")[0] == _norm(row["title"])
            ok_h = [_norm(h) for h in want["top_headings"]] == [_norm(h).rstrip("。") for h in heads]
            tot["titles"][0] += ok_t
            tot["headings"][0] += ok_h
            if not ok_t:
                page_bad.append(f"title {row['title']!r} (key {want['title']!r})")
            if not ok_h:
                page_bad.append(f"headings of report {i + 1}")
            by_number = {_number_key(n): r for n, (_, r) in zip(top["number"], top.iterrows())}
            for number, labels in want.get("labels", {}).items():
                sec = by_number.get(_number_key(number))
                if sec is None:
                    unmatched += 1
                    continue
                gold = set(labels)
                kwv = kw_of[(sec["report_id"], sec["section_id"])]
                for name, pred in (("model", set(sec["labels"])),
                                   ("keywords", {LABELS[j] for j in np.flatnonzero(kwv)})):
                    lab[name][0] += len(pred & gold)
                    lab[name][1] += len(pred - gold)
                    lab[name][2] += len(gold - pred)
            plan_report = _PLAN_TITLE.search(want["title"]) and "总结" not in want["title"]
            for number, role in want.get("roles", {}).items():
                allowed = set(re.split(r"\+| or ", role))
                if plan_report and allowed == {"plans"}:
                    continue  # the taxonomy's convention: the items of a plan are work (plans = 下步打算 in a summary)
                sec = by_number.get(_number_key(number))
                ok = sec is not None and sec["role"] in allowed
                tot["roles"][1] += 1
                tot["roles"][0] += ok
                if not ok:
                    page_bad.append(f"role of {number} in report {i + 1}: "
                                    f"{None if sec is None else sec['role']} (key {role})")
        # the page in reading order: each report's title above its text, so a key's span across a separator
        # (the end of one report, then the next one's title) can be found
        text = "\n\n".join(f"{t}\n{x}" if t and not x.startswith(t) else x for t, x in zip(g["title"], g["text"]))
        for sp in key["spans"]:
            exp = sp["expected"].split(" (")[0].split(" or ")[0]
            if exp == "":
                probe = sp["raw"].strip()[:12]
                ok = probe not in text and _norm(probe) not in _norm(text)
                tot["furniture"][0] += ok
                tot["furniture"][1] += 1
                if not ok:
                    page_bad.append(f"furniture kept {sp['raw'][:20]!r}")
            else:
                ok = _found(exp, text)
                tot["spans"][0] += ok
                tot["spans"][1] += 1
                if not ok:
                    page_bad.append(f"span missed {exp[:20]!r}")
        body = "\n\n".join(g["text"])  # titles are the titles check's business
        titles = [_norm(r["title"]) for r in key["reports"]]
        for line in key.get("chrome", []):
            line = line.split(" (")[0].strip()  # a key's note in brackets
            probe = line[:12]
            # a short line (一 | 2 | 下一页) can be part of real text; a page title repeating the report's own
            # title is found wherever that title is
            if len(probe) < 6 or any(_norm(line) in t for t in titles):
                continue
            ok = probe not in body and _norm(probe) not in _norm(body)
            tot["chrome"][0] += ok
            tot["chrome"][1] += 1
            if not ok:
                page_bad.append(f"chrome line kept {line[:20]!r}")
        per_page.append({"page": page.name, "reports": f"{len(g)}/{key['n_reports']}", "faults": page_bad})
    labels = {}
    for name, (tp, fp, fn) in lab.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        labels[name] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                        "tp": tp, "fp": fp, "fn": fn}
    return {"checks": {k: tuple(v) for k, v in tot.items()}, "labels": labels,
            "label_sections_unmatched": unmatched, "pages": per_page}


def evaluate(gold_dir: Path | None = None, audit_dir: Path | None = None) -> dict:
    root = Path(audit_dir) if audit_dir else data_path("audit")
    sets = sorted(d for d in root.iterdir() if d.is_dir() and any(d.glob("*.key.json")))
    return {d.name: score_set(d) for d in sets}


def format_report(res: dict) -> str:
    cols = ("reports", "titles", "headings", "spans", "furniture", "chrome", "roles")
    lines = ["blind audit pages through the whole pipeline (faults they showed were fixed: these flatter the tool)",
             f"{'set':<7}" + "".join(f"{c:>11}" for c in cols) + f"{'labels F1':>11}{'keywords':>10}"]
    total = {c: [0, 0] for c in cols}
    for name, r in res.items():
        for c in cols:
            total[c][0] += r["checks"][c][0]
            total[c][1] += r["checks"][c][1]
        lines.append(f"{name:<7}" + "".join(f"{_ratio(*r['checks'][c]):>11}" for c in cols)
                     + f"{r['labels']['model']['f1']:>11.3f}{r['labels']['keywords']['f1']:>10.3f}")
    lines.append(f"{'all':<7}" + "".join(f"{_ratio(*total[c]):>11}" for c in cols))
    for name, r in res.items():
        m = r["labels"]["model"]
        lines.append(f"{name}: top-level labels precision {m['precision']:.3f} recall {m['recall']:.3f} "
                     f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']}; {r['label_sections_unmatched']} keyed sections "
                     "not found)")
        for p in r["pages"]:
            for f in p["faults"]:
                lines.append(f"   {p['page']}: {f}")
    return "\n".join(lines)
