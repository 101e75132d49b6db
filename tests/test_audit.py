"""The blind-audit stage: its scoring on a hand-made page, and the shipped audit sets as a regression floor."""
from __future__ import annotations

import json

from corpus_tools.evaluation import audit

_PAGE = """好范文网 首页 > 工作总结 > 工会工作总结
上一篇：学校工会工作计划
港务集团工会2015年工作总结
2015年，集团工会在集团党委和市总工会的领导下，紧紧围绕港口生产经营中心，团结带领广大职工，较好地完成了全年各项工作任务，为集团发展作出了积极贡献。
一、开展劳动竞赛，促进港口生产
全年开展装卸作业劳动竞赛三轮，组织技能比武12场，评选岗位能手30名，职工提出合理化建议156条。
二、关心职工生活，扎实做好帮扶
春节期间走访慰问困难职工86户，发放慰问金12万元；组织全体职工健康体检，为一线职工送清凉。
集团工会
2015年12月28日
版权所有 好范文网
"""


def _key(**changes):
    key = {"n_reports": 1, "reports": [{
        "title": "港务集团工会2015年工作总结",
        "top_headings": ["开展劳动竞赛，促进港口生产", "关心职工生活，扎实做好帮扶"],
        "labels": {"一": ["competition"], "二": ["welfare", "safety"]},
        "roles": {}}],
        "chrome": ["好范文网 首页 > 工作总结 > 工会工作总结", "上一篇：学校工会工作计划", "版权所有 好范文网"],
        "spans": [{"raw": "评选岗位能手30名", "expected": "评选岗位能手30名"},
                  {"raw": "发放慰问金12万元", "expected": "发放慰问金十二万元"},
                  {"raw": "上一篇：学校工会工作计划", "expected": ""}]}
    key.update(changes)
    return key


def test_scoring_of_a_hand_made_page(tmp_path):
    (tmp_path / "p1.txt").write_text(_PAGE, encoding="utf-8")
    (tmp_path / "p1.key.json").write_text(json.dumps(_key(), ensure_ascii=False), encoding="utf-8")
    r = audit.score_set(tmp_path)
    c = r["checks"]
    assert c["reports"] == (1, 1) and c["titles"] == (1, 1) and c["headings"] == (1, 1)
    assert c["spans"] == (1, 2)  # the second expected text was written wrong on purpose (十二万元)
    assert c["furniture"] == (1, 1)
    assert c["chrome"] == (3, 3)
    # labels by hand: 一 competition; 二 welfare (safety is in the key but the text has no safety item):
    # the model must find competition and welfare, and safety is a miss whatever else it predicts
    m = r["labels"]["model"]
    assert m["fn"] >= 1 and m["tp"] <= 2 and m["tp"] + m["fn"] == 3
    assert r["label_sections_unmatched"] == 0


