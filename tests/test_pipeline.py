"""The run end to end: tables, manifest accounting ("nothing lost"), exit status, stable ids."""
import json
import shutil

import regex

import pandas as pd
import pytest

from corpus_tools.cli import EXIT_OK, EXIT_REJECTED, main
from corpus_tools.pipeline import process
from helpers import cut_every_line

from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def foundation_run(tmp_path_factory):
    """Read + split + clean only, on the sample plus two bad files."""
    d = tmp_path_factory.mktemp("in")
    for p in SAMPLE.glob("*.txt"):
        shutil.copy(p, d / p.name)
    (d / "zz_empty.txt").write_bytes(b"")
    (d / "zz_image.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path_factory.mktemp("out")
    code = main(["run", str(d), "--out", str(out), "--quiet", "--no-dedup", "--no-sections", "--no-classify"])
    return code, out


def test_exit_status_says_pages_were_rejected(foundation_run):
    code, _ = foundation_run
    assert code == EXIT_REJECTED


def test_manifest_accounts_for_every_page(foundation_run):
    _, out = foundation_run
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["pages"]["read"] == 6
    assert m["pages"]["kept"] == 4 and m["pages"]["rejected"] == 2
    assert m["pages"]["rejected_reasons"] == {"empty": 1, "binary": 1}
    assert m["reports"]["written"] == 5 + 16 + 15 + 1  # counted by hand, see tests/test_splitter.py
    assert "versions" in m and m["versions"]["pandas"] and "timings" in m and m["config"]["min_han"] == 80
    rejected = pd.read_parquet(out / "rejected.parquet")
    assert sorted(rejected["source"].str.rsplit("/", n=1).str[-1]) == ["zz_empty.txt", "zz_image.txt"]
    assert set(rejected["reason"]) == {"empty", "binary"}


def test_reports_table(foundation_run):
    _, out = foundation_run
    rep = pd.read_parquet(out / "reports.parquet")
    for col in ("report_id", "source", "page_index", "title", "raw_text", "text"):
        assert col in rep.columns
    assert rep["report_id"].is_unique
    seed1 = rep[rep["source"].str.endswith("001_6ad8be5d0ddd4ac3.txt")]
    assert list(seed1["page_index"]) == list(range(16))
    # raw_text is the report exactly as found: it occurs verbatim in its page
    page = (SAMPLE / "001_6ad8be5d0ddd4ac3.txt").read_text(encoding="utf-8")
    assert all(t in page for t in seed1["raw_text"])


def test_ids_do_not_depend_on_where_the_data_sits(tmp_path):
    a = tmp_path / "copy1" / "sample"
    b = tmp_path / "elsewhere" / "deeper" / "sample"
    for d in (a, b):
        d.mkdir(parents=True)
        shutil.copy(SAMPLE / "000_df745ac2a2d98809.txt", d)
    ra = process([a], dedup=False, sections=False, classify=False, clean=False).reports
    rb = process([b], dedup=False, sections=False, classify=False, clean=False).reports
    assert list(ra["report_id"]) == list(rb["report_id"])


def test_jsonl_output_and_series_input(tmp_path):
    texts = pd.Series([(SAMPLE / "003_1ea7fcd1d1a6193b.txt").read_text(encoding="utf-8"), ""])
    res = process(texts, dedup=False, sections=False, classify=False)
    assert len(res.reports) == 1 and list(res.pages["status"]) == ["kept", "rejected"]
    code = main(["run", str(SAMPLE / "003_1ea7fcd1d1a6193b.txt"), "--out", str(tmp_path), "--format", "jsonl",
                 "--quiet", "--no-dedup", "--no-sections", "--no-classify"])
    assert code == EXIT_OK
    lines = (tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[0])
    # the title is cleaned like the text (Traditional -> Simplified); the page's title is kept beside it
    assert len(lines) == 1 and row["title"] == "医院工会工作总结" and row["raw_title"] == "醫院工會工作總結"


def _beside_a_real_page(tmp_path, name: str, page: str) -> tuple[dict, set]:
    """Run ``page`` (as file ``name``) next to a real seed page: each file's status, the rejection reasons."""
    (tmp_path / name).write_text(page, encoding="utf-8")
    shutil.copy(SAMPLE / "000_df745ac2a2d98809.txt", tmp_path / "real.txt")
    res = process(tmp_path, dedup=False, sections=False, classify=False, progress=False)
    status = dict(zip(res.pages["source"].str.rsplit("/", n=1).str[-1], res.pages["status"]))
    return status, set(res.rejected["reason"])


def test_a_page_of_site_furniture_only_is_rejected(tmp_path):
    # a dead-link page of an essay site: navigation, notice, related titles, tags, share bar, footer
    page = "\n".join(["第一范文网", "首页 | 工作总结 | 工作计划 | 述职报告 | 心得体会", "登录 | 注册 | 我要投稿",
                      "你的位置: 第一范文网 > 工作总结 > 工会工作总结", "抱歉，您访问的文章已被删除或不存在！",
                      "3秒后自动返回首页", "相关推荐", "工会工作总结范文05-31", "医院工会工作总结03-08",
                      "20xx年工会工作计划模板大全10-15", "热门标签: 工会工作总结 工会工作计划 工会主席述职报告",
                      "分享到: 微信 朋友圈 QQ空间 新浪微博", "关于我们 | 联系我们 | 免责声明 | 网站地图",
                      "Copyright © 2008-2023 第一范文网 版权所有  苏ICP备08012345号-2"])
    status, reasons = _beside_a_real_page(tmp_path, "dead.txt", page)
    assert status == {"dead.txt": "rejected", "real.txt": "kept"}
    assert reasons == {"no_report_text"}


def test_a_listing_page_of_titles_and_snippets_is_rejected(tmp_path):
    # an essay site's category page: each entry is a title, the article's first words cut off with "……"
    # and a date/counter line; none of the articles is on the page (hand-made)
    entries = [("2013年供电公司工会工作总结", "2013年，公司工会在公司党委和上级工会的正确领导下，紧紧围绕安全生产和经营管理中心工作……"),
               ("乡镇卫生院工会工作计划", "为进一步发挥工会组织的桥梁纽带作用，切实维护职工合法权益，结合我院实际，特制定本计划如下……"),
               ("中学工会主席述职报告", "本人自担任学校工会主席以来，在学校党支部和上级工会的领导下，认真履行工作职责……")]
    lines = ["当前位置：某某范文网 > 工作总结 > 工会工作总结"]
    for k, (title, snippet) in enumerate(entries):
        lines += [title, snippet, f"2015-0{k + 1}-12  阅读({300 + k})"]
    lines += ["共3页 1 2 3 下一页 末页", "热门排行", "1.学校工会工作总结", "2.工会主席述职报告"]
    status, reasons = _beside_a_real_page(tmp_path, "listing.txt", "\n".join(lines))
    assert status == {"listing.txt": "rejected", "real.txt": "kept"}
    assert reasons == {"no_report_text"}


# ---- transformed copies of the seed pages -----------------------------------------------------------------
# A page copied by another site, exported again or saved in another encoding must give the same reports: same
# titles, same top-level headings, same clean text (spaces aside).

def _annotate_every_character(text: str) -> str:
    """Toned pinyin after every Han character that has none yet (the neutral tone unmarked: 的(de))."""
    from pypinyin import Style, pinyin

    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and text[i + 1:i + 2] not in ("(", "（"):
            out.append(f"({pinyin(ch, style=Style.TONE)[0][0]})")
    return "".join(out)


def _page_transforms():
    import opencc

    s2t = opencc.OpenCC("s2t").convert
    full = {c: c + 0xFEE0 for c in range(0x30, 0x3A)}
    return {
        "crlf": (lambda t: t.replace("\n", "\r\n").encode("utf-8"), ".txt"),
        "tab_indent": (lambda t: "\n".join("\t" + ln if ln.strip() else ln for ln in t.split("\n")).encode("utf-8"), ".txt"),
        "nbsp_indent": (lambda t: "\n".join("\xa0\xa0" + ln if ln.strip() else ln for ln in t.split("\n")).encode("utf-8"),
                        ".txt"),
        "full_width_digits": (lambda t: t.translate(full).encode("utf-8"), ".txt"),
        "gbk": (lambda t: t.encode("gbk", errors="replace"), ".txt"),
        "html_br": (lambda t: ("<html><body><div>" + "<br>".join(t.split("\n")) + "</div></body></html>").encode("utf-8"),
                    ".html"),
        "traditional_pinyin_every_character": (lambda t: _annotate_every_character(s2t(t)).encode("utf-8"), ".txt"),
        # a blank line after every line (double spacing), CRLF
        "double_spaced": (lambda t: t.replace("\n", "\r\n\r\n").encode("utf-8"), ".txt"),
        "no_blank_lines": (lambda t: regex.sub(r"\n\s*\n", "\n", t).encode("utf-8"), ".txt"),
        # a PDF-style export that cut every line at 40 characters, mid-word, headings and pinyin included
        "fixed_width_40": (lambda t: cut_every_line(t, 40).encode("utf-8"), ".txt"),
        # at 50 a heading run on after a line's last sentence ends a line that is itself the rest of a cut one
        # (``…遵守劳动纪律、劳动法规等情况进行监督。四`` / ``、狠抓工会的活动,…的凝聚力`` / ``为了不断创新…``)
        "fixed_width_50": (lambda t: cut_every_line(t, 50).encode("utf-8"), ".txt"),
        # at 60 the cut puts a half-width full stop at the start of a line (``…规范化,量化`` / ``.年终做好…``)
        "fixed_width_60": (lambda t: cut_every_line(t, 60).encode("utf-8"), ".txt"),
        # a zero-width space inside words every few characters (a web copy): separators, titles and chrome lines
        # (``第2篇 医院工会组织年终\u200b工作总结``, ``- 相关\u200b推荐``) read as without it
        "zero_width_spaces": (lambda t: _zero_width_every(t, 13).encode("utf-8"), ".txt"),
        # a Taiwan mirror's Big5 page: 着 written 著 (``隨著``, ``著力``), tone letters as ``&#299;`` references
        "taiwan_big5_html": (lambda t: ("<html><head><meta charset='big5'></head><body>" + "<br>".join(
            opencc.OpenCC("s2tw").convert(t).split("\n")) + "</body></html>").encode("big5", "xmlcharrefreplace"),
                             ".html"),
        "utf16": (lambda t: t.encode("utf-16"), ".txt"),
    }


def _zero_width_every(text: str, every: int) -> str:
    spots = [m.start() for m in regex.finditer(r"(?<=\p{Han})(?=\p{Han})", text)][::every]
    for i in reversed(spots):
        text = text[:i] + "\u200b" + text[i:]
    return text


def _reports_of(directory) -> dict:
    import regex

    res = process([str(p) for p in sorted(Path(directory).iterdir())])
    reps, secs = res.reports, res.sections
    out = {}
    for _, r in reps.sort_values(["source", "page_index"]).iterrows():
        top = secs[(secs["report_id"] == r["report_id"]) & (secs["level"] == 1)]["heading"].tolist()
        out.setdefault(Path(r["source"]).stem, []).append((r["title"], top, regex.sub(r"\s+", "", r["text"])))
    return out


@pytest.fixture(scope="module")
def plain_seed_reports(tmp_path_factory):
    d = tmp_path_factory.mktemp("plain")
    for p in sorted(SAMPLE.glob("*.txt")):
        shutil.copy(p, d / p.name)
    return _reports_of(d)


@pytest.mark.parametrize("name", list(_page_transforms()))
def test_transformed_copies_of_the_seed_pages_give_the_same_reports(plain_seed_reports, tmp_path, name):
    fn, ext = _page_transforms()[name]
    for p in sorted(SAMPLE.glob("*.txt")):
        (tmp_path / (p.stem + ext)).write_bytes(fn(p.read_text(encoding="utf-8")))
    got = _reports_of(tmp_path)
    assert sum(map(len, plain_seed_reports.values())) == 37  # 5 + 16 + 15 + 1 reports, counted by hand
    for stem, want in plain_seed_reports.items():
        assert [r[0] for r in got[stem]] == [r[0] for r in want], (name, stem)
        for i, (a, b) in enumerate(zip(got[stem], want)):
            assert a[1] == b[1], (name, stem, i)
            assert a[2] == b[2], (name, stem, i)
