"""Section parser (issue 5): numbering families, inline headings, false matches, level inference."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.sections import (
    SECTION_COLUMNS, SectionParser, chinese_to_int, parse, read_ordinal, sections_frame,
    split_inline_heading,
)

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def heads(text: str):
    """(level, number, ordinal, heading) of every heading (preamble excluded)."""
    return [(s.level, s.number, s.ordinal, s.heading) for s in parse(text).headings]


def seed_lines(name: str, a: int, b: int) -> str:
    """Lines a..b (1-based, inclusive) of a seed page: one report."""
    lines = (SAMPLE / name).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[a - 1:b])


# ----------------------------------------------------------------------------------- numerals
@pytest.mark.parametrize("s,n", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
                                 ("一百零五", 105), ("兩", 2), ("拾壹", 11)])
def test_chinese_numerals_read_as_integers(s, n):
    assert chinese_to_int(s) == n


@pytest.mark.parametrize("s,n", [("⑶", 3), ("③", 3), ("㉑", 21), ("㈤", 5), ("⒉", 2), ("１２", 12),
                                 ("1.2.3", 3), ("Ⅳ", 4)])
def test_enclosed_and_fullwidth_ordinals(s, n):
    assert read_ordinal(s) == n


# ----------------------------------------------------------------------------------- families
@pytest.mark.parametrize("line,number,ordinal,heading", [
    ("一、指导思想", "一", 1, "指导思想"),
    ("一.指导思想", "一", 1, "指导思想"),
    ("一．指导思想", "一", 1, "指导思想"),
    ("一,指导思想", "一", 1, "指导思想"),          # raw page, ASCII comma
    ("一、 指导思想:", "一", 1, "指导思想"),        # space after 、, half-width colon
    ("十二、其他工作", "十二", 12, "其他工作"),
    ("（一）组织建设", "（一）", 1, "组织建设"),
    ("(一)组织建设", "(一)", 1, "组织建设"),
    ("(一)、 把握关键点", "(一)", 1, "把握关键点"),
    ("㈢组织建设", "㈢", 3, "组织建设"),
    ("1、春节慰问活动", "1", 1, "春节慰问活动"),
    ("1. 春节慰问活动", "1", 1, "春节慰问活动"),
    ("2．春节慰问活动", "2", 2, "春节慰问活动"),
    ("1、 实施民主管理。", "1", 1, "实施民主管理"),
    ("（3）强师能", "（3）", 3, "强师能"),
    ("(2) 练师功", "(2)", 2, "练师功"),
    ("⑵练师功", "⑵", 2, "练师功"),
    ("③组织慰问", "③", 3, "组织慰问"),
    ("第一，抓住规范运作这个关键环节", "第一", 1, "抓住规范运作这个关键环节"),
    ("第一部分 20xx年工作", "第一部分", 1, "20xx年工作"),
    ("1.2 加强班组建设", "1.2", 2, "加强班组建设"),
    ("１．加强学习", "１", 1, "加强学习"),           # full-width digit
])
def test_each_numbering_family(line, number, ordinal, heading):
    hs = heads("前言。\n" + line + "\n正文内容。")
    assert len(hs) == 1, hs
    assert hs[0][1:] == (number, ordinal, heading)


def test_styles_are_distinct_families():
    styles = {s.style for s in parse("一、甲\n（一）乙\n1、丙\n（1）丁\n①戊\n⑴己").headings}
    assert len(styles) == 5  # ⑴ and （1） are one family (bracketed Arabic)


# ----------------------------------------------------------------------------------- nesting
def test_gbt_nesting_and_return_to_level():
    text = ("总结\n一、学习\n（一）理论学习\n1、读书会\n2、讲座\n（二）业务学习\n1、培训\n"
            "二、维权\n（一）职代会\n")
    tree = parse(text, "r")
    got = [(s.level, s.path) for s in tree.headings]
    assert got == [(1, "一"), (2, "一/（一）"), (3, "一/（一）/1"), (3, "一/（一）/2"),
                   (2, "一/（二）"), (3, "一/（二）/1"), (1, "二"), (2, "二/（一）")]
    # parent ids point at the right sections
    by_id = {s.section_id: s for s in tree.sections}
    assert by_id[tree.headings[3].parent_id].number == "（一）"
    assert tree.headings[0].parent_id == ""


def test_levels_follow_first_use_not_fixed_style():
    # a report that starts with 1、 and nests （一） under it: order of first use wins over GB/T
    hs = heads("1、学习\n（一）理论\n（二）业务\n2、维权")
    assert [h[0] for h in hs] == [1, 2, 2, 1]


def test_continuation_beats_nesting_for_borrowed_style():
    # seed 001 篇12: 一、 … 1、 2. 3. 4. then （二）: （二） continues 一、, it is not a child of 4.
    tree = parse("一、收缴\n1、财政划拨\n2.地税代征\n（二）资产管理\n（三）财务制度\n1.健全制度")
    got = [(s.level, s.number, s.flags) for s in tree.headings]
    assert got[3][:2] == (1, "（二）") and "mixed_style" in got[3][2]
    assert got[4][:2] == (1, "（三）")
    assert got[5][:2] == (2, "1")
    assert "mixed_style" in got[2][2]  # 2. after 1、


def test_skipped_number_and_restart_flagged_not_fixed():
    tree = parse("一、甲\n三、丙\n四、丁\n1、子\n1、子二")
    s = tree.headings
    assert s[1].ordinal == 3 and "skipped_number" in s[1].flags
    assert "skipped_number" not in s[2].flags
    assert s[4].level == 2 and "restart" in s[4].flags


def test_new_sequence_not_starting_at_one_is_flagged():
    s = parse("一、提高素质\n2、加强师德教育\n3、多措并举").headings
    assert [x.level for x in s] == [1, 2, 2]
    assert "skipped_number" in s[1].flags


def test_orphan_list_then_top_level_heading():
    # 一、 lost (glued to a previous line): 1、2、3、 then 二、 — 二、 is top level, not under 3、
    s = parse("前言\n1、学习\n2、建家\n3、会籍\n二、厂务公开\n1、深化").headings
    assert [(x.number, x.level) for x in s] == [("1", 1), ("2", 1), ("3", 1), ("二", 1), ("1", 2)]


def test_part_heading_stays_on_top():
    s = parse("第一部分 工作回顾\n一、基本情况\n（一）组织\n第二部分 工作打算\n一、目标").headings
    assert [(x.number, x.level) for x in s] == [
        ("第一部分", 1), ("一", 2), ("（一）", 3), ("第二部分", 1), ("一", 2)]


def test_dotted_numbers_nest_by_depth():
    s = parse("1. 总体要求\n1.1 指导思想\n1.2 工作目标\n2. 主要任务\n2.1 组织建设").headings
    assert [(x.number, x.level) for x in s] == [
        ("1", 1), ("1.1", 2), ("1.2", 2), ("2", 1), ("2.1", 2)]


def test_decimal_outline_with_bare_top_numbers():
    # a Word-style outline: "1 " (number, space) over 1.1, and 1.1.1 one level deeper than 1.1
    text = ("现将工作总结如下：\n1 2015年主要工作\n1.1 加强思想教育\n举办讲坛8期。\n1.1.1 理论学习\n学习。\n"
            "1.2 关心职工生活\n慰问困难职工83人次。\n2 存在的不足\n一是差距。\n3 2016年工作打算\n3.1 办好职工之家")
    s = parse(text).headings
    assert [(x.number, x.level) for x in s] == [
        ("1", 1), ("1.1", 2), ("1.1.1", 3), ("1.2", 2), ("2", 1), ("3", 1), ("3.1", 2)]
    assert s[4].heading == "存在的不足" and s[5].heading == "2016年工作打算"


@pytest.mark.parametrize("text", [
    "去年\n12 名职工参加培训\n1.1 安全生产\n2 人获奖",         # counts at a line start, not headings
    "1 概述\n本年度召开职代会。\n2 问题\n活动偏少。",              # no dotted outline: a bare 1 is no heading
    "1.1 安全生产\n3 月份组织了演练，共有80人参加，效果良好。",   # a sentence, and 3 continues nothing
])
def test_bare_numbers_outside_a_decimal_outline_stay_text(text):
    assert [x.number for x in parse(text).headings] in ([], ["1.1"])


def test_circled_numbers_nest_under_arabic():
    s = parse("1、文体活动\n①篮球赛\n②歌咏比赛\n2、送温暖").headings
    assert [(x.number, x.level, x.ordinal) for x in s] == [
        ("1", 1, 1), ("①", 2, 1), ("②", 2, 2), ("2", 1, 2)]


# ----------------------------------------------------------------------------------- inline
def test_inline_heading_split_at_full_stop_keeps_both_parts():
    text = "前言\n(一)不断加强理论学习,提高教工师德水平。 首先,我们加强了政治理论的学习。\n其次,加强了法制学习。"
    s = parse(text).headings[0]
    assert s.heading == "不断加强理论学习,提高教工师德水平"
    assert s.body.startswith("首先,我们加强了政治理论的学习。")
    assert "其次,加强了法制学习。" in s.body
    assert "inline_heading" in s.flags


@pytest.mark.parametrize("rest,heading", [
    ("实施民主管理；每学期召开教代会。", "实施民主管理"),
    ("指导思想：以科学发展观为指导", "指导思想"),
    ("认真做好困难职工帮扶  全年走访慰问困难职工30户", "认真做好困难职工帮扶"),
])
def test_inline_heading_split_points(rest, heading):
    assert split_inline_heading(rest)[0] == heading


def test_inline_heading_length_limit_cuts_at_comma():
    rest = ("全科人员在政治上认真学习理论和三个代表精神,树立正确的世界观、人生观、价值观,"
            "发扬优良传统,牢固树立一切为病员服务的理念,加强医德医风建设")
    h, off = split_inline_heading(rest, max_len=50)
    assert len(h) <= 50 and rest.startswith(h) and rest[off - 1] == ","


def test_heading_split_across_line_keeps_body():
    s = parse("一、指导思想:\n以三个代表重要思想为指导。").headings[0]
    assert s.heading == "指导思想" and s.body == "以三个代表重要思想为指导。"
    assert "inline_heading" not in s.flags


# ----------------------------------------------------------------------------------- false matches
@pytest.mark.parametrize("line", [
    "1、2月份开展送温暖活动,慰问困难职工。",
    "3.5万元用于职工疗休养。",
    "20xx年工会工作要点",
    "2021.10.1召开职代会",
    "一、二月份完成会费收缴。",
    "一是抓个人自学。二是抓班子学习。",
    "首先,夯实医院工会工作的组织基础。",
    "其次,加强了法制学习。",
    "再次,工会还十分关心学生的困难。",
    "一、指导思想………………………3",
    "（二）工作目标 .......... 12",
    "3.8\"妇女节组织女职工联欢",
    "三、八节为女职工发放慰问品",
])
def test_false_matches_are_not_headings(line):
    assert heads("工会工作总结\n" + line + "\n结束。") == []


def test_list_inside_a_sentence_is_not_a_heading():
    assert heads("工会要求做到:1、按时到岗;2、认真记录。全年无事故。") == []
    assert heads("工会要求做到：1、按时到岗；2、认真记录。") == []


def test_festival_date_after_item_number():
    # seed 002: 1."3.8"妇女节活动 / 3.5.12"护士节: items 1 and 3, not dotted 3.8 / 3.5.12
    s = parse('具体活动\n1."3.8"妇女节活动:保铃球比赛\n2.参加教职工足球赛\n3.5.12"护士节庆祝活动\n'
              '4.筹备职代会').headings
    assert [(x.number, x.level) for x in s] == [("1", 1), ("2", 1), ("3", 1), ("4", 1)]


def test_table_of_contents_block_is_skipped():
    text = "目 录\n一、工作回顾\n二、工作打算\n\n一、工作回顾\n今年以来，我们做了大量工作。\n二、工作打算\n明年继续努力。"
    s = parse(text).headings
    assert [(x.number, x.level) for x in s] == [("一", 1), ("二", 1)]
    assert s[0].body == "今年以来，我们做了大量工作。"


def test_midline_heading_after_lost_line_break():
    # seed 001: "…崭露头角。4、继续抓好…" — 4 continues 1、2、3、
    text = "（三）以德治校\n1、开展活动。\n2、学习先进。\n3、教学竞赛,使青年教师崭露头角。4、继续抓好奠基工程。\n（四）文体活动"
    s = parse(text).headings
    assert [(x.number, x.level) for x in s] == [
        ("（三）", 1), ("1", 2), ("2", 2), ("3", 2), ("4", 2), ("（四）", 1)]
    assert "midline" in s[4].flags
    assert s[3].body == ""  # 3's own text ends where 4 starts
    assert "崭露头角" in s[3].heading + s[3].body or "崭露头角" in parse(text).full_text(s[3])


def test_midline_number_that_does_not_continue_is_ignored():
    assert heads("一、甲\n工作很多。3、这不是标题。\n") == [(1, "一", 1, "甲")]


# ----------------------------------------------------------------------------------- output
def test_preamble_offsets_and_body():
    text = "  我校工会工作总结\n今年以来，工作顺利。\n一、学习\n认真学习。\n（一）理论\n读书。\n"
    tree = parse(text, "rep")
    pre = tree.sections[0]
    assert (pre.level, pre.style, pre.section_id) == (0, "preamble", "rep:0")
    assert pre.body == "我校工会工作总结\n今年以来，工作顺利。"
    for s in tree.headings:
        assert text[s.start:s.end].startswith(s.number if s.style != "cn" else s.number + "、")
        assert s.body in text[s.start:s.end]
    one = tree.headings[0]
    assert one.body == "认真学习。"               # own text, up to its first child
    assert tree.full_text(one) == "一、学习\n认真学习。\n（一）理论\n读书。"
    assert [s.section_id for s in tree.sections] == ["rep:0", "rep:1", "rep:2"]


def test_pretty_print_is_indented():
    out = str(parse("一、学习\n（一）理论\n二、维权"))
    assert out.splitlines() == ["[preamble]", "一、学习", "  （一）理论", "二、维权"]


def test_sections_frame_schema_and_duplicates():
    reports = pd.DataFrame({"report_id": ["a", "b", "c"],
                            "text": ["一、学习\n二、维权", "一、学习\n二、维权", ""]})
    df = sections_frame(reports)
    assert list(df.columns)[:len(SECTION_COLUMNS)] == SECTION_COLUMNS
    assert set(df.columns) - set(SECTION_COLUMNS) <= {"full_text"}
    assert df.groupby("report_id").size().to_dict() == {"a": 3, "b": 3, "c": 1}
    assert df.loc[df.section_id == "a:2", "parent_id"].item() == ""
    assert isinstance(df["flags"].iloc[0], list)
    assert df.level.dtype.kind == "i"


# ----------------------------------------------------------------------------------- real seeds
def test_seed_001_report_13_tree():
    # 工会工作总结及计划篇13: (三) lost at a PDF page break, page numbers —1— in the text
    tree = parse(seed_lines("001_6ad8be5d0ddd4ac3.txt", 341, 383))
    got = [(s.level, s.number) for s in tree.headings]
    assert got[:6] == [(1, "一"), (2, "(一)"), (3, "1"), (3, "2"), (3, "3"), (3, "4")]
    skipped = [s for s in tree.headings if "skipped_number" in s.flags]
    assert [s.number for s in skipped] == ["(四)"]
    assert (1, "三") in got and got[-1] == (3, "3")
    assert len(tree.headings) == 20


def test_seed_003_traditional_di_headings():
    tree = parse(seed_lines("003_1ea7fcd1d1a6193b.txt", 2, 22))
    got = [(s.level, s.number) for s in tree.headings]
    assert got == [(1, "一"), (1, "二"), (2, "第一"), (2, "第二"), (2, "第三"), (1, "三"),
                   (2, "第一"), (2, "第二"), (2, "第三"), (2, "第四")]
    # 首先 / 一是 / 最後 paragraphs stay in the body of 一、
    assert "一是在增強" in tree.headings[0].body


def test_seed_002_mixed_brackets_and_skips():
    # 2021年机关工会工作计划报告: (一)、 1、 (2) (3) (4) 2. (1)…
    tree = parse(seed_lines("002_e1efe9dfe3e00a87.txt", 450, 473))
    got = [(s.level, s.number) for s in tree.headings]
    assert got[:8] == [(1, "一"), (1, "二"), (2, "(一)"), (3, "1"), (4, "(2)"), (4, "(3)"),
                       (4, "(4)"), (3, "2")]
    assert "skipped_number" in tree.headings[4].flags


def test_parser_is_a_transformer():
    p = SectionParser(max_heading_len=10).fit(None)
    trees = p.transform(["一、非常非常非常长的一个标题没有标点符号结尾呢", ""])
    assert len(trees[0].headings[0].heading) <= 10
    assert len(trees[1].sections) == 1


def test_years_since_after_a_top_number_is_a_heading_not_a_quantity():
    # 二、五年来的主要体会: 五年来 is "over five years"; 一、二月 (January and February) is still no heading
    from corpus_tools.sections import parse

    text = ("一、过去五年的工作回顾\n五年来，我们做了很多工作。\n二、五年来的主要体会\n回顾五年来的工作，我们深刻体会到：一是必须坚持党的领导。\n"
            "三、今后五年的主要任务\n今后五年，工会要全面贯彻。")
    assert [(s.level, s.number) for s in parse(text).sections if s.level] == [(1, "一"), (1, "二"), (1, "三")]
    months = "一、工作安排\n一、二月份组织职工春游，三月份开展三八节活动。\n二、保障措施\n加强领导。"
    assert [s.number for s in parse(months).sections if s.level == 1] == ["一", "二"]
