"""The fixed label set, read from ``data/taxonomy.toml`` (Chinese names, definitions, cue words, role cues)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

import regex

from corpus_tools._data import data_path

TAXONOMY_FILE = "taxonomy.toml"


@dataclass(frozen=True)
class Label:
    name: str
    zh: str
    definition: str
    cues: tuple[str, ...]
    heading_only: tuple[str, ...]
    not_in: tuple[str, ...] = ()  # phrases in which a cue of this label does not count


@dataclass(frozen=True)
class Taxonomy:
    version: str
    labels: tuple[Label, ...]
    roles: tuple[str, ...]
    role_patterns: dict  # role -> compiled regex (or None)
    min_body_hits: int
    item_max_chars: int = 0  # 0: no dedicated-item rule

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(l.name for l in self.labels)


@lru_cache(maxsize=None)
def load_taxonomy(relpath: str = TAXONOMY_FILE) -> Taxonomy:
    with open(data_path(relpath), "rb") as fh:
        raw = tomllib.load(fh)
    labels = tuple(
        Label(name, spec["zh"], spec["definition"], tuple(spec.get("cues", ())), tuple(spec.get("heading_only", ())),
              tuple(spec.get("not_in", ())))
        for name, spec in raw["labels"].items()
    )
    pats = {}
    for role, spec in raw["roles"].items():
        ps = spec.get("heading_patterns", [])
        pats[role] = regex.compile("|".join(f"(?:{p})" for p in ps)) if ps else None
    # canonical role order of the contract; cue-checking order is the file's order
    roles = ("overview", "work", "problems", "plans")
    assert set(roles) == set(raw["roles"]), "taxonomy roles must be overview, work, problems, plans"
    return Taxonomy(raw.get("version", ""), labels, roles, pats, int(raw.get("min_body_hits", 2)),
                    int(raw.get("item_max_chars", 0)))


LABELS: tuple[str, ...] = load_taxonomy().names
ROLES: tuple[str, ...] = load_taxonomy().roles
