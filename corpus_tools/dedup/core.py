"""The deduplicator: signatures → LSH candidates → exact verification → clusters → representative →
cross-copy mask restoration, plus repeated-block removal inside each report."""
from __future__ import annotations

import multiprocessing as mp
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..cleaner.edits import EDIT_COLUMNS
from .blocks import remove_repeated_blocks
from .index import SignatureIndex
from .masks import restore_masks
from .minhash import (ShingleSpec, choose_lsh_params, exact_hash, jaccard_containment, lsh_probability,
                      oph_signature, shingle_hashes, shingle_ids)
from .normalize import MASK_MARKER, damage_count, normalize, normalize_lines, traditional_ratio

__all__ = ["Deduplicator", "DedupResult", "EDIT_COLUMNS"]

SIGNATURE_SCHEME = "oph-densified-v1"

# Worker state, set before the pool forks (texts are shared copy-on-write, not pickled per task).
_CTX: dict = {}


def _norm_of(i: int) -> str:
    return _CTX["texts"][i] if i < _CTX["n_pre"] else normalize(_CTX["texts"][i])


def _sign_one(norm: str, spec: ShingleSpec, num_perm: int, seed: int, min_shingles: int):
    h = shingle_hashes(norm, spec)
    if h.size < min_shingles:
        return None, int(h.size)
    return oph_signature(h, num_perm, seed), int(h.size)


def _sign_chunk(idx: list[int]):
    spec, k, seed, ms, amin = (_CTX[x] for x in ("spec", "num_perm", "seed", "min_shingles", "anchor_min"))
    sigs = np.full((len(idx), k), 0xFFFFFFFF, dtype=np.uint32)
    has = np.zeros(len(idx), dtype=bool)
    nsh = np.zeros(len(idx), dtype=np.int64)
    eh = np.zeros(len(idx), dtype=np.int64)
    anchors = []
    for j, i in enumerate(idx):
        if i < _CTX["n_pre"]:
            norm, lines = _CTX["texts"][i], []
        else:
            norm, lines = normalize_lines(_CTX["texts"][i])
        sig, n = _sign_one(norm, spec, k, seed, ms)
        nsh[j] = n
        eh[j] = exact_hash(norm)
        if sig is not None:
            sigs[j] = sig
            has[j] = True
        anchors.append(sorted({exact_hash(x) for x in lines if len(x) >= amin}))
    return sigs, has, nsh, eh, anchors


def _verify_chunk(pairs: np.ndarray):
    spec = _CTX["spec"]
    cache: dict[int, np.ndarray] = {}

    def ids(i):
        v = cache.get(i)
        if v is None:
            if len(cache) > 4096:
                cache.clear()
            v = cache[i] = shingle_ids(_norm_of(i), spec)
        return v

    out = np.zeros((len(pairs), 2), dtype=np.float64)
    for t, (i, j) in enumerate(pairs):
        out[t] = jaccard_containment(ids(int(i)), ids(int(j)))
    return out


def _chunks(seq, size):
    return [seq[i:i + size] for i in range(0, len(seq), size)]


@dataclass
class DedupResult:
    """``reports`` gains ``cluster_id``, ``is_representative``, ``duplicate_of``, ``similarity``;
    ``clusters`` has one row per cluster; ``edits`` are the new edits (cleaner's schema)."""

    reports: pd.DataFrame
    clusters: pd.DataFrame
    edits: pd.DataFrame
    stats: dict = field(default_factory=dict)

    def write(self, out_dir: str | Path) -> Path:
        """Write ``clusters.parquet`` into ``out_dir``."""
        p = Path(out_dir)
        p.mkdir(parents=True, exist_ok=True)
        self.clusters.to_parquet(p / "clusters.parquet", index=False)
        return p / "clusters.parquet"

    def show_cluster(self, cluster_id: int):
        from .view import show_cluster

        return show_cluster(self, cluster_id)


