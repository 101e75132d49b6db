"""Split one scraped page into the reports it holds.

A template-site page often carries several reports: ``第1篇 …`` / ``【篇一】`` / ``…篇3`` headers, bare title
lines such as ``2021年医院工会工作计划模板``, ``-->`` rules, and sometimes two reports that simply run together
(``总之，…`` then ``本学期，我校工会在…领导下…``).  The splitter works on lines of the raw page:

1. each line is classified: separator (``data/lexicon/splitter/separators.txt``), site chrome (the cleaner's
   :func:`~corpus_tools.cleaner.chrome.is_chrome_line`), bare title line, or text;
2. separators and title lines cut the page into segments; a segment's leading title/chrome lines become its
   ``title`` and are left out of ``raw_text``, as are its trailing chrome lines;
3. inside a segment a new report starts at a typical opening line (``openings.txt``) backed by at least two of:
   a leadership/announcement formula (``support.txt``), a closing paragraph/signature/date just before
   (``closings.txt``), and heading numbers restarting at 一/1 right after;
4. a segment with too little Chinese text (chrome between reports, a page title) is not a report.

``raw_text`` is always an exact slice of the page (``page_text[start:end]``).

>>> page = "第1篇 工会工作总结\\n今年以来，我校工会在党支部领导下开展工作，取得了成绩。" * 1
>>> [r.title for r in split_page(page, min_han=10)]
['工会工作总结']
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import regex

from ._data import load_lines, load_patterns, opencc_converter
from .cleaner.chrome import _HALF_ALNUM, inline_chrome_spans, is_chrome_line
from .cleaner.pinyin import strip_pinyin, strip_pinyin_map
from .cleaner.rules import (_SENT_END, LOST_BREAKS_MIN, continues_printed, lost_break_spans, strip_markdown,
                            teaser, text_wrap, unspace_letters)

__all__ = ["SplitReport", "split_page", "report_id"]

_HAN_RUN = regex.compile(r"\p{Han}+")  # removing Han runs and comparing lengths counts Han characters fast
_TERMINAL = "。！？!?；;…」”』）).．"
_HEADING = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．,，]|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}\s*[、.．](?![0-9])"
    r"|[（(][0-9]{1,2}[）)]|第[一二三四五六七八九十]{1,3}(?:[、,，]|部分)|[①-⑳⑴-⒇㈠-㈩])"
)
_HEADING_ONE = regex.compile(r"^\s*(?:一\s*[、.．,，]|[（(]一[）)]|1\s*[、.．](?![0-9])|[（(]1[）)]|①|⑴|㈠)")
_SENTENCE_PUNCT = regex.compile(r"[。，,；;！!？?：:]")


@dataclass
class SplitReport:
    """One report cut from a page: ``raw_text == page_text[start:end]``."""

    page_index: int
    title: str
    raw_text: str
    start: int
    end: int
    boundary: str  # what opened it: "page_start", "separator", "title_line", "run_together"


def report_id(source_key: str, page_index: int, raw_text: str) -> str:
    """Stable id: the same input gives the same id on every run and machine (16 hex digits of SHA-1)."""
    h = hashlib.sha1()
    h.update(source_key.encode("utf-8"))
    h.update(b"\x1f%d\x1f" % page_index)
    h.update(raw_text.encode("utf-8"))
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _separators() -> list:
    return [regex.compile(p) for p in load_lines("lexicon/splitter/separators.txt")]


@lru_cache(maxsize=1)
def _title_keywords():
    return regex.compile("|".join(regex.escape(w) for w in load_lines("lexicon/splitter/title_keywords.txt")))


def _t2s():
    return opencc_converter("t2s")


def _normalise_line(line: str) -> str:
    """Pinyin annotations removed, Traditional folded to Simplified and full-width digits and letters to
    ASCII, for matching only."""
    s = line.strip().strip("\u3000")
    if not s:
        return s
    if ">" in s:  # markup debris glued to the line (``…总结篇1?/p>``): the separator or title is the rest
        for a, b in reversed(inline_chrome_spans(s)):
            s = s[:a] + s[b:]
        s = s.strip()
        if not s:
            return s
    s = s.translate(_HALF_ALNUM)  # ``２００７年，`` opens a report as ``2007年，`` does
    if s[0] in "#*":  # Markdown: ``## 标题``, ``**标题**`` (the cleaner's markdown rule drops the marks)
        s = strip_markdown(s)
    if "(" in s or "（" in s:
        s = strip_pinyin(s)
    s = unspace_letters(s)  # a letter-spaced 公文 title: ``关 于 2011 年 工 会 工 作 情 况 的 报 告`` (or U+3000 gaps)
    if not s.isascii():
        s = _t2s().convert(s)
    return s


def _line_starts(page: str):
    pos = 0
    for line in page.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _raw_index(raw: str, stripped: str, norm: str, k: int) -> int:
    """Offset in ``raw`` of the character at ``k`` in ``norm`` (``_normalise_line(stripped)``) when the two differ
    only by pinyin annotations, width and script (``篇(piān)一(yī)】一(yī)年(nián)來(lái)…``), else -1."""
    plain, at = strip_pinyin_map(stripped)
    if k >= len(at) or not norm.startswith(_t2s().convert(plain[:len(norm)].translate(_HALF_ALNUM))[:len(norm)]):
        return -1
    return raw.find(stripped) + at[k]


def _match_separator(norm: str):
    for pat in _separators():
        m = pat.match(norm)
        if m:
            return m
    return None


@lru_cache(maxsize=1)
def _not_titles():
    return load_patterns("lexicon/splitter/not_titles.txt")


_BULLET = regex.compile(r"^[■□●○◆◇▪▶►·•・]\s*")


_QUOTED = regex.compile(r"“[^“”]{1,16}”")


def _looks_like_title(norm: str) -> bool:
    """A bare report title: short, no sentence punctuation inside, a document-type word, not a heading.
    A listing's bullet before it (``■ 环卫所工会20XX年上半年工作总结``) is read through."""
    s = _BULLET.sub("", norm.rstrip("。."), count=1)
    if not 4 <= len(s) <= 60 or _HEADING.match(s):
        return False
    # a slogan in quotes is part of the name (``…供暖期“保供暖、优服务”劳动竞赛总结``): its marks are no sentence
    s = _QUOTED.sub("“”", s)
    if len(s) > 40:
        return False
    # "医院工作计划：医院工会工作计划范文" (a category label before the title) is still a title line.
    head, colon, tail = s.partition("：") if "：" in s else s.partition(":")
    if colon and tail and not _SENTENCE_PUNCT.search(head) and _title_keywords().search(head):
        s = tail
    if _SENTENCE_PUNCT.search(s) or _not_titles().match(s):
        return False
    if _han_count(s) < 4:
        return False
    last = None
    for last in _title_keywords().finditer(s):
        pass
    if last is None:
        return False
    # the document word ends a title, or a short tail / a joined second title follows it (``…工作要点（征求意见稿）``,
    # ``…工作总结暨2021年工作打算``); ``目前方案制定及有关前期工作正在抓紧准备`` is a sentence
    tail = s[last.end():]  # (a listing's ``.doc  3页`` after it is no sentence)
    return _han_count(tail) <= _TITLE_TAIL or tail[0] in _TITLE_JOINERS


