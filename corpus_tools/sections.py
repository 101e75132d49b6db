"""Stage 5: every report as a tree of numbered headings.

``parse(text)`` finds the numbered headings of one cleaned report (every numbering family of real
Chinese work reports: 一、 （一） ㈠ 1、 1. （1） ⑴ ① 第一， 第一部分 1.1 …), infers their nesting per
report, and returns a :class:`SectionTree`; ``sections_frame(reports)`` does it for a whole reports
DataFrame and returns the Sections DataFrame of ``docs/ARCHITECTURE.md``.

How levels are inferred (the order matters, see :meth:`SectionParser._place`):

1. Styles form a stack in the order a report first uses them: a new style nests under the current
   one, a style already on the stack returns to its level (``一、 → （一） → 1、 → （二）``).
2. A number that continues a sibling sequence (n+1) is preferred over one that would start or restart
   a sequence: ``一、 … 1、 2、 （二）`` puts （二） beside 一、 (flag ``mixed_style``), not under 2、.
3. GB/T 9704-2012 order (一、 → （一） → 1. → （1）) only breaks ties between those readings.
4. Skipped numbers, restarts and mixed separators are flagged on the section, never "fixed".

All Chinese patterns live in ``data/lexicon/sections_*.txt``.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import regex

from corpus_tools._data import load_lines
from corpus_tools._numerals import chinese_to_int

__all__ = [
    "Section",
    "SectionTree",
    "SectionParser",
    "parse",
    "sections_frame",
    "chinese_to_int",
    "read_ordinal",
    "split_inline_heading",
    "SECTION_COLUMNS",
]

SECTION_COLUMNS = [
    "report_id", "section_id", "parent_id", "level", "style", "number", "ordinal", "heading",
    "body", "path", "start", "end", "flags",
]


# --------------------------------------------------------------------------------------------------
# numerals (``chinese_to_int`` lives in ``corpus_tools._numerals``: the cleaner reads heading numbers too)
# --------------------------------------------------------------------------------------------------
def read_ordinal(num: str) -> int | None:
    """The integer a numbering token stands for: ``十二`` → 12, ``⑶`` → 3, ``㉑`` → 21, ``１２`` → 12,
    ``1.2.3`` → 3 (the last component), ``Ⅳ`` → 4."""
    if not num:
        return None
    if len(num) == 1:
        o = ord(num)
        for lo, hi, base in _ENCLOSED:
            if lo <= o <= hi:
                return o - lo + base
    if num[0].isdigit():
        last = num.replace("．", ".").rsplit(".", 1)[-1]
        try:
            return int(last)
        except ValueError:
            return None
    return chinese_to_int(num)


# (first code point, last code point, value of the first) for enclosed numerals
_ENCLOSED = [
    (0x2460, 0x2473, 1),   # ① … ⑳
    (0x2474, 0x2487, 1),   # ⑴ … ⒇
    (0x2488, 0x249B, 1),   # ⒈ … ⒛
    (0x3251, 0x325F, 21),  # ㉑ … ㉟
    (0x32B1, 0x32BF, 36),  # ㊱ … ㊿
    (0x3220, 0x3229, 1),   # ㈠ … ㈩
    (0x2160, 0x216B, 1),   # Ⅰ … Ⅻ
]

# --------------------------------------------------------------------------------------------------
# data files
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Family:
    style: str
    rank: float
    pattern: "regex.Pattern"


def _families() -> list[_Family]:
    out = []
    for line in load_lines("lexicon/sections_numbering.txt"):
        style, rank, pat = line.split("\t", 2)
        out.append(_Family(style, float(rank), regex.compile(pat)))
    return out


def _false_after() -> dict[str, "regex.Pattern"]:
    by_style: dict[str, list[str]] = {}
    for line in load_lines("lexicon/sections_false_after.txt"):
        style, pat = line.split("\t", 1)
        by_style.setdefault(style, []).append(pat)
    return {k: regex.compile("|".join(f"(?:{p})" for p in v)) for k, v in by_style.items()}


_CN_NUM = "一二三四五六七八九十百零〇两兩壹贰叁肆伍陆柒捌玖拾"


def _unit_pattern() -> tuple["regex.Pattern", "regex.Pattern"]:
    units = sorted(load_lines("lexicon/sections_units.txt"), key=len, reverse=True)
    alt = "|".join(regex.escape(u) for u in units)
    joiner = r"(?:[、,，.．～~至到\-—－]|[ \t])"
    arabic = regex.compile(rf"\d{{1,3}}(?:{joiner}\d{{1,3}})*[ \t]*(?:{alt})")
    # (``二、五年来的主要体会`` is a heading: 年来 / 年以来 is "over the years", no quantity)
    chinese = regex.compile(rf"[{_CN_NUM}]{{1,3}}(?:{joiner}?[{_CN_NUM}]{{1,3}})*(?:{alt})(?!来|以来|來|以來)")
    return arabic, chinese


# --------------------------------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------------------------------
@dataclass
class Section:
    """One section of a report: its numbered heading and its own text (up to its first child)."""

    report_id: str
    section_id: str
    parent_id: str
    level: int
    style: str
    number: str
    ordinal: int
    heading: str
    body: str
    path: str
    start: int
    end: int
    flags: list[str] = field(default_factory=list)
    marker: str = ""            # the numbering as written, separator included ("二、", "(一)、")
    subtree_end: int = 0        # end of the last descendant's text
    children: list[int] = field(default_factory=list)  # indices into SectionTree.sections

    def as_row(self) -> dict:
        return {c: getattr(self, c) for c in SECTION_COLUMNS}


@dataclass
class SectionTree:
    """The sections of one report in document order; ``sections[0]`` is the level-0 preamble."""

    text: str
    report_id: str = ""
    sections: list[Section] = field(default_factory=list)

    @property
    def headings(self) -> list[Section]:
        """All sections except the preamble."""
        return [s for s in self.sections if s.level > 0]

    def full_text(self, section: Section) -> str:
        """Heading + body + all descendants' text."""
        return self.text[section.start:section.subtree_end]

    def rows(self, full_text: bool = True) -> list[dict]:
        """One dict per section with the ``SECTION_COLUMNS`` (+ ``full_text``)."""
        rows = []
        for s in self.sections:
            row = s.as_row()
            row["flags"] = list(s.flags)
            if full_text:
                row["full_text"] = self.full_text(s)
            rows.append(row)
        return rows

    def to_frame(self, full_text: bool = True):
        import pandas as pd

        rows = self.rows(full_text)
        cols = SECTION_COLUMNS + (["full_text"] if full_text else [])
        return pd.DataFrame(rows, columns=cols)

    def pretty(self, body_chars: int = 0) -> str:
        """Indented readable tree, one heading per line (``body_chars`` > 0 appends the body's start)."""
        lines = []
        for s in self.sections:
            if s.level == 0:
                head = "[preamble]" + (f" {s.body[:30]}…" if s.body else "")
            else:
                head = f"{s.marker}{s.heading}"
                if body_chars and s.body:
                    head += f"  | {s.body[:body_chars]}…"
            flags = f"  [{', '.join(s.flags)}]" if s.flags else ""
            lines.append("  " * max(s.level - 1, 0) + head + flags)
        return "\n".join(lines)

    __str__ = pretty

    def _repr_html_(self) -> str:
        items = []
        for s in self.sections[1:]:
            flags = f" <small>[{', '.join(s.flags)}]</small>" if s.flags else ""
            items.append(f'<div style="margin-left:{(s.level - 1) * 1.5}em">'
                         f"<b>{html.escape(s.marker)}</b>{html.escape(s.heading)}{flags}</div>")
        return "<div>" + "".join(items) + "</div>"

    def __len__(self) -> int:
        return len(self.sections)

    def __iter__(self) -> Iterator[Section]:
        return iter(self.sections)


