"""Readers and encodings, including bad input: every bad page is rejected with a reason and the rest is read."""
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.encoding import DecodeError, decode_bytes
from corpus_tools.reader import iter_pages, pages_from_series, read_pages

TEXT = "第1篇 医院工会工作总结\n一年来，在院党委的领导下，医院工会认真履行职能，积极开展送温暖活动。\n"
TRAD = "醫院工會工作總結\n醫院工會是醫院職工權益的代表者與維護者，是黨的工運方針在基層落實的組織者。\n"


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_decode_simplified(enc):
    text, used = decode_bytes(TEXT.encode(enc))
    assert text == TEXT


def test_decode_big5_traditional():
    text, used = decode_bytes(TRAD.encode("big5"))
    assert text == TRAD and used == "big5"


def test_decode_gbk_traditional_text_is_not_mistaken_for_big5():
    # GBK can encode Traditional characters too; the page must come back unchanged.
    text, used = decode_bytes(TRAD.encode("gbk"))
    assert text == TRAD


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"  \n\r\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(200), "binary"),
])
def test_decode_rejects(data, reason):
    with pytest.raises(DecodeError) as e:
        decode_bytes(data)
    assert e.value.reason == reason


def _write(tmp_path, name, data):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def test_directory_of_mixed_encodings_and_bad_files(tmp_path):
    _write(tmp_path, "a_gbk.txt", TEXT.encode("gbk"))
    _write(tmp_path, "b_big5.txt", TRAD.encode("big5"))
    _write(tmp_path, "c_empty.txt", b"")
    _write(tmp_path, "d_binary.txt", bytes(range(256)) * 8)
    _write(tmp_path, "sub/e.html", f"<html><head><style>p{{}}</style></head><body><p>{TEXT}</p></body></html>".encode())
    pages = list(iter_pages([tmp_path]))
    by_name = {p.source.rsplit("/", 1)[-1]: p for p in pages}
    assert len(pages) == 5
    assert by_name["a_gbk.txt"].text == TEXT and by_name["a_gbk.txt"].ok
    assert by_name["b_big5.txt"].text == TRAD
    assert by_name["c_empty.txt"].error == "empty"
    assert by_name["d_binary.txt"].error == "binary"
    html = by_name["e.html"]
    assert html.ok and "p{}" not in html.text and "医院工会工作总结" in html.text


def test_html_block_elements_become_lines(tmp_path):
    page = "<div>一、加强组织建设</div><p>工会坚持每月召开委员会议。<br/>二、开展文体活动</p><script>var x='工会';</script>"
    p = _write(tmp_path, "x.htm", page.encode("utf-8"))
    (pg,) = list(iter_pages(p))
    assert pg.text.split("\n") == ["一、加强组织建设", "工会坚持每月召开委员会议。", "二、开展文体活动"]


