"""A small stand-alone section extractor, used only where no ``corpus_tools.sections`` frame is at hand.

It builds the gold candidates (so the gold never depends on the real parser) and feeds the benchmark when the
section parser is missing.  It splits a text into numbered heading sections with a style stack:
``一、`` → ``（一）`` → ``1、`` → ``（1）`` in whatever order a report first uses them.
"""
from __future__ import annotations

import hashlib

import pandas as pd
import regex

# style name -> pattern matching a numbered line start (the number is group 1)
_STYLES: list[tuple[str, regex.Pattern]] = [
    ("cn", regex.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．,，:：]\s*")),
    ("cn_paren", regex.compile(r"^\s*[（(]([一二三四五六七八九十]{1,3})[）)]\s*[、.．,，]?\s*")),
    ("num", regex.compile(r"^\s*(\d{1,2})\s*[、.．,，:：](?!\d)\s*")),
    ("num_paren", regex.compile(r"^\s*[（(](\d{1,2})[）)]\s*[、.．,，]?\s*")),
    ("circled", regex.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽])\s*")),
    ("month", regex.compile(r"^\s*(\d{1,2}|[一二三四五六七八九十]{1,3})(?:月份?|月—\d{1,2}月份?)[:：]?\s*$")),
]
_HEAD_END = regex.compile(r"[。；;！!？?]")
MAX_HEADING = 40


def split_heading(line_rest: str) -> tuple[str, str]:
    """Split ``(一)不断加强理论学习,提高教工师德水平。 首先,我们…`` into heading and first body sentence."""
    m = _HEAD_END.search(line_rest)
    if m is None:
        if len(line_rest) <= MAX_HEADING:
            return line_rest.strip(), ""
        return line_rest[:MAX_HEADING].strip(), line_rest[MAX_HEADING:].strip()
    if m.start() <= MAX_HEADING:
        return line_rest[: m.end()].strip(), line_rest[m.end():].strip()
    return line_rest[:MAX_HEADING].strip(), line_rest[MAX_HEADING:].strip()


def simple_sections(text: str, report_id: str = "r0") -> pd.DataFrame:
    """Sections DataFrame (ARCHITECTURE schema) of one report text; a preamble section has level 0."""
    rows: list[dict] = []
    stack: list[tuple[str, int]] = []  # (style, row index)
    pos = 0
    pre = {"style": "preamble", "number": "", "heading": "", "body": [], "start": 0, "level": 0, "parent": None}
    cur = pre
    items = [pre]
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        s = line.strip()
        if not s:
            continue
        hit = None
        for style, pat in _STYLES:
            m = pat.match(s)
            if m:
                hit = (style, m)
                break
        if hit is None:
            cur["body"].append(s)
            continue
        style, m = hit
        head, rest = split_heading(s) if style != "month" else (s, "")
        styles = [st for st, _ in stack]
        if style in styles:
            del stack[styles.index(style):]
        parent = stack[-1][1] if stack else None
        cur = {"style": style, "number": m.group(1), "heading": head, "body": [rest] if rest else [],
               "start": start, "level": len(stack) + 1, "parent": parent}
        items.append(cur)
        stack.append((style, len(items) - 1))
    if not pre["body"]:
        items[0] = None
    ids = {}
    for i, it in enumerate(items):
        if it is None:
            continue
        sid = hashlib.sha1(f"{report_id}:{i}".encode()).hexdigest()[:12]
        ids[i] = sid
    starts = [it["start"] for it in items if it is not None]
    ends = starts[1:] + [len(text)]
    k = 0
    for i, it in enumerate(items):
        if it is None:
            continue
        path_parts, p = [], it["parent"]
        while p is not None:
            path_parts.append(items[p]["number"])
            p = items[p]["parent"]
        rows.append({
            "report_id": report_id, "section_id": ids[i],
            "parent_id": ids.get(it["parent"]) if it["parent"] is not None else None,
            "level": it["level"], "style": it["style"], "number": it["number"], "ordinal": k,
            "heading": it["heading"], "body": "\n".join(it["body"]),
            "path": "/".join(reversed(path_parts + [it["number"]])), "start": it["start"], "end": ends[k],
            "flags": "",
        })
        k += 1
    return pd.DataFrame(rows, columns=["report_id", "section_id", "parent_id", "level", "style", "number",
                                       "ordinal", "heading", "body", "path", "start", "end", "flags"])
