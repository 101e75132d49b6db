"""Splitting the real seed pages into reports.  Expected counts and titles were decided by reading each page
(see the line-by-line notes in each test), not by running the splitter."""
import pytest

from corpus_tools.splitter import report_id, split_page
from corpus_tools.cleaner.pinyin import strip_pinyin
from helpers import cut_every_line


def test_seed000_five_reports(seeds):
    # 第1篇 (own title line 单位工会组织年度工作总结), 第2篇 holding 篇一】 篇二】 篇三】, 第3篇; "65位用户关注" is chrome.
    reps = split_page(seeds["000"])
    assert [r.title for r in reps] == [
        "单位工会组织年度工作总结",
        "医院工会组织年终工作总结范文",
        "医院工会组织年终工作总结范文",
        "医院工会组织年终工作总结范文",
        "医院工会组织年终工作总结",
    ]
    assert reps[0].raw_text.startswith("2022年度,我校工会在市教育工会及学校*支*的领导下")
    # 篇一】 carries the first sentence on its own line: the marker is not part of the report
    assert reps[1].raw_text.startswith("一年来,在院班子和主管院长领导下")
    assert reps[2].raw_text.startswith("20xx年工会在上级工会和医院*支*的领导下")
    assert reps[3].raw_text.startswith("一年来,在上级工会的正确指引下")
    assert "用户关注" not in reps[-1].raw_text


def test_seed001_sixteen_reports_with_run_together(seeds):
    # 13 "工会工作总结及计划篇N" separators; 篇3 holds two reports (总之… then 本学期，我校工会在…领导下),
    # 篇6 holds three (…半年来，我工会在…领导和大力支持下… / 今年以来，我局工会以…为指导).
    reps = split_page(seeds["001"])
    assert len(reps) == 16
    run_together = [r for r in reps if r.boundary == "run_together"]
    starts = ["本学期,我校工会在上级教育", "半年来,我工会在市总工会和", "今年以来,我局工会以“三个"]
    assert len(run_together) == 3
    assert all(r.raw_text.startswith(s) for r, s in zip(run_together, starts))
    assert reps[15].title == "工会工作总结及计划暨2011年工会工作思路"
    assert reps[15].raw_text.rstrip().endswith("二〇一〇年十一月三十日")
    # the page title and 【导读预览】 line before 篇1, pagination and --> lines are not reports
    assert reps[0].raw_text.startswith("一、指导思想")
    assert all("页,当前第1" not in r.raw_text and "-->" not in r.raw_text for r in reps)
    # a hyperlink word broken onto its own line ("半年工作总结") is not a title
    assert reps[6].raw_text.startswith("马上到年中了,工会的上\n半年工作总结")


def test_seed002_fifteen_reports_by_bare_title_lines(seeds):
    reps = split_page(seeds["002"])
    assert [r.title for r in reps] == [
        "2021年医院工会工作计划报告", "2021年医院工会工作计划", "2021年医院工会工作计划结尾", "2021医院工会工作计划",
        "2021年医院工会工作计划模板", "2021医院工会工作计划范文", "2021年医院工会工作计划书", "2021年工会工作计划报告",
        "2020年医院工会工作计划格式", "医院工会工作计划模板", "医院工会工作计划范文", "医院工作计划:医院工会工作计划范文",
        "2021年公司工会工作计划报告", "2021年机关工会工作计划报告", "学校2021年工会工作计划报告",
    ]
    # breadcrumb, site name and publication date are chrome, not report text
    assert "你的位置" not in reps[0].raw_text and "发表时间" not in reps[0].raw_text
    assert "fw92.com编辑推荐" not in reps[0].raw_text
    assert reps[1].raw_text.lstrip().startswith(("以下是小编", "一月份"))


def test_seed003_one_traditional_report(seeds):
    reps = split_page(seeds["003"])
    assert len(reps) == 1
    r = reps[0]
    assert r.title == "醫院工會工作總結"
    assert r.raw_text.startswith("醫(yī)院工會是醫(yī)院職工權(quán)益的代表者")
    # the related-article list at the end (lines ending in dates) is chrome
    assert "05-31" not in r.raw_text and "相關(guān)推薦" not in r.raw_text


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_raw_text_is_exact_page_slice(seeds, key):
    page = seeds[key]
    for r in split_page(page):
        assert page[r.start:r.end] == r.raw_text


def test_single_report_page_stays_one():
    page = ("学校工会工作总结\n"
            "本学期，我校工会在上级工会和学校党支部的领导下，认真履行职责，团结全体教职工，圆满完成了各项工作任务。\n"
            "一、加强组织建设\n工会坚持每月召开委员会议，研究部署工作，健全各项制度，认真做好会员发展和会籍管理工作。\n"
            "二、开展文体活动\n组织教职工开展乒乓球、羽毛球比赛和迎新春联欢会，丰富了教职工的业余生活，增强了凝聚力。\n"
            "总之，一学期来工会做了大量工作，今后我们将继续努力。\n")
    reps = split_page(page)
    assert len(reps) == 1 and reps[0].title == "学校工会工作总结"


