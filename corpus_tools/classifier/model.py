"""FunctionClassifier: multi-label function tags for sections (one-vs-rest linear models, calibrated).

Features: jieba words and character bigrams of the heading and of the section's whole content (body plus
sub-sections), counted together with the heading counted ``heading_weight`` times, plus the taxonomy cue-hit
counts (``k:<label>``, the keyword labelling functions as features); sublinear tf, idf, L2 norm.
One ``LogisticRegression`` (liblinear, balanced class weights, fixed seed) per label; out-of-fold scores
(grouped by template family when groups are given) fit a Platt sigmoid per label, over the score and the
keyword functions' evidence (so the keyword votes enter through the calibration, not on top of it; ``kw_blend``
can still mix the plain vote in) and the per-label threshold maximises F1 (rows weighted as in the fit) on those
out-of-fold probabilities.

The fitted model is exported as plain arrays (``model.npz``, no pickle) and a JSON vocabulary
(``model.json``), so it loads on any machine and sklearn version without retraining.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold

from corpus_tools._data import data_path
from corpus_tools.classifier.labeling import LabelingFunctions
from corpus_tools.classifier.roles import assign_roles
from corpus_tools.classifier.taxonomy import load_taxonomy
from corpus_tools.classifier.text import WordMatcher, normalize, tokens

MODEL_DIR = "model"
GOLD_FILE = ("gold", "labels", "sections.jsonl")
WRITTEN_FILE = ("train", "written_sections.jsonl")
CHECK_FILE = ("train", "check_sections.jsonl")  # written like the training sets, never trained on
WRITTEN_WEIGHT = 0.3  # chosen by leave-one-family-out CV on the gold training part
FORMAT_VERSION = 2  # 2: four keyword terms in the calibration (dedicated items)


# ----------------------------------------------------------------------------------------------------------
# section frames → (heading, content) per row, with the sub-section tree
# ----------------------------------------------------------------------------------------------------------
def _as_frame(sections) -> pd.DataFrame:
    if isinstance(sections, pd.DataFrame):
        return sections
    if isinstance(sections, str):
        return pd.DataFrame({"heading": [""], "body": [sections]})
    if isinstance(sections, (pd.Series, dict)):
        return pd.DataFrame([dict(sections)])
    return pd.DataFrame(list(sections))


def _tree(frame: pd.DataFrame) -> list[int | None]:
    """Parent row position of every row (None at the top), from report_id/section_id/parent_id."""
    n = len(frame)
    if "parent_id" not in frame.columns or "section_id" not in frame.columns:
        return [None] * n
    rep = frame["report_id"].astype(str).tolist() if "report_id" in frame.columns else [""] * n
    sid = frame["section_id"].tolist()
    pid = frame["parent_id"].tolist()
    pos = {(r, s): i for i, (r, s) in enumerate(zip(rep, sid))}
    out = []
    for i in range(n):
        p = pid[i]
        if p is None or (isinstance(p, float) and math.isnan(p)) or p == "":
            out.append(None)
        else:
            j = pos.get((rep[i], p))
            out.append(j if j is not None and j != i else None)
    return out


def _col(frame: pd.DataFrame, name: str) -> list[str]:
    if name not in frame.columns:
        return [""] * len(frame)
    return ["" if (v is None or (isinstance(v, float) and math.isnan(v))) else str(v) for v in frame[name]]


_BAG_CACHE: dict = {}
_BAG_CACHE_MAX = 50000


def _text_features(text: str, char_ngram: int, words: bool, lfs: LabelingFunctions,
                   matcher: WordMatcher | None = None, heads: bool = False) -> tuple:
    """(token bag, heading-cue hits, cue hits, normalised text, dedicated-item hits) of one raw text,
    normalised and tokenised once; cached per distinct text (copies of a template, and the keyword pass
    after the model pass, cost nothing).
    Heading-cue hits are counted only when asked for (``heads``; headings, not bodies), else None.
    The returned objects are shared: callers must not mutate them."""
    key = (text, char_ngram, words, id(lfs.taxonomy), matcher.key if matcher is not None else None)
    hit = _BAG_CACHE.get(key)
    if hit is None:
        t = normalize(text)
        bag = tokens(t, char_ngram, words, matcher)
        body, dedicated = lfs.body_counts(t)
        hit = (bag, np.array(lfs.cue_counts(t, heading=True), float) if heads else None,
               np.array(body, float), t, np.array(dedicated, float))
        if len(_BAG_CACHE) >= _BAG_CACHE_MAX:
            _BAG_CACHE.clear()
        _BAG_CACHE[key] = hit
    elif heads and hit[1] is None:
        hit = (hit[0], np.array(lfs.cue_counts(hit[3], heading=True), float)) + hit[2:]
        _BAG_CACHE[key] = hit
    return hit


def clear_cache() -> None:
    """Forget the per-text tokenisation cache."""
    _BAG_CACHE.clear()


class _Featurizer:
    """Count features of own heading/body, then sums descendants' counts into each section."""

    def __init__(self, char_ngram: int, heading_weight: float, lfs: LabelingFunctions, words: bool = True,
                 matcher: WordMatcher | None = None):
        self.char_ngram = char_ngram
        self.heading_weight = heading_weight
        self.lfs = lfs
        self.words = words
        self.matcher = matcher

    def _feat(self, text: str, heads: bool = False) -> tuple:
        return _text_features(text, self.char_ngram, self.words, self.lfs, self.matcher, heads)

    def bag(self, heading: str, content: str) -> tuple[Counter, Counter]:
        hbag, hhead = self._feat(heading, heads=True)[:2]
        cbag, _, ccue = self._feat(content)[:3]
        hb, cb = Counter(hbag), Counter(cbag)
        for l, k in zip(self.lfs.labels, hhead):
            if k:
                hb["k:" + l] += int(k)
        for l, k in zip(self.lfs.labels, ccue):
            if k:
                cb["k:" + l] += int(k)
        return hb, cb

    def _contents(self, frame: pd.DataFrame) -> tuple[list[str], list[int | None]]:
        """Own content of every row and the parent positions through which descendants are added.

        With a section tree (section_id/parent_id) the content is the body and descendants are added later
        via the tree; otherwise ``full_text`` (heading + body + descendants) or a gold ``text`` column.
        """
        has_tree = {"body", "section_id", "parent_id"} <= set(frame.columns)
        if has_tree and any(p is not None for p in _tree(frame)):
            # tokenise each section's own text once and add descendants' counts through the tree: the same
            # bag as full_text, without re-tokenising sub-sections once per ancestor
            return _col(frame, "body"), _tree(frame)
        if "full_text" in frame.columns:
            return _col(frame, "full_text"), [None] * len(frame)
        if "text" in frame.columns and "body" not in frame.columns:
            return _col(frame, "text"), [None] * len(frame)
        return _col(frame, "body"), _tree(frame)

    def frame_bags(self, frame: pd.DataFrame) -> tuple[list[Counter], list[Counter], list[int | None]]:
        """Heading bag, own-content bag and parent position of every row."""
        heads = _col(frame, "heading")
        contents, parents = self._contents(frame)
        hb, cb = [], []
        for h, c in zip(heads, contents):
            a, b = self.bag(h, c)
            hb.append(a)
            cb.append(b)
        return hb, cb, parents

    def cue_counts(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(n, n_labels) heading-cue hits of each heading, cue hits of each section's whole content (body +
        sub-sections' headings and bodies, summed through the tree) and its dedicated items holding a cue."""
        heads = _col(frame, "heading")
        contents, parents = self._contents(frame)
        L = len(self.lfs.labels)
        n = len(heads)
        H, C, Hc, I, Hi = (np.zeros((n, L)) for _ in range(5))
        for i, (h, c) in enumerate(zip(heads, contents)):
            fh, fc = self._feat(h, heads=True), self._feat(c)
            H[i], Hc[i], Hi[i] = fh[1], fh[2], fh[4]
            C[i], I[i] = fc[2], fc[4]
        if any(p is not None for p in parents):
            sub = self.subtree_matrix(parents) - sp.identity(len(parents), format="csr")
            C = C + sub @ (C + Hc)
            I = I + sub @ (I + Hi)
        return H, C, I

    @staticmethod
    def subtree_matrix(parents: Sequence[int | None]) -> sp.csr_matrix:
        """(n, n) 0/1 matrix with row i marking i and all its descendants."""
        n = len(parents)
        rows, cols = list(range(n)), list(range(n))
        for i in range(n):
            p, seen = parents[i], 0
            while p is not None and seen < 50:
                rows.append(p)
                cols.append(i)
                p, seen = parents[p], seen + 1
        return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))