_TITLE_TAIL = 6
_TITLE_JOINERS = "暨及和与并（(—-－·《“\"[【〔"


def _subject_before_keyword(norm: str) -> bool:
    """Does a title-like line name something before its document word (``2021年医院工会工作计划``), rather than
    being the end of a word a fixed-width cut broke (``会工作总结`` after ``…现将2022年工``)?"""
    s = _BULLET.sub("", norm, count=1)
    m = _title_keywords().search(s)
    return m is not None and _han_count(s[:m.start()]) >= 2


@dataclass
class _Line:
    start: int
    end: int
    text: str
    norm: str
    kind: str = "text"  # blank | separator | chrome | title | text
    sep_title: str = ""
    rest_start: int = -1  # for separators with body on the same line
    han: int = -1  # Han characters in the line, counted once

    def __post_init__(self) -> None:
        if self.han < 0:
            self.han = _han_count(self.text)


@lru_cache(maxsize=1)
def _contents_line():
    return load_patterns("lexicon/contents_line.txt")  # shared with the cleaner's chrome lines


def _pieces(raw: str) -> list[tuple[int, str]]:
    """``[(offset, piece)]``: the line itself, or a very long line cut where the cleaner's ``lost_breaks`` puts
    back a paragraph break it lost (``…新的贡献。 ××处工会 20XX年12月28日 环卫处工会2007年…总结 为提高…``): the
    report title inside such a line is then a line of its own.  Offsets stay those of the page."""
    if len(raw) < LOST_BREAKS_MIN:
        return [(0, raw)]
    out, last = [], 0
    for a, b in lost_break_spans(raw):
        out.append((last, raw[last:a]))
        last = b
    out.append((last, raw[last:]))
    return out


