"""Locate and load the data files that ship in ``data/`` (lexicons, taxonomy, model, gold sets).

Chinese word lists and patterns live in data files, not in code.  ``CORPUS_TOOLS_DATA`` overrides the
location (useful when the package is installed from a wheel and ``data/`` sits elsewhere).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

__all__ = ["data_dir", "data_path", "load_lines", "load_patterns"]


def data_dir() -> Path:
    env = os.environ.get("CORPUS_TOOLS_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data"


def data_path(*parts: str) -> Path:
    return data_dir().joinpath(*parts)


@lru_cache(maxsize=None)
def load_lines(relpath: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a UTF-8 list file under ``data/`` (``#`` starts a comment line).

    ``#include OTHER`` (a path under ``data/``) puts the lines of OTHER there: a list two stages share lives in
    one file."""
    out = []
    for line in data_path(relpath).read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s.startswith("#include "):
            out.extend(load_lines(s[len("#include "):].strip()))
        elif s and not s.startswith("#"):
            out.append(s)
    return tuple(out)


@lru_cache(maxsize=None)
def load_patterns(relpath: str):
    """Compile each line of a pattern file (one ``regex`` pattern per line) into one alternation."""
    import regex

    pats = load_lines(relpath)
    return regex.compile("|".join(f"(?:{p})" for p in pats)) if pats else None


@lru_cache(maxsize=None)
def opencc_converter(config: str = "t2s"):
    """One shared OpenCC converter per configuration (loading its dictionaries costs ~50 ms)."""
    import opencc

    return opencc.OpenCC(config)