def test_a_wrong_report_count_and_a_missing_report(tmp_path):
    (tmp_path / "p1.txt").write_text(_PAGE, encoding="utf-8")
    key = _key(n_reports=2)
    key["reports"].append({"title": "另一篇", "top_headings": [], "labels": {"一": []}, "roles": {}})
    (tmp_path / "p1.key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    r = audit.score_set(tmp_path)
    assert r["checks"]["reports"] == (0, 1) and r["checks"]["titles"] == (1, 2)
    assert r["label_sections_unmatched"] == 1
    assert any("report 2 missing" in f for f in r["pages"][0]["faults"])


def test_a_span_across_a_separator_is_found_in_reading_order(tmp_path):
    # two reports under 【篇一】/【篇二】: a key's span runs from the end of the first to the title of the second
    second = ("港务集团工会2016年工作计划\n2016年，集团工会将继续在集团党委的领导下，围绕港口生产经营中心开展工作，"
              "重点抓好劳动竞赛和职工帮扶，全年计划走访慰问困难职工90户，组织职工健康体检一次。\n"
              "一、深化劳动竞赛\n开展装卸作业劳动竞赛，评选岗位能手。\n二、做好职工帮扶\n走访慰问困难职工。\n")
    page = _PAGE.replace("港务集团工会2015年工作总结", "【篇一】\n港务集团工会2015年工作总结").replace(
        "版权所有", "【篇二】\n" + second + "版权所有")
    (tmp_path / "p1.txt").write_text(page, encoding="utf-8")
    key = _key(n_reports=2, spans=[{"raw": "2015年12月28日\n【篇二】\n港务集团工会2016年工作计划",
                                    "expected": "2015年12月28日\n港务集团工会2016年工作计划"}])
    key["reports"].append({"title": "港务集团工会2016年工作计划", "top_headings": [], "labels": {}, "roles": {}})
    (tmp_path / "p1.key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    r = audit.score_set(tmp_path)
    assert r["checks"]["reports"] == (1, 1) and r["checks"]["titles"] == (2, 2)
    assert r["checks"]["spans"] == (1, 1)


def test_shipped_audit_sets_do_not_regress():
    """Floors at the figures published in the README; the keys were written blind, by hand, and every miss
    still left is listed there as open (checked by reading the output)."""
    res = audit.evaluate()
    assert set(res) >= {"s07", "s09", "s10a", "s10b", "s11", "s12", "s13", "s14", "s15", "s16", "s17", "s18",
                        "s19", "s21", "s22", "s23", "s24"}
    # s10b: 78, not 79, since session 19: its t6 key wants □ for ``贯彻***总书记系列重要讲话精神`` (the name is not on
    # the page); the cleaner now fills 习近平, which that formula of 2013– names (README, Cleaner, masks)
    floors = {  # reports, titles, headings, spans
        "s07": (8, 13, 13, 55), "s09": (8, 16, 16, 74), "s10a": (8, 10, 13, 60), "s10b": (8, 13, 12, 78),
        "s11": (8, 15, 15, 84), "s12": (8, 18, 17, 86), "s13": (8, 14, 15, 68), "s14": (8, 18, 16, 69),
        "s15": (6, 13, 12, 56), "s16": (7, 12, 11, 60), "s17": (5, 8, 8, 54),
        "s18": (8, 19, 19, 73), "s19": (8, 20, 20, 91), "s21": (8, 21, 21, 80),
        "s22": (8, 20, 20, 86), "s23": (8, 20, 20, 84), "s24": (8, 21, 21, 89)}
    for name, (n_rep, n_title, n_head, n_span) in floors.items():
        c = res[name]["checks"]
        assert c["reports"][0] >= n_rep and c["titles"][0] >= n_title, name
        assert c["headings"][0] >= n_head and c["spans"][0] >= n_span, name
        # s12: a forum reply quotes the report's opening, so the probe of that (removed) quote line is found in
        # the report itself: one chrome line counts as kept though it is gone; s21 likewise: its w1 teaser line
        # (the first 100 characters of report 1 and "...") is gone, but its probe is report 1's first words
        missed_furniture, missed_chrome = {"s12": (0, 1), "s21": (1, 1)}.get(name, (0, 0))
        if name in ("s13", "s14", "s15", "s16", "s17"):  # furniture and chrome still left on them are listed in the README as open
            assert c["furniture"][0] >= {"s13": 34, "s14": 33, "s15": 39, "s16": 33, "s17": 37}[name], name
            assert c["chrome"][0] >= {"s13": 120, "s14": 116, "s15": 167, "s16": 121, "s17": 111}[name], name
            continue
        assert c["furniture"][0] == c["furniture"][1] - missed_furniture, name
        assert c["chrome"][0] == c["chrome"][1] - missed_chrome, name


def test_a_dump_record_is_matched_to_its_file():
    assert audit._source_key("/x/y/dump.jsonl:3") == ("dump.jsonl", 3)
    assert audit._source_key("/x/y/page.txt") == ("page.txt", 0)