def test_teaser_line_before_the_title_is_furniture():
    # the session-7 audit: a listing teaser (title + first words + "...") and a share bar above the title line
    # hid the title; the teaser is now site furniture, so the title line heads the report
    body = ("2021年，县总工会女职委在县总工会党组和市总女职委的指导下，紧扣女职工需求，团结带领全县女职工建功新时代，"
            "各项工作取得新成效。现总结如下。\n一、思想引领有力度\n组建女职工宣讲团，深入企业、学校、医院开展宣讲18场，"
            "覆盖女职工3000余人。")
    page = ("热门范文网 > 工会工作 > 女职工工作\n2021年XX县总工会女职工委员会工作总结 2021年，县总工会女职委在县总工会党组"
            "和市总女职委的指导下，紧扣女职工需求，团结...\n分享: [微信] [QQ] [微博]\n"
            "2021年XX县总工会女职工委员会工作总结\n" + body)
    (r,) = split_page(page, min_han=40)
    assert r.title == "2021年XX县总工会女职工委员会工作总结" and r.raw_text.rstrip() == body


def test_a_long_title_with_a_slogan_in_quotes_is_a_title():
    # s23 w1: a 48-character title under 【篇一】, its slogan in quotes; over 40 characters it was read as prose
    title = "榆州市热力有限责任公司工会2015—2016年度供暖期“保供暖、优服务”劳动竞赛总结"
    body = ("为确保2015—2016年度供暖期安全稳定供热，公司工会在公司党委的正确领导下，紧紧围绕“安全供热、温暖万家”的工作目标，"
            "在全公司广泛开展了劳动竞赛活动。\n一、加强领导，精心组织\n成立了劳动竞赛领导小组，形成了层层抓落实的工作格局。")
    (r,) = split_page("【篇一】\n" + title + "\n" + body, min_han=40)
    assert r.title == title and r.raw_text.startswith("为确保")
    # without the quotes' slogan it would still be over 40 characters: no title
    from corpus_tools.splitter import _looks_like_title
    assert not _looks_like_title("榆州市热力有限责任公司工会2015—2016年度供暖期保供暖优服务劳动竞赛和安全生产竞赛总结")


def test_other_separator_forms():
    body = "今年以来，我单位工会在上级工会的领导下，围绕中心工作，认真履行维护职能，积极开展送温暖活动，关心困难职工生活，取得明显成效。"
    page = f"【篇一】\n{body}\n【篇二】\n{body.replace('送温暖', '文体')}\n工会送温暖活动总结3\n{body}"
    reps = split_page(page, min_han=20)
    assert len(reps) == 3
    assert reps[2].title == "工会送温暖活动总结"


@pytest.mark.parametrize("first, second", [
    ("篇一：学校工会工作总结", "篇二：学校工会工作计划"),            # numbered with a colon (范文 sites)
    ("篇一：\n学校工会工作总结", "篇二：\n学校工会工作计划"),        # the marker alone, the title below (session 10)
    ("【第1篇】\n学校工会工作总结", "【第2篇】学校工会工作计划"),      # bracketed 第N篇 (session-10 audit)
    ("【范文一】学校工会工作总结", "【范文二】学校工会工作计划"),    # 范文 in brackets before the title
    ("[例文1] 学校工会工作总结", "[例文2] 学校工会工作计划"),
])
def test_numbered_separator_carries_the_title(first, second):
    # session-10 audit of unseen pages: the page title "（精选2篇）" won over 篇一's own title, 篇二's title was lost
    # and "【范文二】" stayed in the title; a print bar between page title and report title hid the title line
    body = ("一年来，我校工会在学校党支部和上级工会的正确领导下，紧紧围绕学校中心工作，认真履行工会的各项职能，"
            "在推进民主管理、提高教师素质、关心教职工生活等方面做了大量工作。")
    page = (f"学校工会工作总结（精选2篇）\n[打印] [收藏] [下载Word]\n{first}\n{body}\n"
            f"{second}\n{body.replace('民主管理', '校务公开')}\n上一篇：小学工会工作总结\n")
    reps = split_page(page, min_han=40)
    assert [r.title for r in reps] == ["学校工会工作总结", "学校工会工作计划"]
    assert [r.raw_text.strip() for r in reps] == [body, body.replace('民主管理', '校务公开')]


def test_numbered_separator_with_the_first_sentence():
    # 篇二： followed by prose: the prose is the report's first line, not its title
    body = "工会在上级工会的领导下，围绕中心工作，认真履行维护职能，积极开展送温暖活动，关心困难职工生活，取得明显成效。"
    page = f"篇一：{body}\n篇二：{body.replace('送温暖', '文体')}\n"
    reps = split_page(page, min_han=20)
    assert [(r.title, r.raw_text) for r in reps] == [("", body), ("", body.replace('送温暖', '文体'))]


