"""Extract candidate sections from the seed pages for hand labelling (run once; output is read by a human).

Usage: python data/gold/labels/extract_candidates.py > /tmp/candidates.jsonl
Report boundaries are found with the page-separator shapes listed in ARTEFACTS.md (篇N, 【篇一】, -->, bare
title lines); sections with the fallback extractor in corpus_tools.classifier._fallback_sections.
"""
import hashlib
import json
import re
import sys
from pathlib import Path

from corpus_tools.classifier._fallback_sections import simple_sections

ROOT = Path(__file__).resolve().parents[3]
SEP = re.compile(r"^(第\d+篇.*|篇[一二三四五六七八九十]+】.*|.*篇\d+|-->|.*(计划|总结)(报告|模板|范文|书|格式|结尾)?)$")


def reports(text: str):
    title, buf = "", []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        s = line.strip()
        is_title = bool(SEP.match(s)) and len(s) < 32 and "。" not in s and not re.match(r"^([一二三四五六七八九十]+[、.,，]|\d{1,2}[、.,，]|[（(])", s)
        if s.startswith("篇") and "】" in s:  # 篇一】一年来,… : marker + first sentence
            yield title, "\n".join(buf)
            title, buf = s.split("】")[0] + "】", [s.split("】", 1)[1]]
            continue
        if is_title:
            if any(b.strip() for b in buf):
                yield title, "\n".join(buf)
            buf = []
            if s != "-->":
                title = s
            continue
        buf.append(line)
    if any(b.strip() for b in buf):
        yield title, "\n".join(buf)


def main():
    for f in sorted((ROOT / "data" / "sample").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for ri, (title, body) in enumerate(reports(text)):
            rid = f"{f.stem[:3]}-{ri:02d}"
            df = simple_sections(body, rid)
            kids = {}
            for r in df.itertuples():
                kids.setdefault(r.parent_id, []).append(r.section_id)
            rows = {r.section_id: r for r in df.itertuples()}

            def full(sid):
                r = rows[sid]
                parts = [r.body] + [full(k) for k in kids.get(sid, [])]
                return "\n".join(p for p in parts if p)

            def fullh(sid):
                r = rows[sid]
                parts = [r.body] + ["\n".join(x for x in (rows[k].heading, fullh(k)) if x) for k in kids.get(sid, [])]
                return "\n".join(p for p in parts if p)

            for r in df.itertuples():
                print(json.dumps({"cid": f"{rid}-{r.ordinal:03d}", "seed_file": f.name, "report_title": title,
                                  "level": int(r.level), "path": r.path, "heading": r.heading, "body": r.body,
                                  "text": fullh(r.section_id)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
