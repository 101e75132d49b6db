"""On-disk signature index for incremental deduplication (``--index PATH``).

Layout: ``PATH/params.json`` (the parameters that shape a signature: a run with other values is refused) and
one ``PATH/batch-NNNNN.parquet`` per run with ``report_id``, ``cluster_id``, ``is_representative``,
``exact_hash``, ``n_shingles``, ``signature`` (num_perm little-endian uint32 bytes), ``anchors`` (paragraph
hashes) and ``norm`` (the normalised text, so pairs with old reports are verified on exact shingle sets too).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["IndexParameterError", "SignatureIndex"]

FORMAT = 1


class IndexParameterError(ValueError):
    """The index on disk was built with other signature parameters; mixing them would compare apples with
    oranges."""


class SignatureIndex:
    def __init__(self, path: str | Path, params: dict):
        self.path = Path(path)
        self.params = dict(params, format=FORMAT)

    def check(self) -> None:
        pfile = self.path / "params.json"
        if pfile.exists():
            old = json.loads(pfile.read_text(encoding="utf-8"))
            diff = {k: (old.get(k), v) for k, v in self.params.items() if old.get(k) != v}
            if diff:
                raise IndexParameterError(
                    f"index {self.path} was built with other parameters (on disk, now): {diff}; "
                    "use a new index path or the same parameters")

    def load(self) -> pd.DataFrame:
        self.check()
        files = sorted(self.path.glob("batch-*.parquet"))
        if not files:
            return pd.DataFrame(columns=["report_id", "cluster_id", "is_representative", "exact_hash",
                                         "n_shingles", "signature", "anchors", "norm"])
        return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)

    def append(self, batch: pd.DataFrame) -> Path:
        self.check()
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / "params.json").write_text(json.dumps(self.params, indent=1, sort_keys=True),
                                               encoding="utf-8")
        n = len(list(self.path.glob("batch-*.parquet")))
        out = self.path / f"batch-{n:05d}.parquet"
        batch.to_parquet(out, index=False)
        return out

    @staticmethod
    def sig_to_bytes(sig: np.ndarray) -> bytes:
        return np.asarray(sig, dtype="<u4").tobytes()

    @staticmethod
    def sig_from_bytes(b: bytes) -> np.ndarray:
        return np.frombuffer(b, dtype="<u4").astype(np.uint32)