def test_print_bar_is_furniture_but_a_bracketed_word_in_prose_is_not():
    from corpus_tools.cleaner.chrome import is_chrome_line
    assert is_chrome_line("[打印] [收藏] [下载Word]") and is_chrome_line("【打印】【纠错】【举报】")
    assert not is_chrome_line("[收藏]了职工们写下的心得体会一百余篇")


def test_link_list_under_a_related_header_is_furniture():
    # session-9 audit: a 【相关推荐】 list of bare titles between two reports stayed at the end of the first
    one = ("2008年，矿工会在矿党委的领导下，认真贯彻安全第一、预防为主的方针，健全群众安全监督网络，"
           "深入开展安康杯竞赛，全年无重伤以上事故。\nXX煤矿工会\n二〇〇九年一月八日")
    two = "20xx年，矿工会工作的总体思路是：以科学发展观为指导，突出安全，深化安康杯竞赛，维护职工合法权益。"
    page = f"{one}\n【相关推荐】\n煤矿工会安全工作总结\n矿山工会年终工作总结\n篇二】\n20xx年煤矿工会工作计划\n{two}\n"
    reps = split_page(page, min_han=30)
    assert [r.raw_text.strip() for r in reps] == [one, two]
    assert reps[1].title == "20xx年煤矿工会工作计划"
    # the last title of the list heads the next report when its prose follows
    page = f"{one}\n猜你喜欢：\n煤矿工会安全工作总结\n20xx年煤矿工会工作计划\n{two}\n"
    reps = split_page(page, min_han=30)
    assert [(r.title, r.raw_text.strip()) for r in reps] == [("", one), ("20xx年煤矿工会工作计划", two)]


def test_headlines_of_a_union_site_column_box_are_furniture():
    # session-16 audit page: a federation site's side boxes (工会要闻 / 通知公告 with 更多>> and linked headlines)
    # stood above the article; their headlines were kept as an untitled report and pushed the title off
    box = ("工会要闻\n更多>>\n市总工会召开十四届五次全委（扩大）会议\n市领导走访慰问全国劳动模范\n"
           "全市工会系统党史学习教育推进会召开\n通知公告\n更多>>\n· 关于开展2021年“金秋助学”活动的通知\n"
           "· 关于做好2021年夏季“送清凉”工作的通知\n")
    body = ("2021年，园区联合工会在园区党工委的领导下，坚持以职工为中心，推动216家企业建立工会组织，"
            "开展工资集体协商，走访慰问困难职工1260户。\n一、扩面建会\n新建基层工会38个，新发展会员2100人。")
    reps = split_page(box + "临江物流园区联合工会2021年工作总结\n" + body + "\n", min_han=40)
    assert [(r.title, r.raw_text.strip()) for r in reps] == [("临江物流园区联合工会2021年工作总结", body)]
    # the list ends at a title with text below it, and the box's heads are furniture to the cleaner as well
    from corpus_tools.cleaner.chrome import is_chrome_line
    assert is_chrome_line("工会要闻") and is_chrome_line("通知公告")
    # near miss: a report's own short lines after its title are not headlines of the box
    reps = split_page(box + "临江物流园区联合工会2021年工作总结\n临江物流园区联合工会\n" + body + "\n", min_han=40)
    assert [r.title for r in reps] == ["临江物流园区联合工会2021年工作总结"]
    assert reps[0].raw_text.startswith("临江物流园区联合工会\n2021年")


def test_full_width_year_opens_a_report_after_a_closing_date():
    # session-10 audit: a second report follows the first one's signature and date with no separator; its
    # opening "２００７年，" is in full-width digits (the splitter runs before the cleaner)
    one = ("2016年县直机关工会工作的总体要求是：围绕县委中心工作，以服务机关干部职工为根本，进一步加强机关工会建设，"
           "团结动员机关干部职工作出新贡献。\n一、加强思想引领\n组织干部职工学习党的路线方针政策，开展主题教育活动，"
           "引导干部职工坚定理想信念，立足岗位建功立业。\n二、关心职工生活\n坚持困难职工帮扶制度，做好节日慰问和"
           "生病住院职工的看望工作，组织干部职工健康体检，开展文体活动，丰富干部职工的业余文化生活。\n"
           "三、加强自身建设\n健全工会组织，规范工会经费管理，接受同级经审会的审计监督，提高工会干部的履职能力。")
    two = ("２００７年，公司工会将在公司党委和市建筑业工会的领导下，紧紧围绕公司生产经营目标，团结和带领广大职工"
           "为企业发展贡献力量。\n一、加强农民工工会工作\n在各项目部建立项目工会。")
    reps = split_page(f"{one}\nXX县直机关工会\n2016年2月26日\n{two}\n", min_han=40)
    assert [r.raw_text.strip() for r in reps] == [f"{one}\nXX县直机关工会\n2016年2月26日", two]