def test_zip_members_and_truncated_zip(tmp_path):
    good = tmp_path / "pages.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("one.txt", TEXT.encode("gbk"))
        zf.writestr("dir/two.txt", TEXT)
        zf.writestr("three.bin", bytes(range(256)) * 4)
    pages = list(iter_pages(good))
    assert [p.source.split("!")[1] for p in pages] == ["dir/two.txt", "one.txt", "three.bin"]
    assert [p.ok for p in pages] == [True, True, False]
    assert pages[2].error == "binary"

    truncated = _write(tmp_path, "cut.zip", good.read_bytes()[: good.stat().st_size // 2])
    pages = list(iter_pages([truncated, tmp_path / "pages.zip"]))
    assert pages[0].error == "truncated_archive" and "truncated" in pages[0].message
    assert sum(p.ok for p in pages) == 2  # the good archive after it is still read


def test_tar_gz_and_truncated_tar(tmp_path):
    path = tmp_path / "pages.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        for i in range(30):
            data = (TEXT * 20 + f"第{i}页").encode("utf-8")
            info = tarfile.TarInfo(f"p{i:02d}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    pages = list(iter_pages(path))
    assert len(pages) == 30 and all(p.ok for p in pages)
    cut = _write(tmp_path, "cut.tar.gz", path.read_bytes()[:-200])
    pages = list(iter_pages(cut))
    assert pages[-1].error == "truncated_archive"
    assert all(p.ok for p in pages[:-1]) and len(pages) >= 1


def test_jsonl_with_malformed_line(tmp_path):
    lines = [json.dumps({"text": TEXT, "url": "http://a"}, ensure_ascii=False), '{"text": "broken', "",
             json.dumps({"body": "no text field"}), json.dumps({"text": TRAD, "url": "http://b"}, ensure_ascii=False)]
    p = _write(tmp_path, "dump.jsonl", "\n".join(lines).encode("utf-8"))
    pages = list(iter_pages(p))
    assert [p.error for p in pages] == [None, "malformed_json", "missing_column", None]
    assert pages[1].source.endswith("dump.jsonl:2")
    assert pages[0].meta == {"meta_url": "http://a"} and pages[3].text == TRAD


def test_json_documents_in_a_folder(tmp_path):
    # a JSON array of records is a dump; an answer key or notes file left beside the pages is rejected with its
    # shape, never read as a page (the session-7 audit had its .json keys read as pages)
    _write(tmp_path, "page.txt", TEXT.encode("utf-8"))
    _write(tmp_path, "dump.json", json.dumps([{"text": TEXT, "year": 2010}, {"text": TRAD}],
                                             ensure_ascii=False).encode("utf-8"))
    _write(tmp_path, "one.json", json.dumps({"text": TRAD}, ensure_ascii=False).encode("utf-8"))
    _write(tmp_path, "page.key.json", json.dumps([{"raw": "以学*理论", "expected": "以学习理论"}],
                                                 ensure_ascii=False).encode("utf-8"))
    _write(tmp_path, "broken.json", b'{"text": "cut')
    got = {p.source.rsplit("/", 1)[-1]: p for p in iter_pages(tmp_path)}
    assert sorted(got) == ["broken.json", "dump.json:1", "dump.json:2", "one.json", "page.key.json", "page.txt"]
    assert got["dump.json:1"].text == TEXT and got["dump.json:1"].meta == {"meta_year": 2010}
    assert got["dump.json:2"].text == TRAD and got["one.json"].text == TRAD
    assert got["page.key.json"].error == "missing_column" and "'raw'" in got["page.key.json"].message
    assert got["broken.json"].error == "malformed_json" and got["page.txt"].ok


def test_jsonl_custom_text_column(tmp_path):
    p = _write(tmp_path, "d.jsonl", json.dumps({"content": TEXT}, ensure_ascii=False).encode())
    (pg,) = list(iter_pages(p, text_column="content"))
    assert pg.ok and pg.text == TEXT


def test_csv_gbk_and_parquet(tmp_path):
    df = pd.DataFrame({"id": [1, 2, 3], "text": [TEXT, TRAD, None]})
    csv_path = tmp_path / "d.csv"
    csv_path.write_bytes(df.to_csv(index=False).encode("gb18030"))
    pages = list(iter_pages(csv_path))
    assert [p.ok for p in pages] == [True, True, False]
    assert pages[0].text == TEXT and pages[0].meta == {"meta_id": "1"}
    pq_path = tmp_path / "d.parquet"
    df.to_parquet(pq_path)
    pages = list(iter_pages(pq_path))
    assert pages[1].text == TRAD and pages[1].meta == {"meta_id": 2} and pages[2].error == "empty"
    bad = _write(tmp_path, "bad.parquet", b"PAR1 not really")
    (pg,) = list(iter_pages(bad))
    assert pg.error == "malformed_parquet"


def test_missing_path_and_series():
    (pg,) = list(iter_pages("/nonexistent/file.txt"))
    assert pg.error == "missing"
    pages = list(pages_from_series(pd.Series([TEXT, "", TEXT.encode("gbk")], index=["a", "b", "c"])))
    assert [p.ok for p in pages] == [True, False, True] and pages[2].text == TEXT
    assert pages[0].source == "series[a]"


def test_read_pages_frame(tmp_path):
    _write(tmp_path, "a.txt", TEXT.encode())
    _write(tmp_path, "b.txt", b"")
    df = read_pages(tmp_path)
    assert list(df["error"].fillna("")) == ["", "empty"]


def test_a_dump_without_a_text_column_is_read_from_its_content_column(tmp_path):
    # scrapers name the field content / body / 正文; with the default text column those are read
    import csv

    with open(tmp_path / "d.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "content"])
        w.writerow([1, "a", TEXT])
    (tmp_path / "d.jsonl").write_text(json.dumps({"url": "u", "正文": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    pages = {p.source.split("/")[-1]: p for p in iter_pages(tmp_path)}
    assert pages["d.csv:1"].text == TEXT and pages["d.csv:1"].meta["meta_title"] == "a"
    assert pages["d.jsonl:1"].text == TEXT and "meta_url" in pages["d.jsonl:1"].meta
    # a column named by the user must be there: no guessing then
    assert [p.error for p in iter_pages(tmp_path / "d.csv", text_column="body")] == ["missing_column"]


def test_html_source_newline_between_chinese_characters_is_no_space():
    # an editor hard-wrapped a paragraph in the page source; a browser shows 患重病职工 (CSS Text 3 segment breaks
    # between two wide characters vanish), and a space between Latin words
    from corpus_tools.html import html_to_text

    html = "<td><p>为3名患重病\n      职工争取救助资金6000元;为基层水管站\r\n职工配发用品。Powered by\nDiscuz!</p></td>"
    assert html_to_text(html) == "为3名患重病职工争取救助资金6000元;为基层水管站职工配发用品。Powered by Discuz!"


def test_word_save_as_web_page_in_gbk_is_read_and_its_comment_list_dropped(tmp_path):
    # Word's HTML opens with kilobytes of ASCII markup before its first Chinese word; the encoding is judged on
    # the Chinese, and reviewers' comments (a comment list at the end) are no page text
    head = ("<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta name=Generator content='Microsoft Word 11'>"
            "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]-->"
            "<style>" + "p.MsoNormal {mso-style-parent:''; margin:0cm; font-size:10.5pt;}\n" * 80 + "</style></head>")
    body = ("<body><p class=MsoNormal>公司篮球队获市职工篮球赛第二名<a href='#_msocom_1'>[u1]</a>。职工书屋新增图书800册。<o:p></o:p></p>"
            "<div style='mso-element:comment-list'><div style='mso-element:comment'><p class=MsoCommentText>"
            "此处名次请与体育协会再核对一下。</p></div></div></body></html>")
    assert len(head) > 4000
    p = _write(tmp_path, "word.htm", (head + body).encode("gbk"))
    (page,) = list(iter_pages(p))
    assert page.ok, page.message
    assert page.text.strip() == "公司篮球队获市职工篮球赛第二名[u1]。职工书屋新增图书800册。"


def test_dump_with_line_breaks_and_entities_escaped_twice(tmp_path):
    # a scraper stored literal \n (backslash, n), &amp;nbsp; and &lt;br/&gt;: the page reads as a browser shows it
    content = ("<div>县社工会2016年工作总结\\n一、突出“建”字，基层工会组织不断健全&lt;br/&gt;&amp;nbsp;&amp;nbsp;全系统"
               "现有基层&#24037;&#20250;23个，&amp;ldquo;为农服务&amp;rdquo;扎实开展。\\n二、突出“竞”字</div>")
    row = json.dumps({"id": "gx-1", "content": content}, ensure_ascii=False)
    (page,) = list(iter_pages(_write(tmp_path, "d.jsonl", row.encode("utf-8"))))
    lines = [ln.strip("\xa0 ") for ln in page.text.split("\n") if ln.strip()]
    assert lines == ["县社工会2016年工作总结", "一、突出“建”字，基层工会组织不断健全", "全系统现有基层工会23个，“为农服务”扎实开展。",
                     "二、突出“竞”字"]
    # one literal \n in a real multi-line text (a path, a regex in a note) stays
    plain = "第一行 C:\\new\n第二行\n第三行"
    (page,) = list(iter_pages(_write(tmp_path, "e.jsonl", json.dumps({"text": plain}, ensure_ascii=False).encode())))
    assert page.text == plain


def _docx(body_xml: str, extra: dict | None = None) -> bytes:
    """A minimal Word document written by hand: the parts Word itself needs, and ``body_xml`` as the body."""
    import io
    import zipfile
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body_xml}'
                                        "<w:sectPr/></w:body></w:document>")
        for name, xml in (extra or {}).items():
            z.writestr(name, xml)
    return buf.getvalue()


def test_a_word_docx_reads_as_its_body_text(tmp_path):
    # a heading split over runs with a tab after its number, a tracked change (the deleted 17 gone, the inserted
    # 19 kept), a table row as tab-separated cells; the header part (the unit's name on every page) stays out
    p = '<w:p><w:r><w:t>{}</w:t></w:r></w:p>'
    body = (p.format("风电公司工会2020年工作总结")
            + '<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>推进民</w:t></w:r>'
              '<w:r><w:t>主管理</w:t></w:r></w:p>'
            + '<w:p><w:r><w:t>收集提案</w:t></w:r><w:del><w:r><w:delText>17</w:delText></w:r></w:del>'
              '<w:ins><w:r><w:t>19</w:t></w:r></w:ins><w:r><w:t>件，已全部办结。</w:t></w:r></w:p>'
            + '<w:tbl><w:tr><w:tc>' + p.format("序号") + '</w:tc><w:tc>' + p.format("工作内容") + '</w:tc></w:tr>'
              '<w:tr><w:tc>' + p.format("1") + '</w:tc><w:tc>' + p.format("召开职代会") + '</w:tc></w:tr></w:tbl>')
    header = ('<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              + p.format("北岭风力发电有限公司工会　内部资料") + "</w:hdr>")
    (tmp_path / "a.docx").write_bytes(_docx(body, {"word/header1.xml": header}))
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04 not really a zip")
    pages = {Path(p.source).name: p for p in iter_pages(tmp_path)}
    assert pages["a.docx"].ok and pages["a.docx"].text.split("\n") == [
        "风电公司工会2020年工作总结", "一、\t推进民主管理", "收集提案19件，已全部办结。", "序号\t工作内容", "1\t召开职代会"]
    assert pages["b.docx"].error == "malformed_docx" and "zip" in pages["b.docx"].message


def test_an_rss_feed_gives_one_page_per_item_with_its_title(tmp_path):
    # one item's description is CDATA markup, another's is markup escaped as entities; the item title is the
    # page's first line; an XML file that is no feed is rejected with its reason
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>电站工会 - 工会动态</title>'
            "<item><title>电站工会“职工书屋”建设工作总结</title><link>http://x.cn/1.html</link>"
            "<pubDate>Tue, 06 Mar 2012 09:12:40 +0800</pubDate>"
            "<description><![CDATA[<p>&nbsp;&nbsp;现将建设情况总结如下：</p><p><strong>一．基本情况</strong></p>]]>"
            "</description></item>"
            "<item><title>电站女工委2009年工作总结</title><description>&lt;p&gt;2009年，电站女职工委员会&amp;ldquo;建功立业"
            "&amp;rdquo;。&lt;/p&gt;&lt;p&gt;一、加强学习教育&lt;/p&gt;</description></item></channel></rss>")
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>http://x.cn/</loc></url></urlset>',
                                          encoding="utf-8")
    pages = {Path(p.source).name: p for p in iter_pages(tmp_path)}
    one, two = pages["feed.xml:1"], pages["feed.xml:2"]
    assert [ln.strip("\xa0 ") for ln in one.text.split("\n")][:3] == ["电站工会“职工书屋”建设工作总结", "现将建设情况总结如下：", "一．基本情况"]
    assert one.meta["meta_url"] == "http://x.cn/1.html" and one.meta["meta_date"].startswith("Tue, 06 Mar 2012")
    assert [ln.strip("\xa0 ") for ln in two.text.split("\n")] == ["电站女工委2009年工作总结", "2009年，电站女职工委员会“建功立业”。", "一、加强学习教育"]
    assert pages["sitemap.xml"].error == "not_a_feed" and "urlset" in pages["sitemap.xml"].message


def test_a_parquet_dump_of_page_markup_is_read_from_its_html_column(tmp_path):
    # a crawler's dump keeps each page's markup in an ``html`` column; an empty row is rejected as empty
    import pandas as pd
    pd.DataFrame({"id": [1, 2], "url": ["u1", "u2"],
                  "html": ["<div><h1>台工会2015年工作总结</h1><p>2015年，台工会在台党委的领导下……</p></div>", ""]}
                 ).to_parquet(tmp_path / "dump.parquet")
    pages = list(iter_pages(tmp_path / "dump.parquet"))
    assert pages[0].ok and pages[0].text.split("\n")[0] == "台工会2015年工作总结" and pages[0].meta["meta_url"] == "u1"
    assert pages[1].error == "empty"
