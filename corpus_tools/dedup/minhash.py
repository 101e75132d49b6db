"""Shingles and MinHash signatures, vectorised with NumPy, handed to datasketch.

Signatures use one-permutation hashing (OPH, Li et al. 2012) with optimal densification (Shrivastava 2017):
every shingle of a report is hashed once in a single NumPy pass; the high bits pick one of ``num_perm`` bins,
the low 32 bits are the value, and each bin keeps its minimum.  Empty bins borrow the value of the first
non-empty bin on a fixed pseudo-random probe sequence, so two reports stay comparable bin by bin.  The cost is
O(shingles) instead of O(shingles × num_perm) for classic MinHash.  The values are uint32, stored as datasketch
``LeanMinHash(scheme="affine32")`` objects and indexed by ``MinHashLSH``; the fraction of equal bins estimates
the Jaccard similarity of the shingle sets.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

__all__ = ["ShingleSpec", "units", "shingle_hashes", "shingle_ids", "signature", "oph_signature", "choose_lsh_params", "lsh_probability",
           "jaccard_containment", "exact_hash"]

_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_P = np.uint64(0x100000001B3)  # FNV prime: polynomial combination of n units
_LATIN = regex.compile(r"[a-z0-9]+")
_C1 = np.uint64(0xFF51AFD7ED558CCD)
_C2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)


def fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, a bijection that spreads every input bit over the output."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> _S33)
        x = x * _C1
        x = x ^ (x >> _S33)
        x = x * _C2
        return x ^ (x >> _S33)


@dataclass(frozen=True)
class ShingleSpec:
    """``kind`` "char" (a run of Latin letters/digits is one unit) or "word" (jieba words); ``n`` units."""

    kind: str = "char"
    n: int = 5

    @classmethod
    def parse(cls, shingle: str, ngram: int | None) -> "ShingleSpec":
        m = regex.fullmatch(r"(char|word)(\d*)", shingle)
        if not m:
            raise ValueError(f"shingle must be 'char', 'word' or one of them followed by n, got {shingle!r}")
        n = int(m.group(2)) if m.group(2) else int(ngram or 5)
        if n < 1:
            raise ValueError("ngram must be >= 1")
        return cls(m.group(1), n)


def _crc_code(tok: str) -> int:
    # Codes >= 2**32 never collide with a code point.
    return (1 << 32) | zlib.crc32(tok.encode("utf-8"))


def units(norm: str, kind: str = "char") -> np.ndarray:
    """Integer codes of the units of a normalised text: one per Han character, one per Latin/digit run
    (``2022年度`` → [code('2022'), 年, 度]) or, for ``kind="word"``, one per jieba word."""
    if not norm:
        return np.zeros(0, dtype=np.uint64)
    if kind == "word":
        import jieba

        return np.fromiter((_crc_code(w) for w in jieba.lcut(norm)), dtype=np.uint64)
    cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    ascii_ = cps < 128
    if not ascii_.any():
        return cps
    # Collapse each Latin/digit run into one unit.
    keep = ~ascii_
    out = cps.copy()
    for m in _LATIN.finditer(norm):
        out[m.start()] = _crc_code(m.group())
        keep[m.start()] = True
    return out[keep]


def shingle_hashes(norm: str, spec: ShingleSpec = ShingleSpec()) -> np.ndarray:
    """64-bit polynomial hash of every n-unit shingle of a normalised text, in order (repeats kept), computed
    in n vectorised NumPy operations.  A text shorter than n units is one shingle."""
    u = units(norm, spec.kind)
    if u.size == 0:
        return np.zeros(0, dtype=np.uint64)
    n = min(spec.n, u.size)
    m = u.size - n + 1
    with np.errstate(over="ignore"):
        h = u[:m].copy()
        for k in range(1, n):
            h = h * _P + u[k:k + m]
    return h


def shingle_ids(norm: str, spec: ShingleSpec = ShingleSpec()) -> np.ndarray:
    """The exact shingle set: sorted unique 64-bit ids of the shingles (used to verify candidate pairs)."""
    return np.unique(fmix64(shingle_hashes(norm, spec)))


def signature(norm: str, spec: ShingleSpec = ShingleSpec(), num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """MinHash signature of a normalised text (the hot loop: no per-shingle Python)."""
    return oph_signature(shingle_hashes(norm, spec), num_perm, seed)


@lru_cache(maxsize=16)
def _probe_table(num_perm: int, seed: int, width: int = 64) -> np.ndarray:
    rng = np.random.default_rng([seed, num_perm, 0x0D])
    return rng.integers(0, num_perm, size=(num_perm, width), dtype=np.int64)


def _seed_key(seed: int) -> np.uint64:
    return fmix64(np.array([seed + 0x9E3779B97F4A7C15 % (1 << 63)], dtype=np.uint64))[0]


def oph_signature(ids: np.ndarray, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """One-permutation MinHash of 64-bit shingle hashes (repeats allowed) → ``num_perm`` uint32 values."""
    sig = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    if ids.size == 0:
        return sig
    with np.errstate(over="ignore"):
        y = fmix64(ids ^ _seed_key(seed))
        if num_perm & (num_perm - 1) == 0:  # power of two: the top bits pick the bin
            bins = (y >> np.uint64(64 - num_perm.bit_length() + 1)).astype(np.intp) if num_perm > 1 \
                else np.zeros(y.size, dtype=np.intp)
        else:
            bins = (((y >> np.uint64(32)) * np.uint64(num_perm)) >> np.uint64(32)).astype(np.intp)
    vals = (y & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    np.minimum.at(sig, bins, vals)
    filled = np.zeros(num_perm, dtype=bool)
    filled[bins] = True
    if not filled.all():
        empty = np.flatnonzero(~filled)
        probes = _probe_table(num_perm, seed)[empty]          # (n_empty, width)
        ok = filled[probes]
        first = ok.argmax(axis=1)
        found = ok[np.arange(len(empty)), first]
        src = probes[np.arange(len(empty)), first]
        # Rare: no probe hit a filled bin; fall back to the next filled bin to the right.
        if not found.all():
            fb = np.flatnonzero(filled)
            for j in np.flatnonzero(~found):
                pos = np.searchsorted(fb, empty[j]) % len(fb)
                src[j] = fb[pos]
        sig[empty] = sig[src]
    return sig


def exact_hash(norm: str) -> int:
    """64-bit hash of a whole normalised text (exact-duplicate key; deterministic across processes)."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "little") >> 1


