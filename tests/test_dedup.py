"""Behaviour of corpus_tools.dedup on real seed text and hand-made edge cases."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.dedup import Deduplicator, IndexParameterError, MASK_MARKER, normalize, show_cluster
from corpus_tools.dedup.blocks import remove_repeated_blocks
from corpus_tools.dedup.minhash import choose_lsh_params, jaccard_containment, shingle_ids

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def seed_lines(prefix: str, a: int, b: int) -> str:
    """Lines a..b (1-based, inclusive) of a seed page."""
    path = next(SAMPLE.glob(prefix + "_*.txt"))
    return "\n".join(path.read_text(encoding="utf-8").splitlines()[a - 1:b])


# 篇一 of seed 000 (医院工会组织年终工作总结, lines 13-19 minus the broken "篇一】" marker)
HOSPITAL = seed_lines("000", 13, 19).replace("篇一】", "")
# 2021年机关工会工作计划报告 and 学校2021年工会工作计划报告 (seed 002): same template, different reports
OFFICE_PLAN = seed_lines("002", 450, 473)
SCHOOL_PLAN = seed_lines("002", 478, 505)


def frame(texts, ids=None, raw=None):
    ids = ids or [f"r{i}" for i in range(len(texts))]
    return pd.DataFrame({"report_id": ids, "source": "t", "page_index": range(len(texts)), "title": "",
                         "raw_text": raw or texts, "text": texts})


def dedup(**kw):
    kw.setdefault("n_jobs", 1)
    return Deduplicator(**kw)


def test_normalize_traditional_width_pinyin_and_digits():
    assert normalize("醫(yī)院工會工作總結(jié)") == "医院工会工作总结"
    assert normalize("２０２２年，工会") == "2022年工会"
    assert normalize("2022年度工作") != normalize("2023年度工作")
    # ordinary brackets without tone marks survive as letters
    assert normalize("引进(pph)手术") == "引进pph手术"


def test_edited_copy_clusters_with_original():
    sents = HOSPITAL.split("。")
    edited = "。".join(sents[:3] + sents[4:])                       # a sentence deleted
    edited = edited.replace("一年来", "今年以来，", 1)                  # opening changed
    edited = edited.replace(",", "，").replace("学*理论", "学习理论")  # punctuation widths, a mask filled
    edited += "。我们还将继续努力，争取更好的成绩。"                      # a sentence inserted
    res = dedup().fit_transform(frame([HOSPITAL, edited, OFFICE_PLAN]))
    r = res.reports
    assert r.loc[0, "cluster_id"] == r.loc[1, "cluster_id"]
    assert r.loc[2, "cluster_id"] != r.loc[0, "cluster_id"]
    assert 0.7 <= r.loc[1, "similarity"] < 1.0 or 0.7 <= r.loc[0, "similarity"] < 1.0
    assert r["is_representative"].sum() == 2


def test_traditional_copy_joins_and_simplified_copy_is_representative():
    import opencc

    trad = opencc.OpenCC("s2t").convert(SCHOOL_PLAN)
    assert trad != SCHOOL_PLAN
    res = dedup().fit_transform(frame([trad, SCHOOL_PLAN]))
    r = res.reports
    assert r.loc[0, "cluster_id"] == r.loc[1, "cluster_id"]
    assert bool(r.loc[1, "is_representative"]) and r.loc[0, "duplicate_of"] == "r1"


def test_reports_sharing_only_a_template_stay_apart():
    a, b = shingle_ids(normalize(OFFICE_PLAN)), shingle_ids(normalize(SCHOOL_PLAN))
    assert jaccard_containment(a, b)[0] < 0.3  # checked by reading: different plans, same headings
    res = dedup().fit_transform(frame([OFFICE_PLAN, SCHOOL_PLAN]))
    assert res.reports["cluster_id"].nunique() == 2
    assert res.reports["duplicate_of"].isna().all()


def _sentences():
    text = seed_lines("001", 145, 158)
    out = [s for s in text.replace("\n", "。").split("。") if len(normalize(s)) >= 25]
    return [s[:40] for s in out][:14]


def test_no_chaining_through_a_middle_report():
    s = _sentences()
    a, b, c = "。".join(s[0:10]), "。".join(s[1:11]), "。".join(s[2:12])
    A, B, C = (shingle_ids(normalize(x)) for x in (a, b, c))
    assert jaccard_containment(A, B)[0] >= 0.7 and jaccard_containment(B, C)[0] >= 0.7
    assert jaccard_containment(A, C)[0] < 0.7 and jaccard_containment(A, C)[1] < 0.85
    res = dedup().fit_transform(frame([a, b, c]))
    cid = res.reports["cluster_id"].tolist()
    assert cid[0] != cid[2]
    # every member is within the threshold of its own representative
    for _, row in res.reports.iterrows():
        if not row["is_representative"]:
            assert row["similarity"] >= 0.7


def test_incremental_index_finds_duplicate_of_earlier_batch(tmp_path):
    idx = tmp_path / "index"
    first = dedup(index_path=idx).fit_transform(frame([HOSPITAL, OFFICE_PLAN], ids=["old1", "old2"]))
    assert (idx / "params.json").exists()
    copy = HOSPITAL.replace(",", "，") + "\n以上是本年度的工作总结。"
    second = dedup(index_path=idx).fit_transform(frame([copy, SCHOOL_PLAN], ids=["new1", "new2"]))
    r = second.reports.set_index("report_id")
    assert r.loc["new1", "duplicate_of"] == "old1"
    assert r.loc["new1", "cluster_id"] == first.reports.set_index("report_id").loc["old1", "cluster_id"]
    assert not r.loc["new1", "is_representative"]
    assert r.loc["new2", "cluster_id"] not in set(first.reports["cluster_id"])
    with pytest.raises(IndexParameterError):
        dedup(index_path=idx, num_perm=64).fit_transform(frame([SCHOOL_PLAN], ids=["x"]))


def test_short_reports_by_exact_hash_only():
    res = dedup().fit_transform(frame(["工会慰问困难职工。", "工会慰问困难职工", "工会慰问退休职工。"]))
    cid = res.reports["cluster_id"].tolist()
    assert cid[0] == cid[1] != cid[2]


def test_mask_restored_in_representative_from_other_copy():
    raw_a = HOSPITAL.replace("认真学*理论", "认真学习理论")          # A: masked only in 发扬*的优良传统
    raw_b = HOSPITAL.replace("发扬*的优良传统", "发扬党的优良传统").replace("认真学*理论", "认真学*理论")
    # cleaned texts: the cleaner turns each remaining "*" into its marker and records a "mask" edit
    edits = []
    texts = []
    for rid, raw in (("a", raw_a), ("b", raw_b)):
        for i, ch in enumerate(raw):
            if ch == "*":
                edits.append({"report_id": rid, "rule": "mask", "start": i, "end": i + 1, "before": "*",
                              "after": MASK_MARKER, "confidence": 1.0, "detail": ""})
        texts.append(raw.replace("*", MASK_MARKER))
    ed = pd.DataFrame(edits)
    res = dedup().fit_transform(frame(texts, ids=["a", "b"], raw=[raw_a, raw_b]), ed)
    rep = res.reports[res.reports["is_representative"]].iloc[0]
    assert rep["report_id"] == "a"  # same damage (one mask each), same length: earliest wins
    assert "发扬党的优良传统" in rep["text"] and MASK_MARKER not in rep["text"].split("发扬")[1][:3]
    e = res.edits[res.edits["rule"] == "mask_from_duplicate"]
    assert len(e) == 1
    row = e.iloc[0]
    assert row["after"] == "党" and raw_a[row["start"]:row["end"]] == "*" and row["before"] == "*"
    assert "b" in row["detail"]


def test_repeated_block_removed_keeping_first_copy():
    raw = seed_lines("001", 205, 238)  # a page that pasted 一、…五、 twice (checked by reading)
    text, edits = remove_repeated_blocks("x", raw, raw)
    assert len(edits) == 1
    e = edits[0]
    assert e["rule"] == "repeated_block" and raw[e["start"]:e["end"]] == e["before"]
    assert e["before"].startswith("一、不断学习,加强工会自身建设。")
    assert text.count("1、认真学习贯彻新《工会法》") == 1
    assert text.count("五、其他工作") == 1
    assert "1、认真做好困难职工的扶助工作" in text  # the unique tail stays
    # text without repeats is untouched
    assert remove_repeated_blocks("y", HOSPITAL, HOSPITAL) == (HOSPITAL, [])


def test_lsh_parameters_are_reported_and_cluster_view():
    b, r = choose_lsh_params(0.7, 128)
    assert b * r <= 128 and 1 - (1 - 0.7 ** r) ** b >= 0.98
    res = dedup().fit_transform(frame([HOSPITAL, HOSPITAL.replace("。", "!"), OFFICE_PLAN]))
    assert res.stats["lsh"]["bands"] == b and res.stats["lsh"]["rows"] == r
    cl = res.clusters.set_index("cluster_id")
    big = cl[cl["size"] == 2].iloc[0]
    assert big["relations"][1] in ("near", "exact")
    view = show_cluster(res, int(cl[cl["size"] == 2].index[0]))
    assert "<table" in view._repr_html_() and "REP" in repr(view)