def _classify(page: str) -> list[_Line]:
    lines: list[_Line] = []
    wrap = text_wrap(page)
    prev = None  # the last line with text
    for pos, raw in ((o + p, piece) for o, line in _line_starts(page) for p, piece in _pieces(line)):
        ln = _Line(pos, pos + len(raw), raw, "")
        stripped = raw.strip(" \t\u3000\r\xa0\u200b\ufeff\x0c\x0b")  # a &nbsp; or form-feed line is blank
        if not stripped:
            ln.kind = "blank"
            lines.append(ln)
            continue
        # the rest of a sentence a fixed-width cut broke off (``…现将2022年工会`` / ``工作总结``) is no title
        # (and the end of a blurb the cut broke, ``…是小编特地为大家整理的,希望`` / ``对大家有所帮助!``, is chrome)
        wrapped, printed = False, ""
        if wrap is not None and prev is not None and lines[-1] is prev and prev.kind in ("text", "chrome"):
            printed = prev.text[prev.text.rfind("\n") + 1:].strip(" \t\u3000\r")  # its last printed line
            if prev.kind == "text":
                wrapped = continues_printed(printed, stripped, wrap, "\n" in prev.text)
            else:
                wrapped = ("\n" not in prev.text and _SENT_END.search(stripped) is not None
                           and continues_printed(printed, stripped, wrap))
        # Matching text: the whole short line, or the first 150 characters of a paragraph (openings, formulas).
        # (pinyin after every character can make a raw line five times longer than what it says)
        reads = "(" in stripped or "（" in stripped
        ln.norm = _normalise_line(stripped if len(stripped) <= 150 else stripped[:750 if reads else 150])[:150]
        short = len(ln.norm) <= 80 if reads else len(stripped) <= 80
        # a contents line (``二、分公司工会经费审查委员会工作报告\t5``) names a report without starting it
        m = _match_separator(ln.norm) if short and not _contents_line().fullmatch(stripped) else None
        if m is None and not short:
            m = _match_separator(ln.norm[:80] if reads else stripped[:80])  # 【篇一】 followed by a long first sentence
            if m is not None and "rest" not in m.groupdict():
                m = None
        if m is not None:
            ln.kind = "separator"
            gd = m.groupdict()
            ln.sep_title = (gd.get("title") or "").strip(" :：、.．-—")
            rest = gd.get("rest")
            if rest:
                # Body on the same line: locate it in the raw line (the marker is short, the rest verbatim).
                idx = raw.find(rest[:10]) if len(rest) >= 1 else -1
                if idx < 0 and reads:
                    idx = _raw_index(raw, stripped, ln.norm, m.start("rest"))
                if idx >= 0:
                    if _looks_like_title(_normalise_line(rest)):
                        ln.sep_title = rest.strip()
                    else:
                        ln.rest_start = ln.start + idx
        elif is_chrome_line(stripped) or (ln.norm != stripped and is_chrome_line(ln.norm)):
            ln.kind = "chrome"
        elif wrapped and not (_SENT_END.search(printed) is None and _SENT_END.search(stripped) is None
                              and _looks_like_title(ln.norm) and _subject_before_keyword(ln.norm)):
            # one logical line: the offsets span both printed lines, the matching text reads them as one
            # (kind of the first: text or chrome).  A title after a line cut mid-sentence stays a title: a
            # report broken off at a page's end (``…的思想道德水平和文化`` / ``2021年医院工会工作计划模板``)
            prev.end = ln.end
            prev.text = page[prev.start:prev.end]
            prev.norm = _normalise_line(prev.text.replace("\n", "")[:750])[:150]
            prev.han += ln.han
            continue
        elif _looks_like_title(ln.norm):
            ln.kind = "title"
        lines.append(ln)
        prev = ln
    # a listing teaser (title and first words cut off with "...", repeated in full below) is site furniture:
    # the title line after it still heads the report
    starts = {ln.start: ln for ln in lines}
    for ch in teaser(page):
        ln = starts.get(ch.start) or starts.get(ch.start + 1)  # the last line's change starts at its newline
        if ln is not None and ln.kind == "text":
            ln.kind = "chrome"
    _demote_listing_snippets(lines)
    _demote_link_lists(lines)
    _demote_after_article_end(lines)
    _demote_forum_posts(lines)
    _demote_broken_titles(lines)
    return lines