def test_numbered_titles_under_a_link_list_header_are_furniture():
    # session-10 audit: "…相关文章：" then numbered titles; a numbered line is a heading to the splitter, so the
    # title-line cut alone kept them in the report
    body = ("20XX年，我在机关党组和市直机关工会工委的领导下，紧紧围绕机关中心工作，认真履行工会主席职责，"
            "积极为干部职工服务。\n述职人：XX")
    page = f"{body}\n【工会主席述职报告范文】相关文章：\n1.医院工会主席年度述职报告\n2.机关工会主席个人述职报告\n"
    (r,) = split_page(page, min_han=40)
    assert r.raw_text.strip() == body
    # near miss: numbered prose items after the report's own heading are not links
    page = f"{body}\n二、存在的问题\n1.工会经费不足，部分活动难以开展。\n"
    (r,) = split_page(page, min_han=40)
    assert r.raw_text.strip().endswith("1.工会经费不足，部分活动难以开展。")


def test_a_numbered_listing_of_titles_and_snippets_is_no_report():
    # session-10 audit: listing entries numbered in full-width digits (１．) are titles, their snippets furniture
    page = ("工会工作总结 共186篇\n"
            "１．２０１５年铁路工会上半年工作总结\n上半年，段工会在段党委和路局工会的领导下，紧紧围绕安全生产中心工作,扎实开展劳动竞赛...\n"
            "时间：2015-07-08 | 阅读：2345 | 评论：3\n"
            "２．20xx年学校工会工作总结\n本学年，我校工会在校党支部和上级工会的正确领导下，以科学发展观为指导,,认真履行工会职能...\n"
            "时间：2015-06-30 | 阅读：1980 | 评论：0\n"
            "３．县总工会20__年工作总结及20__年工作打算\n今年以来，县总工会在县委和市总工会的正确领导下，围绕全县经济社会发展大局...\n"
            "时间：2015-05-30 | 阅读：1208 | 评论：2\n")
    assert split_page(page) == []


def test_site_header_above_the_title_line_does_not_hide_it():
    # session-10 audit: an unknown site header (no furniture pattern) above the title line
    body = ("XX农商银行XX支行  张XX\n各位领导、同志们：\n2014年，我在支行党委和总行工会的领导下，认真履行支行工会主席职责，"
            "紧紧围绕支行中心工作，较好地完成了各项任务。现将履职情况报告如下。")
    page = f"豆云文档 - 在线文档分享平台     搜索文档   上传\n豆云文档 > 公文写作 > 述职报告\n2014年度工会主席述职报告\n{body}\n"
    (r,) = split_page(page, min_han=40)
    assert r.title == "2014年度工会主席述职报告" and r.raw_text.strip() == body
    # near miss: a first line of prose is the report's own text, and a title line further down is not taken
    page = f"2014年，我在支行党委的领导下，认真履行职责。\n2014年度工会主席述职报告\n{body}\n"
    (r,) = split_page(page, min_han=40)
    assert r.raw_text.startswith("2014年，我在支行党委的领导下")


def test_a_bulleted_listing_with_meta_lines_is_no_report():
    # session-10 audit: "■ title" / meta line / snippet cut off with …… / 阅读全文>>
    entry = ("■ 环卫所工会20XX年上半年工作总结\n发布：２０１６－０７－１４  浏览：１２０５次\n"
             "今年以来，我所工会在所党支部和区总工会的正确领导下，紧紧围绕中心工作，以关爱环卫工人为主线，扎实开展……\n"
             "阅读全文>>\n")
    page = entry + entry.replace("环卫所", "档案馆").replace("环卫工人", "档案职工") + entry.replace("环卫所", "农机所")
    assert split_page(page) == []


def test_the_footer_after_a_wechat_article_end_mark_is_no_report_text():
    body = ("上半年，我站工会在站党支部和市交通运输工会的领导下，围绕安全运输、优质服务的中心任务，认真履行工会各项职能。\n"
            "1、春运期间开展劳动竞赛，评出服务标兵20名。\n2、帮扶困难职工11户，发放慰问金1.1万元。\nXX汽车客运站工会\n二〇一七年七月")
    footer = "- END -\n材料写作小灶\n专注公文写作 | 分享优质范文\n阅读原文\n李□ 12\n太实用了，正好要写半年总结！\n"
    (r,) = split_page("汽车客运站工会上半年工作总结\n" + body + "\n" + footer)
    assert r.raw_text.strip() == body
    # near miss: without the end mark the short lines after the signature are not touched by this rule
    (r,) = split_page("汽车客运站工会上半年工作总结\n" + body + "\n" + "工会委员会\n二〇一七年七月三日\n")
    assert r.raw_text.strip().endswith("二〇一七年七月三日")
    # a second report after the mark still opens: a title line followed by a report's first line
    second = ("今年以来，局工会在局党组的领导下，紧紧围绕中心工作，团结带领全局职工，扎实开展各项工作，取得了较好成绩。"
              "一是开展劳动竞赛，二是做好帮扶工作。")
    rs = split_page("汽车客运站工会上半年工作总结\n" + body + "\n- END -\n精选留言\n水文局工会工作总结\n" + second + "\n",
                    min_han=40)
    assert len(rs) == 2 and rs[1].title == "水文局工会工作总结" and rs[1].raw_text.strip() == second