def jaccard_containment(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Exact Jaccard and containment of the smaller set in the larger, on sorted unique id arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter), inter / min(a.size, b.size)


def lsh_probability(s: float, b: int, r: int) -> float:
    """Chance that a pair of Jaccard ``s`` shares at least one of ``b`` bands of ``r`` rows."""
    return 1.0 - (1.0 - s ** r) ** b


def choose_lsh_params(threshold: float, num_perm: int, recall: float = 0.98) -> tuple[int, int]:
    """Bands × rows for the LSH.  Every candidate is verified exactly afterwards, so a missed pair is lost for
    good while an extra candidate only costs one comparison: pick the (b, r) that catches a pair *at* the
    threshold with probability >= ``recall`` and, among those, lets through the fewest pairs well below it
    (area under the S-curve over [0, threshold - 0.15])."""
    best = None
    lo = max(0.0, threshold - 0.15)
    xs = np.linspace(0.0, lo, 64)
    for r in range(1, num_perm + 1):
        b = num_perm // r
        if b < 1:
            break
        p_at = lsh_probability(threshold, b, r)
        if p_at < recall:
            continue
        fp = float(np.mean([lsh_probability(x, b, r) for x in xs])) if lo > 0 else 0.0
        key = (fp, -r)
        if best is None or key < best[0]:
            best = (key, (b, r))
    if best is None:  # threshold too low for the recall target: most sensitive setting
        return num_perm, 1
    return best[1]