_ITEM_NUMBER = r"\d{1,3}\s*[.．、]"  # ``1．`` / ``2、`` before a listed title
_LIST_NUMBER = regex.compile(_ITEM_NUMBER + r"\s*")
_SNIPPET_END = regex.compile(r"(?:…+|\.{3,}|。{3,})\s*$")


def _demote_listing_snippets(lines: list[_Line], max_han: int = 150) -> None:
    """On a listing page each entry is a title, the first words of an article cut off with ``……`` and a
    date or counter line; the article itself is not on the page, so the cut-off line is furniture.

    ``学校工会工作总结(2篇)`` / ``本学期,我校工会在学校*支*和上级工会的领导下,…努力为教职工办实事……`` /
    ``2016-03-02　阅读(765)`` — the middle line is no report.  Only a short line ending in an ellipsis
    between a title line and furniture (or the page end) is demoted, so prose that trails off stays.
    """
    def neighbour(i: int, step: int, skip: tuple[str, ...] = ("blank",)) -> "_Line | None":
        j = i + step
        while 0 <= j < len(lines) and lines[j].kind in skip:
            j += step
        return lines[j] if 0 <= j < len(lines) else None

    for i, ln in enumerate(lines):
        if ln.kind != "text" or ln.han > max_han or not _SNIPPET_END.search(ln.text):
            continue
        # the entry's date/counter line may sit between its title and its snippet
        prev, nxt = neighbour(i, -1, ("blank", "chrome")), neighbour(i, 1)
        if prev is None or not (nxt is None or nxt.kind in ("chrome", "title", "separator")):
            continue
        if prev.kind == "text" and _LIST_NUMBER.match(prev.norm) and _looks_like_title(_LIST_NUMBER.sub("", prev.norm)):
            prev.kind = "title"  # a numbered entry of the listing: ``1．2015年铁路工会上半年工作总结``
        if prev.kind == "title":
            ln.kind = "chrome"


@lru_cache(maxsize=1)
def _link_list_header():
    return load_patterns("lexicon/splitter/link_lists.txt")


# a link list's item may also be bulleted or bracket-numbered; a listing entry (``_LIST_NUMBER``) only numbered
_LIST_MARK = regex.compile(r"^(?:" + _ITEM_NUMBER + r"|[・·•\-－*]|[(（]\d{1,3}[)）])\s*")


def _demote_link_lists(lines: list[_Line]) -> None:
    """Titles and headlines listed right below a link-list header (``【相关推荐】``, ``…相关文章：``, a site's column box
    ``工会要闻`` / ``通知公告``) are links to other articles.

    ``相关文章：`` / ``1.医院工会主席年度述职报告`` / ``2.机关工会主席个人述职报告`` — both items are furniture (a numbered
    item is a heading to the rest of the splitter, so the title-line cut alone does not drop it); so are
    ``工会要闻`` / ``市领导走访慰问全国劳动模范`` / ``全市工会系统党史学习教育推进会召开`` (headlines: short, no sentence
    mark, not numbered).  The list ends at a title line with text below it: that title heads the next report.
    """
    header = _link_list_header()
    for i, ln in enumerate(lines):
        if ln.kind != "chrome" or not header.fullmatch(ln.norm or ln.text.strip()):
            continue
        items = []
        for j in range(i + 1, len(lines)):
            nxt = lines[j]
            if nxt.kind in ("blank", "chrome"):
                continue
            if nxt.kind not in ("title", "text") or not nxt.norm or not _is_list_item(nxt.norm):
                break
            if nxt.kind == "title" and _text_follows(lines, j):
                break  # the title of the report that follows
            items.append(nxt)
        for t in items:
            t.kind = "chrome"


