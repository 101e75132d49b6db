"""The cleaning rules.  Each is a small function ``rule(text, ...) -> list[Change]`` on the current text.

Rules run in the order of ``RULE_ORDER`` (see ``Cleaner``); each can be switched off by name.
Every docstring shows a real broken → fixed example from the seed pages.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial

import regex
import unicodedata

from corpus_tools._data import load_lines, opencc_converter
from corpus_tools._numerals import chinese_to_int
from corpus_tools.cleaner.chrome import _title_re, is_chrome_line, is_heading_like, text_chrome_matchers
from corpus_tools.cleaner.edits import Change
from corpus_tools.cleaner.mojibake import might_have_mojibake, repair_line
from corpus_tools.cleaner.pinyin import pinyin_spans, strip_pinyin

__all__ = ["YEAR_PLACEHOLDER", "NAME_PLACEHOLDER", "chrome", "corpus_boilerplate", "teaser", "rejoin_lines",
           "lost_breaks", "lost_break_spans", "whitespace", "pinyin", "t2s", "typo", "width", "punctuation",
           "hyphen", "placeholder", "iter_lines", "text_wrap", "wrap_continues", "fills_wrap", "continues_printed"]

YEAR_PLACEHOLDER = "20XX"   # 20xx年, 20**年, 201x年, 20__年 → 20XX年 (19xx → 19XX)
NAME_PLACEHOLDER = "XX"     # xxx院长, XX年, __医院, 撰写人:___ → XX

_LINE = regex.compile(r"[^\n]*\n?")


def iter_lines(text: str):
    """Iterate ``(start, end_without_newline, end_with_newline)`` over the lines (none for ``""``; a final
    newline does not start another line)."""
    return iter(line_spans(text))


def line_spans(text: str) -> list[tuple[int, int, int]]:
    """The spans of ``iter_lines`` as a list (one ``split``, no per-line ``find``)."""
    out, pos = [], 0
    for line in text.split("\n"):
        e = pos + len(line)
        out.append((pos, e, e + 1))
        pos = e + 1
    last = out[-1]
    if last[0] == last[1]:
        out.pop()  # "" or a text ending in a newline: no line after it
    else:
        out[-1] = (last[0], last[1], last[1])  # the last line has no newline
    return out


# ``Change(start, end, after, confidence, detail)`` from one tuple, without the named tuple's Python-level
# ``__new__``: there is one per changed punctuation mark.
_new_change = partial(tuple.__new__, Change)


def _delete_line(text: str, s: int, e: int, e_nl: int) -> Change:
    if e_nl > e or s == 0:
        return Change(s, e_nl, "")
    # last line without a newline: remove the newline before it instead
    return Change(s - 1 if s and text[s - 1] == "\n" else s, e, "")


# 1 ------------------------------------------------------------------------------------------------------
def chrome(text: str) -> list[Change]:
    """Remove site-chrome lines and chrome inside lines.

    ``65位用户关注`` (own line) → removed; ``…准备了。今天本站网友给大家为您整理了(*),希望对大家有所帮助。xx年…``
    → ``…准备了。xx年…``; ``…的需<fw92.cOM/p>`` → ``…的需``.
    """
    out = []
    is_chrome, inline_spans = text_chrome_matchers(text)  # same answers as is_chrome_line / inline_chrome_spans
    spans = line_spans(text)
    wrap = text_wrap(text) if len(spans) >= 8 else None
    k = 0
    while k < len(spans):
        s, e, e_nl = spans[k]
        line = text[s:e]
        if not line.strip():
            k += 1
            continue
        if wrap is not None:
            j = _printed_run(text, spans, k, wrap, is_chrome)
            if j > k + 1:  # a paragraph a fixed-width cut broke: read its lines as one
                out.extend(_chrome_in_run(text, spans[k:j], is_chrome, inline_spans))
                k = j
                continue
        if is_chrome(line, s):
            out.append(_delete_line(text, s, e, e_nl))
        elif inline_spans is not None:
            out.extend(Change(s + a, s + b, "") for a, b in inline_spans(line, s))
        k += 1
    return out


def _printed_run(text: str, spans, k: int, wrap, is_chrome) -> int:
    """End (exclusive) of the run of printed lines from ``k`` that a fixed-width cut made of one line (a page
    number between them, ``…每周一,三,`` / ``8`` / ``五中午开放…``, ends the run: it is chrome of its own)."""
    j = k + 1
    while j < len(spans):
        prev, cur = text[spans[j - 1][0]:spans[j - 1][1]].strip(_INDENT), text[spans[j][0]:spans[j][1]].strip(_INDENT)
        if not cur or not continues_printed(prev, cur, wrap, j > k + 1) or is_chrome(cur, spans[j][0]):
            break
        j += 1
    return j


def _chrome_in_run(text: str, run, is_chrome, inline_spans) -> list[Change]:
    """``chrome`` on printed lines read as one line: ``…这篇关于《…》的文章，是小编特地为大家整理的，希望`` /
    ``对大家有所帮助！`` is removed whole; an inline blurb may run over the cut."""
    parts = [text[s:e].strip(_INDENT) for s, e, _ in run]
    joined = "".join(parts)
    if is_chrome(joined):
        return [_delete_line(text, s, e, e_nl) for s, e, e_nl in run]
    if inline_spans is None:
        return []
    at = []  # offset in text of each character of joined
    for (s, e, _), part in zip(run, parts):
        p0 = s + text[s:e].index(part) if part else s
        at.extend(range(p0, p0 + len(part)))
    return [Change(at[a], at[b - 1] + 1, "") for a, b in inline_spans(joined) if b > a]


def corpus_boilerplate(text: str, model) -> list[Change]:
    """Remove lines learned as recurring boilerplate by ``Cleaner.fit`` (e.g. a site's ``XX编辑推荐``)."""
    if model is None or not model.lines_:
        return []
    return [_delete_line(text, s, e, e_nl) for (s, e, e_nl), hit in zip(line_spans(text), model.boilerplate_lines(text))
            if hit and e > s]


# 2 ------------------------------------------------------------------------------------------------------
_TEASER_END = regex.compile(r"(?:\.{3,}|…+|。{3,})\s*$")


def _starts_a_line_after(text: str, part: str, after: int) -> bool:
    """Does ``part`` begin some line (indent aside) at or after offset ``after``?"""
    pos = text.find(part, after)
    while pos >= 0:
        ls = text.rfind("\n", 0, pos) + 1
        if not text[ls:pos].strip(" \t\u3000"):
            return True
        pos = text.find(part, pos + 1)
    return False


def teaser(text: str, min_chars: int = 12) -> list[Change]:
    """Drop a teaser line (``本学期，我校工会在…的领导下，坚持…``) whose text begins a later line, or whose title
    and first words each begin a later line (``2021年县总工会女职委工作总结 2021年，县总工会女职委在…团结...``
    before the title line and the first paragraph)."""
    if "…" not in text and "..." not in text:
        return []
    out = []
    for s, e, e_nl in iter_lines(text):
        line = text[s:e]
        m = _TEASER_END.search(line)
        if not m:
            continue
        prefix = line[:m.start()].strip(" \t\u3000")
        if len(prefix) < min_chars:
            continue
        if _starts_a_line_after(text, prefix, e_nl):
            out.append(_delete_line(text, s, e, e_nl))
            continue
        # the listing's "title + space + first words" form: split at a space, both halves must recur
        for sp in _TEASER_SPACE.finditer(prefix):
            head, tail = prefix[:sp.start()], prefix[sp.end():]
            if (len(head) >= 4 and len(tail) >= min_chars and _starts_a_line_after(text, tail, e_nl)
                    and _starts_a_line_after(text, head, e_nl)):
                out.append(_delete_line(text, s, e, e_nl))
                break
    return out


# 2b (markdown) -------------------------------------------------------------------------------------------
# AI-writing sites and notes apps leave Markdown in the text: ``## 标题``, ``### 一、…``, ``**（一）…。** 正文``.
_MD_HEAD = regex.compile(r"(?m)^[ \t\u3000]*(?P<m>#{1,6}[ \t]+)(?=[^\s#])")
# bold only where it opens a line or a list item (a ``**`` inside a word is a censorship mask: ``工会**朱某某``)
_MD_BOLD = regex.compile(r"(?m)^(?:[ \t\u3000]*(?:#{1,6}[ \t]+|[-+*][ \t]+|\d{1,2}\.[ \t]+)?)(?P<a>\*\*)(?=[^*\s])[^*\n]{1,80}?(?<=[^*\s])"
                         r"(?P<b>\*\*[ \t]*)(?=[^*A-Za-z]|$)")


def markdown(text: str) -> list[Change]:
    """Drop Markdown heading marks and line-opening bold marks.

    ``### 一、围绕项目建设，深入开展劳动竞赛`` → ``一、围绕项目建设，深入开展劳动竞赛``;
    ``**（一）开展重点工程劳动竞赛。** 围绕地铁…`` → ``（一）开展重点工程劳动竞赛。围绕地铁…``;
    ``- **组织建设不断加强**，会员人数达到…`` → ``- 组织建设不断加强，会员人数达到…``.
    """
    if "#" not in text and "**" not in text:
        return []
    out = [Change(m.start("m"), m.end("m"), "") for m in _MD_HEAD.finditer(text)]
    for m in _MD_BOLD.finditer(text):
        out += [Change(m.start("a"), m.end("a"), ""), Change(m.start("b"), m.end("b"), "")]
    return out


def strip_markdown(line: str) -> str:
    """``markdown`` applied to one line, for matching (the splitter reads ``## 标题`` as a title)."""
    for c in sorted(markdown(line), key=lambda c: c.start, reverse=True):
        line = line[:c.start] + line[c.end:]
    return line


# Heading numbers at a line's start, shared by lost_breaks, rejoin_lines, _head_section
# and whitespace; each regex below
# composes the forms it takes.  Bounded (at most 3 numerals or 2 digits): 一、 / （一） (1) / 1、
_CN = "一二三四五六七八九十"  # Chinese numerals
_NUM_MARK = "[、.．]"         # the mark after a number
_CN_HEAD = f"[{_CN}]{{1,3}}{_NUM_MARK}"
_PAREN_HEAD = rf"[(（][{_CN}\d]{{1,3}}[)）]"
_ARABIC_HEAD = rf"\d{{1,2}}{_NUM_MARK}"
_CN_HEAD_LOOSE = rf"[{_CN}]+\s*{_NUM_MARK}"  # any length, spaces before the mark: for prefix tests only


# 2b (lost_breaks) ----------------------------------------------------------------------------------------
#: A line this long is a page whose line breaks the scraper lost (a report paragraph is rarely over 500 chars).
LOST_BREAKS_MIN = 500
# a space inside such a line (between a non-Latin character and the next word) is a lost break when it follows a
# sentence, comes before or after a date, or follows a title: ``…新的贡献。 ××处工会 20XX年12月28日 环卫处工会…总结
# 为提高…``.  Other spaces are stray spaces of the prose (``摸排辖区失业人员 210多人``).
# (XX市… is a placeholder name; a half-width mark after Chinese counts as Chinese: ``…活力! 2021年…计划书``)
_SPACE = regex.compile(r"(?:(?<=[^\x00-\x7f])|(?<=[^\x00-\x7f][!?.;:)]))[ \u3000\xa0]+(?=[^\sA-WYZa-wyz])")
_SENT_END = regex.compile(r"[。！？!?][”’」』]?$")
_PARA_END = regex.compile(r"(?:[。！？!?]|(?<=\p{Han})\.)[”’」』]?$")  # a sentence, or ``慰问劳模.`` on a half-width page
_DATE_AHEAD = regex.compile(r"(?:\d{2,4}|20[Xx×]{2}|[〇○零一二三四五六七八九]{2,4})\s*年\s*[\d一二三四五六七八九十XxＸ×]{1,3}\s*月")
_DATE_BEHIND = regex.compile(r"月\s*[\d一二三四五六七八九十XxＸ×]{1,3}\s*日$")
_PROSE_MARK = regex.compile(r"[，。；！？：,;!?:]")


_BREAK_SPACE = " \t\u3000\xa0"


@lru_cache(maxsize=1)
def _title_words() -> str:
    """The words of ``title_endings.txt`` as one regex alternation (工会工作总结, …工作计划模板)."""
    return "|".join(load_lines("lexicon/cleaner/title_endings.txt"))


@lru_cache(maxsize=1)
def _break_marks():
    """The patterns of ``lost_break_marks.txt`` with ``{N}``, ``{END}`` and ``{B}`` filled in."""
    end = _title_words()
    # a report number run into a year (篇920xx年…) keeps its own digits
    fill = {"{N}": "(?:[0-9０-９]{1,2}(?=(?:19|20)[0-9Xx×]{2})|[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})",
            "{END}": end,
            "{B}": r"^|[\s。！？!?；;….．”’」』)）\]】〕>]",
            "{T}": r"(?:(?:19|20)[\dXx×]{2}年?)?(?:(?!(?:19|20)[\dXx×]{2})[^。，,；;！!？?:：\s<>【】\[\]“”\"]){2,30}?(?:"
                   + end + ")+",
            "{AFTER}": r"[一二三四五六七八九十]{1,2}[、,，.．](?!\d)|1[、.．](?!\d)|(?:以下|下面)(?:是|为)|这篇|本文|【编辑|"
                       + "|".join(p.lstrip("^") for p in load_lines("lexicon/splitter/openings.txt"))}
    out = []
    for p in load_lines("lexicon/cleaner/lost_break_marks.txt"):
        for k, v in fill.items():
            p = p.replace(k, v)
        out.append(regex.compile(p))
    return tuple(out)


def _mark_breaks(line: str) -> list[int]:
    """Where a separator, a report title or an intro sentence sits run on inside a long line (``…慰问活动。-->
    工会工作总结及计划篇2一、深入开展…`` breaks before and after ``-->`` and after ``篇2``)."""
    at = set()
    for pat in _break_marks():
        for m in pat.finditer(line):
            at.add(m.start())
            for g in ("line", "line2"):
                if g in pat.groupindex and m.group(g) is not None and m.end(g) < len(line):
                    at.add(m.end(g))
    return sorted(p for p in at if 0 < p < len(line))


# a numbered heading (一、 / （一） / 1、 / 第一部分) that begins the text since the last break, up to a space
_HEAD_START = regex.compile(rf"(?:{_CN_HEAD}|{_PAREN_HEAD}|{_ARABIC_HEAD}|第[{_CN}]{{1,3}}[部章节])\s*\S")
_IN_SENT = regex.compile(r"[。！？!?；;]")
_WORD_RUN = regex.compile(rf"(?!{_CN_HEAD}|{_PAREN_HEAD}|{_ARABIC_HEAD})[^\s，,。；;！!？?：:、]{{1,25}}(?=[ \u3000\xa0])")


def _short_line_ends(before: str) -> bool:
    """True when ``before`` (up to 40 characters since the last break) was a line of its own: a report title, read
    without pinyin and in Simplified (``醫(yī)院工會工作總結(jié)``), or a chrome line (``- 相關(guān)推薦``, ``65位用户关注``)."""
    if is_chrome_line(before):
        return True
    plain = strip_pinyin(before) if "(" in before else before
    if _PROSE_MARK.search(plain):
        return False
    return _title_re().search(plain) is not None or _title_re().search(opencc_converter("t2s").convert(plain)) is not None


def _heading_ends(line: str, before: str, after: int) -> bool:
    """True when ``before`` is a numbered heading with no sentence in it and the space after it ended its line:
    ``二、积极履行合同，保障职工合法权益 为了适应…`` breaks at the space, while a short phrase with a space after
    it still belongs to the heading (``二、加强师德建设 提高教职工队伍整体素质 为…``)."""
    return (len(before) <= 60 and _HEAD_START.match(before) is not None and not _IN_SENT.search(before)
            and _WORD_RUN.match(line, after) is None)


def lost_break_spans(line: str) -> list[tuple[int, int]]:
    """The places of a line of ``LOST_BREAKS_MIN`` characters or more that stand for lost paragraph breaks (spans
    in ``line``, replaced by a line break; an empty span is a break put in): spaces left where a paragraph ended,
    and the places before and after a separator, report title or intro sentence run on in the line
    (``lost_break_marks.txt``).  The splitter cuts its lines at the same places.

    >>> line = "…慰问活动。-->工会工作总结及计划篇2一年来，" + "我校工会围绕中心，服务大局。" * 40
    >>> [line[a:b] or line[a:a + 3] for a, b in lost_break_spans(line)][:3]
    ['-->', '工会工', '一年来']
    """
    if len(line) < LOST_BREAKS_MIN:
        return []
    marks = _mark_breaks(line)
    spans = []
    for p in marks:  # a mark's break takes the spaces around it
        a, b = p, p
        while a > 0 and line[a - 1] in _BREAK_SPACE:
            a -= 1
        while b < len(line) and line[b] in _BREAK_SPACE:
            b += 1
        if not spans or a >= spans[-1][1]:
            spans.append((a, b))
    if not _SPACE.search(line):
        return spans
    taken = {s for span in spans for s in range(*span)}
    out, last, k = [], 0, 0
    for m in _SPACE.finditer(line):
        while k < len(spans) and spans[k][1] <= m.start():
            last = max(last, spans[k][1])
            k += 1
        if m.start() in taken:
            continue
        before = line[last:m.start()]
        if (_PARA_END.search(before) or _DATE_BEHIND.search(before) or _DATE_AHEAD.match(line, m.end())
                or (len(before) <= 40 and _short_line_ends(before)) or _heading_ends(line, before, m.end())):
            out.append(m.span())
            last = m.end()
    return sorted(out + spans)


# a heading number right after a sentence, colon or semicolon: ``…如下:一、加强职工思想教育。一是…；二、开展…``
_RUN_ON_HEAD = regex.compile(
    rf"(?<=[。！？!?；;：:])[ \t\u3000\xa0]*(?=(?P<top>[{_CN}]{{1,3}})、|[(（][{_CN}]{{1,3}}[)）]"
    r"|[(（]\d{1,2}[)）]|\d{1,2}[、．.](?!\d))")
_LINE_TOP = regex.compile(rf"[ \t\u3000\xa0]*([{_CN}]{{1,3}})、")
# headings run on inside a line are looked for in lines this long (the rest of a long line a report began in
# the middle of can be shorter than LOST_BREAKS_MIN); no line of the seeds or earlier audit sets has them
_RUN_ON_MIN = 200


def lost_breaks(text: str) -> list[Change]:
    """Put back the line breaks of a page that lost them: in a line of ``LOST_BREAKS_MIN`` characters or more, a
    space left where a paragraph ended becomes a line break (``lost_break_spans``); in a line of 200 or more, so
    does the place before each heading number that follows a sentence, when the line runs through consecutive
    top-level numbers (``一、`` … ``二、``).

    ``…积极贡献。现将一年来的工作总结如下:一、加强职工思想教育，提高队伍整体素质。一是…;二是…。二、开展劳动竞赛…``
    → ``…如下:`` / ``一、加强职工思想教育，…`` / ``二、开展劳动竞赛…``; ``…新的贡献。 ××处工会 20XX年12月28日``
    → three lines.  A long paragraph that merely lists ``1、…2、…`` keeps its line.
    """
    out: list[Change] = []
    for s, e, _ in line_spans(text):
        if e - s < _RUN_ON_MIN:
            continue
        line = text[s:e]
        out += [Change(s + a, s + b, "\n") for a, b in lost_break_spans(line)]
        heads = list(_RUN_ON_HEAD.finditer(line))
        first = _LINE_TOP.match(line)
        tops = ([chinese_to_int(first.group(1))] if first else []) + [chinese_to_int(m.group("top")) for m in heads
                                                                      if m.group("top")]
        if not any(b == a + 1 for a, b in zip(tops, tops[1:])):
            continue
        spaced = {c.start for c in out}
        out += [Change(s + m.start(), s + m.end(), "\n") for m in heads if s + m.start() not in spaced]
    return sorted(out, key=lambda c: c.start)


# 3 ------------------------------------------------------------------------------------------------------
_TEASER_SPACE = regex.compile(r"[ \t\u3000]+")
_CONT_START = regex.compile(r"[、，,。．；;：:）)”」』！!？?%％]")
# ``(?r)``: these only test how a line ends; a reverse search starts there instead of at every character
_ENDS_SENT = regex.compile(r"(?r)[。！？!?；;：:…\.）)”」』]\s*$")
# a link's words, a quoted name among them: ``…深入开展`` / ``“安康杯”竞赛`` / ``活动，全年…``
_KEYWORD = regex.compile(r"[\p{Han}A-Za-z]{1,10}|[“「][\p{Han}A-Za-z]{1,8}[”」][\p{Han}A-Za-z]{0,4}")
_KEYWORD_MAX = 14  # longest line _KEYWORD can fully match
_MONTH = regex.compile(r"(?:(?:[一二三四五六七八九十]{1,3}|\d{1,2})月份?|\d{4}年|\d{1,2}月\d{1,2}日)[:：]?")
_MONTH_MAX = 7     # longest line _MONTH can fully match (``12月31日：``)
_PROSE_PUNCT = regex.compile(r"[，,、]")
_RUN_IN_BODY = regex.compile(r"[。！？；]")  # a heading line whose body runs on after its first sentence
_HAN_END = regex.compile(r"(?r)[\p{Han}\d、，,“\"(（《]$")
_HAN_START = regex.compile(r"\p{Han}")
_CLOSER = regex.compile(r"[)）》”]")
_SENT_PUNCT = regex.compile(r"[，,、。．.；;！!？?]")
_HAN_DIGIT_START = regex.compile(r"[\p{Han}\d]")
# wrap_width skips any numbered line: arabic numbers too, with spaces or a comma after them
_NUMBERED = regex.compile(rf"\s*(?:{_CN_HEAD_LOOSE}|[(（]\s*[{_CN}\d]+\s*[)）]|\d{{1,2}}\s*[、.．,，]|第[{_CN}]+)")
_LATIN1 = re.compile(r"[\x00-\xff]")
_SENT_MARK = regex.compile(r"[。！？!?；;]")
# a line a fixed-width cut opened inside or just before a reading: ``…醫院工會的維權`` / ``(quán)能力``, ``…機(`` / ``jī)制``
_READING_REST = regex.compile(r"[(（]?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")
# (a placeholder or mask may open the line: ``…慰问了老劳动模范xx`` / ``x同志``, ``民-`` / ``-主``; so may a mark
# no line starts with, which the cut pushed past the width: ``…规范化，量化`` / ``.年终做好…``)
_WRAP_START = regex.compile(r"[\p{Han}\d０-９“”\"《xX×*＊□、，,。．.；;：:）)」』！!？?%％]|-(?=\p{Han})")

# _WEAK_JOIN: a sentence join on the evidence of ``prev``'s own words (rule (c) "medium"), which must hold for the
# whole line ``prev`` ends when ``prev`` is itself a continuation
_NO_JOIN, _KEYWORD_JOIN, _SENTENCE_JOIN, _WEAK_JOIN = 0, 1, 2, 3
_WRAP_KEY = ("wrap",)  # where rejoin_lines keeps the text's wrap (``text_wrap``) in its memo
_SPACED_KEY = ("spaced",)  # … and whether the text is double-spaced (``_double_spaced``)


@lru_cache(maxsize=1)
def _dangling_end():
    """A line ending in a particle, conjunction or preposition (``…举办的``) or a verb still waiting for its
    object (``…期间组织开展``): the sentence goes on."""
    words = load_lines("lexicon/cleaner/dangling_endings.txt")
    chars = "".join(w for w in words if len(w) == 1)
    longer = "|".join(regex.escape(w) for w in sorted((w for w in words if len(w) > 1), key=len, reverse=True))
    return regex.compile(f"(?r)(?:[{regex.escape(chars)}]" + (f"|{longer})$" if longer else ")$"))


def _unclosed(line: str) -> bool:
    return (line.count("(") + line.count("（") > line.count(")") + line.count("）")
            or line.count("《") > line.count("》") or line.count("“") > line.count("”"))


def _columns(line: str) -> int:
    """Display width: a Han character or full-width form takes two columns, an ASCII character one."""
    return 2 * len(line) - len(_LATIN1.findall(line))


def wrap_width(text: str, min_cols: int = 40, min_lines: int = 4, min_share: float = 0.3, slack: int = 3) -> int:
    """The width (in display columns, see ``_columns``) at which a PDF conversion cut the text into lines, or 0.

    Lines of a fixed-width conversion that do not end a sentence all fill (nearly) the same width: the cut fell
    mid-sentence, often mid-word (``…新时代中国特色社会`` / ``主义思想和党的十九大精神…``).  The width is the ``w``
    for which lines of ``w - slack`` to ``w`` columns, not ending in a sentence mark, are at least ``min_lines``
    and ``min_share`` of all such lines of ``min_cols`` columns or more (a line one column short of the width
    cannot take another Han character; a digit takes one column).  Numbered lines are not counted: parallel
    headings are often of one length (``一、突出岗位建功，劳动竞赛取得实效`` / ``二、突出民主管理，职工参与意识增强``).
    """
    by_cols, _ = _wrap_fits(text, min_cols, min_lines, min_share, slack)
    return by_cols[0] if by_cols else 0


def _wrap_fits(text: str, min_cols: int = 40, min_lines: int = 4, min_share: float = 0.3, slack: int = 3):
    """``((width, share), (chars, share))``: the wrap width in display columns and, measured with ``len`` (lines of
    ``min_cols / 2`` characters or more), in characters, each with the share of the counted lines it explains, or
    ``None``.  Some exports cut every line at N characters whatever their width, toned pinyin ``維(wéi)``
    included.  One pass over the lines for both."""
    cols_n: dict[int, int] = {}
    chars_n: dict[int, int] = {}
    n_cols = n_chars = 0
    min_chars = min_cols // 2
    for raw in text.split("\n"):
        line = raw.strip(" \t\u3000\r")
        if len(line) < min_chars or _ENDS_SENT.search(line) or _NUMBERED.match(line) or "\t" in line:
            continue  # most lines of a report end a sentence: the width is counted only for the rest (and tables
            # are no prose)
        k = len(line)
        chars_n[k] = chars_n.get(k, 0) + 1
        n_chars += 1
        cols = _columns(line)
        if cols >= min_cols:
            cols_n[cols] = cols_n.get(cols, 0) + 1
            n_cols += 1

    def best(counts: dict[int, int], n: int):
        top, top_k = 0, 0
        for w in sorted(counts):
            k = sum(counts.get(w - d, 0) for d in range(slack + 1))
            if k > top_k:
                top, top_k = w, k
        return (top, top_k / n) if top_k >= min_lines and top_k >= min_share * n else None

    return best(cols_n, n_cols), best(chars_n, n_chars)


def text_wrap(text: str):
    """``(width, measure)`` of the text's fixed-width cut, or ``None``: ``wrap_width`` in display columns
    (``_columns``) or, when a cut at a fixed number of characters explains a larger share of the lines, that
    number of characters (``len``)."""
    by_cols, by_chars = _wrap_fits(text)
    if by_chars and (not by_cols or by_chars[1] > by_cols[1]):
        return by_chars[0], len
    return (by_cols[0], _columns) if by_cols else None


def _without_end_reading(line: str) -> str:
    """The line without a toned reading at its end (a wrap before pinyin removal): ``…工會維(wéi)`` → ``…工會維``."""
    if line.endswith((")", "）")):
        spans = pinyin_spans(line)
        if spans and spans[-1][1] == len(line):
            return line[:spans[-1][0]]
    return line


def wrap_continues(raw_prev: str, prev: str, cur: str, wrap) -> bool:
    """Line ``cur`` goes on with ``prev``, which a fixed-width cut (``wrap``, see ``text_wrap``) ended mid-sentence:
    ``prev`` fills the width and ends in a word, ``cur`` is no heading.  ``raw_prev`` is ``prev`` as printed
    (the width is measured on it), ``prev`` the same read without pinyin."""
    # a cut by display width, or an OCR'd page, leaves a line a few columns short (no room for one more Han
    # character, a held-back mark); a heading of a cut every N characters is cut at exactly N (a 38-character
    # heading of a 40 cut is whole)
    slack = 0 if wrap[1] is len and _NUMBERED.match(prev) and not _SENT_MARK.search(prev) else 3
    if "\t" in raw_prev:
        return False  # a table row (``8\t国庆文艺晚会\t工会、行政部\t9月底``) is no cut prose
    if (_fits_width(raw_prev, wrap, slack) and (_WRAP_START.match(cur) or _READING_REST.match(cur))
            and not is_heading_like(cur)):
        text = _without_end_reading(prev)
        return not _ENDS_SENT.search(text) and (_HAN_END.search(text) is not None or text[-1:] in "xX×*＊□-")
    return False


def fills_wrap(raw_line: str, wrap) -> bool:
    """The line fills the width of a fixed-width cut to the last character (to the last column a Han character
    can take): whatever it ends in, the paragraph went on (``…教育工会先进集体”。`` / ``现将2022年工会工作总结``)."""
    return _fits_width(raw_line, wrap, int(wrap[1] is _columns))


def _fits_width(raw_line: str, wrap, slack: int) -> bool:
    """The line is ``slack`` or fewer short of the cut's width, measured as printed or without its paragraph
    indent: the width is read off stripped lines, and an export may or may not count the indent in the line
    (``　　公司以劳模名字命名的…全年`` is 74 columns, 70 without its two U+3000, in a 72-column cut)."""
    lo, hi, measure = wrap[0] - slack, wrap[0], wrap[1]
    if lo <= measure(raw_line) <= hi:
        return True
    bare = raw_line.strip(_INDENT)  # as ``rejoin_lines`` strips its lines (an &nbsp; indent too)
    return len(bare) < len(raw_line) and lo <= measure(bare) <= hi


def continues_printed(prev: str, cur: str, wrap, in_run: bool = False) -> bool:
    """Printed line ``cur`` (stripped) is the rest of printed line ``prev`` under a fixed-width cut ``wrap``: the
    cut fell mid-sentence (``wrap_continues``), or, ``prev`` itself continuing a cut line (``in_run``: a page
    can mix cut and uncut reports), ``prev`` fills the width to the last character and ``cur`` is no heading.
    The splitter and ``chrome`` read such lines as one."""
    if wrap_continues(prev, strip_pinyin(prev) if "(" in prev or "（" in prev else prev,
                      strip_pinyin(cur) if "(" in cur or "（" in cur else cur, wrap):
        return True
    return in_run and fills_wrap(prev, wrap) and not is_heading_like(cur)


def _short_heading(prev: str, cur: str) -> bool:
    """A short numbered line ending in a word, followed by a clearly longer line, is a heading over its body even
    with a comma inside: ``5、加强自身建设，发挥工会作用`` / ``按照“职工之家”建设标准，…每半年通报一次。``.  A line
    a narrow page wrapped is followed by a line no longer than itself (``1，开展送温暖活动，…审批困难`` / ``补助，…``)."""
    return (len(prev) <= 25 and len(cur) >= len(prev) + 8 and _HAN_START.match(prev[-1]) is not None
            and _NUMBERED.match(prev) is not None)


def _join_kind(prev: str, cur: str, nxt: str, wrap=None, printed: str | None = None) -> int:
    """How line ``cur`` joins its neighbours (stripped lines; ``nxt`` is ``""`` after the last line).

    ``_KEYWORD_JOIN``: ``…优秀论文、优秀`` / ``教案`` / ``、课题研究等…`` become one line; ``_SENTENCE_JOIN``: ``cur``
    continues ``prev`` (``…,(2月`` / ``27日怀柔)``); ``_WEAK_JOIN``: the same on ``prev``'s own words, which
    ``rejoin_lines`` checks on the whole line when ``prev`` is itself a continuation; else ``_NO_JOIN``.
    The join tests are pure, so the (costlier) chrome test runs only when a join would happen; a chrome line is
    never joined.  Lines are read without their pinyin annotations (``…審(shěn)批(pī)困(kùn)難(nán)`` ends in a Han character); a fixed-width
    cut is measured on the line as printed (``printed``: ``prev`` with its indent; default ``prev``)."""
    raw_prev = prev if printed is None else printed
    if "(" in prev or "（" in prev or "(" in cur or "（" in cur or "(" in nxt or "（" in nxt:
        prev, cur, nxt = strip_pinyin(prev), strip_pinyin(cur), strip_pinyin(nxt)
    # (a) hyperlink keyword alone on a line, inside a sentence (after a line that fills a fixed-width cut, a
    # short line is the last words of the paragraph: ``…提高工会委员工作积极`` / ``性`` / ``为工会工作…``)
    if (len(cur) <= _KEYWORD_MAX and _KEYWORD.fullmatch(cur) and not is_heading_like(cur) and nxt
            and not (wrap and fills_wrap(raw_prev, wrap))
            and not _ENDS_SENT.search(prev) and _HAN_END.search(prev)
            and (_CONT_START.match(nxt)
                 or (not is_heading_like(nxt) and _HAN_START.match(nxt)
                     and ((len(prev) >= 15 and _PROSE_PUNCT.search(prev)
                           # ``（三）抓好安全保卫教育。会同保卫部…组织员工学习`` / ``安全保卫`` / ``制度，…``
                           and (not is_heading_like(prev) or _RUN_IN_BODY.search(prev, 0, len(prev) - 1)))
                          # a numbered item broken mid-phrase: ``2.组织…举办的`` / ``理财`` / ``知识竞赛，…``
                          or _dangling_end().search(prev))))):
        return _NO_JOIN if is_chrome_line(cur) else _KEYWORD_JOIN
    # (b) a line a fixed-width PDF conversion cut mid-sentence (``wrap``: ``(width, measure)``, see ``text_wrap``),
    # headings included: ``（二）依托街道劳动争议调解中心，完善…工作机制，及时`` / ``化解劳动纠纷。``
    if wrap and wrap_continues(raw_prev, prev, cur, wrap):
        return _NO_JOIN if is_chrome_line(cur) else _SENTENCE_JOIN
    # (c) a sentence broken across lines
    if _ENDS_SENT.search(prev) or is_heading_like(cur) or (len(cur) <= _MONTH_MAX and _MONTH.fullmatch(cur)):
        return _NO_JOIN
    strong = _CONT_START.match(cur) or (_unclosed(prev) and not _unclosed(cur)
                                        and _CLOSER.search(cur))
    medium = (_HAN_END.search(prev) and _PROSE_PUNCT.search(prev[3:]) and not _head_section(prev)
              and not _short_heading(prev, cur) and not _title_line(prev)
              # (a space the whitespace rule will drop does not count: ``工工） 工`` is as short as ``工工）工``)
              and (_SENT_PUNCT.search(cur) or len(cur) - cur.count(" ") - cur.count("\u3000") <= 4)
              and _HAN_DIGIT_START.match(cur))
    if (strong or medium) and not is_chrome_line(cur):
        return _SENTENCE_JOIN if strong else _WEAK_JOIN
    return _NO_JOIN


@lru_cache(maxsize=1)
def _title_end() -> regex.Pattern:
    return regex.compile("(?r)(?:" + _title_words() + ")$")


def _title_line(line: str) -> bool:
    """A line with no comma that ends in a title word reads as a title, its 、 inside a slogan (``…供暖期“保供暖、
    优服务”劳动竞赛总结``): the line after it is its first body line, not the rest of a sentence."""
    return "，" not in line and "," not in line and _title_end().search(line) is not None


def _weak_join_holds(logical_prev: str, cur: str) -> bool:
    """A weak join (``_WEAK_JOIN``) of ``cur`` holds for the whole line ``logical_prev`` that ``prev`` ends, when
    ``prev`` is itself the rest of a broken line: ``…进行监督。四`` / ``、狠抓工会的活动,不断增强工会的凝聚力`` is a
    heading run on at the end of a line, and ``为了不断创新…`` below it starts its body."""
    return not _head_section(logical_prev) and not _short_heading(logical_prev, cur)


def _double_spaced(lines) -> bool:
    """A copy with a blank line after every line (some editors and forum exports double-space): of the gaps
    between two text lines, nine in ten are one blank line (``…审批困难`` / ```` / ``补助，…``), at least eight."""
    gaps = [0, 0]  # gaps of no blank line, of exactly one
    blank_run = -1  # blank lines since the last text line (-1: no text line yet)
    for ln in lines:
        if ln[3]:
            if 0 <= blank_run <= 1:
                gaps[blank_run] += 1
            blank_run = 0
        elif blank_run >= 0:
            blank_run += 1
    return gaps[1] >= 8 and gaps[1] >= 9 * gaps[0]


_INDENT = " \t\u3000\xa0"  # an &nbsp; indent too: ``\xa0\xa027日怀柔)`` continues ``…,(2月``


def rejoin_lines(text: str, memo: dict | None = None) -> list[Change]:
    """Rejoin a hyperlink keyword put on its own line, and a sentence a PDF conversion broke across lines.

    ``…优秀论文、优秀`` / ``教案`` / ``、课题研究等…`` → ``…优秀论文、优秀教案、课题研究等…``;
    ``1,召开我院第二届第五次教职工代表大会,(2月`` / ``27日怀柔)`` → one line.  A heading stays a line.
    ``memo`` (a dict kept across the fixpoint passes over one text) remembers the join tests of the line
    triples seen in an earlier pass: most lines are unchanged by a pass.  It also keeps the width of a
    fixed-width PDF conversion (``wrap_width``), measured on the text of the first pass.
    """
    strip = str.strip
    lines = [(s, e, e_nl, strip(text[s:e], _INDENT)) for s, e, e_nl in line_spans(text)]
    out: list[Change] = []
    joined_after: set[int] = set()  # indices i whose newline (after line i) is removed
    n = len(lines)
    if memo is None:
        memo = {}
    if _WRAP_KEY not in memo:
        memo[_WRAP_KEY] = text_wrap(text)
        memo[_SPACED_KEY] = _double_spaced(lines)
    wrap = memo[_WRAP_KEY]
    if memo[_SPACED_KEY]:
        # a double-spaced copy: the single blank line after every line is no paragraph break
        lines = [ln for k, ln in enumerate(lines)
                 if ln[3] or k == 0 or k + 1 == len(lines) or not lines[k - 1][3] or not lines[k + 1][3]]
        n = len(lines)
    run_start = 0  # first line of the logical line that line i-1 ends
    for i in range(1, n):
        if (i - 2) not in joined_after:
            run_start = i - 1
        prev, cur = lines[i - 1][3], lines[i][3]
        if not prev or not cur or (i - 1) in joined_after:
            continue
        nxt = lines[i + 1][3] if i + 1 < n else ""
        # the line as printed with a paragraph indent (two U+3000 or up to four spaces, not the run of spaces that
        # pushes a signature to the right margin), for the width of a fixed-width cut
        printed = prev
        if wrap:
            line = text[lines[i - 1][0]:lines[i - 1][1]].rstrip(_INDENT)
            if 0 < _columns(line[:len(line) - len(prev)]) <= 4:
                printed = line
        key = (printed, cur, nxt)
        kind = memo.get(key)
        if kind is None:
            kind = memo[key] = _join_kind(prev, cur, nxt, wrap, printed)
        if kind == _KEYWORD_JOIN:
            joined_after.add(i - 1)
            joined_after.add(i)
        elif kind == _SENTENCE_JOIN or (kind == _WEAK_JOIN and (
                run_start == i - 1 or _weak_join_holds("".join(ln[3] for ln in lines[run_start:i]), cur))):
            joined_after.add(i - 1)
    for i in sorted(joined_after):
        s, e, e_nl, _ = lines[i]
        if e_nl > e:
            # remove trailing spaces of line i, the newline and the indent of line i+1
            ns = lines[i + 1][0]
            ind = len(text[ns:lines[i + 1][1]]) - len(text[ns:lines[i + 1][1]].lstrip(_INDENT))
            tail = len(text[s:e]) - len(text[s:e].rstrip(_INDENT))
            out.append(Change(e - tail, ns + ind, ""))
    return out


# top level only: no arabic number, no (1); a report typed with half-width marks numbers its parts ``三,``
_SECTION_HEAD = regex.compile(rf"\s*(?:{_CN_HEAD_LOOSE}|[{_CN}]{{1,3}}[,，](?=\p{{Han}})|[(（]\s*[{_CN}]+\s*[)）]"
                              rf"|第[{_CN}\d]+)")
# a top-level heading run on after the last sentence of a line: ``…进行监督。四、狠抓工会的活动,不断增强工会的凝聚力``
_TAIL_HEAD = regex.compile(rf"(?:[。！？；!?;．]|(?<=[\p{{Han}}”）])\.)\s*(?:{_CN_HEAD}|[(（][{_CN}]{{1,3}}[)）])[^。！？；!?;：:]{{2,30}}$")


def _head_section(line: str) -> bool:
    """Top-level headings (``一、``, ``三,``, ``（一）``, ``第一``) are never continued by the next line, nor
    is a line that ends in one (``…进行监督。四、狠抓工会的活动,不断增强工会的凝聚力`` / ``为了不断创新…``)."""
    return bool(_SECTION_HEAD.match(line) or _TAIL_HEAD.search(line))


# 5 (whitespace) -----------------------------------------------------------------------------------------
_WS_EDGE = regex.compile(r"(?m)^[ \t\u3000\u00a0\ufeff\u200b\r\x0b\x0c]+|[ \t\u3000\u00a0\ufeff\u200b\r\x0b\x0c]+$")
_WS_RUN = regex.compile(r"(?<=\S)(?:[ \t\u3000\u00a0]{2,}|[\t\u3000\u00a0])(?=\S)")
_BLANKS = regex.compile(r"\n{3,}|^\n+|\n+$")
# invisible format characters inside a line (zero-width space / joiners, word joiner, BOM, soft hyphen): a WeChat
# or web copy leaves them inside words, ``职\u200b工`` → ``职工``; at a line's edge _WS_EDGE takes them
_ZERO_WIDTH = regex.compile(r"(?<=[^\s\u200b-\u200d\u2060\ufeff\u00ad])[\u200b-\u200d\u2060\ufeff\u00ad]+"
                            r"(?=[^\s\u200b-\u200d\u2060\ufeff\u00ad])")


# a heading number at the start of a line, with the stray spaces inside its brackets and after it (group s)
_HEAD_SPACE = regex.compile(
    rf"[ \t\u3000\xa0]*(?:[(（](?P<s>[ \t\u3000]*)(?:[{_CN}]{{1,3}}|\d{{1,2}})(?P<s>[ \t\u3000]*)[)）]"
    rf"|{_CN_HEAD}|{_ARABIC_HEAD}|[⑴-⒇①-⑳㈠-㈩])(?P<s>[ \t\u3000]*)"
    r"(?=[\p{Han}“‘《])")


_HEAD_FIRST = frozenset(_CN + "(（0123456789第" + "".join(
    map(chr, [*range(0x2474, 0x2488), *range(0x2460, 0x2474), *range(0x3220, 0x322A)])))  # ⑴-⒇ ①-⑳ ㈠-㈩
# a heading run into its body with a space: ``四、丰富机关文化生活 连续三年举办…，…``: the heading (a numbered phrase
# of 4-30 characters with no sentence mark) ends at the space when a sentence follows on the same line
# (第N needs its mark, else 第一次… would be a heading; an arabic number takes 、 or ． only, unlike _ARABIC_HEAD)
_RUN_IN_HEAD = regex.compile(
    rf"[ \t\u3000\xa0]*(?:{_CN_HEAD}|{_PAREN_HEAD}|\d{{1,2}}[、．]|第[{_CN}]{{1,3}}[,，、])"
    r"[ \t\u3000]*[\p{Han}“][^\s。！？；;：:!?]{3,29}(?<=[\p{Han}”])(?P<gap>[ \t\u3000]+)(?=[\p{Han}“\d][^\n]{7,}[，,。；;])")


# three or more single characters in a row with spaces between (the last one may run on into a word); a number
# counts as one (``关 于 2011 年 工 会``), and a heading number may stand before (``五、加 强 自 身``)
_LETTER_SPACED = regex.compile(
    r"(?<![\p{Han}，；：]|[^\n一二三四五六七八九十\d]、|^、)[\p{Han}]"
    r"(?:[ \u3000\xa0]+(?:[\p{Han}，、；：]|\d(?=[ \u3000\xa0]+[\p{Han}\d]|[ \u3000\xa0]*(?:\n|$))"
    r"|\d{2,}(?=[ \u3000\xa0]+\p{Han}))){2,}")
# a gap: any run of spaces the whitespace rule would make one (a tab is a table's cell boundary: kept).  A number of
# two or more digits counts as a letter only before a character (``关 于 2011 年``), a digit also before a digit or
# at the line end (``公司工会 2 0 1 5 年``, ``共3页 1 2 3``): ``1月 86 43000`` is a row of figures
_LETTER_GAP = regex.compile(r"[ \u3000\xa0]+")


def unspace_letters(line: str) -> str:
    """Letter-spaced runs read together (for matching): ``关 于 2011 年 工 会 工 作 情 况 的 报 告`` →
    ``关于2011年工会工作情况的报告``; ``XX 工会 2011 年`` (words, not letters) stays as it is."""
    if not _LETTER_GAP.search(line):
        return line
    return _LETTER_SPACED.sub(lambda m: _LETTER_GAP.sub("", m.group()), line)


# one space inside a heading after a word that cannot end a phrase (``二、存在的 问题和不足``, ``三、2011年 工作安排``);
# two-phrase headings (``一、团结拼搏 建功立业``) keep theirs
_HEAD_GAP = regex.compile(
    rf"[ \t\u3000\xa0]*(?:{_CN_HEAD}|{_PAREN_HEAD}|{_ARABIC_HEAD})"
    r"[^\s。！？；;：:!?，,]{1,20}?[的之和与及年](?P<gap> )(?=[\p{Han}][^\s。！？；;!?]{1,20}$)")


def whitespace(text: str) -> list[list[Change]]:
    """Strip leading spaces / U+3000 indents and trailing spaces, collapse runs, keep paragraph breaks, and
    drop the spaces a heading number leaves between itself and its words.

    ``\u3000\u3000一年来，在院班子…`` → ``一年来，在院班子…``; ``（ 二 ）关心职工生活`` → ``（二）关心职工生活``;
    ``㈠ 加强组织建设`` → ``㈠加强组织建设``; a heading run into its body with a space goes on its own line:
    ``四、丰富机关文化生活 连续三年举办职工运动会，…`` → ``四、丰富机关文化生活\n连续三年举办职工运动会，…``;
    three blank lines → one blank line (``blank_lines``).
    """
    first = [Change(m.start(), m.end(), "") for m in _WS_EDGE.finditer(text)]
    if not text.isascii():
        first += [Change(m.start(), m.end(), "") for m in _ZERO_WIDTH.finditer(text)]
    heads = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.lstrip(_INDENT)
        if body[:1] not in _HEAD_FIRST:  # only lines that start like a heading number ...
            continue
        head = body[:40]
        if " " not in head and "\u3000" not in head and "\t" not in head:  # ... with a space near the number
            continue
        m = _HEAD_SPACE.match(text, start, end)
        if m:
            heads += [Change(s, e, "") for s, e in m.spans("s") if e > s]
        m = _RUN_IN_HEAD.match(text, start, end)
        if m:
            heads.append(Change(m.start("gap"), m.end("gap"), "\n"))
        m = _HEAD_GAP.match(text, start, end)
        if m:
            heads.append(Change(m.start("gap"), m.end("gap"), ""))
    if _LETTER_GAP.search(text):
        # letter-spaced text (PDF conversions, spaced-out headings): ``加 强 组 织 建 设 ， 夯 实`` → ``加强组织建设，夯实``
        for m in _LETTER_SPACED.finditer(text):
            heads += [Change(g.start(), g.end(), "") for g in _LETTER_GAP.finditer(text, m.start(), m.end())]
    if heads:  # the space rules may name the same space twice (``一、 加 强``): keep each once
        heads.sort(key=lambda c: (c.start, -c.end))
        kept, last = [], -1
        for c in heads:
            if c.start >= last:
                kept.append(c)
                last = c.end
        heads = kept
    taken = {i for c in heads for i in range(c.start, c.end)}
    first += heads
    first += [Change(m.start(), m.end(), " ") for m in _WS_RUN.finditer(text)
              if m.group() != " " and m.start() not in taken]
    return [first]


def blank_lines(text: str) -> list[Change]:
    out = []
    for m in _BLANKS.finditer(text):
        if m.start() == 0 or m.end() == len(text):
            out.append(Change(m.start(), m.end(), ""))
        else:
            out.append(Change(m.start(), m.end(), "\n\n"))
    return out


# width --------------------------------------------------------------------------------------------------
# full-width digits, letters and ％, and the Kangxi-radical look-alikes a PDF font can map characters to
# (``⼯会``, U+2F2F): NFKC gives the plain forms of both
_WIDE_ALNUM = regex.compile(r"[０-９Ａ-Ｚａ-ｚ％\u2f00-\u2fd5\u2e9f\u2ef3]+(?:．[０-９]+)?")
_WIDE_DECIMAL = regex.compile(r"(?<=[0-9])．(?=[0-9])")  # ``18．6亿元`` (half-width digits, a full-width point)
_ZERO_IN_DIGITS = regex.compile(r"(?<=[0-9])[〇○]+(?=[0-9%％])")
_WIDE_LIST_STOP = regex.compile(r"(?m)(?<=^[ \t\u3000]*[0-9０-９]{1,3})．(?![0-9０-９])")


def width(text: str) -> list[Change]:
    """Full-width digits, Latin letters and ``％`` become half-width, as in edited Chinese text (the
    punctuation marks ``，。：（）`` stay full-width; ``punctuation`` handles them).

    ``发放慰问金２８．６万元，组建率达１００％`` → ``发放慰问金28.6万元，组建率达100%``; ``卡拉ＯＫ`` → ``卡拉OK``;
    ``职⼯⼤会`` (Kangxi radicals) → ``职工大会``.
    """
    out = [Change(m.start(), m.end(), unicodedata.normalize("NFKC", m.group())) for m in _WIDE_ALNUM.finditer(text)]
    if "．" in text:  # a list number's full stop: ``１．每年召开一次职工大会`` → ``1.每年召开一次职工大会``
        out += [Change(m.start(), m.end(), ".") for m in _WIDE_LIST_STOP.finditer(text)]
        out += [Change(m.start(), m.end(), ".") for m in _WIDE_DECIMAL.finditer(text)]
    if "〇" in text or "○" in text:  # an OCR'd or mistyped zero inside an Arabic number: ``2〇15年``, ``1〇0%``
        out += [Change(m.start(), m.end(), "0" * len(m.group())) for m in _ZERO_IN_DIGITS.finditer(text)]
    out.sort(key=lambda c: c.start)
    return out


# 0 (mojibake) -------------------------------------------------------------------------------------------
_LOST = regex.compile(r"(?<=\p{Han})\ufffd+(?=\p{Han})")


def mojibake(text: str) -> list[Change]:
    """Lines that went through a wrong decoding read back as the UTF-8 they were (``mojibake.repair_line``):
    ``4ã€åšå¥½èŒå·¥ç¦åˆ©…`` → ``4、做好职工福利…``, ``鍥涖�佸叧蹇冭亴宸ョ敓娲�`` → ``四□关心职工生□`` (□ where the
    misreading lost bytes); so does a lone ``�`` inside a word (``公�制度`` → ``公□制度``)."""
    if text.isascii():
        return []
    out = []
    if might_have_mojibake(text):
        for s, e, _ in line_spans(text):
            fixed = repair_line(text[s:e])
            if fixed is not None:
                out.append(Change(s, e, fixed, 0.8, "mojibake"))
    if "\ufffd" in text:  # a character lost to a bad decoding inside a word (``坚持馆务公�制度``): the 缺字 mark
        taken = [(c.start, c.end) for c in out]
        out += [Change(m.start(), m.end(), "\u25a1", 0.8, "lost character") for m in _LOST.finditer(text)
                if not any(a <= m.start() < b for a, b in taken)]
        out.sort(key=lambda c: c.start)
    return out


# 4 (pinyin, t2s) ----------------------------------------------------------------------------------------
def pinyin(text: str) -> list[Change]:
    """Strip toned readings after characters: ``醫(yī)院工會工作總結(jié)`` → ``醫院工會工作總結``."""
    return [Change(s, e, "") for s, e in pinyin_spans(text)]


def _opencc():
    return opencc_converter("t2s")


_HAN = regex.compile(r"\p{Han}")
_NON_HAN = regex.compile(r"\P{Han}+")


def _diff_positions(a: str, b: str):
    """Indices where two equal-length strings differ (vectorised: UTF-32 code units compared by numpy)."""
    import numpy as np

    x = np.frombuffer(a.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    y = np.frombuffer(b.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return np.flatnonzero(x != y)


@lru_cache(maxsize=1)
def _han_table():
    """A boolean per code point: ``\\p{Han}`` as the ``regex`` module defines it (read from the module itself,
    ~20 ms once), for numpy look-ups."""
    import numpy as np

    cps = np.arange(0x110000, dtype=np.uint32)
    cps = cps[(cps < 0xD800) | (cps > 0xDFFF)]  # every code point a str can be encoded from
    table = np.zeros(0x110000, dtype=bool)
    for m in regex.finditer(r"\p{Han}+", cps.tobytes().decode("utf-32-le")):
        table[cps[m.start():m.end()]] = True
    return table


def han_chars(text: str) -> str:
    """The Han characters of ``text`` in order (``_NON_HAN.sub("", text)``, vectorised):
    ``醫(yī)院工會, 2019年`` → ``醫院工會年``."""
    import numpy as np

    x = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return x[_han_table()[x]].tobytes().decode("utf-32-le")


def traditional_share(text: str, sample: int = 4000) -> float:
    """Share of Han characters that OpenCC t2s changes (≈0 for Simplified text, ≥0.15 for Traditional)."""
    s = han_chars(text[:sample] if len(text) > sample else text)  # the Han characters, in order
    if not s:
        return 0.0
    conv = _opencc().convert(s)
    if len(conv) != len(s):
        return 1.0
    if conv == s:
        return 0.0
    return len(_diff_positions(s, conv)) / len(s)


def t2s(text: str, min_share: float = 0.05) -> list[Change]:
    """Traditional → Simplified with OpenCC, only when the text is actually Traditional.

    ``醫院工會工作總結`` → ``医院工会工作总结``; a Simplified text with one ``後`` is left alone.
    """
    if traditional_share(text) < min_share:
        return []
    conv = _opencc().convert(text)
    if len(conv) == len(text):
        import numpy as np

        # runs of differing characters
        diff = _diff_positions(text, conv)
        if not len(diff):
            return []
        cut = np.flatnonzero(np.diff(diff) != 1)  # the last position of each run but the last
        starts = diff[np.concatenate(([0], cut + 1))].tolist()
        ends = (diff[np.concatenate((cut, [len(diff) - 1]))] + 1).tolist()
        return [_new_change((a, b, conv[a:b], 1.0, "")) for a, b in zip(starts, ends)]
    import difflib

    sm = difflib.SequenceMatcher(None, text, conv, autojunk=False)
    return [Change(i1, i2, conv[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


# 4b (typo) ----------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _typo_table():
    """``typos.txt`` as one pattern over the wrong forms and {wrong: (right, not after, not before)}."""
    table = {}
    for line in load_lines("lexicon/cleaner/typos.txt"):
        wrong, right, *ctx = line.split()
        after, before = ((c if c != "-" else "") for c in (ctx + ["-", "-"])[:2])
        table[wrong] = (right, after, before)
    pattern = regex.compile("|".join(regex.escape(w) for w in sorted(table, key=len, reverse=True)))
    return pattern, table


# OCR reads a digit as a letter: ``组织l2支突击队``, ``培训I20人次`` (1), ``二O一一年`` (〇 in a Chinese-numeral year)
_OCR_ONE = regex.compile(r"(?<=[\p{Han}\d])[lI](?=\d)|(?<=\d)[lI](?=[\d\p{Han}])")
_OCR_ZERO = regex.compile(r"(?<=[一二三四五六七八九〇零])[0Oo]+(?=[一二三四五六七八九〇零十年])")


def _context_ok(text: str, i: int, spec: str) -> bool:
    """The character at ``i`` passes a context column of ``typos.txt`` (a set it must not be, ``+``: must be)."""
    ch = text[i] if 0 <= i < len(text) else ""
    if spec.startswith("+"):
        return ch != "" and ch in spec[1:]
    return ch == "" or ch not in spec


def typo(text: str) -> list[Change]:
    """Mend misspellings and OCR confusions whose wrong form is no word (``typos.txt``): ``看到了自已的不足`` →
    ``看到了自己的不足``, ``己经全部落实答复`` → ``已经全部落实答复``, ``再接再励`` → ``再接再厉``, ``集团公司エ会`` →
    ``集团公司工会``.  A neighbour that makes a real word of the wrong form's edge keeps it: ``自己经常`` (自己 +
    经常), ``来自已经退休的职工``.  OCR letters in numbers: ``培训I20人次`` → ``培训120人次``, ``二O一一年`` →
    ``二〇一一年``."""
    pattern, table = _typo_table()
    out = []
    for m in pattern.finditer(text):
        right, after, before = table[m.group()]
        s, e = m.span()
        if _context_ok(text, s - 1, after) and _context_ok(text, e, before):
            out.append(Change(s, e, right, 0.9, "typos.txt"))
    if not text.isascii():
        out += [Change(m.start(), m.end(), "1", 0.9, "ocr digit") for m in _OCR_ONE.finditer(text)]
        out += [Change(m.start(), m.end(), "〇" * len(m.group()), 0.9, "ocr digit") for m in _OCR_ZERO.finditer(text)]
    out.sort(key=lambda c: c.start)
    return out


# 5 (punctuation) ----------------------------------------------------------------------------------------
_CJ = r"[\p{Han}“”‘’《》（）【】、，。；：！？…—]"
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT = regex.compile(
    rf"(?:(?<={_CJ})[,;:?!]+|[,;:?!]+(?={_CJ}))"
)
_CJ1 = regex.compile(_CJ)
_PAREN = regex.compile(r"[(（]([^()（）\n]{0,120})[)）]")
_QUOTE = regex.compile(r'"([^"\n]{1,150})"')
# a half-width full stop after Chinese: at a line's end, or before Chinese, a quote or a number
# (``调整”.科室``, ``目标.2009年``, ``水平. 首先``); never a heading number (``一.努力``, ``十一.``)
_FULLSTOP = regex.compile(r"(?<=[\p{Han}”）》])\.(?=[ \t]*(?:\n|$))"
                          rf"|(?<=\p{{Han}}{{2}}|\d\p{{Han}}|[”）》%])(?<!(?:^|\n)[ \t\u3000]*[{_CN}]{{1,3}})"
                          r"\.(?=[ \t]?[\p{Han}“《（]|[）」』]|\d|XX|xx)")


def punctuation(text: str):
    """Half-width ``,;:?!()`` and ``"…"`` in Chinese context become GB/T 15834 full-width forms.

    ``2,开始收缴纳20xx年度会费,召开工会委员会,`` → ``2，开始收缴纳20xx年度会费，召开工会委员会，``;
    ``(1)不断加强理论学习`` → ``（1）不断加强理论学习``; ``3.5``, ``10:30``, ``http://`` keep theirs;
    a doubled comma ``,,`` or ``，，`` becomes one ``，`` (``能力。。`` → ``能力。``, but ``。。。`` stays); a ``.`` after
    Chinese at a line's end or before Chinese or a number becomes ``。`` (``结构调整”.科室`` → ``结构调整”。科室``,
    ``一.努力`` keeps its heading dot); a space after a full-width mark goes (``活动。 全年`` → ``活动。全年``).
    """
    return [_punct_pairs(text), _punct_marks, _punct_tidy]


@lru_cache(maxsize=65536)
def _is_cj(ch: str) -> bool:
    """``ch`` is Chinese context for a half-width mark (``_CJ``): ``党``, ``，``, ``“``."""
    return _CJ1.match(ch) is not None


def _punct_runs(text: str) -> list[tuple[int, int]]:
    """The matches of ``_PUNCT.finditer(text)``, found from the marks: a maximal run of ``,;:?!`` with Chinese
    context on either side (``召开工会委员会,;`` → the run ``,;``; ``10:30`` has none).  ``str.find`` skips the
    prose between marks much faster than the regex steps through it."""
    pos: list[int] = []
    for ch in ",;:?!":
        i = text.find(ch)
        while i >= 0:
            pos.append(i)
            i = text.find(ch, i + 1)
    if not pos:
        return []
    pos.sort()
    pos.append(-2)  # sentinel: closes the last run
    out, n, cj = [], len(text), _is_cj
    s = e = pos[0]
    for p in pos[1:]:
        if p == e + 1:
            e = p
            continue
        e += 1
        if (s and cj(text[s - 1])) or (e < n and cj(text[e])):
            out.append((s, e))
        s = e = p
    return out


# a space after a full-width mark (``活动。 全年``): no word boundary in Chinese; nor before one, after a Han
# character (an OCR'd letter-spaced line: ``坚持职代会制度 。``)
_SPACE_BY_MARK = regex.compile(r"(?<=[。，、；：！？）”])[ \t\u3000]+(?=[\p{Han}\d“（])"
                                  r"|(?<=\p{Han})[ \t\u3000]+(?=[。，、；：！？])")
# a doubled full-width mark (``监督，，促进``, ``能力。。``); three or more 。 stand for an ellipsis and stay
_DOUBLED = regex.compile(r"，{2,}|、{2,}|；{2,}|(?<!。)。。(?!。)")


def _punct_marks(text: str) -> list[Change]:
    half, new = _HALF, _new_change
    # a run becomes the full-width form of its first mark; ``http://`` keeps its colon
    out = [new((s, e, half[text[s]], 1.0, "")) for s, e in _punct_runs(text)
           if text[s] != ":" or not text.startswith("//", e)]
    if "." in text:
        out.extend(Change(m.start(), m.end(), "。") for m in _FULLSTOP.finditer(text))
    return out


def _punct_tidy(text: str) -> list[Change]:
    """``监督，，促进`` → ``监督，促进`` (after the half-width marks became full-width: ``工会,，好`` too), and a space
    after a full-width mark goes (no word boundary in Chinese): ``开展岗位练兵活动。 全年`` → ``…活动。全年``; so
    does one between a Han character and the mark after it: ``坚持职代会制度 。`` → ``坚持职代会制度。``."""
    out = []
    if "，，" in text or "。。" in text or "、、" in text or "；；" in text:
        out = [Change(m.start(), m.end(), m.group()[0]) for m in _DOUBLED.finditer(text)]
    if " " in text or "\u3000" in text or "\t" in text:
        out += [Change(m.start(), m.end(), "") for m in _SPACE_BY_MARK.finditer(text)]
        out.sort(key=lambda c: c.start)
    return out


def _chinese_pair(text: str, m) -> bool:
    """A bracket or quote pair ``m`` (group 1: what it encloses) is in Chinese context: Han inside, or right
    outside (``举办"5·12"护士节``, ``(1)不断加强``)."""
    s, e = m.span()
    return bool(_HAN.search(m.group(1)) or (s and _HAN.match(text[s - 1])) or (e < len(text) and _HAN.match(text[e])))


def _punct_pairs(text: str) -> list[Change]:
    out: list[Change] = []
    taken: set[int] = set()
    if "(" in text or ")" in text:
        for m in _PAREN.finditer(text):
            if not _chinese_pair(text, m):
                continue
            s, e = m.span()
            if text[s] == "(" and s not in taken:
                out.append(Change(s, s + 1, "（"))
            if text[e - 1] == ")" and e - 1 not in taken:
                out.append(Change(e - 1, e, "）"))
    if '"' in text:
        for m in _QUOTE.finditer(text):
            if _chinese_pair(text, m):
                out.append(Change(m.start(), m.start() + 1, "“"))
                out.append(Change(m.end() - 1, m.end(), "”"))
    out.sort(key=lambda c: c.start)
    # drop overlaps (a paren inside a punct run cannot happen; keep the first)
    res, last = [], -1
    for c in out:
        if c.start >= last:
            res.append(c)
            last = c.end
    return res


# 6 ------------------------------------------------------------------------------------------------------
# (an en dash too: a page that wrote the hyphen as ``&#8211;`` gives ``民–主``)
_HYPHENS = "-－‐‑–"
# the Han run after a hyphen is taken whole, so that the next hyphen of ``工-会工-会`` is in the same match (a
# trailing context of three characters ate its left neighbour, and it was joined only by a second cleaning)
_HYPHEN_RUN = regex.compile(rf"\p{{Han}}{{0,3}}\p{{Han}}(?:[{_HYPHENS}]\p{{Han}}+)+")
_HYPHEN_POS = re.compile(rf"[{_HYPHENS}]")


@lru_cache(maxsize=1)
def _word_freq():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    extra = load_lines("lexicon/cleaner/known_words.txt")
    return jieba.dt.FREQ, frozenset(extra)


def _is_word(w: str) -> bool:
    freq, extra = _word_freq()
    return w in extra or freq.get(w, 0) > 0


def _hyphen_runs(text: str):
    """The matches of ``_HYPHEN_RUN.finditer(text)`` (``民-主管理``), found from the hyphens: the regex alone tries
    every Han character of the text as a start.

    The next match after offset ``pos`` starts at most 4 characters before its first hyphen, and that is the
    first hyphen at or after ``pos + 1`` with Han on both sides, so searching from there finds the same match."""
    pos, n = 0, len(text)
    search, han = _HYPHEN_RUN.search, _HAN.match
    for h in _HYPHEN_POS.finditer(text):
        h = h.start()
        if h - 1 < pos or h + 1 >= n or not han(text, h - 1) or not han(text, h + 1):
            continue
        m = search(text, max(pos, h - 4))
        yield m
        pos = m.end()


def hyphen(text: str) -> list[Change]:
    """Remove filter-evasion hyphens inside words: ``民-主管理`` → ``民主管理``, ``邓-小-平理论`` → ``邓小平理论``.

    The hyphen goes only when some known word (jieba dictionary + ``known_words.txt``) spans it.
    """
    if not any(h in text for h in _HYPHENS):
        return []
    out = []
    for m in _hyphen_runs(text):
        seg = m.group()
        chars, hpos = [], []  # joined characters; original offsets of hyphens by joined index
        for k, ch in enumerate(seg):
            if ch in _HYPHENS:
                hpos.append((len(chars), m.start() + k))
            else:
                chars.append(ch)
        joined = "".join(chars)
        for j, off in hpos:
            ok = False
            for a in range(max(0, j - 3), j):
                for b in range(j + 1, min(len(joined), j + 3) + 1):
                    if b - a >= 2 and _is_word(joined[a:b]):
                        ok = True
                        break
                if ok:
                    break
            if ok:
                out.append(Change(off, off + 1, ""))
    return out


# 7 ------------------------------------------------------------------------------------------------------
_YEAR_PH = regex.compile(r"(?<![\dA-Za-z])(19|20)(?:[xX×*＊_＿]{2}|\d[xX×*＊_＿])(?![\dA-Za-z*＊_＿])")
_NAME_PH = regex.compile(r"(?<![A-Za-z])(?:[xX×]{2,}|[_＿]{2,})(?![A-Za-z])")
# one letter standing for a number or a name before a date or place unit: X月X日, X县; not X光 (X-ray)
_SINGLE_PH = regex.compile(r"(?<![A-Za-z\d× \t])[xX×](?=[月日号號县縣市区區镇鎮乡鄉村])")


@lru_cache(maxsize=1)
def _masked_name_context():
    return tuple(load_lines("lexicon/cleaner/masked_name_contexts.txt"))


@lru_cache(maxsize=1)
def _placeholder_contexts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(load_lines("lexicon/cleaner/placeholder_before.txt")),
            tuple(load_lines("lexicon/cleaner/placeholder_after.txt")))


def _blank_in_word(text: str, s: int, e: int) -> bool:
    """An underscore run inside a word is a censorship mask, not a blank for a name or number: Chinese on both
    sides, no name-taking word before it and no place, body, address or unit after it.

    ``四中__精神`` (全会) and ``工会__任副组长`` (主席) are masks; ``在__县``, ``工会主席__为``, ``职工__人`` are blanks.
    """
    if s == 0 or e >= len(text) or not _HAN.match(text, s - 1) or not _HAN.match(text, e):
        return False
    before, after = _placeholder_contexts()
    return not text.endswith(before, 0, s) and not text.startswith(after, e)


def placeholder(text: str) -> list[Change]:
    """Normalise anonymisation placeholders to one marker per kind (counted, never guessed).

    ``20xx年``/``20**年``/``201x年``/``20__年`` → ``20XX年``; ``xxx院长``, ``__医院``, ``撰写人:___`` → ``XX``;
    ``X月X日``, ``X县`` → ``XX月XX日``, ``XX县``.  Underscores over a leader's name (``贯彻___总书记系列重要讲话``)
    or inside a word (``四中__精神``) are a mask, left to the mask rule.
    """
    out = []
    for m in _YEAR_PH.finditer(text):
        rep = m.group(1) + "XX"
        if m.group() != rep:
            out.append(Change(m.start(), m.end(), rep, 1.0, "year"))
    taken = [(c.start, c.end) for c in out]
    for m in _NAME_PH.finditer(text):
        if m.group() == NAME_PLACEHOLDER or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group()[0] in "_＿" and (text.startswith(_masked_name_context(), m.end())
                                      or _blank_in_word(text, m.start(), m.end())):
            continue
        out.append(Change(m.start(), m.end(), NAME_PLACEHOLDER, 1.0, "name"))
    taken = [(c.start, c.end) for c in out]
    for m in _SINGLE_PH.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(Change(m.start(), m.end(), NAME_PLACEHOLDER, 1.0, "single"))
    out.sort(key=lambda c: c.start)
    return out