def test_the_article_end_mark_is_one_file_read_by_cleaner_and_splitter():
    from corpus_tools._data import load_lines
    from corpus_tools.cleaner.chrome import is_chrome_line

    (end,) = load_lines("lexicon/article_end.txt")
    assert load_lines("lexicon/cleaner/chrome_lines.txt").count(end) == 1  # through its #include line
    assert all(is_chrome_line(s) for s in ("- END -", "—— 全文完 ——", "（完）"))


def test_report_id_stable_and_distinct():
    a = report_id("sample/a.txt", 0, "文本")
    assert a == report_id("sample/a.txt", 0, "文本") and len(a) == 16
    assert a != report_id("sample/a.txt", 1, "文本") and a != report_id("sample/b.txt", 0, "文本")


def _transforms():
    import opencc

    from corpus_tools.html import html_to_text

    s2t = opencc.OpenCC("s2t").convert
    half = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})
    full = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})
    return {
        "traditional": s2t,
        "full_width": lambda t: t.translate(full),
        "half_width": lambda t: t.translate(half),
        "blank_lines": lambda t: t.replace("\n", "\n\n"),
        "indented": lambda t: "\n".join("\u3000\u3000" + ln if ln else ln for ln in t.split("\n")),
        "html_paragraphs": lambda t: html_to_text("<html><body>" + "".join(f"<p>{ln}</p>" for ln in t.split("\n"))
                                                  + "</body></html>"),
    }


@pytest.mark.parametrize("name", list(_transforms()))
def test_transformed_copies_split_the_same(seeds, name):
    fn = _transforms()[name]
    for key, expected in (("000", 5), ("001", 16), ("002", 15), ("003", 1)):
        assert len(split_page(fn(seeds[key]))) == expected, (name, key)


def test_a_nbsp_line_between_reports_is_blank():
    # an HTML page's &nbsp; paragraph between one report's date and the next report's title
    body1 = "2015年，院机关工会在院党组的正确领导下，坚持围绕审判执行中心工作，较好地完成了全年各项任务。" * 3
    body2 = "2016年院机关工会工作的总体要求是：全面贯彻会议精神，突出服务审判、服务干警两项职能。" * 3
    page = f"市中院机关工会2015年工作总结\n{body1}\n2016年1月15日\n\xa0\n市中院机关工会2016年工作要点\n{body2}\n"
    assert [r.title for r in split_page(page, min_han=40)] == ["市中院机关工会2015年工作总结", "市中院机关工会2016年工作要点"]


def test_forum_thread_keeps_the_reports_and_drops_replies_signatures_and_board():
    report = ("2009年，公司工会在公司党委和市总工会的领导下，紧紧围绕公司中心工作，各项工作取得了新的进展。\n"
              "一、开展劳动竞赛，促进安全优质服务\n" + "深入开展安全行车百日无事故竞赛，全公司86条线路参赛，事故同比下降。\n" * 3
              + "××公交公司工会\n2010年1月5日")
    plan = "2010年，公司工会工作的总体思路是：以科学发展观为指导，突出维权和服务两项重点。\n" + "（一）深入开展竞赛活动\n开展车队、线路、驾驶员三级安全竞赛，力争事故再下降。\n" * 3
    page = ("××公交职工论坛 - Powered by Discuz!\n查看: 3562 | 回复: 6\n【分享】公交公司工会2009年工作总结（附2010年计划）\n"
            "楼主\n电车老王 发表于 2010-1-6 21:14 | 只看该作者\n××公交公司工会2009年工作总结\n" + report +
            "\n------------------------------\n方向盘上保平安，车厢里送温馨。\n回复 引用 举报 TOP\n"
            "沙发\n路在脚下 发表于 2010-1-6 22:03 | 只看该作者\n谢谢楼主分享，正好要写总结，借鉴一下！\n回复 引用 举报 TOP\n"
            "板凳\n电车老王 发表于 2010-1-7 08:15 | 只看该作者\n补一篇2010年的计划，大家参考：\n××公交公司工会2010年工作计划\n"
            + plan + "回复 引用 举报 TOP\n")
    rs = split_page(page)
    assert [r.title for r in rs] == ["××公交公司工会2009年工作总结", "××公交公司工会2010年工作计划"]
    assert rs[0].raw_text.rstrip().endswith("2010年1月5日")  # signature and the reply are furniture
    assert "借鉴" not in rs[1].raw_text and "大家参考" not in rs[1].raw_text and "分享】" not in rs[0].raw_text