def _is_list_item(norm: str) -> bool:
    """A linked title (``1.医院工会主席年度述职报告``) or a bare or bulleted headline (``· 市领导走访慰问全国劳动模范``)."""
    m = _LIST_MARK.match(norm)
    item = norm[m.end():] if m else norm
    if _looks_like_title(item):
        return True
    numbered = m is not None and (m.group()[0].isdigit() or m.group()[0] in "(（")  # not a bullet
    return (not numbered and _han_count(item) >= 4 and len(item) <= 40 and not _SENTENCE_PUNCT.search(item)
            and not _HEADING.match(item))


def _text_follows(lines: list[_Line], i: int) -> bool:
    """The next line after ``lines[i]`` that is no blank or furniture is text."""
    return next((lines[k].kind == "text" for k in range(i + 1, len(lines))
                 if lines[k].kind not in ("blank", "chrome")), False)


@lru_cache(maxsize=1)
def _article_end():
    return load_patterns("lexicon/article_end.txt")  # shared with the cleaner's chrome lines


def _demote_after_article_end(lines: list[_Line], max_han: int = 60) -> None:
    """Short lines after an article's end mark (``- END -``, ``全文完``) are the account's footer and readers'
    comments, not report text.

    ``- END -`` / ``材料写作小灶`` / ``专注公文写作 | 分享优质范文`` / ``太实用了，正好要写半年总结！`` — all furniture.  The run
    stops at a separator, at a long line of prose, or at a title line followed by the opening of a report.
    """
    end = _article_end()
    for i, ln in enumerate(lines):
        if ln.kind != "chrome" or not end.fullmatch(ln.norm or ln.text.strip()):
            continue
        for j in range(i + 1, len(lines)):
            nxt = lines[j]
            if nxt.kind in ("blank", "chrome"):
                continue
            if nxt.kind == "separator" or nxt.han > max_han:
                break
            if nxt.kind == "title":
                k = j + 1
                while k < len(lines) and lines[k].kind == "blank":
                    k += 1
                if k < len(lines) and lines[k].kind == "text" and _starts_report(lines[k]):
                    break
            nxt.kind = "chrome"


@lru_cache(maxsize=1)
def _forum_post():
    return load_patterns("lexicon/forum_post.txt")  # shared with the cleaner's chrome lines


def _demote_forum_posts(lines: list[_Line], min_han: int = 200, short_han: int = 60) -> None:
    """On a forum thread (two or more post headers ``电车老王 发表于 2010-1-6 21:14``) only the posts that hold a
    report are report text: the board before the first post, replies and spam posts (under ``min_han`` Chinese
    characters and no title line), a post's signature (short lines after a rule ``------``) and the poster's note before a title
    (``补一篇2010年的计划，大家参考：``) are furniture.
    """
    post = _forum_post()
    heads = [i for i, ln in enumerate(lines)
             if ln.kind == "chrome" and ln.han <= 40 and post.fullmatch(ln.norm or ln.text.strip())]
    if len(heads) < 2:
        return
    for ln in lines[:heads[0]]:
        if ln.kind in ("text", "title", "separator") and ln.han < short_han:
            ln.kind = "chrome"
    for a, b in zip(heads, heads[1:] + [len(lines)]):
        body = lines[a + 1:b]
        # a signature: after a rule line, only short lines to the end of the post
        for k, ln in enumerate(body):
            if ln.kind == "separator" and not ln.sep_title and all(
                    x.han < short_han for x in body[k + 1:] if x.kind in ("text", "title")):
                for x in body[k:]:
                    if x.kind != "blank":
                        x.kind = "chrome"
                break
        if (sum(x.han for x in body if x.kind in ("text", "title")) < min_han
                and not any(x.kind == "title" for x in body)):
            for x in body:
                if x.kind != "blank":
                    x.kind = "chrome"
            continue
        t = next((k for k, x in enumerate(body) if x.kind == "title"), None)
        if t is not None:
            main_title = t - 1 if _SUBTITLE.match(body[t].text) else -1  # 凝心聚力… over ——在…上的工作报告
            for k, x in enumerate(body[:t]):
                if x.kind == "text" and x.han < short_han and k != main_title:
                    x.kind = "chrome"


