"""Write a run's tables: Parquet (pyarrow) or JSONL, and the manifest.

Parquet is the default because it keeps types (lists of labels, floats) and is read back by pandas, R (arrow)
and DuckDB alike; JSONL is offered for tools that want plain text.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["write_table", "write_manifest", "read_table"]


def _jsonable(v: Any) -> Any:
    if hasattr(v, "tolist"):
        return v.tolist()
    if isinstance(v, float) and v != v:
        return None
    return v


def write_table(df: pd.DataFrame, out_dir: Path, name: str, fmt: str = "parquet") -> Path:
    """Write ``df`` as ``out_dir/name.parquet`` or ``out_dir/name.jsonl``; returns the path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        path = out_dir / f"{name}.parquet"
        df.to_parquet(path, index=False, engine="pyarrow")
    elif fmt == "jsonl":
        path = out_dir / f"{name}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for rec in df.to_dict(orient="records"):
                f.write(json.dumps({k: _jsonable(v) for k, v in rec.items()}, ensure_ascii=False, default=str))
                f.write("\n")
    else:
        raise ValueError(f"unknown format {fmt!r}: use 'parquet' or 'jsonl'")
    return path


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (by its extension)."""
    path = Path(path)
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    return pd.read_parquet(path)


def write_manifest(manifest: dict, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path
