"""Generate a corpus of reports with known near-duplicates from the seed texts (for bench/dedup.py).

Base reports are random runs of seed sentences (so two bases share little); each base gets 0-3 edited copies
made by the edit types seen on real pages: sentence deletions, insertions, censorship masks, punctuation
changes (width, doubled commas), whitespace, and Traditional conversion.  ``family`` is the ground truth.
"""
from __future__ import annotations

import random
from pathlib import Path

import regex

SEEDS = Path(__file__).resolve().parent.parent / "data" / "sample"


def sentence_pool() -> list[str]:
    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        for s in regex.split(r"(?<=[。！？!?；;])|\n", text):
            s = s.strip()
            if 12 <= len(s) <= 160 and len(regex.findall(r"\p{Han}", s)) >= 10:
                out.append(s)
    return sorted(set(out))


_S2T = None


def _s2t(text: str) -> str:
    global _S2T
    if _S2T is None:
        import opencc

        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


def make_base(rng: random.Random, pool: list[str]) -> list[str]:
    n = rng.randint(10, 28)
    return rng.sample(pool, n)


def to_text(sents: list[str], rng: random.Random) -> str:
    paras, cur = [], []
    for s in sents:
        cur.append(s)
        if rng.random() < 0.3:
            paras.append("".join(cur)); cur = []
    if cur:
        paras.append("".join(cur))
    return "\n".join(paras)


def edit_copy(sents: list[str], rng: random.Random, pool: list[str]) -> tuple[str, list[str]]:
    s = list(sents)
    ops = rng.sample(["delete", "insert", "mask", "punct", "trad", "space"], k=rng.randint(1, 3))
    if "delete" in ops and len(s) > 8:
        for _ in range(rng.randint(1, max(1, len(s) // 12))):
            s.pop(rng.randrange(len(s)))
    if "insert" in ops:
        for _ in range(rng.randint(1, max(1, len(s) // 12))):
            s.insert(rng.randrange(len(s) + 1), pool[rng.randrange(len(pool))])
    text = to_text(s, rng)
    if "mask" in ops:
        chars = list(text)
        han = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
        for i in rng.sample(han, k=min(len(han), rng.randint(2, 8))):
            chars[i] = "*"
        text = "".join(chars)
    if "punct" in ops:
        text = text.replace("，", ",").replace("。", ".").replace("：", ":").replace(",", ",,", 1)
    if "space" in ops:
        text = "\n".join("\u3000\u3000" + line for line in text.split("\n"))
    if "trad" in ops:
        text = _s2t(text)
    return text, ops


def generate(n: int = 100_000, seed: int = 7) -> tuple[list[str], list[int], list[str]]:
    """``n`` texts, their family ids (copies of one base share an id) and the edit ops of each text."""
    rng = random.Random(seed)
    pool = sentence_pool()
    texts: list[str] = []
    family: list[int] = []
    ops: list[str] = []
    fam = 0
    while len(texts) < n:
        base = make_base(rng, pool)
        texts.append(to_text(base, rng)); family.append(fam); ops.append("base")
        for _ in range(min(rng.choice([0, 0, 1, 1, 2, 3]), n - len(texts))):
            t, o = edit_copy(base, rng, pool)
            texts.append(t); family.append(fam); ops.append("+".join(o))
        fam += 1
    order = list(range(n))
    rng.shuffle(order)
    return [texts[i] for i in order], [family[i] for i in order], [ops[i] for i in order]


if __name__ == "__main__":
    t, f, o = generate(10)
    for a, b, c in zip(t, f, o):
        print(b, c, a[:80].replace("\n", " / "))