def _demote_broken_titles(lines: list[_Line]) -> None:
    """A "title" that sits inside a sentence is a hyperlink word the scraper broke onto its own line.

    ``马上到年中了，工会的上`` / ``半年工作总结`` / ``可以着手准备了。`` — the middle line is no title.
    """
    for i, ln in enumerate(lines):
        if ln.kind != "title" or _SUBTITLE.match(ln.text):  # ``——在…上的工作报告`` under its main title
            continue
        p = i - 1
        while p >= 0 and lines[p].kind == "blank":
            p -= 1
        n = i + 1
        while n < len(lines) and lines[n].kind == "blank":
            n += 1
        prev = lines[p] if p >= 0 else None
        prev_open = (p == i - 1 and prev is not None and prev.kind == "text"
                     and not prev.text.rstrip().endswith(tuple(_TERMINAL + "：:"))
                     and not _DATE_END.search(prev.text))  # a report's closing date is no open sentence
        nxt = lines[n] if n < len(lines) else None
        # a line never starts at a comma or at 的 (``…列出学校发展的教学计划、管理体制`` / ``的改革与设想，…``)
        next_cont = nxt is not None and nxt.text.lstrip()[:1] in "，,、。；;：:）)”的"
        if next_cont or (prev_open and not _starts_report(nxt)):
            ln.kind = "text"


_DATE_END = regex.compile(r"[年月]\s*[0-9〇零一二三四五六七八九十]{1,3}\s*日\s*$")


def _starts_report(line: "_Line | None") -> bool:
    """Does this line look like the first line of a report (so the line before it is a real title)?"""
    if line is None:
        return True
    if line.kind in ("chrome", "separator"):
        return True
    openings, support, _ = _lexicons()
    s = line.norm or line.text.strip()
    first_sentence = regex.split(r"[。！？]", s, maxsplit=1)[0][:150]
    return bool(_HEADING.match(s) or openings.search(s) or support.search(first_sentence)
                or load_patterns("lexicon/splitter/intro.txt").search(s))


@lru_cache(maxsize=1)
def _lexicons():
    return (load_patterns("lexicon/splitter/openings.txt"), load_patterns("lexicon/splitter/support.txt"),
            load_patterns("lexicon/splitter/closings.txt"))


def _han_count(text: str) -> int:
    return len(text) - len(_HAN_RUN.sub("", text)) if text else 0


def _run_together_starts(seg: list[_Line], min_han: int) -> list[int]:
    """Indexes in ``seg`` where a new report begins without any separator."""
    openings, support, closings = _lexicons()
    starts = []
    han_before = 0
    last_start = 0
    seen_high_heading = False
    for i, ln in enumerate(seg):
        if ln.kind != "text":
            continue
        s = ln.norm or ln.text.strip()
        if i > last_start and han_before >= max(200, min_han) and openings.search(s):
            evidence = 0
            # The formula must be in the opening sentence itself (a following line would be the next report's).
            first_sentence = regex.split(r"[。！？]", s, maxsplit=1)[0][:150]
            if support.search(first_sentence):
                evidence += 1
            prev = next((p for p in reversed(seg[last_start:i]) if p.kind == "text"), None)
            if prev is not None and closings.search(prev.norm or prev.text.strip()):
                evidence += 1
            if seen_high_heading:
                following = [n for n in seg[i + 1:i + 6] if n.kind == "text"]
                head = next((n for n in following if _HEADING.match(n.norm or n.text)), None)
                inline_one = regex.search(r"[:：]\s*(?:一\s*[、.．]|1\s*[、.．])", ln.norm or ln.text)
                if (head is not None and _HEADING_ONE.match(head.norm or head.text)) or inline_one:
                    evidence += 1
            if evidence >= 2:
                starts.append(i)
                last_start = i
                han_before = 0
                seen_high_heading = False
        if _HEADING.match(ln.norm or ln.text) and not _HEADING_ONE.match(ln.norm or ln.text):  # (一(yī)、 read as 一、)
            seen_high_heading = True
        han_before += ln.han
    return starts


