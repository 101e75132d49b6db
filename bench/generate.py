"""Generate large scraped-page archives from the seed pages, for benchmarks.

Each generated page is assembled the way template sites assemble theirs: some site chrome, then 1–6 reports
cut from the seed pages (each behind a separator of a random family: ``第N篇 …``, ``【篇N】``, ``…篇N``, a bare
title line or ``-->``), then trailing chrome.  Deterministic for a given ``seed``.

    python bench/generate.py --pages 20000 --out bench/_work/pages.zip
"""
from __future__ import annotations

import argparse
import io
import random
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_tools.splitter import split_page  # noqa: E402

CHROME_TOP = ["你的位置: 范文网 > 工作总结 > 工会工作总结", "发表时间:2021-03-0{d}", "{n}位用户关注", "- 相关推荐"]
CHROME_BOTTOM = ["{n}位用户关注", "共\n2\n页,当前第1\n页1\n2", "—{d}—", "相关推荐"]


def seed_reports() -> list[tuple[str, str]]:
    out = []
    for p in sorted((ROOT / "data" / "sample").glob("*.txt")):
        for r in split_page(p.read_text(encoding="utf-8")):
            out.append((r.title or "工会工作总结", r.raw_text))
    return out


def make_page(rng: random.Random, reports: list[tuple[str, str]]) -> str:
    parts = [rng.choice(CHROME_TOP).format(n=rng.randint(10, 99), d=rng.randint(1, 9))]
    k = rng.randint(1, 6)
    for i in range(1, k + 1):
        title, body = rng.choice(reports)
        style = rng.randrange(5)
        if style == 0:
            parts.append(f"第{i}篇 {title}")
        elif style == 1:
            parts.append(f"【篇{'一二三四五六'[i - 1]}】")
        elif style == 2:
            parts.append(f"{title}篇{i}")
        elif style == 3:
            parts.append(f"\n{title}\n")
        else:
            parts.append("-->\n" + title)
        parts.append(body)
    parts.append(rng.choice(CHROME_BOTTOM).format(n=rng.randint(10, 99), d=rng.randint(1, 9)))
    return "\n".join(parts) + "\n"


def generate(n_pages: int, out: Path, seed: int = 0) -> Path:
    rng = random.Random(seed)
    reports = seed_reports()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for i in range(n_pages):
                data = make_page(rng, reports).encode("gb18030" if i % 5 == 0 else "utf-8")
                zf.writestr(f"pages/{i:07d}.txt", data)
    else:
        with tarfile.open(out, "w:gz") as tf:
            for i in range(n_pages):
                data = make_page(rng, reports).encode("utf-8")
                info = tarfile.TarInfo(f"pages/{i:07d}.txt")
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--out", default=str(ROOT / "bench" / "_work" / "pages.zip"))
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    print(generate(a.pages, Path(a.out), a.seed))