# ----------------------------------------------------------------------------------------------------------
class FunctionClassifier(BaseEstimator, ClassifierMixin):
    """Multi-label function tagger for report sections (scikit-learn estimator).

    >>> clf = FunctionClassifier.load()                       # the shipped model, no download
    >>> clf.predict(pd.DataFrame({"heading": ["五、开展丰富多彩的文体活动"], "body": ["举办职工运动会、篮球赛。"]}))
    [['culture_sport']]
    """

    def __init__(self, heading_weight: float = 6.0, char_ngram: int = 2, min_df: int = 2, C: float = 4.0,
                 cue_weight: float = 0.5, n_folds: int = 5, min_positive: int = 3, random_state: int = 0,
                 words: bool = True, kw_blend: float = 0.0, propagate: bool = True):
        self.heading_weight = heading_weight
        self.propagate = propagate
        self.words = words
        self.kw_blend = kw_blend
        self.cue_weight = cue_weight
        self.char_ngram = char_ngram
        self.min_df = min_df
        self.C = C
        self.n_folds = n_folds
        self.min_positive = min_positive
        self.random_state = random_state

    # -- plumbing ------------------------------------------------------------------------------------------
    @property
    def labels_(self) -> tuple[str, ...]:
        return load_taxonomy().names

    def _lfs(self) -> LabelingFunctions:
        if not hasattr(self, "_lf_cache"):
            self._lf_cache = LabelingFunctions()
        return self._lf_cache

    def _featurizer(self) -> _Featurizer:
        return _Featurizer(self.char_ngram, self.heading_weight, self._lfs(), self.words,
                           getattr(self, "matcher_", None))

    def _counts(self, frame: pd.DataFrame, vocab: dict[str, int]) -> sp.csr_matrix:
        fz = self._featurizer()
        hb, cb, parents = fz.frame_bags(frame)
        data, idx, ptr = [], [], [0]
        hw = self.heading_weight
        for h, c in zip(hb, cb):
            row: dict[int, float] = {}
            for f, k in c.items():
                j = vocab.get(f)
                if j is not None:
                    row[j] = row.get(j, 0.0) + k
            for f, k in h.items():
                j = vocab.get(f)
                if j is not None:
                    row[j] = row.get(j, 0.0) + hw * k
            idx.extend(row.keys())
            data.extend(row.values())
            ptr.append(len(idx))
        own = sp.csr_matrix((np.asarray(data, float), np.asarray(idx, np.int64), np.asarray(ptr)),
                            shape=(len(hb), len(vocab)))
        if any(p is not None for p in parents):
            # a descendant's heading is content of its ancestors: add descendants at weight 1 for headings
            own_plain = own.copy()
            if hb:
                own_head = self._plain_heading_counts(hb, vocab)
                own_plain = own - (hw - 1.0) * own_head
            sub = fz.subtree_matrix(parents)
            sub_desc = sub - sp.identity(len(parents), format="csr")
            own = own + sub_desc @ own_plain
        own.sort_indices()
        return own

    @staticmethod
    def _plain_heading_counts(hb: list[Counter], vocab: dict[str, int]) -> sp.csr_matrix:
        data, idx, ptr = [], [], [0]
        for h in hb:
            for f, k in h.items():
                j = vocab.get(f)
                if j is not None:
                    idx.append(j)
                    data.append(float(k))
            ptr.append(len(idx))
        return sp.csr_matrix((data, idx, ptr), shape=(len(hb), len(vocab)))

    def _cue_mask(self) -> np.ndarray:
        if getattr(self, "_cue_mask_for", None) is not self.vocabulary_:
            feats = sorted(self.vocabulary_, key=self.vocabulary_.get)
            self._cue_mask_cache = np.array([f.startswith("k:") for f in feats])
            self._cue_mask_for = self.vocabulary_
        return self._cue_mask_cache

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Text features: log1p tf × idf, L2-normalised; cue counts (``k:``): log1p × ``cue_weight``, kept
        outside the norm so that a long section does not drown its cue evidence."""
        X = counts.tocsr(copy=True)
        X.data = np.log1p(X.data)
        cue = self._cue_mask()
        text_scale = np.where(cue, 0.0, self.idf_)
        Xt = X @ sp.diags(text_scale)
        norms = np.sqrt(np.asarray(Xt.multiply(Xt).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        Xc = X @ sp.diags(np.where(cue, self.cue_weight, 0.0))
        return (sp.diags(1.0 / norms) @ Xt + Xc).tocsr()

    def transform(self, sections) -> sp.csr_matrix:
        """Feature matrix (sublinear tf-idf, L2) of a sections frame."""
        return self._weigh(self._counts(_as_frame(sections), self.vocabulary_)).tocsr()

    # -- fitting -------------------------------------------------------------------------------------------
    def _binarize(self, labels) -> np.ndarray:
        names = self.labels_
        if isinstance(labels, np.ndarray) and labels.ndim == 2:
            return (labels > 0).astype(np.int8)
        Y = np.zeros((len(labels), len(names)), dtype=np.int8)
        for i, ls in enumerate(labels):
            if isinstance(ls, str):
                ls = [x for x in ls.split(",") if x]
            for l in ls:
                if l not in names:
                    raise ValueError(f"unknown label {l!r}; labels are {names}")
                Y[i, names.index(l)] = 1
        return Y

    def fit(self, sections, labels, groups=None, sample_weight=None) -> "FunctionClassifier":
        """Fit on a sections frame (heading + body/full_text, or gold heading + text) and label lists."""
        frame = _as_frame(sections).reset_index(drop=True)
        Y = self._binarize(labels)
        n = len(frame)
        sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, float)
        # word vocabulary: jieba's segmentation of the training sections (words in >= min_df sections);
        # from then on these words are found by one trie scan (WordMatcher), in fit and predict alike
        self.matcher_ = None
        if self.words:
            hb, cb, _ = self._featurizer().frame_bags(frame)
            wdf = Counter(f for h, c in zip(hb, cb) for f in set(h) | set(c) if f.startswith("w:"))
            self.matcher_ = WordMatcher(f[2:] for f, k in wdf.items() if k >= self.min_df)
        # vocabulary: document frequency over the training sections' own bags
        fz = self._featurizer()
        hb, cb, _ = fz.frame_bags(frame)
        df = Counter()
        for h, c in zip(hb, cb):
            df.update(set(h) | set(c))
        feats = sorted(f for f, k in df.items() if k >= self.min_df or f.startswith("k:"))
        self.vocabulary_ = {f: i for i, f in enumerate(feats)}
        dfv = np.array([df[f] for f in feats], float)
        self.idf_ = np.log((1.0 + n) / (1.0 + dfv)) + 1.0
        X = self.transform(frame)
        L = Y.shape[1]
        self.coef_ = np.zeros((L, X.shape[1]))
        self.intercept_ = np.zeros(L)
        kwf = self._keyword_features(frame)
        self.platt_ = np.tile([1.0] + [0.0] * (kwf.shape[2] + 1), (L, 1))  # a·score + keyword terms + b
        votes = self._keyword_votes(kwf)
        self.blend_ = np.zeros(L)
        self.thresholds_ = np.full(L, 0.5)
        self.keyword_fallback_ = np.zeros(L, dtype=bool)
        self.oof_curves_ = {}  # out-of-fold F1 per threshold, for threshold_report (not exported)
        splits = self._splits(Y, groups)
        for j in range(L):
            y = Y[:, j]
            if y.sum() < self.min_positive or y.sum() > n - self.min_positive:
                self.keyword_fallback_[j] = True  # too few examples to learn: keyword functions decide
                continue
            model = self._lr().fit(X, y, sample_weight=sw)
            self.coef_[j] = model.coef_[0]
            self.intercept_[j] = model.intercept_[0]
            oof = np.zeros(n)
            for tr, te in splits:
                if y[tr].min() == y[tr].max():
                    oof[te] = model.decision_function(X[te])
                    continue
                oof[te] = self._lr().fit(X[tr], y[tr], sample_weight=sw[tr]).decision_function(X[te])
            kwj, vj = kwf[:, j, :], votes[:, j]
            self.platt_[j] = self._platt(oof, kwj, y)
            p_cal = self._calibrate(oof, kwj, self.platt_[j])
            if self.kw_blend >= 0:
                self.blend_[j] = float(self.kw_blend)
            else:  # per label: the blend weight with the best out-of-fold F1 (ties: nearest 0.5)
                best = (-1.0, 0.0)
                for b in (0.5, 0.25, 0.75, 0.0, 1.0):
                    f = self._f1(self._blend(p_cal, vj, b), y)
                    if f > best[0] + 1e-9:
                        best = (f, b)
                self.blend_[j] = best[1]
            # chosen on the weighted rows: a written section counts as much as it does in the fit
            curve = self._f1_curve(self._blend(p_cal, vj, self.blend_[j]), y, sw)
            self.thresholds_[j] = self._curve_threshold(*curve)
            self.oof_curves_[self.labels_[j]] = curve
        self.n_train_ = n
        return self

    def _lr(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear",
                                  random_state=self.random_state, max_iter=1000)

    def _splits(self, Y: np.ndarray, groups) -> list[tuple[np.ndarray, np.ndarray]]:
        n = len(Y)
        if groups is not None and len(set(groups)) >= 2:
            k = min(self.n_folds, len(set(groups)))
            return list(GroupKFold(n_splits=k).split(np.zeros(n), groups=np.asarray(groups)))
        strat = Y.argmax(axis=1) * (Y.sum(axis=1) > 0)
        counts = np.bincount(strat)
        k = max(2, min(self.n_folds, int(counts[counts > 0].min()) if counts.any() else 2))
        try:
            return list(StratifiedKFold(n_splits=k, shuffle=True, random_state=self.random_state)
                        .split(np.zeros(n), strat))
        except ValueError:
            return list(StratifiedKFold(n_splits=2, shuffle=True, random_state=self.random_state)
                        .split(np.zeros(n), np.zeros(n)))

    def _keyword_features(self, frame: pd.DataFrame) -> np.ndarray:
        """(n, n_labels, 4): heading function +1, heading function −1, log1p(body cue hits), a dedicated item
        holding a cue (``LabelingFunctions.item_counts`` > 0) per label."""
        H, C, I = self._featurizer().cue_counts(frame)
        hpos = H > 0
        any_head = hpos.any(axis=1, keepdims=True)
        feats = [hpos.astype(float), (any_head & ~hpos).astype(float), np.log1p(C), (I > 0).astype(float)]
        return np.stack(feats, axis=2)

    def _keyword_votes(self, kw: np.ndarray) -> np.ndarray:
        """Keyword baseline (``LabelingFunctions.predict``) from the keyword features: (n, n_labels) 0/1."""
        lfs = self._lfs()
        head = kw[:, :, 0] - kw[:, :, 1]  # +1 / −1 / 0, as the heading function votes
        body = lfs.body_votes(np.rint(np.expm1(kw[:, :, 2])), kw[:, :, 3])  # hit counts back from log1p
        return lfs.combine(head, body).astype(float)

    def _blend(self, p: np.ndarray, votes: np.ndarray, b: float) -> np.ndarray:
        return p if b <= 0 else (1.0 - b) * p + b * votes

    @staticmethod
    def _calibrate(scores: np.ndarray, kw: np.ndarray, w: np.ndarray) -> np.ndarray:
        return _sigmoid(w[0] * scores + kw @ w[1:-1] + w[-1])

    @staticmethod
    def _platt(scores: np.ndarray, kw: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Calibration: a sigmoid over the out-of-fold linear score and the keyword functions' votes
        (Platt scaling extended with the weak labels), fitted on out-of-fold predictions."""
        if y.min() == y.max():
            return np.array([1.0] + [0.0] * (kw.shape[1] + 1))
        Z = np.column_stack([scores, kw])
        m = LogisticRegression(C=1.0, solver="lbfgs").fit(Z, y)
        return np.concatenate([m.coef_[0], m.intercept_])

    @classmethod
    def _f1(cls, p: np.ndarray, y: np.ndarray) -> float:
        """Unweighted F1 at the best threshold."""
        return float(cls._f1_curve(p, y)[1].max())

    @staticmethod
    def _f1_curve(p: np.ndarray, y: np.ndarray, sw: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Weighted F1 of ``p >= t`` for the candidate thresholds t = 0.10, 0.12, …, 0.90."""
        w = np.ones(len(y)) if sw is None else np.asarray(sw, float)
        pos = float(w[y == 1].sum())
        ts = np.round(np.arange(0.1, 0.91, 0.02), 2)
        fs = np.array([2 * float(w[(p >= t) & (y == 1)].sum()) / max(1e-9, float(w[p >= t].sum()) + pos)
                       for t in ts])
        return ts, fs

    @classmethod
    def _best_threshold(cls, p: np.ndarray, y: np.ndarray, sw: np.ndarray | None = None) -> float:
        return cls._curve_threshold(*cls._f1_curve(p, y, sw))

    @staticmethod
    def _curve_threshold(ts: np.ndarray, fs: np.ndarray) -> float:
        """The threshold of highest F1 on an ``_f1_curve`` (ties: the one nearest 0.5)."""
        best, best_f = 0.5, -1.0
        for t, f in zip(ts, fs):
            if f > best_f + 1e-9 or (abs(f - best_f) <= 1e-9 and abs(t - 0.5) < abs(best - 0.5)):
                best, best_f = float(t), f
        return best

    def threshold_report(self) -> pd.DataFrame:
        """Per label, from the last ``fit``: the threshold, what it means for the keyword votes, and the best
        out-of-fold F1 in each regime — the model adding labels (threshold below 1 − blend), the keyword vote
        deciding alone, the model vetoing votes (threshold above the blend).  Close F1s mean an unstable
        choice (with ``kw_blend=0.75`` education flipped between adding and vetoing at 0.831 vs 0.829).  The
        shipped model has no blend (regime ``model``); per-label blends come from ``retrain``."""
        rows = []
        for j, l in enumerate(self.labels_):
            b = float(self.blend_[j])
            t = float(self.thresholds_[j])
            row = {"label": l, "threshold": t, "blend": b}
            curve = getattr(self, "oof_curves_", {}).get(l)
            if curve is not None:  # out-of-fold F1 at the chosen threshold
                row["oof_f1"] = float(curve[1][np.argmin(np.abs(curve[0] - t))])
            if self.keyword_fallback_[j]:
                row["regime"] = "keywords (too few examples)"
            elif b <= 0:
                row["regime"] = "model"  # no blend: one threshold on the calibrated probability
            elif curve is not None and b < 1:
                ts, fs = curve
                row["regime"] = "adds" if t < 1 - b else "vetoes" if t > b else "keyword vote"
                for name, m in (("adds", ts < 1 - b), ("keyword vote", (ts >= 1 - b) & (ts <= b)), ("vetoes", ts > b)):
                    row[f"oof_f1 {name}"] = float(fs[m].max()) if m.any() else float("nan")
            rows.append(row)
        return pd.DataFrame(rows)

    # -- prediction ----------------------------------------------------------------------------------------
    def decision_function(self, sections) -> np.ndarray:
        X = self.transform(sections)
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict_proba(self, sections) -> np.ndarray:
        """(n, n_labels) calibrated probabilities in ``LABELS`` order; keyword-fallback labels give 0/1."""
        frame = _as_frame(sections)
        s = self.decision_function(frame)
        kw = self._keyword_features(frame)
        votes = self._keyword_votes(kw)
        blend = getattr(self, "blend_", np.zeros(s.shape[1]))
        P = np.column_stack([self._blend(self._calibrate(s[:, j], kw[:, j, :], self.platt_[j]), votes[:, j], blend[j])
                             for j in range(s.shape[1])])
        if self.keyword_fallback_.any():
            P[:, self.keyword_fallback_] = votes[:, self.keyword_fallback_]
        if getattr(self, "propagate", False):
            P = _propagate_up(P, _tree(frame))
        return P

    def predict_matrix(self, sections) -> np.ndarray:
        return (self.predict_proba(sections) >= self.thresholds_).astype(np.int8)

    def predict(self, sections) -> list[list[str]]:
        """Label list per section, e.g. ``[['welfare'], [], ['democracy', 'rights']]``."""
        names = self.labels_
        return [[names[j] for j in np.flatnonzero(row)] for row in self.predict_matrix(sections)]

    def classify_frame(self, sections: pd.DataFrame) -> pd.DataFrame:
        """Copy of ``sections`` with ``labels`` (list), one ``p_<label>`` column per label and ``role``."""
        frame = _as_frame(sections)
        out = frame.copy()
        if len(frame) == 0:
            out["labels"] = pd.Series([], dtype=object)
            for l in self.labels_:
                out[f"p_{l}"] = pd.Series([], dtype=float)
            out["role"] = pd.Series([], dtype=object)
            return out
        P = self.predict_proba(frame)
        names = self.labels_
        out["labels"] = [[names[j] for j in np.flatnonzero(row >= self.thresholds_)] for row in P]
        for j, l in enumerate(names):
            out[f"p_{l}"] = np.round(P[:, j], 6)
        levels = frame["level"].tolist() if "level" in frame.columns else None
        out["role"] = assign_roles(_col(frame, "heading"), _tree(frame), levels)
        return out

    def explain(self, section_row_or_text, label: str | None = None, top: int = 8) -> dict:
        """Words and n-grams that drove each label: ``{label: {"p": .., "threshold": .., "features": [(f, w)]}}``.

        A feature's weight is its tf-idf value times the label's coefficient; ``w:`` jieba words, ``c:``
        character bigrams, ``k:`` taxonomy cue counts.  Without ``label``, the predicted labels (or, when
        none is predicted, the most probable one) are explained.
        """
        frame = _as_frame(section_row_or_text)
        if "body" in frame.columns and "parent_id" in frame.columns:
            frame = frame.drop(columns=["parent_id"])  # explain the row alone
        x = self.transform(frame).getrow(0)
        P = self.predict_proba(frame)[0]
        names = self.labels_
        if label is not None:
            todo = [label]
        else:
            todo = [names[j] for j in np.flatnonzero(P >= self.thresholds_)] or [names[int(np.argmax(P))]]
        inv = {i: f for f, i in self.vocabulary_.items()}
        out = {}
        for l in todo:
            j = names.index(l)
            contrib = x.data * self.coef_[j, x.indices]
            order = np.argsort(-contrib, kind="stable")[:top]
            out[l] = {"p": float(P[j]), "threshold": float(self.thresholds_[j]),
                      "keyword_fallback": bool(self.keyword_fallback_[j]),
                      "features": [(inv[x.indices[k]], round(float(contrib[k]), 4)) for k in order if contrib[k] > 0]}
        return out

    # -- retraining ----------------------------------------------------------------------------------------
    def retrain(self, sections, labels, weight: float = 2.0, include_gold: bool = True,
                kw_blend: float | None = -1.0, written_weight: float = WRITTEN_WEIGHT) -> "FunctionClassifier":
        """A new model fitted on the shipped gold (training part), the written training sections (at
        ``written_weight``, 0 leaves them out) and the user's labelled sections.

        A new kind of text may not use the taxonomy's cue words, so by default (``kw_blend=-1``) the weight of
        the keyword votes is chosen per label from the out-of-fold F1 over gold + user sections instead of the
        fixed shipped blend; ``kw_blend=None`` keeps this model's setting.

        The user's sections count ``weight`` times; cross-validation folds keep the gold's template families
        together and put the user's sections in folds of their own (by report when ``report_id`` is given).
        """
        user = _as_frame(sections).reset_index(drop=True)
        ylist = [list(x) if not isinstance(x, str) else [y for y in x.split(",") if y] for x in labels]
        frames, ys, groups, weights = [], [], [], []
        if include_gold:
            frame, ys, groups, weights = training_data(load_gold(split="train"), written_weight)
            frames.append(frame)
        u = user.copy()
        if "full_text" in u.columns:
            u["text"] = u["full_text"]
        elif "text" not in u.columns:
            # resolve sub-sections now so the combined frame has one content column
            u["text"] = _full_texts(u)
        frames.append(u[["heading", "text"]])
        ys += ylist
        rep = u["report_id"].astype(str).tolist() if "report_id" in u.columns else [str(i % 5) for i in range(len(u))]
        groups += ["user:" + r for r in rep]
        weights += [weight] * len(u)
        params = self.get_params()
        if kw_blend is not None:
            params["kw_blend"] = kw_blend
        new = FunctionClassifier(**params)
        return new.fit(pd.concat(frames, ignore_index=True), ys, groups=groups, sample_weight=weights)

    # -- persistence ---------------------------------------------------------------------------------------
    def save(self, path: str | Path | None = None) -> Path:
        d = Path(path) if path is not None else data_path(MODEL_DIR)
        d.mkdir(parents=True, exist_ok=True)
        feats = sorted(self.vocabulary_, key=self.vocabulary_.get)
        np.savez_compressed(d / "model.npz", coef=self.coef_.astype(np.float64), intercept=self.intercept_,
                            idf=self.idf_, platt=self.platt_, thresholds=self.thresholds_,
                            keyword_fallback=self.keyword_fallback_, blend=self.blend_)
        meta = {"format": FORMAT_VERSION, "labels": list(self.labels_), "params": self.get_params(),
                "taxonomy_version": load_taxonomy().version, "n_train": int(self.n_train_),
                "gold_sha1": _gold_sha1(), "features": feats,
                "matcher_words": self.matcher_.words if getattr(self, "matcher_", None) is not None else None}
        (d / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0), encoding="utf-8")
        return d

    @classmethod
    def load(cls, path: str | Path | None = None) -> "FunctionClassifier":
        """The shipped model (``data/model/``); if it is missing, train it from the shipped gold and cache."""
        d = Path(path) if path is not None else data_path(MODEL_DIR)
        if not (d / "model.npz").exists() or not (d / "model.json").exists():
            clf = cls.from_gold()
            try:
                clf.save(d)
            except OSError:
                pass  # read-only install: keep the in-memory model
            return clf
        meta = json.loads((d / "model.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"model format {meta.get('format')} in {d}, this version reads {FORMAT_VERSION}; "
                             "rebuild with `python -m corpus_tools.classifier build` or refit and save")
        if meta["labels"] != list(load_taxonomy().names):
            raise ValueError("model labels differ from data/taxonomy.toml; rebuild with "
                             "`python -m corpus_tools.classifier build`")
        clf = cls(**meta["params"])
        with np.load(d / "model.npz", allow_pickle=False) as z:
            clf.coef_, clf.intercept_, clf.idf_ = z["coef"], z["intercept"], z["idf"]
            clf.platt_, clf.thresholds_, clf.keyword_fallback_ = z["platt"], z["thresholds"], z["keyword_fallback"]
            clf.blend_ = z["blend"] if "blend" in z.files else np.zeros(len(clf.thresholds_))
        clf.vocabulary_ = {f: i for i, f in enumerate(meta["features"])}
        mw = meta.get("matcher_words")
        clf.matcher_ = WordMatcher(mw) if mw is not None else None
        clf.n_train_ = meta["n_train"]
        return clf

    @classmethod
    def from_gold(cls, splits: Iterable[str] = ("train",), written_weight: float = WRITTEN_WEIGHT,
                  **params) -> "FunctionClassifier":
        """Fit on the shipped hand labels (by default the training part only, as the shipped model is) plus
        the written training sections (``data/train/written_sections.jsonl``) at ``written_weight``
        (0 leaves them out)."""
        gold = pd.concat([load_gold(split=s) for s in splits], ignore_index=True)
        frame, labels, groups, weights = training_data(gold, written_weight)
        return cls(**params).fit(frame, labels, groups=groups, sample_weight=weights)


# ----------------------------------------------------------------------------------------------------------
def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _propagate_up(P: np.ndarray, parents: Sequence[int | None]) -> np.ndarray:
    """A section carries the labels of its sub-sections (labels describe the whole content): each parent's
    probability is raised to the largest of its descendants', deepest first.

    ``二、工作要点`` with sub-items ``1、召开教代会`` (democracy 0.9) and ``2、开展送温暖`` (welfare 0.8) gets
    democracy ≥ 0.9 and welfare ≥ 0.8 whatever its own text scored."""
    if not any(p is not None for p in parents):
        return P
    P = P.copy()
    depth = []
    for i in range(len(parents)):
        d, p = 0, parents[i]
        while p is not None and d < 50:
            d, p = d + 1, parents[p]
        depth.append(d)
    for i in sorted(range(len(parents)), key=lambda i: -depth[i]):
        p = parents[i]
        if p is not None:
            np.maximum(P[p], P[i], out=P[p])
    return P


def keyword_baseline(sections) -> np.ndarray:
    """The keyword labelling functions alone, with the same tree rule as the model (a parent carries its
    sub-sections' labels): (n, n_labels) bool, the baseline printed beside the model's figures."""
    frame = _as_frame(sections)
    votes = LabelingFunctions().predict(_col(frame, "heading"), _content_col(frame)).astype(float)
    return _propagate_up(votes, _tree(frame)) > 0.5


def gold_frame(gold: pd.DataFrame) -> pd.DataFrame:
    """Gold records as a sections frame the classifier reads: heading, whole text, and the section tree
    (``report_id``/``section_id``/``parent_id``) so that sub-section labels climb to their parents."""
    out = pd.DataFrame({"heading": gold["heading"].tolist(), "text": gold["text"].tolist()})
    if "parent" in gold.columns:
        out["report_id"] = ""
        out["section_id"] = gold["id"].tolist()
        out["parent_id"] = [p if isinstance(p, str) else None for p in gold["parent"]]
    return out


def _content_col(frame: pd.DataFrame) -> list[str]:
    """Whole content of each section (body + sub-sections) as text."""
    if "full_text" in frame.columns:
        return _col(frame, "full_text")
    if "text" in frame.columns and "body" not in frame.columns:
        return _col(frame, "text")
    if "parent_id" in frame.columns and "section_id" in frame.columns:
        return _full_texts(frame)
    return _col(frame, "body")


def _full_texts(frame: pd.DataFrame) -> list[str]:
    """Body plus the headings and bodies of all sub-sections, in document order."""
    parents = _tree(frame)
    kids: dict[int, list[int]] = {}
    for i, p in enumerate(parents):
        if p is not None:
            kids.setdefault(p, []).append(i)
    heads, bodies = _col(frame, "heading"), _col(frame, "body")

    def full(i, depth=0):
        parts = [bodies[i]]
        if depth < 50:
            for k in kids.get(i, []):
                parts.append(heads[k])
                parts.append(full(k, depth + 1))
        return "\n".join(p for p in parts if p)

    return [full(i) for i in range(len(frame))]


def load_written(path: str | Path | None = None) -> pd.DataFrame:
    """The written training sections: realistic union-report sections written for training (not taken from
    any page), labelled as written, sub-section labels closed over their tree like the gold.  Columns as
    ``load_gold`` (``text`` = body and sub-sections) with ``family`` = the written report."""
    p = Path(path) if path is not None else data_path(*WRITTEN_FILE)
    w = pd.read_json(p, lines=True, dtype=False)
    w["parent"] = [x if isinstance(x, str) else None for x in w["parent"]]
    tree = pd.DataFrame({"heading": w["heading"], "body": w["body"], "report_id": "", "section_id": w["id"],
                         "parent_id": w["parent"]})
    w["text"] = _full_texts(tree)
    # rule 2: a parent carries its sub-sections' labels (the same climb as the prediction's tree rule)
    names = load_taxonomy().names
    Y = np.array([[l in ls for l in names] for ls in w["labels"]], float).reshape(len(w), len(names))
    w["labels"] = [[names[j] for j in np.flatnonzero(row)] for row in _propagate_up(Y, _tree(tree))]
    w["split"] = "train"
    return w


def training_data(gold: pd.DataFrame, written_weight: float = WRITTEN_WEIGHT,
                  exclude: Sequence[bool] | None = None) -> tuple[pd.DataFrame, list, list, list]:
    """``(frame, labels, groups, weights)`` to fit on: the gold sections (weight 1) plus, when
    ``written_weight`` > 0, the written training sections at that weight (those where ``exclude`` is true,
    a mask over ``load_written()``'s rows, are left out); groups are template families."""
    frames, labels = [gold[["heading", "text"]]], gold["labels"].tolist()
    groups, weights = gold["family"].tolist(), [1.0] * len(gold)
    if written_weight > 0:
        w = load_written()
        if exclude is not None:
            w = w[~np.asarray(exclude, bool)]
        frames.append(w[["heading", "text"]])
        labels += w["labels"].tolist()
        groups += w["family"].tolist()
        weights += [written_weight] * len(w)
    return pd.concat(frames, ignore_index=True), labels, groups, weights


def gold_path() -> Path:
    return data_path(*GOLD_FILE)


def load_gold(split: str | None = None, path: str | Path | None = None, cleaned: bool = True) -> pd.DataFrame:
    """The hand-labelled sections (JSONL: id, seed_file, report_title, family, heading, body, text, labels,
    role, split).

    The file keeps the text exactly as on the seed pages (masks, pinyin, link lists and all).  With
    ``cleaned`` (the default) ``heading``/``body``/``text`` are as the cleaner leaves them, which is the text
    the pipeline gives the classifier (the mask in ``学*理论`` is filled; a 相關推薦 link list under a section
    is dropped), and the page text is kept in ``heading_raw``/``body_raw``/``text_raw``."""
    p = Path(path) if path is not None else gold_path()
    if p.is_dir():
        p = p / "labels" / "sections.jsonl" if (p / "labels").is_dir() else p / "sections.jsonl"
    df = pd.read_json(p, lines=True, dtype=False)
    if split is not None:
        df = df[df["split"] == split].reset_index(drop=True)
    if cleaned:
        df = clean_columns(df)
    return df


def clean_columns(df: pd.DataFrame, columns: Sequence[str] = ("heading", "body", "text")) -> pd.DataFrame:
    """A copy of ``df`` with ``columns`` passed through the cleaner (stage 2) and the originals kept as
    ``<column>_raw``."""
    from corpus_tools.cleaner import clean  # an earlier stage: the classifier may read its output

    out = df.copy()
    for c in columns:
        if c in out.columns:
            out[c + "_raw"] = out[c]
            out[c] = [clean(x).text if isinstance(x, str) and x else x for x in out[c]]
    return out


def _gold_sha1() -> str:
    p = gold_path()
    return hashlib.sha1(p.read_bytes()).hexdigest() if p.exists() else ""


_SHIPPED: FunctionClassifier | None = None


def classify_sections(sections: pd.DataFrame) -> pd.DataFrame:
    """``FunctionClassifier.load().classify_frame(sections)`` with the shipped model loaded once."""
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = FunctionClassifier.load()
    return _SHIPPED.classify_frame(sections)


def explain(section_row_or_text, label: str | None = None, top: int = 8) -> dict:
    """Explain one prediction of the shipped model (see ``FunctionClassifier.explain``)."""
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = FunctionClassifier.load()
    return _SHIPPED.explain(section_row_or_text, label=label, top=top)