def split_page(page_text: str, min_han: int = 80) -> list[SplitReport]:
    """Cut a page into reports.  ``min_han``: fewest Han characters a report body must have.

    Title rule: a bare title line heading the segment wins over the separator's own words (the report's own
    title is more specific than the site's label), else the separator's title, else the nearest enclosing
    separator title (``第2篇 …`` above ``篇一】``), else "".
    """
    lines = _classify(page_text)
    # 1. segments between separators / title lines
    segments: list[tuple[str, str, list[_Line]]] = []  # (boundary, separator title, lines)
    current: list[_Line] = []
    boundary, sep_title = "page_start", ""
    container_title = ""
    for ln in lines:
        if ln.kind == "separator":
            segments.append((boundary, sep_title, current))
            if ln.rest_start < 0 and ln.sep_title:
                container_title = ln.sep_title
            boundary, sep_title, current = "separator", ln.sep_title or container_title, []
            if ln.rest_start >= 0:
                # The separator line carries the first sentence: keep that part as a text line.
                current.append(_Line(ln.rest_start, ln.end, page_text[ln.rest_start:ln.end],
                                     _normalise_line(page_text[ln.rest_start:ln.end][:80])))
        elif ln.kind == "title" and _segment_has_body(current, min_han):
            segments.append((boundary, sep_title, current))
            boundary, sep_title, current = "title_line", "", [ln]
        else:
            current.append(ln)
    segments.append((boundary, sep_title, current))

    reports: list[SplitReport] = []
    for boundary, sep_title, seg in segments:
        # 2. leading title/chrome/blank lines give the title and are not part of raw_text
        title_at = -1  # the title line
        k = 0
        intro = load_patterns("lexicon/splitter/intro.txt")
        while k < len(seg) and (seg[k].kind in ("blank", "chrome", "title", "separator")
                                or (seg[k].kind == "text" and _is_site_intro(seg[k], intro))):
            if seg[k].kind == "title":
                title_at = k  # the last title line before the body wins
            k += 1
        # a site header that is no furniture we know (``豆云文档 - 在线文档分享平台  搜索文档  上传``) may stand above
        # the title line: short lines that are no prose do not hide a title line below them
        last = _title_after_header(seg, k)
        if last < 0 and title_at < 0:
            last = _title_after_preamble(seg, k, min_han)
        if last >= 0:
            title_at = last
            k = last + 1
            while k < len(seg) and seg[k].kind in ("blank", "chrome", "title"):
                if seg[k].kind == "title":  # a post's title above the report's own: the report's wins
                    title_at = k
                k += 1
        title = ""
        if title_at >= 0:
            # a congress report's main title over its subtitle: 凝心聚力建新功 砥砺奋进新征程 / ——在…上的工作报告
            title = _main_title_of(seg, title_at) + seg[title_at].text.strip().rstrip("。.")
        # a title continuation such as "暨2011年工会工作思路"
        if k < len(seg) and seg[k].kind == "text" and regex.match(r"^(?:暨|及|和|与)\S{2,30}$",
                                                                   seg[k].norm or seg[k].text.strip()):
            extra = seg[k].text.strip()
            title = (title or sep_title) + extra
            k += 1
        body = seg[k:]
        while body and body[-1].kind in ("blank", "chrome", "separator"):
            body.pop()
        if not body:
            continue
        if not title:
            title = sep_title
        # 3. reports that run together inside the segment
        cuts = [0] + _run_together_starts(body, min_han) + [len(body)]
        for j in range(len(cuts) - 1):
            part = body[cuts[j]:cuts[j + 1]]
            while part and part[-1].kind in ("blank", "chrome"):
                part.pop()
            if not part:
                continue
            start, end = part[0].start, part[-1].end
            raw = page_text[start:end]
            # count prose only: titles and furniture between listing entries are no report text
            if sum(ln.han for ln in part if ln.kind == "text") < min_han:
                continue
            reports.append(SplitReport(
                page_index=len(reports),
                title=_clean_title(title) if j == 0 else "",
                raw_text=raw, start=start, end=end,
                boundary=boundary if j == 0 else "run_together",
            ))
    return reports


_PROSE_MARK = regex.compile(r"[。，；！？,;!?]")


_FIELD_LABEL = regex.compile(r"[\p{Han} \u3000]{2,10}[：:]$")  # ``索引号：`` ``文　　号：`` ``有 效 性：``


def _title_after_header(seg: list[_Line], k: int, window: int = 4) -> int:
    """Index of the last title line below ``k`` when every line before it is furniture or short text without
    prose punctuation (a site header; at most ``window`` such text lines), else -1."""
    last, texts, value = -1, 0, False
    for j in range(k, min(len(seg), k + 8 * window)):
        ln = seg[j]
        if ln.kind == "title":
            last = j
        elif ln.kind == "text":
            if ln.han >= 40 or _PROSE_MARK.search(ln.text):
                break
            # an index table's label and value cells (``索引号：`` / ``2013-00021``, ``发布机构：`` / ``临湖监狱``)
            # are one field: they do not count as text lines
            was_value, value = value, bool(_FIELD_LABEL.match(ln.norm))
            if value or was_value:
                continue
            texts += 1
            if texts > window:
                break
        elif ln.kind not in ("blank", "chrome"):
            break
    return last


