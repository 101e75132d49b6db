"""Robustness to transformed copies: the seed pages (``data/sample``) copied the ways other sites and exports copy
them, each compared with the plain run (reports, titles, top-level headings, clean text with spaces aside).

    .venv/bin/python bench/transforms.py [--widths 24 28 30 33 36 40 45 50 60]

Prints, per transform, the number of differences (0 = the same reports, titles, headings and text) and the first
few, and the reports the copy gives against the plain run's (with how many of the plain run's titles it finds again).  The transforms that give 0 are pinned by ``tests/test_pipeline.py``; the others are listed in the README.
"""
from __future__ import annotations

import argparse
import difflib
import re
import tempfile
from pathlib import Path

from corpus_tools.pipeline import process

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "sample").glob("*.txt"))
_FULL_DIGITS = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x30, 0x3A)})
# the full-width marks a site or an export may type half-width
_HALF_MARKS = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})
_HAN_PAIR = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")


def cut_lines(text: str, width: int) -> str:
    """Every line cut at ``width`` characters (a fixed-width export), blank lines kept."""
    out = []
    for line in text.split("\n"):
        out.extend(line[i:i + width] for i in range(0, max(len(line), 1), width))
    return "\n".join(out)


def zero_width(text: str, every: int = 13) -> str:
    """A zero-width space between two Han characters every ``every`` places (copy-paste damage)."""
    spots = [m.start() for m in _HAN_PAIR.finditer(text)][::every]
    for i in reversed(spots):
        text = text[:i] + "\u200b" + text[i:]
    return text


def html_paragraphs(text: str) -> str:
    """Each line in its own ``<p>``, with ``&nbsp;`` indents and entities, as a CMS stores an article."""
    import html
    body = "".join(f"<p>&nbsp;&nbsp;{html.escape(ln.strip())}</p>\n" for ln in text.split("\n") if ln.strip())
    return f"<html><head><meta charset='utf-8'><title>t</title></head><body><div class='content'>{body}</div></body></html>"


def traditional(text: str, config: str = "s2t") -> str:
    """The page as a Traditional mirror site shows it (OpenCC ``s2t``; ``s2tw`` for a Taiwan site's Big5)."""
    import opencc
    return opencc.OpenCC(config).convert(text)


def jsonl_record(text: str) -> str:
    import json
    return json.dumps({"url": "http://example.org/a.html", "title": "t", "content": text}, ensure_ascii=False) + "\n"


def csv_record(text: str) -> str:
    import csv
    import io
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["url", "title", "content"])
    w.writerow(["http://example.org/a.html", "t", text])
    return buf.getvalue()


def transforms(widths) -> dict:
    t = {
        "crlf": lambda s: s.replace("\n", "\r\n"),
        "cr": lambda s: s.replace("\n", "\r"),
        "tab_indent": lambda s: "\n".join("\t" + ln if ln.strip() else ln for ln in s.split("\n")),
        "nbsp_indent": lambda s: "\n".join("\xa0\xa0" + ln if ln.strip() else ln for ln in s.split("\n")),
        "trailing_spaces": lambda s: "\n".join(ln + "  " for ln in s.split("\n")),
        "full_width_digits": lambda s: s.translate(_FULL_DIGITS),
        "html_br": lambda s: "<html><body><div>" + "<br>".join(s.split("\n")) + "</div></body></html>",
        "double_spaced": lambda s: s.replace("\n", "\r\n\r\n"),
        "no_blank_lines": lambda s: re.sub(r"\n\s*\n", "\n", s),
        "half_width_marks": lambda s: s.translate(_HALF_MARKS),
        "zero_width": zero_width,
        "utf8_bom": lambda s: ("\ufeff" + s).encode("utf-8"),
        "gbk": lambda s: s.encode("gbk", errors="xmlcharrefreplace"),
        "utf16": lambda s: s.encode("utf-16"),
        "html_p": html_paragraphs,
        "jsonl": jsonl_record,
        "csv": csv_record,
        # a page whose line breaks were lost: paragraphs run together with a space, or with nothing
        "breaks_to_spaces": lambda s: re.sub(r"\s*\n\s*", " ", s),
        "breaks_lost": lambda s: re.sub(r"\s*\n\s*", "", s),
        "traditional": traditional,
        # a Taiwan site's Big5 page: what Big5 lacks (pinyin tone letters, 〇) as numeric character references
        "traditional_big5": lambda s: ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=big5'>"
                                       "</head><body>" + "<br>".join(traditional(s, "s2tw").split("\n"))
                                       + "</body></html>").encode("big5", errors="xmlcharrefreplace"),
    }
    for w in widths:
        t[f"cut_{w}"] = (lambda w: lambda s: cut_lines(s, w))(w)
    return t


