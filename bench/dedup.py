"""Benchmark of corpus_tools.dedup on a generated corpus with known near-duplicates.

Prints: signature throughput (reports/s per core) for our vectorised one-permutation signatures and for
datasketch ``MinHash.bulk``/``update_batch`` on the same texts and num_perm; MAE of estimated vs exact Jaccard;
recall/precision of the full deduplicator on the generated pairs; peak memory.

    python bench/dedup.py            # 100,000 reports (a few minutes on 2 cores)
    python bench/dedup.py --n 5000   # quick run
"""
from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen_dedup import generate  # noqa: E402

from corpus_tools.dedup import Deduplicator, normalize  # noqa: E402
from corpus_tools.dedup.minhash import ShingleSpec, jaccard_containment, shingle_ids, signature  # noqa: E402


def peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ch = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, ch


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000, help="generated reports (default 100000)")
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--compare", type=int, default=2000, help="texts timed with datasketch update_batch")
    ap.add_argument("--pairs", type=int, default=5000, help="pairs sampled for the Jaccard MAE")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    k = args.num_perm
    t0 = time.perf_counter()
    texts, family, ops = generate(args.n, args.seed)
    print(f"generated {len(texts):,} reports in {len(set(family)):,} families "
          f"({time.perf_counter() - t0:.1f}s); mean length {np.mean([len(t) for t in texts]):.0f} chars")

    # 1. signature throughput, same texts, same num_perm, one core each
    rng = random.Random(args.seed)
    sample = rng.sample(range(len(texts)), min(args.compare, len(texts)))
    norms = [normalize(texts[i]) for i in sample]
    spec = ShingleSpec("char", 5)
    t0 = time.perf_counter()
    for s in norms:
        signature(s, spec, k, 1)
    ours = len(norms) / (time.perf_counter() - t0)
    from datasketch import MinHash

    t0 = time.perf_counter()
    batches = [[s[i:i + 5].encode("utf-8") for i in range(max(1, len(s) - 4))] for s in norms]
    MinHash.bulk(batches, num_perm=k)
    theirs = len(norms) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for b in batches[: max(1, len(batches) // 4)]:
        m = MinHash(num_perm=k)
        m.update_batch(b)
    theirs_ub = max(1, len(batches) // 4) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for s in norms[: max(1, len(norms) // 4)]:
        signature(normalize(s), spec, k, 1)
    ours_norm = max(1, len(norms) // 4) / (time.perf_counter() - t0)
    print(f"\nsignatures, num_perm={k}, {len(norms):,} identical normalised texts, one core:")
    print(f"  corpus_tools (NumPy shingles + one-permutation) {ours:10,.0f} reports/s "
          f"({ours_norm:,.0f}/s including normalisation)")
    print(f"  datasketch MinHash.bulk                       {theirs:10,.0f} reports/s")
    print(f"  datasketch MinHash.update_batch               {theirs_ub:10,.0f} reports/s")
    print(f"  speed-up: {ours / theirs:.1f}x vs bulk, {ours / theirs_ub:.1f}x vs update_batch (target >= 5x)")

    # 2. MAE of the estimated Jaccard against the exact one
    fam_members: dict[int, list[int]] = {}
    for i, f in enumerate(family):
        fam_members.setdefault(f, []).append(i)
    pos = [p for g in fam_members.values() for p in itertools.combinations(sorted(g), 2)]
    pos_s = rng.sample(pos, min(args.pairs, len(pos)))
    neg_s = []
    while len(neg_s) < min(args.pairs, len(pos_s)):
        a, b = rng.randrange(len(texts)), rng.randrange(len(texts))
        if family[a] != family[b]:
            neg_s.append((a, b))
    cache = {}

    def sig_ids(i):
        if i not in cache:
            norm = normalize(texts[i])
            cache[i] = (shingle_ids(norm, spec), signature(norm, spec, k, 1))
        return cache[i]

    def errs(pairs):
        est, ex = [], []
        for a, b in pairs:
            (ia, sa), (ib, sb) = sig_ids(a), sig_ids(b)
            est.append(float(np.mean(sa == sb)))
            ex.append(jaccard_containment(ia, ib)[0])
        est, ex = np.array(est), np.array(ex)
        return np.abs(est - ex).mean(), ex
    mae_pos, ex_pos = errs(pos_s)
    mae_neg, _ = errs(neg_s)
    print(f"\nJaccard estimate vs exact (num_perm={k}): MAE {mae_pos:.4f} on {len(pos_s):,} generated near-duplicate "
          f"pairs (exact J median {np.median(ex_pos):.2f}, {np.mean(ex_pos >= 0.7):.0%} >= 0.7), "
          f"{mae_neg:.4f} on {len(neg_s):,} random pairs, {(mae_pos + mae_neg) / 2:.4f} overall (target <= 0.03)")
    cache.clear()

    # 3. the full deduplicator on every report (2 cores)
    reports = pd.DataFrame({"report_id": [f"g{i}" for i in range(len(texts))], "source": "gen",
                            "page_index": 0, "title": "", "raw_text": texts, "text": texts})
    dd = Deduplicator(num_perm=k, n_jobs=2)
    t0 = time.perf_counter()
    res = dd.fit_transform(reports)
    dt = time.perf_counter() - t0
    cid = res.reports["cluster_id"].to_numpy()
    by: dict[int, list[int]] = {}
    for i, c in enumerate(cid):
        by.setdefault(int(c), []).append(i)
    pred = {p for g in by.values() for p in itertools.combinations(sorted(g), 2)}
    gold = set(pos)
    tp = len(pred & gold)
    print(f"\nfull run, {len(texts):,} reports, 2 cores: {dt:.1f}s ({len(texts) / dt:,.0f} reports/s end to end); "
          f"LSH {dd.lsh_report()['bands']} bands x {dd.lsh_report()['rows']} rows; "
          f"{res.stats['candidates']:,} candidate pairs, {res.stats['verified_edges']:,} verified edges")
    print(f"  pairwise recall {tp / len(gold):.4f} ({tp:,}/{len(gold):,} generated duplicate pairs), "
          f"precision {tp / max(1, len(pred)):.4f} ({len(pred):,} predicted pairs)")
    # recall split by edit type of the copy
    miss = gold - pred
    by_op: dict[str, list[int]] = {}
    for a, b in gold:
        o = ops[b] if ops[a] == "base" else ops[a]
        by_op.setdefault(o.split("+")[0] if "+" not in o else "combined", [0, 0])
        by_op[o.split("+")[0] if "+" not in o else "combined"][0] += 1
        if (a, b) in miss:
            by_op[o.split("+")[0] if "+" not in o else "combined"][1] += 1
    print("  recall by edit of the copy: " + ", ".join(
        f"{o} {1 - m / n:.3f}" for o, (n, m) in sorted(by_op.items())))
    me, ch = peak_mb()
    print(f"\npeak memory: {me:,.0f} MB main process, {ch:,.0f} MB largest worker")


if __name__ == "__main__":
    main()