# --------------------------------------------------------------------------------------------------
# inline headings
# --------------------------------------------------------------------------------------------------
_HEAD_STOP = regex.compile(r"[。；;：:！!？?]|[ \t]{2,}|　")
_LEAD_JUNK = regex.compile(r"^[ \t　.．、,，:：]+")
_TRAIL_JUNK = " \t\r　，,、"


def split_inline_heading(rest: str, max_len: int = 50) -> tuple[str, int]:
    """Split the text after a numbering marker into heading and same-line body.

    Returns ``(heading, body_offset)`` where ``rest[body_offset:]`` is the body on the heading's line.
    The heading ends at the first ``。；：！？``, a double space, or — when none comes within ``max_len``
    characters — at the last comma before ``max_len``:

    >>> split_inline_heading("不断加强理论学习,提高教工师德水平。 首先,我们加强了政治理论的学习")
    ('不断加强理论学习,提高教工师德水平', 18)
    >>> split_inline_heading("指导思想:")
    ('指导思想', 5)
    """
    m = _HEAD_STOP.search(rest, 0, max_len + 1)
    if m:
        return rest[:m.start()].rstrip(_TRAIL_JUNK), m.end()
    if len(rest) <= max_len:
        return rest.rstrip(_TRAIL_JUNK), len(rest)
    cut = max(rest.rfind("，", 0, max_len), rest.rfind(",", 0, max_len))
    if cut < 8:
        cut = max_len
        return rest[:cut], cut
    return rest[:cut].rstrip(_TRAIL_JUNK), cut + 1