def summary(directory: Path) -> dict:
    res = process([str(p) for p in sorted(directory.iterdir())])
    reps, secs = res.reports, res.sections
    out: dict = {}
    for _, r in reps.sort_values(["source", "page_index"]).iterrows():
        top = tuple(secs[(secs.report_id == r.report_id) & (secs.level == 1)].heading)
        out.setdefault(Path(r.source).name[:3], []).append((r.title, top, re.sub(r"\s+", "", r.text)))
    return out


def run(fn, ext: str) -> dict:
    with tempfile.TemporaryDirectory() as d:
        for p in SEEDS:
            out = fn(p.read_text(encoding="utf-8"))
            (Path(d) / (p.stem + ext)).write_bytes(out if isinstance(out, bytes) else out.encode("utf-8"))
        return summary(Path(d))


def differences(base: dict, got: dict) -> list[str]:
    bad = []
    for k, b in base.items():
        x = got.get(k, [])
        if len(b) != len(x):
            bad.append(f"{k}: reports {len(b)} -> {len(x)}")
            continue
        for i, (rb, rx) in enumerate(zip(b, x)):
            if rb[0] != rx[0]:
                bad.append(f"{k}#{i} title {rb[0]!r} -> {rx[0]!r}")
            if rb[1] != rx[1]:
                bad.append(f"{k}#{i} headings {[h for h in rb[1] if h not in rx[1]][:2]} -> "
                           f"{[h for h in rx[1] if h not in rb[1]][:2]}")
            if rb[2] != rx[2]:
                ops = [(o, rb[2][a:b_][:40], rx[2][c:d][:40]) for o, a, b_, c, d in
                       difflib.SequenceMatcher(None, rb[2], rx[2], autojunk=False).get_opcodes() if o != "equal"]
                bad.append(f"{k}#{i} text: {len(ops)} edits, e.g. {ops[:2]}")
    return bad


def report_match(base: dict, got: dict) -> tuple[int, int, int]:
    """(reports in the plain run, reports of the copy, titles of the plain run found again): a coarser figure than
    ``differences``, which stops at the first page whose report count differs."""
    n = sum(len(b) for b in base.values())
    m = sum(len(got.get(k, [])) for k in base)
    found = 0
    for k, b in base.items():
        want, titles = [r[0] for r in b], [r[0] for r in got.get(k, [])]
        found += sum(min(want.count(t), titles.count(t)) for t in set(want))
    return n, m, found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--widths", type=int, nargs="*", default=[24, 28, 30, 33, 36, 40, 45, 50, 60])
    args = ap.parse_args()
    base = run(lambda s: s, ".txt")
    total = 0
    for name, fn in transforms(args.widths).items():
        ext = {"html_br": ".html", "html_p": ".html", "traditional_big5": ".html", "jsonl": ".jsonl",
               "csv": ".csv"}.get(name, ".txt")
        got = run(fn, ext)
        bad = differences(base, got)
        total += len(bad)
        n, m, found = report_match(base, got)
        print(f"{name:<20} {len(bad):3d} differences   reports {m}/{n}, titles found {found}/{n}")
        for line in bad[:3]:
            print("    " + line[:160])
    print(f"{'total':<20} {total:3d}")


if __name__ == "__main__":
    main()