def test_separator_and_report_openings_read_through_pinyin_after_every_character():
    # ``篇(piān)一(yī)】`` before a long first sentence, every character annotated: still a separator, and the
    # body on its line is the report's first line
    from pypinyin import Style, pinyin

    def ann(w: str) -> str:
        return "".join(f"{c}({pinyin(c, style=Style.TONE)[0][0]})" if "\u4e00" <= c <= "\u9fff" else c for c in w)

    body1 = "一年來，在院班子和主管院長領導下，我科同志協調一致，在工作上積極主動，較好地完成了本科的各項工作任務。" * 2
    body2 = "今年以來，我局工會以重要思想爲指導，認真學習貫徹大會精神，在局黨委的關心和支持下，發揮了工會的積極作用。" * 2
    page = ann("醫院工會年終工作總結") + "\n" + ann(body1) + "\n" + ann("篇一】" + body2)
    rs = split_page(page, min_han=40)
    assert len(rs) == 2 and rs[1].boundary == "separator"
    assert strip_pinyin(rs[1].raw_text).startswith("今年以來，我局工會")


def test_a_page_that_lost_its_line_breaks_still_splits_into_its_reports():
    # two reports on one line, the second starting right after the first one's closing date: the spaces the
    # scraper left are read as breaks, so each title is a line of its own
    body1 = ("20XX年，处工会在处党总支和市城建工会的领导下，团结带领全处860名干部职工，为创建全国文明城市作出了积极贡献。"
             "一、加强职工思想教育。举办专题辅导2场，评选文明环卫工30名。二、开展劳动竞赛。全年评出红旗路段48条。") * 3
    body2 = ("为提高城市环境卫生质量，处工会与处行政联合，于2007年4月至11月在全处开展了清洁家园、岗位建功劳动竞赛活动。"
             "一、加强领导，周密部署。二、突出重点，竞赛形式多样，全年清运生活垃圾21.6万吨。") * 3
    page = (f"××市环卫处工会20XX年工作总结 {body1} ××市环卫处工会 20XX年12月28日 "
            f"环卫处工会2007年“清洁家园、岗位建功”劳动竞赛活动总结 {body2}\n")
    rs = split_page(page)
    assert [r.title for r in rs] == ["××市环卫处工会20XX年工作总结", "环卫处工会2007年“清洁家园、岗位建功”劳动竞赛活动总结"]
    assert rs[0].raw_text.startswith("20XX年，处工会") and rs[0].raw_text.endswith("20XX年12月28日")
    assert rs[1].raw_text.startswith("为提高城市环境卫生质量") and page[rs[1].start:rs[1].end] == rs[1].raw_text


def test_a_template_page_with_no_line_breaks_at_all_splits_at_its_separators_and_titles():
    # a template site's page stored with every line break removed (no spaces left either): the ``-->`` rules,
    # ``第N篇`` separators with their titles, ``篇N`` titles and a title right before an intro sentence or a first
    # heading are cut out of the run-together line
    body1 = "一年来，我局工会在局党委的领导下，团结带领全局干部职工，较好地完成了全年各项任务，职工满意度达到96%。" * 4
    body2 = "今年以来，公司工会坚持以职工为中心，开展劳动竞赛12项，走访慰问困难职工38户，发放慰问金6.2万元。" * 4
    body3 = "一、完善职代会制度。全年召开职代会2次，征集提案41件。二、做好送温暖工作。春节走访困难职工20户。" * 3
    page = ("第1篇 机关工会年度工作总结范文" + body1 + "-->"
            + "第2篇 公司工会工作总结" + body2
            + "工会工作总结及计划篇3" + body1.replace("我局", "我站")
            + "2021年水厂工会工作计划以下是小编为大家整理的水厂工会工作计划，希望对您有所帮助！" + body3)
    assert "\n" not in page and len(page) > 500
    rs = split_page(page, min_han=40)
    assert [r.title for r in rs] == ["机关工会年度工作总结范文", "公司工会工作总结", "工会工作总结及计划",
                                     "2021年水厂工会工作计划"]
    assert rs[0].raw_text.startswith("一年来，我局工会") and rs[0].raw_text.endswith("达到96%。")
    assert rs[3].raw_text.startswith("一、完善职代会制度")


def test_markup_debris_after_a_numbered_title_does_not_hide_it():
    # session 21 (audit s21): ``…总结篇1?/p>`` — the ``?/p>`` glued to the title line kept the ``篇N`` title from
    # being read as a separator, so two reports ran together under an empty title
    body = "2015年，公司工会在公司党委和市总工会的领导下，认真开展送温暖活动，走访慰问困难职工86户。?/p>\n" * 3
    page = ("渔业公司工会工作总结(3篇)\n舟岛渔业公司工会2015年送温暖活动总结篇1?/p>\n" + body
            + "舟岛渔业公司工会2015年工作总结篇2<fw92.cOM/p>\n" + body.replace("送温暖", "劳动竞赛"))
    rs = split_page(page, min_han=40)
    assert [r.title for r in rs] == ["舟岛渔业公司工会2015年送温暖活动总结", "舟岛渔业公司工会2015年工作总结"]


def test_a_long_paragraph_naming_a_report_stays_one_line():
    # a long paragraph that merely names a plan or a summary is no run-together page: nothing is cut out of it
    para = ("根据市总工会的部署，我们认真制定了2021年工会工作计划，并于年初印发各基层工会执行；现将2021年工会工作总结"
            "一、二季度的完成情况通报如下，各单位要对照工会工作计划查漏补缺。") * 6
    assert len(para) > 500
    rs = split_page(para, min_han=40)
    assert len(rs) == 1 and "\n" not in rs[0].raw_text