# --------------------------------------------------------------------------------------------------
# the parser
# --------------------------------------------------------------------------------------------------
@dataclass
class _Cand:
    pos: int          # offset of the marker
    rest: int         # offset where the heading text starts
    line_end: int
    style: str
    rank: float
    num: str
    ordinal: int
    sep: str
    midline: bool = False
    needs_continuation: bool = False  # ambiguous forms (3.5…, mid-line) count only if they continue


@dataclass
class _Frame:
    primary: str
    styles: set
    rank: float
    last: int
    sep: str
    index: int  # section index


_SENTENCE_MARK = regex.compile(r"[。；;！!？?\t]|[,，、].*[,，、]")

_SEP_NORMAL = str.maketrans({"．": ".", "，": ",", "（": "(", "）": ")", "：": ":", "〔": "(", "〕": ")",
                             "【": "(", "】": ")", "［": "(", "］": ")", "[": "(", "]": ")"})


class SectionParser:
    """Numbered-heading parser (scikit-learn-like parameters, no fitting needed).

    Parameters
    ----------
    max_heading_len : an inline heading without ``。；：`` or a double space is cut at the last comma
        before this many characters.
    midline : also accept a heading that starts right after a sentence end inside a line
        (``…崭露头角。4、继续抓好…``) when it continues an open sibling sequence; such breaks are lost
        when a page re-joins lines.
    max_ordinal : larger numbers are years, amounts or page numbers, not headings.
    """

    def __init__(self, max_heading_len: int = 50, midline: bool = True, max_ordinal: int = 60):
        self.max_heading_len = max_heading_len
        self.midline = midline
        self.max_ordinal = max_ordinal
        self._families = _families()
        self._false_after = _false_after()
        self._unit_ar, self._unit_cn = _unit_pattern()
        starters: set[str] = set()
        self._by_char: dict[str, list[_Family]] = {}
        for fam in self._families:
            first = _first_chars(fam.pattern.pattern)
            starters.update(first)
            for ch in first:  # only the families that can start with this character are tried
                self._by_char.setdefault(ch, []).append(fam)
        cls = "".join(regex.escape(c) for c in sorted(starters))
        self._line_start = regex.compile(rf"(?m)^[ \t　\xa0]*(?=[{cls}])")
        # sentence ends; a half-width "." counts only after a Han character or closing quote (not 3.5)
        self._mid_start = regex.compile(
            rf"(?:[。！？!?：:]|(?<=[\p{{Han}}”’」』\"'）)])[.．])[”’」』\"']?[ \t　]*(?=[{cls}])")
        self._enumerators = regex.compile(
            "|".join(f"(?:{p})" for p in load_lines("lexicon/sections_enumerators.txt")))
        self._toc_line = regex.compile(
            "|".join(f"(?:{p})" for p in load_lines("lexicon/sections_toc.txt")), regex.M)
        self._toc_titles = {t.replace(" ", "") for t in load_lines("lexicon/sections_toc_titles.txt")}
        spaced = ["[ \t　]*".join(regex.escape(ch) for ch in t) for t in sorted(self._toc_titles)]
        self._toc_title_line = regex.compile(rf"(?m)^[ \t　]*(?:{'|'.join(spaced)})[ \t　]*$")

    # sklearn-like no-op so the parser can sit in a pipeline
    def fit(self, texts: Iterable[str] | None = None, y=None) -> "SectionParser":
        return self

    def transform(self, texts: Iterable[str]) -> list[SectionTree]:
        return [self.parse(t) for t in texts]

    # ---------------------------------------------------------------- candidates
    def _match_at(self, text: str, pos: int, line_end: int, midline: bool) -> _Cand | None:
        for fam in self._by_char.get(text[pos:pos + 1], ()):
            m = fam.pattern.match(text, pos, line_end)
            if not m:
                continue
            cand = self._validate(text, m, fam, line_end, midline)
            if cand is not None:
                return cand
        return None

    def _validate(self, text: str, m, fam: _Family, line_end: int, midline: bool) -> _Cand | None:
        num = m.group("num")
        ordinal = read_ordinal(num)
        if ordinal is None or ordinal < 1 or ordinal > self.max_ordinal:
            return None
        rest = m.end()
        # strip leading debris such as the "." of "8、.困难教职工慰问活动"
        j = _LEAD_JUNK.match(text, rest, line_end)
        if j:
            rest = j.end()
        if rest >= line_end:
            return None  # a bare marker with no heading text
        fa = self._false_after.get(fam.style)
        if fa is not None and fa.match(text, m.end(), line_end):
            return None
        fa = self._false_after.get("*")
        if fa is not None and fa.match(text, m.end(), line_end):
            return None
        needs = midline
        head_ch = text[m.end()] if m.end() < line_end else ""
        if fam.style in ("arabic", "dotted", "arabic_paren", "arabic_rparen", "circled", "decimal_top"):
            # 1、2月 / 3.5万元 / 1.5倍: another number with a unit right after the marker
            if self._unit_ar.match(text, m.end(), line_end) or (
                    fam.style == "dotted" and self._unit_starts(text, m.end(), line_end)):
                return None
            if fam.style == "arabic" and head_ch.isdigit():
                needs = True  # "3.5.12护士节" read as item 3 only if 3 continues a sequence
        elif fam.style in ("cn", "cn_paren", "di", "cn_rparen"):
            if self._unit_cn.match(text, m.end(), line_end):
                return None
        style, rank = fam.style, fam.rank
        if style == "dotted":
            # 1.1 and 1.1.1 are different levels: the depth is part of the style (dotted, dotted_3, …)
            depth = num.replace("．", ".").count(".") + 1
            if depth > 2:
                style, rank = f"dotted_{depth}", rank + 0.1 * (depth - 2)
        elif style == "decimal_top":
            # "1 2015年主要工作" over 1.1 …: only a whole short line, never mid-line; kept or dropped
            # in ``candidates`` once the dotted headings of the text are known
            if midline or not self._short_heading(text[rest:line_end]):
                return None
            needs = ordinal != 1
        return _Cand(pos=m.start(), rest=rest, line_end=line_end, style=style, rank=rank,
                     num=num, ordinal=ordinal, sep=m.group("sep").translate(_SEP_NORMAL).strip(),
                     midline=midline, needs_continuation=needs)

    @staticmethod
    def _short_heading(rest: str) -> bool:
        """A heading line with no sentence in it: ``2015年主要工作``, not ``12 名职工参加了培训。``."""
        rest = rest.strip()
        return 0 < len(rest) <= 30 and not _SENTENCE_MARK.search(rest)

    @staticmethod
    def _keep_decimal_tops(cands: list[_Cand]) -> list[_Cand]:
        """Keep ``N heading`` (a space after the number) only in a text outlined with dotted numbers, and
        number 1 only when a ``1.x`` follows: the top of a ``1 / 1.1 / 1.2 / 2`` outline (its later
        numbers count only as continuations of that sequence)."""
        tops = {c.num.replace("．", ".").split(".", 1)[0] for c in cands if c.style.startswith("dotted")}
        tops = {t.lstrip("0") for t in tops}
        return [c for c in cands if c.style != "decimal_top"
                or (tops and (c.ordinal != 1 or str(c.ordinal) in tops))]

    def _unit_starts(self, text: str, pos: int, end: int) -> bool:
        return bool(self._unit_ar.match("0" + text[pos:min(end, pos + 6)]))

    def candidates(self, text: str) -> list[_Cand]:
        """Every position that looks like a numbered heading, before level inference."""
        out: list[_Cand] = []
        for m in self._line_start.finditer(text):
            pos = m.end()
            line_end = text.find("\n", pos)
            if line_end < 0:
                line_end = len(text)
            line = text[pos:line_end]
            if self._toc_line.search(line):
                continue
            if self._enumerators.match(line):
                continue
            c = self._match_at(text, pos, line_end, False)
            if c is not None:
                out.append(c)
        out = self._keep_decimal_tops(out)
        # TOC blocks: short lines after a 目录 line
        if self._toc_titles:
            out = self._drop_toc_blocks(text, out)
        if self.midline:
            for m in self._mid_start.finditer(text):
                pos = m.end()
                line_end = text.find("\n", pos)
                if line_end < 0:
                    line_end = len(text)
                c = self._match_at(text, pos, line_end, True)
                if c is not None:
                    out.append(c)
            out.sort(key=lambda c: c.pos)
        return out

    def _drop_toc_blocks(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """Drop candidates inside a table of contents: the short lines after a 目录 line, up to the
        first long or sentence-final line, or up to the first line that repeats a TOC entry (where
        the body starts)."""
        if not self._toc_title_line.search(text):
            return cands
        blocked: list[tuple[int, int]] = []
        pos, in_toc, start, seen = 0, False, 0, set()
        for line in text.split("\n"):
            s = line.strip().replace(" ", "").replace("　", "")
            if not in_toc and s in self._toc_titles:
                in_toc, start, seen = True, pos, set()
            elif in_toc and s and (s in seen or len(s) > 40 or s[-1] in "。；;！!？?"):
                blocked.append((start, pos))
                in_toc = False
            elif in_toc and s:
                seen.add(s)
            pos += len(line) + 1
        if in_toc:
            blocked.append((start, pos))
        return [c for c in cands if not any(a <= c.pos < b for a, b in blocked)]

    # ---------------------------------------------------------------- levels
    def _place(self, stack: list[_Frame], c: _Cand, next_ordinal: int | None = None
               ) -> tuple[int, list[str]] | None:
        """Return (stack depth to attach at, flags) or None to reject the candidate.

        Depth d means the new section becomes level d+1 under ``stack[d-1]``."""
        # a style borrowed by a level (（二） beside 一、) only returns there to continue its sequence
        holders = [i for i, f in enumerate(stack)
                   if c.style == f.primary or (c.style in f.styles and f.last + 1 == c.ordinal)]
        if holders:
            cont = [i for i in holders if stack[i].last + 1 == c.ordinal]
            i = cont[-1] if cont else holders[-1]
            f = stack[i]
            flags = []
            if c.ordinal != f.last + 1:
                if c.needs_continuation:
                    return None
                if c.ordinal == 1:
                    flags.append("restart")
                elif c.ordinal > f.last + 1:
                    flags.append("skipped_number")
                elif c.ordinal == f.last:
                    flags.append("repeated_number")
                else:
                    flags.append("out_of_order")
            if c.sep != f.sep:
                flags.append("mixed_style")
            return i, flags
        if c.style == "decimal_top" and c.ordinal != 1:
            return None  # "2 人获奖" continues no "1 …" heading: a number in a sentence
        if c.needs_continuation:
            # a new style never starts mid-line or from an ambiguous form, unless it continues a
            # sibling sequence of a compatible (same numeral) family
            cont = [i for i, f in enumerate(stack) if f.last + 1 == c.ordinal and _compatible(f, c)]
            if cont and not c.midline:
                return cont[-1], ["mixed_style", "joined"]
            # "…总结如下：一、不断学习…" / "…。1、制定师德…": a lost line break before a new sequence,
            # believed only when the next number of that style is 2
            if c.midline and c.ordinal == 1 and next_ordinal == 2:
                return len(stack), []
            return None
        if c.rank < 1 and stack and all(c.rank < f.rank for f in stack):
            # 第一部分 / 第一章 sit above every numbered style: they never nest under 七、
            return 0, ([] if c.ordinal == 1 else ["skipped_number"])
        if c.ordinal != 1 and stack and all(c.rank < f.rank for f in stack):
            # 1、2、3、 then 二、: the lost 一、 owned the list; 二、 is top level, not under 3、
            return 0, ["skipped_number"]
        if c.ordinal == 1 or not stack:
            return len(stack), ([] if c.ordinal == 1 else ["skipped_number"])
        # a new style that does not start at 1: continuation of an open sequence beats nesting,
        # unless GB/T order says the new style belongs below the current one
        top = stack[-1]
        cont = [i for i, f in enumerate(stack) if f.last + 1 == c.ordinal and f.rank <= c.rank + 1.01]
        if cont and c.rank <= top.rank:
            return cont[-1], ["mixed_style", "joined"]
        return len(stack), ["skipped_number"]

    # ---------------------------------------------------------------- parse
    def parse(self, text: str, report_id: str = "") -> SectionTree:
        text = text or ""
        tree = SectionTree(text=text, report_id=report_id)
        pre = Section(report_id, f"{report_id}:0", "", 0, "preamble", "", 0, "", "", "", 0, len(text))
        secs: list[Section] = [pre]
        stack: list[_Frame] = []
        accepted: list[_Cand] = []
        cands = self.candidates(text)
        nxt: dict[str, int] = {}
        next_ordinal: list[int | None] = [None] * len(cands)
        for i in range(len(cands) - 1, -1, -1):
            next_ordinal[i] = nxt.get(cands[i].style)
            nxt[cands[i].style] = cands[i].ordinal
        for ci, c in enumerate(cands):
            if accepted and c.pos < accepted[-1].rest:
                continue
            placed = self._place(stack, c, next_ordinal[ci])
            if placed is None:
                continue
            depth, flags = placed
            if c.midline:
                flags = flags + ["midline"]
            # a sibling in another style (（二） after 一、): that level now answers to both styles
            joined = "joined" in flags
            flags = [f for f in flags if f != "joined"]
            if depth < len(stack) and (joined or c.style in stack[depth].styles):
                styles, primary = stack[depth].styles | {c.style}, stack[depth].primary
            else:
                styles, primary = {c.style}, c.style
            del stack[depth:]
            level = depth + 1
            parent = secs[stack[-1].index] if stack else None
            k = len(secs)
            number = _number_as_written(text, c)
            head_rest = text[c.rest:c.line_end]
            heading, off = split_inline_heading(head_rest, self.max_heading_len)
            body_start = c.rest + off
            if text[body_start:c.line_end].strip():
                flags = flags + ["inline_heading"]
            path = (parent.path + "/" if parent else "") + number
            sec = Section(
                report_id=report_id, section_id=f"{report_id}:{k}",
                parent_id=parent.section_id if parent else "", level=level, style=c.style,
                number=number, ordinal=c.ordinal, heading=heading.strip(), body="", path=path,
                start=c.pos, end=body_start, flags=flags, marker=text[c.pos:c.rest].strip(),
            )
            sec._body_start = body_start  # type: ignore[attr-defined]
            if parent is not None:
                parent.children.append(k)
            secs.append(sec)
            stack.append(_Frame(primary, styles, c.rank, c.ordinal, c.sep, k))
            accepted.append(c)
        # bodies and offsets: each section's own text runs to the next section in document order
        n = len(secs)
        starts = [s.start for s in secs[1:]] + [len(text)]
        pre.end = _rstrip_pos(text, 0, secs[1].start if n > 1 else len(text))
        pre.body = text[:pre.end].strip()
        for k in range(1, n):
            s = secs[k]
            nxt = starts[k]
            s.end = _rstrip_pos(text, s.start, nxt)
            s.body = text[s._body_start:nxt].strip()  # type: ignore[attr-defined]
            del s._body_start  # type: ignore[attr-defined]
        # subtree ends (sections are in document order, so a parent's subtree ends with its last child)
        for s in reversed(secs):
            s.subtree_end = s.end
            if s.children:
                s.subtree_end = max(s.end, secs[s.children[-1]].subtree_end)
        pre.subtree_end = pre.end
        tree.sections = secs
        return tree


_ARABIC_STYLES = frozenset({"arabic", "arabic_paren", "arabic_rparen", "circled", "decimal_top"})


def _is_arabic(style: str) -> bool:
    return style in _ARABIC_STYLES or style.startswith("dotted")  # dotted, dotted_3, …


def _compatible(f: _Frame, c: _Cand) -> bool:
    return _is_arabic(c.style) == any(_is_arabic(x) for x in f.styles)


def _rstrip_pos(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1] in " \t\n\r　\xa0":
        hi -= 1
    return hi


def _number_as_written(text: str, c: _Cand) -> str:
    """``二、`` → ``二``; ``（一）、`` → ``（一）``; ``1.1`` → ``1.1``; ``第一部分`` → ``第一部分``."""
    marker = text[c.pos:c.rest].strip(" \t　")
    if c.style in ("cn_paren", "arabic_paren") and marker[:1] in "（(〔【［[":
        close = max(marker.find(ch) for ch in "）)〕】］]")
        return marker[:close + 1].replace(" ", "").replace("　", "") if close > 0 else marker
    if c.style in ("cn_rparen", "arabic_rparen"):
        return c.num + marker[len(c.num):len(c.num) + 1]
    if c.style in ("di", "di_part", "di_section"):
        return "第" + c.num + (c.sep if c.style != "di" else "")
    return c.num


def _first_chars(pattern: str) -> set[str]:
    """Characters that can start a numbering pattern (a cheap pre-filter for line starts)."""
    chars: set[str] = set()
    p = pattern
    if p.startswith("(?P<sep>"):
        p = p[len("(?P<sep>"):]
    elif p.startswith("(?P<num>"):
        p = p[len("(?P<num>"):]
    if p.startswith("\\d"):
        chars.update("0123456789０１２３４５６７８９")
        return chars
    if p.startswith("["):
        end = p.index("]", 1)
        body = p[1:end]
        i = 0
        while i < len(body):
            ch = body[i]
            if ch == "\\" and i + 1 < len(body):
                nxt = body[i + 1]
                if nxt == "d":
                    chars.update("0123456789０１２３４５６７８９")
                else:
                    chars.add(nxt)
                i += 2
                continue
            if i + 2 < len(body) and body[i + 1] == "-":
                for o in range(ord(ch), ord(body[i + 2]) + 1):
                    chars.add(chr(o))
                i += 3
                continue
            chars.add(ch)
            i += 1
        return chars
    chars.add(p[0])
    return chars


_DEFAULT: SectionParser | None = None


def _default_parser() -> SectionParser:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = SectionParser()
    return _DEFAULT


def parse(text: str, report_id: str = "") -> SectionTree:
    """Parse one cleaned report into its heading tree.

    >>> print(parse("总结\\n一、学习\\n（一）理论\\n1、读书。每周一次\\n二、维权"))
    [preamble] 总结…
    一、学习
      （一）理论
        1、读书  [inline_heading]
    二、维权
    """
    return _default_parser().parse(text, report_id)


def sections_frame(reports, text_column: str = "text", full_text: bool = True,
                   parser: SectionParser | None = None):
    """One row per section for every report (duplicates included): the Sections DataFrame.

    Columns: ``report_id, section_id, parent_id, level, style, number, ordinal, heading, body, path,
    start, end, flags`` (+ ``full_text`` = heading + body + descendants, used by the classifier).
    """
    import pandas as pd

    p = parser or _default_parser()
    rows: list[dict] = []
    ids = reports["report_id"].tolist() if "report_id" in reports.columns else [
        str(i) for i in range(len(reports))]
    for rid, text in zip(ids, reports[text_column].tolist()):
        tree = p.parse(text if isinstance(text, str) else "", str(rid))
        rows.extend(tree.rows(full_text))
    cols = SECTION_COLUMNS + (["full_text"] if full_text else [])
    df = pd.DataFrame(rows, columns=cols)
    if len(df):
        df = df.astype({"level": "int64", "ordinal": "int64", "start": "int64", "end": "int64"})
    return df