class _UnionFind:
    def __init__(self, n: int):
        self.p = np.arange(n)

    def find(self, x: int) -> int:
        p = self.p
        root = x
        while p[root] != root:
            root = p[root]
        while p[x] != root:
            p[x], x = root, p[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


class Deduplicator:
    """MinHash near-duplicate clustering with verified edges and no chaining.

    Parameters
    ----------
    threshold : Jaccard of the shingle sets for a "near" edge, and what every member needs with its
        representative.
    containment : share of the shorter report's shingles found in the longer for a "contained" edge.
    num_perm : signature length (one-permutation bins).
    shingle, ngram : "char5" (character 5-grams, a Latin/digit run is one unit) or "word3" etc. (jieba
        words); digits in ``shingle`` win over ``ngram``.
    min_shingles : reports with fewer shingles are deduplicated by exact hash only.
    n_jobs : worker processes for signatures and verification.
    index_path : directory of an on-disk index; the run is deduplicated against it and then appended.
    seed : hash seed (part of the index parameters).
    remove_repeated_blocks, restore_masks : switch the two text repairs off.
    anchor_min_chars, anchor_max_df : paragraphs of at least this many normalised characters shared by at most
        this many reports also make candidate pairs (finds excerpts LSH on Jaccard cannot see).
    """

    def __init__(self, threshold: float = 0.7, containment: float = 0.85, num_perm: int = 128,
                 shingle: str = "char5", ngram: int = 5, min_shingles: int = 50, n_jobs: int = 2,
                 index_path: str | Path | None = None, seed: int = 1, remove_repeated_blocks: bool = True,
                 restore_masks: bool = True, anchor_min_chars: int = 80, anchor_max_df: int = 50,
                 parallel_min: int = 2000):
        if not 0 < threshold <= 1 or not 0 < containment <= 1:
            raise ValueError("threshold and containment must be in (0, 1]")
        self.threshold = threshold
        self.containment = containment
        self.num_perm = num_perm
        self.shingle = shingle
        self.ngram = ngram
        self.min_shingles = min_shingles
        self.n_jobs = n_jobs
        self.index_path = index_path
        self.seed = seed
        self.remove_repeated_blocks = remove_repeated_blocks
        self.restore_masks = restore_masks
        self.anchor_min_chars = anchor_min_chars
        self.anchor_max_df = anchor_max_df
        self.parallel_min = parallel_min
        self.spec_ = ShingleSpec.parse(shingle, ngram)
        self.lsh_params_ = choose_lsh_params(threshold, num_perm)

    # -- parameters --------------------------------------------------------------------------------------
    def signature_params(self) -> dict:
        """What shapes a signature; an index refuses to mix runs that differ in any of these."""
        return {"scheme": SIGNATURE_SCHEME, "num_perm": self.num_perm, "shingle": self.spec_.kind,
                "ngram": self.spec_.n, "seed": self.seed, "min_shingles": self.min_shingles}

    def lsh_report(self) -> dict:
        b, r = self.lsh_params_
        return {"bands": b, "rows": r, "threshold": self.threshold,
                "p_candidate_at_threshold": round(lsh_probability(self.threshold, b, r), 4),
                "p_candidate_at_threshold_minus_0.2": round(lsh_probability(max(0, self.threshold - .2), b, r), 4)}

    # -- hot loop ----------------------------------------------------------------------------------------
    def signatures(self, texts: list[str], pre_normalized: int = 0):
        """Signatures of many texts, in parallel: (uint32 matrix, has_signature, n_shingles, exact_hash,
        anchors).  The first ``pre_normalized`` texts are already normalised (from an index)."""
        _CTX.update(texts=texts, n_pre=pre_normalized, spec=self.spec_, num_perm=self.num_perm, seed=self.seed,
                    min_shingles=self.min_shingles, anchor_min=self.anchor_min_chars)
        idx = list(range(len(texts)))
        if self.n_jobs > 1 and len(texts) >= self.parallel_min:
            with mp.get_context("fork").Pool(self.n_jobs) as pool:
                parts = pool.map(_sign_chunk, _chunks(idx, 256))
        else:
            parts = [_sign_chunk(idx)]
        if not parts:
            k = self.num_perm
            return (np.zeros((0, k), np.uint32), np.zeros(0, bool), np.zeros(0, np.int64), np.zeros(0, np.int64), [])
        sigs = np.concatenate([p[0] for p in parts])
        has = np.concatenate([p[1] for p in parts])
        nsh = np.concatenate([p[2] for p in parts])
        eh = np.concatenate([p[3] for p in parts])
        anchors = [a for p in parts for a in p[4]]
        return sigs, has, nsh, eh, anchors

    def _verify(self, pairs: np.ndarray) -> np.ndarray:
        if len(pairs) == 0:
            return np.zeros((0, 2))
        if self.n_jobs > 1 and len(pairs) >= self.parallel_min:
            order = np.lexsort((pairs[:, 1], pairs[:, 0]))
            with mp.get_context("fork").Pool(self.n_jobs) as pool:
                res = pool.map(_verify_chunk, _chunks(pairs[order], 2048))
            out = np.empty((len(pairs), 2))
            out[order] = np.concatenate(res)
            return out
        return _verify_chunk(pairs)

    # -- candidates --------------------------------------------------------------------------------------
    def _candidates(self, sigs, has, eh, anchors, n_old: int) -> np.ndarray:
        from datasketch import LeanMinHash, MinHashLSH

        n = len(sigs)
        b, r = self.lsh_params_
        lsh = MinHashLSH(num_perm=self.num_perm, params=(b, r))
        # one LSH entry per distinct text: exact copies are joined by their hash, not by buckets
        first_of: dict[int, int] = {}
        with lsh.insertion_session() as sess:
            for i in np.flatnonzero(has):
                if first_of.setdefault(int(eh[i]), int(i)) != i:
                    continue
                sess.insert(int(i), LeanMinHash(seed=self.seed, hashvalues=sigs[i], scheme="affine32"),
                            check_duplication=False)
        pairs, small = [], []
        for table in lsh.hashtables:
            for key in table.keys():
                members = sorted(table.get(key))
                if len(members) < 2:
                    continue
                if len(members) == 2:
                    small.append(members)
                    continue
                m = np.asarray(members, dtype=np.int64)
                ii, jj = np.triu_indices(len(m), 1)
                pairs.append(np.stack([m[ii], m[jj]], 1))
        if small:
            pairs.append(np.asarray(small, dtype=np.int64))
        # paragraph anchors (excerpts, contained copies)
        inv: dict[int, list[int]] = {}
        for i, an in enumerate(anchors):
            if has[i]:
                for a in an:
                    inv.setdefault(a, []).append(i)
        for lst in inv.values():
            if 1 < len(lst) <= self.anchor_max_df:
                m = np.asarray(sorted(set(lst)), dtype=np.int64)
                ii, jj = np.triu_indices(len(m), 1)
                pairs.append(np.stack([m[ii], m[jj]], 1))
        if not pairs:
            return np.zeros((0, 2), dtype=np.int64)
        p = np.concatenate(pairs)
        p = p[p[:, 1] >= n_old]  # old-old pairs were settled in earlier runs
        p = np.unique(p[:, 0] * n + p[:, 1])
        return np.stack([p // n, p % n], 1)

    # -- main --------------------------------------------------------------------------------------------
    def fit_transform(self, reports: pd.DataFrame, edits: pd.DataFrame | None = None) -> DedupResult:
        """Cluster ``reports`` (needs ``report_id`` and ``text``; ``raw_text`` for edits) and return the
        annotated reports, the cluster table and the new edits."""
        rep = reports.copy().reset_index(drop=True)
        if "raw_text" not in rep:
            rep["raw_text"] = rep["text"]
        rep["text"] = rep["text"].fillna("").astype(str)
        edits = edits if edits is not None else pd.DataFrame(columns=EDIT_COLUMNS)
        new_edits: list[dict] = []
        # 1. repeated blocks inside a report
        if self.remove_repeated_blocks:
            texts = rep["text"].tolist()
            for k, row in enumerate(rep.itertuples(index=False)):
                t, ed = remove_repeated_blocks(row.report_id, row.raw_text, row.text)
                if ed:
                    texts[k] = t
                    new_edits.extend(ed)
            rep["text"] = texts
        # 2. index
        index = SignatureIndex(self.index_path, self.signature_params()) if self.index_path else None
        old = index.load() if index is not None else pd.DataFrame()
        n_old = len(old)
        texts = (old["norm"].tolist() if n_old else []) + rep["text"].tolist()
        sigs, has, nsh, eh, anchors = self.signatures(texts, pre_normalized=n_old)
        if n_old:
            sigs[:n_old] = np.stack([SignatureIndex.sig_from_bytes(b) for b in old["signature"]])
            has[:n_old] = old["n_shingles"].to_numpy() >= self.min_shingles
            anchors[:n_old] = [list(a) for a in old["anchors"]]
        n = len(texts)
        # 3. candidates → verified edges
        cand = self._candidates(sigs, has, eh, anchors, n_old)
        vals = self._verify(cand)
        pair_vals: dict[tuple[int, int], tuple[float, float]] = {}
        edges: list[tuple[int, int, str]] = []
        for (i, j), (jac, con) in zip(cand.tolist(), vals.tolist()):
            pair_vals[(i, j)] = (jac, con)
            kind = self._relation(jac, con, eh[i] == eh[j])
            if kind:
                edges.append((i, j, kind))
        # exact copies (short reports: the only way they merge)
        groups: dict[int, list[int]] = {}
        for i in range(n):
            groups.setdefault(int(eh[i]), []).append(i)
        for g in groups.values():
            for j in g[1:]:
                if j >= n_old or g[0] >= n_old:
                    edges.append((g[0], j, "exact"))
                    pair_vals[(g[0], j)] = (1.0, 1.0)
        self._pair_vals, self._eh = pair_vals, eh
        # 4. clusters
        uf = _UnionFind(n)
        for i, j, _ in edges:
            uf.union(i, j)
        comps: dict[int, list[int]] = {}
        for i in range(n_old, n):
            comps.setdefault(uf.find(i), []).append(i)
        # old members of touched components
        if n_old:
            for i in range(n_old):
                r = uf.find(i)
                if r in comps:
                    comps[r].append(i)
        damage = np.zeros(n, dtype=np.int64)
        trad = np.zeros(n, dtype=bool)
        for i in range(n_old, n):
            damage[i] = damage_count(texts[i])
            trad[i] = traditional_ratio(texts[i][:2000]) > 0.05
        lengths = nsh
        edge_set = {(min(i, j), max(i, j)) for i, j, _ in edges}
        edges_of_all: dict[int, list[int]] = {}
        for a, b2 in edge_set:
            edges_of_all.setdefault(a, []).append(b2)
        assign: dict[int, tuple[int, float, str]] = {}  # item -> (rep item, similarity, relation)
        split_from: dict[int, list[int]] = {}
        next_cid = int(old["cluster_id"].max()) + 1 if n_old else 0
        old_cid = old["cluster_id"].to_numpy() if n_old else np.zeros(0, int)
        old_isrep = old["is_representative"].to_numpy() if n_old else np.zeros(0, bool)

        def sim(i, j):
            key = (min(i, j), max(i, j))
            v = pair_vals.get(key)
            if v is None:
                _CTX.update(texts=texts, n_pre=n_old, spec=self.spec_)
                v = pair_vals[key] = tuple(_verify_chunk(np.array([key]))[0])
            return v

        def rel(i, j):
            jac, con = sim(i, j)
            return jac, self._relation(jac, con, eh[i] == eh[j])

        def cluster_new(members: list[int]):
            remaining = sorted(members)
            while remaining:
                sub_uf = _UnionFind(len(remaining))
                pos = {m: k for k, m in enumerate(remaining)}
                for a in remaining:
                    for b2 in edges_of_all.get(a, ()):
                        if b2 in pos:
                            sub_uf.union(pos[a], pos[b2])
                subs: dict[int, list[int]] = {}
                for m in remaining:
                    subs.setdefault(sub_uf.find(pos[m]), []).append(m)
                nxt = []
                for grp in subs.values():
                    r0 = self._choose_rep(grp, lengths, damage, trad)
                    assign[r0] = (r0, 1.0, "representative")
                    for m in grp:
                        if m == r0:
                            continue
                        jac, kind = rel(m, r0)
                        if kind:
                            assign[m] = (r0, jac, kind)
                        else:
                            nxt.append(m)
                            split_from.setdefault(r0, []).append(m)
                remaining = sorted(nxt)

        for members in comps.values():
            olds = [m for m in members if m < n_old]
            news = [m for m in members if m >= n_old]
            if olds:
                old_reps = {}
                for m in olds:
                    if old_isrep[m]:
                        old_reps[int(old_cid[m])] = m
                leftover = []
                for m in news:
                    best = None
                    for cid, r0 in old_reps.items():
                        jac, kind = rel(m, r0)
                        if kind and (best is None or jac > best[1]):
                            best = (r0, jac, kind)
                    if best:
                        assign[m] = best
                    else:
                        leftover.append(m)
                if leftover:
                    cluster_new(leftover)
            else:
                cluster_new(news)
        # 5. cluster ids, output columns
        rep_items = sorted({a[0] for i, a in assign.items() if i >= n_old},
                           key=lambda r0: (r0 >= n_old, r0))
        cid_of: dict[int, int] = {}
        for r0 in rep_items:
            if r0 < n_old:
                cid_of[r0] = int(old_cid[r0])
            else:
                cid_of[r0] = next_cid
                next_cid += 1
        ids_all = (old["report_id"].tolist() if n_old else []) + rep["report_id"].tolist()
        out_cid, out_isrep, out_dup, out_sim = [], [], [], []
        for i in range(n_old, n):
            r0, s, kind = assign[i]
            out_cid.append(cid_of[r0])
            out_isrep.append(r0 == i)
            out_dup.append(None if r0 == i else ids_all[r0])
            out_sim.append(round(float(s), 4))
        rep["cluster_id"] = out_cid
        rep["is_representative"] = out_isrep
        rep["duplicate_of"] = out_dup
        rep["similarity"] = out_sim
        # 6. cross-copy mask restoration in new representatives
        members_of: dict[int, list[int]] = {}
        for i, (r0, _, _) in assign.items():
            members_of.setdefault(r0, []).append(i)
        if self.restore_masks:
            # the cleaner's unresolved masks in the body (a title's edits point into the title)
            is_mask = ((edits["rule"] == "mask") & (edits["after"] == MASK_MARKER)
                       & (edits["field"] == "text" if "field" in edits.columns else True)) if len(edits) else None
            mask_edits = edits[is_mask] if is_mask is not None else edits
            by_rid = {k: g for k, g in mask_edits.groupby("report_id")} if len(mask_edits) else {}
            for r0, mem in members_of.items():
                if r0 < n_old or len(mem) < 2:
                    continue
                row = rep.iloc[r0 - n_old]
                others = [(ids_all[m], texts[m]) for m in mem if m != r0]
                me = by_rid.get(row["report_id"], pd.DataFrame(columns=EDIT_COLUMNS))
                t, ed = restore_masks(row, others, me)
                if ed:
                    rep.at[r0 - n_old, "text"] = t
                    new_edits.extend(ed)
        # 7. cluster table
        edges_of: dict[int, list[int]] = {}
        for a, b2 in edge_set:
            edges_of.setdefault(a, []).append(b2)
        rows = []
        for r0 in rep_items:
            mem = sorted(members_of.get(r0, [r0]))
            mem = [r0] + [m for m in mem if m != r0]
            rels, sims, cons = [], [], []
            for m in mem:
                if m == r0:
                    rels.append("representative"); sims.append(1.0); cons.append(1.0)
                else:
                    jac, con = sim(m, r0)
                    rels.append(assign[m][2]); sims.append(round(jac, 4)); cons.append(round(con, 4))
            mset = set(mem)
            n_edges = sum(1 for a in mem for b2 in edges_of.get(a, ()) if b2 in mset)
            rows.append({"cluster_id": cid_of[r0], "size": len(mem), "representative": ids_all[r0],
                         "members": [ids_all[m] for m in mem], "relations": rels, "similarities": sims,
                         "containments": cons, "verified_edges": n_edges,
                         "split_off": [ids_all[m] for m in split_from.get(r0, [])]})
        clusters = pd.DataFrame(rows, columns=["cluster_id", "size", "representative", "members", "relations",
                                               "similarities", "containments", "verified_edges", "split_off"])
        # 8. index
        if index is not None:
            norms = [normalize(t) for t in rep["text"]]
            batch = pd.DataFrame({
                "report_id": rep["report_id"], "cluster_id": rep["cluster_id"],
                "is_representative": rep["is_representative"], "exact_hash": eh[n_old:],
                "n_shingles": nsh[n_old:], "signature": [SignatureIndex.sig_to_bytes(s) for s in sigs[n_old:]],
                "anchors": [list(map(int, a)) for a in anchors[n_old:]], "norm": norms})
            index.append(batch)
        stats = {"lsh": self.lsh_report(), "candidates": int(len(cand)), "verified_edges": len(edges),
                 "reports": int(len(rep)), "index_reports": n_old,
                 "clusters_with_duplicates": int((clusters["size"] > 1).sum())}
        ed_df = pd.DataFrame([{**e, "field": "text"} for e in new_edits], columns=EDIT_COLUMNS)
        return DedupResult(rep, clusters, ed_df, stats)

    def _relation(self, jac: float, con: float, same_hash: bool) -> str:
        if same_hash:
            return "exact"
        if jac >= self.threshold:
            return "near"
        if con >= self.containment:
            return "contained"
        return ""

    @staticmethod
    def _choose_rep(members: list[int], lengths, damage, trad) -> int:
        """Representative rule: among the complete copies (at least 90% of the longest one's shingles), the one
        with the fewest masks and placeholders, then Simplified over Traditional, then the longest, then the
        earliest in input order."""
        longest = max(int(lengths[m]) for m in members)
        return min(members, key=lambda m: (lengths[m] < 0.9 * longest, int(damage[m]), bool(trad[m]),
                                           -int(lengths[m]), m))
