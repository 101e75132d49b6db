"""Robustness to transformed copies: the seed pages (``data/sample``) copied the ways other sites and exports copy
them, each compared with the plain run (reports, titles, top-level headings, clean text with spaces aside).

    .venv/bin/python bench/transforms.py [--widths 24 28 30 33 36 40 45 50 60]

Prints, per transform, the number of differences (0 = the same reports, titles, headings and text) and the first
few.  The transforms that give 0 are pinned by ``tests/test_pipeline.py``; the others are listed in the README.
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


def cut_lines(text: str, width: int) -> str:
    """Every line cut at ``width`` characters (a fixed-width export), blank lines kept."""
    out = []
    for line in text.split("\n"):
        out.extend(line[i:i + width] for i in range(0, max(len(line), 1), width))
    return "\n".join(out)


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
            (Path(d) / (p.stem + ext)).write_bytes(fn(p.read_text(encoding="utf-8")).encode("utf-8"))
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--widths", type=int, nargs="*", default=[24, 28, 30, 33, 36, 40, 45, 50, 60])
    args = ap.parse_args()
    base = run(lambda s: s, ".txt")
    total = 0
    for name, fn in transforms(args.widths).items():
        bad = differences(base, run(fn, ".html" if name == "html_br" else ".txt"))
        total += len(bad)
        print(f"{name:<20} {len(bad):3d} differences")
        for line in bad[:3]:
            print("    " + line[:160])
    print(f"{'total':<20} {total:3d}")


if __name__ == "__main__":
    main()