def test_a_contents_line_is_no_separator_and_a_form_feed_line_is_blank():
    # a Word export: 目录 lines name the reports with their page numbers; a page break is a form feed
    body = "现在，我代表分公司工会经费审查委员会，向大会报告2020年度工作，请予审议。2020年工会经费收入186万元，支出172万元。\n" * 3
    page = ("目  录\n一、分公司工会2020年工作总结\t1\n二、分公司工会经费审查委员会工作报告\t5\n\n" + body
            + "\x0c\n××分公司工会经费审查委员会工作报告\n" + body)
    rs = split_page(page, min_han=40)
    assert [r.title for r in rs] == ["", "××分公司工会经费审查委员会工作报告"]
    assert rs[0].raw_text.startswith("现在，我代表")


def test_the_report_title_below_a_headline_and_a_byline_heads_the_report():
    # a headline-news page: the article's own headline and byline stand above the report's title line
    body = "2022年，站工会在管理处工会和站党支部的坚强领导下，团结带领全站职工攻坚克难，较好地完成了全年各项工作任务。" * 3
    page = ("今日头条\n登录\n收费站工会这一年：2022年工作总结+2023年工作计划，写得太实在了！\n原创2023-01-05 10:21·交通工会小编\n"
            "原标题：××高速公路管理处××收费站工会2022年工作总结\n来源：××交通工会\n[图片]\n××收费站工会2022年工作总结\n" + body)
    reps = split_page(page)
    assert [r.title for r in reps] == ["××收费站工会2022年工作总结"]
    assert reps[0].raw_text.startswith("2022年，站工会")
    # a blog post's title, then the report's own title: the report's wins
    blog = ("李××的博客\n日志\n县局工会主席述职报告及明年工作要点（留底）\n2014-12-30 16:42:10|  分类： 工作总结 |\n"
            "××县烟草专卖局（分公司）工会主席2014年度述职报告\n" + body)
    assert [r.title for r in split_page(blog)] == ["××县烟草专卖局（分公司）工会主席2014年度述职报告"]


_BODY = ("现在，我代表公司工会第三届委员会向大会作工作报告，请予审议。\n一、过去五年的工作回顾\n"
         + "五年来，公司工会在公司党委和市总工会的坚强领导下，紧紧围绕公司中心工作，团结动员广大职工建功立业。" * 3)


def test_congress_report_title_is_its_main_title_and_subtitle():
    page = ("凝心聚力建新功　砥砺奋进新征程\n——在××汽车有限公司工会第四次会员代表大会上的工作报告\n（2017年3月28日）\n"
            "各位代表、同志们：\n" + _BODY)
    [r] = split_page(page)
    assert r.title == "凝心聚力建新功 砥砺奋进新征程——在××汽车有限公司工会第四次会员代表大会上的工作报告"
    assert "凝心聚力" not in r.raw_text and r.raw_text.startswith("（2017年3月28日）")
    # a main title printed on two lines
    page = ("团结拼搏 建功立业\n为实现公司“十二五”良好开局而努力奋斗\n——在公司五届三次职代会上的工会工作报告\n"
            "各位代表：\n" + _BODY)
    assert split_page(page)[0].title == ("团结拼搏 建功立业 为实现公司“十二五”良好开局而努力奋斗"
                                         "——在公司五届三次职代会上的工会工作报告")
    # a prose line above a dash line is no main title
    page = "去年，公司工会圆满完成了各项工作任务，得到了上级的肯定。\n——在公司职代会上的工会工作报告\n" + _BODY
    assert "去年" not in split_page(page)[0].title


def test_title_below_a_question_and_answer_header():
    # a Q&A page: the question (under 80 Han characters) and the answer bar stand above the answer's title
    page = ("百度知道\n搜索答案 我要提问\n求一篇保险公司工会主席的述职报告，2000字左右，急用！！！\n"
            "下周一分公司开职代会要述职，本人刚接手工会工作不久，不知道从哪写起，谢谢各位了\n"
            "zhangyu0917 | 浏览 3621 次 | 举报\n我有更好的答案\n推荐于2016-01-12 09:15:32\n最佳答案\n展开全部\n"
            "XX人寿保险股份有限公司XX分公司工会主席述职报告\n各位领导、同志们：\n" + _BODY)
    [r] = split_page(page)
    assert r.title == "XX人寿保险股份有限公司XX分公司工会主席述职报告"
    assert r.raw_text.startswith("各位领导")


_BODY = ("今年，公司工会在公司党委和上级工会的领导下，紧紧围绕生产经营中心任务，认真履行各项职能，较好地完成了全年工作任务。"
         "现将有关情况报告如下：\n一、深入开展劳动竞赛\n全年组织技能比武6次，参赛职工300余人次，评出技术能手12名。\n"
         "二、关心职工生活\n春节期间走访慰问困难职工58户，发放慰问金9.6万元，为全体职工办理互助保险。\n")


