"""Small helpers shared by the tests (no tests here)."""
from __future__ import annotations


def cut_every_line(text: str, width: int) -> str:
    """Every line cut at ``width`` characters, as a fixed-width export does (blank lines kept)."""
    out = []
    for line in text.split("\n"):
        out.extend(line[i:i + width] for i in range(0, max(len(line), 1), width))
    return "\n".join(out)