def _title_after_preamble(seg: list[_Line], k: int, min_han: int, window: int = 16) -> int:
    """Index of a title line that follows a short preamble of the page at ``k`` (an article's own headline, a notes
    app's page title and properties, ``收费站工会这一年：…，写得太实在了！`` above ``××收费站工会2022年工作总结``), or -1:
    within ``window`` lines, with furniture right above it (or above its main title, ``_main_title_of``) and fewer
    than half ``min_han`` Han characters of text before it, or fewer than ``min_han`` when that furniture is chrome
    (a Q&A page's question above ``最佳答案`` / ``展开全部``); a title-like line inside a sentence, ``…工会的上`` /
    ``半年工作总结`` / ``可以着手…``, is none."""
    han = 0
    above = None
    lines_above: list[_Line] = []
    for i in range(k, min(len(seg), k + window)):
        ln = seg[i]
        if ln.kind == "title":
            n_main = len(_main_title_lines(seg, i))  # a congress report's slogan over its ——在…上的工作报告
            if above is not None and above.kind == "text" and n_main and len(lines_above) > n_main:
                above = lines_above[-1 - n_main]
                han -= sum(x.han for x in lines_above[-n_main:])
            if above is None or above.kind == "text":
                return -1
            # furniture right above (``最佳答案`` / ``展开全部`` of a Q&A page): a question of up to min_han
            # characters may stand before it; a title-like line below a page headline only half that
            return i if 2 * han < min_han or (above.kind == "chrome" and han < min_han) else -1
        if ln.kind == "text":
            han += ln.han
            if han >= min_han:
                return -1
        if ln.kind != "blank":
            above = ln
            lines_above.append(ln)
    return -1


_SUBTITLE = regex.compile(r"\s*(?:——|—|－－|--)\s*\S")


def _main_title_of(seg: list[_Line], i: int) -> str:
    """The main title above a subtitle line ``seg[i]`` (``——在××公司工会第四次会员代表大会上的工作报告``): the one or
    two short lines right above it that are no prose (``凝心聚力建新功 砥砺奋进新征程``), joined by a space, else ""."""
    return " ".join(_main_title_lines(seg, i))


def _main_title_lines(seg: list[_Line], i: int) -> list[str]:
    if not _SUBTITLE.match(seg[i].text):
        return []
    parts: list[str] = []
    j = i - 1
    while len(parts) < 2:  # a main title printed on two lines: 团结拼搏 建功立业 / 为实现公司…而努力奋斗
        while j >= 0 and seg[j].kind == "blank":
            j -= 1
        if j < 0 or seg[j].kind not in ("text", "title"):
            break
        t = seg[j].text.strip()
        if not (4 <= len(t) <= 40 and not _PROSE_MARK.search(t) and seg[j].han >= 4):
            break
        parts.insert(0, t)
        j -= 1
    return parts


def _is_site_intro(line: _Line, intro) -> bool:
    """The site's own introduction paragraph: an intro formula, and no word about union work outside quotes.

    ``为了更好的开展下一阶段的工作，…下面是小编整理的“2021年医院工会工作计划报告”，希望对您有一定的帮助。`` is;
    ``学校工会工作是联系校党政领导与广大教师之间的重要桥梁，…今天本站网友给大家整理了，希望对大家有所帮助。``
    is not (its inline site words are the cleaner's job).
    """
    s = line.norm or line.text
    if not intro.search(s):
        return False
    unquoted = regex.sub(r"[“\"《「『][^”\"》」』]{0,80}[”\"》」』]", "", s)
    return "工会" not in unquoted and "职工" not in unquoted


def _segment_has_body(seg: list[_Line], min_han: int) -> bool:
    return sum(ln.han for ln in seg if ln.kind == "text") >= min_han


def _clean_title(title: str) -> str:
    """Titles are stored readable: pinyin annotations removed, spaces collapsed (Traditional kept as written)."""
    t = strip_pinyin(title.strip()) if ("(" in title or "（" in title) else title.strip()
    return regex.sub(r"\s+", " ", t)