@pytest.mark.parametrize("gap", [" ", "\u3000", "\u3000\u3000"])
def test_letter_spaced_document_title_under_a_red_header(gap):
    # a scanned 公文: red header, 文号, a letter-spaced title (ASCII or ideographic spaces), then the addressee line
    title = gap.join(["关", "于", "2016", "年", "工", "会", "工", "作", "情", "况", "的", "报", "告"])
    page = "××机械厂工会文件\n×机工〔2016〕8号\n" + title + "\n市总工会：\n" + _BODY + "特此报告。\n××机械厂工会\n2016年12月20日\n"
    reps = split_page(page)
    assert ["".join(r.title.split()) for r in reps] == ["关于2016年工会工作情况的报告"]  # the cleaner unspaces it
    assert reps[0].raw_text.startswith("市总工会：")
    # 特此报告。 closes the report: the signature and date stay with it, no second report starts there
    assert reps[0].raw_text.rstrip().endswith("2016年12月20日")


def test_index_table_of_an_open_information_page_does_not_hide_the_title():
    # 政府信息公开: label and value cells, one per line, above the document's title
    fields = ["索引号：", "0012345/2017-00008", "主题分类：", "综合政务", "发布机构：", "某某市水务局工会",
              "生成日期：", "2017-02-10", "文　　号：", "有 效 性：", "有效"]
    page = "\n".join(fields) + "\n某某市水务局工会2016年工作总结\n" + _BODY
    reps = split_page(page)
    assert [r.title for r in reps] == ["某某市水务局工会2016年工作总结"]
    assert "索引号" not in reps[0].raw_text


@pytest.mark.parametrize("line", ["特此报告。", "专此汇报", "以上报告，请予审议。"])
def test_closing_formulas_are_no_titles(line):
    page = "某某公司工会2016年工作总结\n" + _BODY + line + "\n附件：1.2016年度工会经费收支情况表\n某某公司工会\n2017年1月5日\n"
    reps = split_page(page)
    assert len(reps) == 1 and reps[0].title == "某某公司工会2016年工作总结"
    assert reps[0].raw_text.rstrip().endswith(line + "\n附件：1.2016年度工会经费收支情况表\n某某公司工会\n2017年1月5日")


@pytest.mark.parametrize("line", ["目前方案制定及有关前期工作正在抓紧准备。", "全年计划安排的各项工作均已按期完成"])
def test_a_sentence_with_a_document_word_inside_is_no_title(line):
    # the document word (方案, 计划) sits in the middle of a sentence, not at the end of a title
    page = "某某公司工会2016年工作总结\n" + _BODY + line + "\n" + _BODY
    assert [r.title for r in split_page(page)] == ["某某公司工会2016年工作总结"]


@pytest.mark.parametrize("line", ["某某公司工会2016年工作要点（征求意见稿）", "某某公司工会2016年工作总结暨2017年工作打算"])
def test_titles_with_a_tail_after_the_document_word(line):
    page = "某某公司工会2015年工作总结\n" + _BODY + line + "\n" + _BODY
    assert [r.title for r in split_page(page)] == ["某某公司工会2015年工作总结", line]


def test_a_fixed_width_cut_that_leaves_a_title_word_on_its_own_line():
    # ``…现将二〇二二年工会工作总结`` cut at 20 characters leaves ``会工作总结`` alone: the end of a word, no title
    # (no ASCII digits, so every cut line is as wide on screen as in characters)
    intro = ("二〇二二年度，我校工会在市教育工会和学校党支部的领导下，认真履行各项职能，组织全校教职工团结进取、奋力开拓，"
             "加强学校的物质文明建设和精神文明建设，为学校的发展作出了应有的贡献，我校工会也被评为市教育工会先进集体"
             "和工人先锋号。现将二〇二二年工")
    body = ("一、深入开展劳动竞赛\n全年组织技能比武六次，参赛职工三百余人次，评出技术能手十二名，推荐两名职工参加市级比赛。\n"
            "二、关心职工生活\n春节期间走访慰问困难职工五十八户，为全体职工办理互助保险，组织职工健康体检和疗休养。\n")
    assert len(intro) % 20 == 0
    page = cut_every_line("某某中学工会二〇二二年工作总结\n" + intro + "会工作总结\n" + body * 2, 20)
    assert "\n会工作总结\n" in page
    reps = split_page(page)
    assert [r.title for r in reps] == ["某某中学工会二〇二二年工作总结"]


def test_a_title_like_line_followed_by_a_line_at_de_is_inside_a_sentence():
    page = ("某某中学工会2016年工作总结\n" + _BODY + "会前由学校党小组及工会委员会列出学校发展的教学计划\n"
            "的改革与设想，由教职工代表大会讨论，积极让教职工集思广益，参与学校管理。\n" + _BODY)
    assert [r.title for r in split_page(page)] == ["某某中学工会2016年工作总结"]
