"""Site chrome and page furniture: line classifiers and the corpus-learned boilerplate model.

``is_chrome_line`` is used twice: by the splitter on raw page lines (before cleaning) and by the cleaner's
``chrome`` rule.  Patterns live in ``data/lexicon/cleaner/chrome_*.txt``; they are anchored (a line must match
*entirely*), so a line of report prose is never chrome.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable

import regex

from corpus_tools._data import load_lines
from corpus_tools._trie import trie_pattern
from corpus_tools.cleaner.pinyin import pinyin_spans, strip_pinyin, strip_pinyin_map

__all__ = ["is_chrome_line", "inline_chrome_spans", "normalise_line", "BoilerplateModel", "is_heading_like"]

_STRIP = " \t\r\u3000\u00a0\ufeff\u200b"
# (``re`` scans a text for a plain class faster than ``regex``)
_FULL_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ\u200b-\u200d\u2060\ufeff\u00ad]")
# full-width digits and Latin letters → ASCII, and the invisible format characters a web copy leaves inside words
# (zero-width spaces and joiners, word joiner, BOM, soft hyphen: ``相关\u200b推荐``) dropped; a ``str.translate``
# table, the splitter reads lines with it too
_HALF_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)}
_HALF_ALNUM.update(dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)))


@lru_cache(maxsize=1)
def _spam_re():
    pats = load_lines("lexicon/cleaner/chrome_spam.txt")
    return regex.compile("|".join(f"(?:{p})" for p in pats), regex.IGNORECASE)


@lru_cache(maxsize=1)
def _inline_re():
    pats = load_lines("lexicon/cleaner/chrome_inline.txt")
    return regex.compile("|".join(f"(?:{p})" for p in pats))


@lru_cache(maxsize=1)
def _heading_re():
    pats = load_lines("lexicon/cleaner/heading_like.txt")
    return regex.compile("|".join(f"(?:{p})" for p in pats))


@lru_cache(maxsize=1)
def _title_re():
    pats = load_lines("lexicon/cleaner/title_endings.txt")
    return regex.compile("(?:" + "|".join(pats) + r")\s*(?:[(（][^()（）]{0,12}[)）])?\s*(?:篇?\s*[\d一二三四五六七八九十]{0,3})\s*$")


def is_chrome_line(line: str) -> bool:
    """True when a whole raw line is site chrome or page furniture.

    >>> is_chrome_line("65位用户关注"), is_chrome_line("- 相關(guān)推薦"), is_chrome_line("—3—")
    (True, True, True)
    >>> is_chrome_line("醫(yī)院工會總結(jié)05-31"), is_chrome_line("你的位置: 淘文网 > 工作计划 > 导航")
    (True, True)
    >>> is_chrome_line("一、认真贯彻一届五次职代会精神,积极做好落实工作")
    False
    """
    s = line.strip(_STRIP)
    return bool(s) and _is_chrome_stripped(_as_plain(s))


def _as_plain(s: str) -> str:
    """A stripped line as the patterns read it: pinyin annotations out (``相關(guān)推薦``), full-width digits and
    letters as ASCII (``２０ＸＸ年第３期``), zero-width characters out."""
    if "(" in s or "（" in s:
        s = strip_pinyin(s)
    if _FULL_ALNUM.search(s):
        s = s.translate(_HALF_ALNUM)
    return s


def _is_chrome_stripped(s: str) -> bool:
    """``is_chrome_line`` on a line already stripped of spaces and read by ``_as_plain``."""
    if len(s) <= 400 and _prefilters()[0].full_match_any(s):  # the alternation of chrome_lines.txt
        return True
    return bool(_spam_re().search(s)) and len(s) <= 200


def inline_chrome_spans(line: str) -> list[tuple[int, int]]:
    """Spans of chrome *inside* a line of prose (uploader blurbs, ``?/p>`` debris), offsets in ``line``.

    ``可以着手准备了。今天本站网友给大家为您整理了(*),希望对大家有所帮助。xx年上半年…``
    → the sentence ``今天本站网友…有所帮助。`` is chrome; the prose around it stays.
    """
    spans = pinyin_spans(line)
    if spans:
        return _inline_through_pinyin(line, spans)
    return [m.span() for m in _inline_re().finditer(line)]


def _inline_through_pinyin(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inline chrome found on the line read without its pinyin annotations (``spans``, from ``pinyin_spans``),
    as spans of the raw line; a span ending on an annotated character takes its reading along
    (``小(xiǎo)編(biān)整理…``)."""
    plain, at = strip_pinyin_map(line, spans)
    out = []
    for m in _inline_re().finditer(plain):
        a, b = m.span()
        if a == b:
            continue
        end = at[b] if b < len(at) else len(line)
        out.append((at[a], end))
    return out


def is_heading_like(line: str) -> bool:
    """A numbered heading or a month/part marker (``一、…``, ``（二）…``, ``第3篇``, ``三月份``): never joined."""
    return bool(_heading_re().match(line.strip(_STRIP)))


_DIGITS = regex.compile(r"\d+")


def normalise_line(line: str) -> str:
    """Key used to count recurring lines: stripped, digits collapsed to ``0``, pinyin annotations removed
    (``4月(yuè)份(fèn):`` is the month line ``0月份:``, not a recurring line of its own)."""
    key = _DIGITS.sub("0", line.strip(_STRIP))
    return strip_pinyin(key) if "(" in key or "（" in key else key


def normalised_lines(text: str) -> list[str]:
    """``[normalise_line(x) for x in text.split("\\n")]`` with one digit pass over the whole text (a digit run
    never spans a newline, and stripping and collapsing digits commute): ``65位用户关注\\n2020年`` →
    ``["0位用户关注", "0年"]``."""
    keys = [x.strip(_STRIP) for x in _DIGITS.sub("0", text).split("\n")]
    if "(" in text or "（" in text:
        keys = [strip_pinyin(k) if "(" in k or "（" in k else k for k in keys]
    return keys


# a report's closing date (``2016年2月26日``, ``二〇一〇年十二月``, ``20XX年7月``): its digit-collapsed key ``0年0月0日``
# recurs under every report, yet it is the report's own line, not furniture
_DATE_LINE = regex.compile(r"[0-9〇零一二三四五六七八九十XxＸ×_]{1,6}\s*年\s*[0-9〇零一二三四五六七八九十]{1,3}\s*月"
                           r"(?:\s*[0-9〇零一二三四五六七八九十]{1,3}\s*日)?")


class BoilerplateModel:
    """Learns boilerplate from the corpus: a short line that recurs in many *different* contexts is chrome.

    A line is counted once per distinct (previous line, next line) context, so a report duplicated on ten
    sites does not turn its own short lines into boilerplate; only furniture that appears around many
    different texts (``65位用户关注``, ``fw92.com编辑推荐``) reaches ``min_contexts``.  Numbered headings,
    dates, lines with a full stop and long lines are never learned.
    """

    def __init__(self, min_contexts: int = 4, max_len: int = 30):
        self.min_contexts = min_contexts
        self.max_len = max_len
        self.lines_: frozenset[str] = frozenset()

    def _eligible(self, key: str) -> bool:
        return (0 < len(key) <= self.max_len and not regex.search(r"[。！？!?；;]", key)
                and not is_heading_like(key) and not _title_re().search(key) and not _DATE_LINE.fullmatch(key)
                and bool(regex.search(r"\p{Han}|[A-Za-z]{3}", key)))

    def fit(self, texts: Iterable[str]) -> "BoilerplateModel":
        contexts: dict[str, set] = defaultdict(set)
        for text in texts:
            lines = [x for x in normalised_lines(text) if x]
            for i, key in enumerate(lines):
                if self._eligible(key):
                    prev = lines[i - 1] if i else ""
                    nxt = lines[i + 1] if i + 1 < len(lines) else ""
                    ctx = contexts[key]
                    if len(ctx) < self.min_contexts:
                        ctx.add((prev[-8:], nxt[:8]))
        self.lines_ = frozenset(k for k, c in contexts.items() if len(c) >= self.min_contexts)
        return self

    def is_boilerplate(self, line: str) -> bool:
        return bool(self.lines_) and normalise_line(line) in self.lines_

    def boilerplate_lines(self, text: str) -> list[bool]:
        """``is_boilerplate`` for each line of ``text.split("\\n")``, with one digit pass over the text."""
        keys = self.lines_
        if not keys or not self._may_occur(text):
            return [False] * (text.count("\n") + 1)
        return [x in keys for x in normalised_lines(text)]

    def _may_occur(self, text: str) -> bool:
        """False when no learned line can occur in ``text``: a line keeps the longest digit-free stretch of its
        key verbatim (``0位用户关注`` needs ``位用户关注``)."""
        memo = self.__dict__.get("_stretches")
        if memo is None or memo[0] is not self.lines_:
            stretches = [max(k.split("0"), key=len) for k in self.lines_]
            memo = self._stretches = (self.lines_, None if not all(stretches) else stretches)
        stretches = memo[1]
        # (a stretch can be cut by pinyin annotations: ``相關(guān)推薦``)
        return stretches is None or any(x in text for x in stretches) or "(" in text or "（" in text


# ---- fast path for whole texts ---------------------------------------------------------------------------
# A pattern can only match a line that contains one of its *required literals* (e.g. ``网友|網友|用户|用戶`` for
# the uploader blurb), and every line is a substring of the text.  So, per text, patterns whose required
# literals are all absent are left out of the alternation: the result for every line is unchanged, but prose
# lines are no longer run through the expensive patterns.  The analysis below is conservative: a pattern it
# does not fully understand has no required literal and is always kept.

class _Unsupported(Exception):
    pass


_QUANT = regex.compile(r"\{(\d*)(,?)(\d*)\}")


def _class_end(p: str, i: int) -> int:
    """``p[i] == "["``: index just after the matching ``]``."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p):
        if p[j] == "\\":
            j += 2
            continue
        if p[j] == "[":
            raise _Unsupported(p)  # nested sets / POSIX classes
        if p[j] == "]":
            return j + 1
        j += 1
    raise _Unsupported(p)


def _structural(p: str, i: int = 0):
    """``(index, char)`` of each character of ``p`` from ``i`` on that is not escaped and not inside a class:
    the characters that open or close groups and separate branches."""
    j = i
    while j < len(p):
        ch = p[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = _class_end(p, j)
            continue
        yield j, ch
        j += 1


def _group_end(p: str, i: int) -> int:
    """``p[i] == "("``: index just after the matching ``)``."""
    depth = 0
    for j, ch in _structural(p, i):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    raise _Unsupported(p)


def _split_top(p: str) -> list[str]:
    """Split on ``|`` outside groups and classes."""
    parts, depth, start = [], 0, 0
    for i, ch in _structural(p):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(p[start:i])
            start = i + 1
    parts.append(p[start:])
    return parts


def _literal_char(p: str, i: int):
    """``(char, next_index)`` when ``p[i]`` starts a literal character, else ``(None, next_index)``."""
    ch = p[i]
    if ch == "\\":
        if i + 1 >= len(p):
            raise _Unsupported(p)
        nxt = p[i + 1]
        if nxt.isascii() and nxt.isalnum():
            if nxt in "pPN":
                if i + 2 < len(p) and p[i + 2] == "{":
                    return None, p.index("}", i) + 1
                raise _Unsupported(p)
            if nxt in "dDsSwWbBAZmMGK":
                return None, i + 2
            raise _Unsupported(p)  # \x.., \u...., back-references …: not analysed
        return nxt, i + 2
    if ch in ".^$":
        return None, i + 1
    if ch in "*+?{}()|[]":
        raise _Unsupported(p)
    return ch, i + 1


def _class_chars(body: str) -> set[str] | None:
    """The characters of a plain class body (``-/.``), or ``None`` for negations, ranges and escapes."""
    if not body or body[0] == "^":
        return None
    out, i = set(), 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            if i + 1 >= len(body) or (body[i + 1].isascii() and body[i + 1].isalnum()):
                return None
            out.add(body[i + 1])
            i += 2
            continue
        if ch == "-" and 0 < i < len(body) - 1:
            return None  # a range
        if ch in "[]":
            return None
        out.add(ch)
        i += 1
    return out


def _pure_literal(p: str) -> str | None:
    out, i = [], 0
    while i < len(p):
        if p[i] in "*+?{}()|[].^$":
            return None
        ch, i = _literal_char(p, i)
        if ch is None:
            return None
        out.append(ch)
    return "".join(out)


def _quantifier(p: str, j: int) -> tuple[int, int]:
    """``(fewest repeats, end)`` of the quantifier at ``p[j]`` (``*``, ``+``, ``?``, ``{m,n}``, lazy or possessive),
    ``(1, j)`` when there is none."""
    if j >= len(p) or p[j] not in "*+?{":
        return 1, j
    if p[j] in "*?":
        qmin, j = 0, j + 1
    elif p[j] == "+":
        qmin, j = 1, j + 1
    else:
        m = _QUANT.match(p, j)
        if not m or not (m.group(1) or m.group(3)):
            raise _Unsupported(p)
        qmin, j = int(m.group(1) or 0), m.end()
    if j < len(p) and p[j] in "?+":
        j += 1
    return qmin, j


def _branch_factors(p: str) -> list[frozenset]:
    """Required literal sets of one branch (no top-level ``|``): a match contains one string of each set."""
    factors: list[frozenset] = []
    run: list[str] = []

    def flush():
        if run:
            factors.append(frozenset(["".join(run)]))
            run.clear()

    i = 0
    while i < len(p):
        ch = p[i]
        lit, lits, inside = None, None, None
        if ch == "(":
            j = _group_end(p, i)
            inner = p[i + 1:j - 1]
            if inner.startswith("?"):
                if inner.startswith("?:"):
                    body = inner[2:]
                elif inner.startswith(("?=", "?!", "?<=", "?<!")):
                    body = None  # zero-width
                else:
                    raise _Unsupported(p)  # inline flags, named/atomic groups …
            else:
                body = inner
            if body is not None:
                branches = _split_top(body)
                alts = [_pure_literal(a) for a in branches]
                if alts and all(alts):
                    lits = frozenset(alts)
                elif len(branches) == 1:
                    # a group of one branch (``(?:\s*[>›»]\s*…){2,}``): what it requires, the pattern requires
                    inside = _branch_factors(body)
        elif ch == "[":
            j = _class_end(p, i)
            chars = _class_chars(p[i + 1:j - 1])
            if chars is not None and len(chars) == 1:
                (lit,) = chars  # a one-character class such as ``[注]``
            elif chars:
                lits = frozenset(chars)  # ``[-/.]``: one of these characters
        else:
            lit, j = _literal_char(p, i)
        quantified = j < len(p) and p[j] in "*+?{"
        qmin, j = _quantifier(p, j)
        if lit is not None and not quantified:
            run.append(lit)
        else:
            flush()
            if lit is not None and qmin >= 1:
                factors.append(frozenset([lit]))
            elif lits is not None and qmin >= 1:
                factors.append(lits)
            elif inside and qmin >= 1:
                factors.extend(inside)
        i = j
    flush()
    return factors


def _caseless(s: str) -> bool:
    return all(c.lower() == c == c.upper() and c.casefold() == c for c in s)


def required_literals(pattern: str, ignorecase: bool = False, keep: int = 3):
    """Required literals of ``pattern``: a list with, per top-level branch, a list of sets of strings such
    that a match of that branch contains one string of every set.  ``None`` when some branch has none."""
    try:
        out = []
        for branch in _split_top(pattern):
            facs = []
            for f in _branch_factors(branch):
                if not all(f):
                    continue
                if not ignorecase or all(_caseless(s) for s in f):
                    facs.append(f)
                elif len(f) == 1:  # a literal run: its caseless pieces are required too
                    (run,) = f
                    facs.extend(frozenset([piece]) for piece in regex.findall(r"[^\p{Cased}\p{Lm}]+", run)
                                if _caseless(piece))
            if not facs:
                return None
            facs.sort(key=lambda f: (-min(map(len, f)), len(f)))
            out.append(facs[:keep])
        return out
    except (_Unsupported, ValueError, IndexError):
        return None


# ---- first and last characters ---------------------------------------------------------------------------
# A full match starts with the line's first character and ends with its last one, and most line patterns pin
# one of the two down: ``第\s*\d{1,3}\s*期`` starts with 第, ``[^\n]{2,60}?\.{4,}\s*\d{1,3}`` ends with a digit,
# ``[^\n。，]{2,40}[（(]…篇\s*[)）]`` with a bracket.  Such a pattern is tried only on the lines whose two end
# characters it accepts; only the patterns open at both ends (``.{0,40}(?:转载请注明|…).{0,60}``) are left to
# the required literals.

# atoms that accept about any character of a line (no filter): these, a negated class, a property (``\p{Han}``)
# and a class holding one of them
_OPEN_ATOMS = (".", r"\S", r"\W", r"\D", r"\w")
_OPEN_IN_CLASS = (r"\w", r"\W", r"\S", r"\D", r"\p", r"\P")


def _atoms(branch: str) -> list[tuple[str, str | None, int]]:
    """``(kind, text, min_repeat)`` of each atom of ``branch`` (no top-level ``|``): kind ``"char"`` for an atom
    matching one character (its text: a literal, ``.``, ``\\d``, ``[…]`` …), ``"group"`` for a group (its text: the
    body), ``"zero"`` for an assertion."""
    out, i = [], 0
    while i < len(branch):
        ch = branch[i]
        if ch == "(":
            j = _group_end(branch, i)
            inner = branch[i + 1:j - 1]
            if inner.startswith(("?=", "?!", "?<=", "?<!")):
                kind, text = "zero", None
            elif inner.startswith("?:"):
                kind, text = "group", inner[2:]
            elif inner.startswith("?"):
                raise _Unsupported(branch)  # inline flags, named or atomic groups …
            else:
                kind, text = "group", inner
        elif ch == "[":
            j = _class_end(branch, i)
            kind, text = "char", branch[i:j]
        elif ch in "^$":
            j, kind, text = i + 1, "zero", None
        elif ch == "\\":
            nxt = branch[i + 1]
            if nxt in "pPN" and branch.startswith("{", i + 2):
                j, kind = branch.index("}", i) + 1, "char"
            elif nxt in "bBAZGmM":
                j, kind = i + 2, "zero"
            elif nxt in "dDsSwWtnrfv" or not (nxt.isascii() and nxt.isalnum()):
                j, kind = i + 2, "char"
            else:
                raise _Unsupported(branch)  # \x.., \u...., back-references, \K …: not analysed
            text = branch[i:j] if kind == "char" else None
        elif ch in "*+?{}()|]":
            raise _Unsupported(branch)
        else:
            j, kind, text = i + 1, "char", ch
        qmin, j = _quantifier(branch, j)
        out.append((kind, text, qmin))
        i = j
    return out


def _edge_atoms(pattern: str, last: bool) -> tuple[set[str], bool]:
    """The atoms one of which matches the first (``last=False``) or the last character of any non-empty match of
    ``pattern``, and whether ``pattern`` can match the empty string: ``(?:上一页|下一页)\\s*\\d*`` →
    ``({上, 下}, False)`` first, ``({页, \\s, \\d}, False)`` last."""
    found, can_be_empty = set(), False
    for branch in _split_top(pattern):
        atoms = _atoms(branch)
        empty = True
        for kind, text, qmin in (reversed(atoms) if last else atoms):
            if kind == "zero":
                continue
            chars, inner_empty = ({text}, False) if kind == "char" else _edge_atoms(text, last)
            found |= chars
            if qmin and not inner_empty:  # this atom always consumes: the atoms after it never come first
                empty = False
                break
        can_be_empty = can_be_empty or empty
    return found, can_be_empty


def _edge_test(pattern: str, last: bool, flags: int = 0):
    """A test a character passes when a full match of ``pattern`` can start (``last=False``) or end with it;
    ``None`` when that is about any character (``.{0,40}…``, ``[^。]{1,20}…``) or the pattern is not understood."""
    try:
        atoms, _ = _edge_atoms(pattern, last)  # a line is never empty
    except (_Unsupported, ValueError, IndexError):
        return None
    if not atoms or any(a in _OPEN_ATOMS or a.startswith(("[^", r"\p", r"\P"))
                        or (a.startswith("[") and any(x in a for x in _OPEN_IN_CLASS)) for a in atoms):
        return None
    return regex.compile("|".join(sorted(atoms)), flags).fullmatch


class _Prefilter:
    """The patterns of one list file, with their required literals; ``for_text`` compiles the alternation of
    the patterns that can match somewhere in a text (in file order, same flags), and, for a full match, ``edges``
    that of the patterns that can match a line with its first and last characters."""

    def __init__(self, relpath: str, flags: int = 0, ignorecase: bool = False, full_match: bool = False):
        self.pats = load_lines(relpath)
        self.flags = flags
        # a global inline flag in one pattern would affect the others: then never drop patterns
        sound = not any(regex.search(r"\(\?[^:=!<>P]", p) for p in self.pats)
        self.lits = [required_literals(p, ignorecase) if sound else None for p in self.pats]
        # patterns checked line by line (the others only per text): for a full match, those without an edge
        # test (below); for a search, all of them
        self.full_match = full_match
        # a quick necessary test per pattern: one of the first required sets of one of its branches occurs
        gate_lits = [sorted({x for b in lits for x in b[0]}, key=len, reverse=True) if lits else None
                     for lits in self.lits]
        self.gates = [regex.compile("|".join(regex.escape(x) for x in g), flags) if g else None
                      for g in gate_lits]
        # for a full match, the tests of a pattern's first and last characters when it pins one of them down
        self._edge_tests: dict[int, tuple] = {}
        for k, p in enumerate(self.pats):
            tests = (_edge_test(p, False, flags), _edge_test(p, True, flags)) if full_match and sound else (None,)
            if any(tests):
                self._edge_tests[k] = tests
        self.per_line = [k not in self._edge_tests for k in range(len(self.pats))]
        self._cache: dict[tuple, object] = {}
        # the gates found by the shared literal scan of each text (``_share_scan``): those of the patterns
        # gated per line, when their literals can be found exactly in raw lines by a case-sensitive scan
        self.scan_gates = {k: g for k, g in enumerate(gate_lits) if g and (self.per_line[k] or not full_match)}
        lits = {x for g in self.scan_gates.values() for x in g}
        self.scannable = bool(lits) and not any(ch in _STRIP or ch == "\n" for x in lits for ch in x) and (
            not ignorecase or all(_caseless(x) for x in lits))  # a caseless literal matches only itself
        self._lit_pats: dict[str, frozenset] = {}  # scanned literal -> patterns (set by ``_share_scan``)
        # always tried: patterns without a required literal (and, for a full match, those not gated per line);
        # the others only when their gate occurs in the text (and, per line, in the line)
        self._always = [k for k, lits in enumerate(self.lits)
                        if lits is None or (full_match and not self.per_line[k])]
        self._gated = [k for k, lits in enumerate(self.lits) if k not in self._always]
        self._always_key = tuple(self._always)
        # the patterns with an edge test are tried only on the lines whose end characters they accept
        # (``第\s*\d{1,3}\s*期`` on lines starting with 第): one alternation per pair of end characters instead of
        # every pattern on every line
        self._rest = [k for k in self._always if k not in self._edge_tests]
        self._rest_key = tuple(self._rest)
        self._ends: tuple[dict, dict] = ({}, {})  # a character -> the edge patterns accepting it first / last
        self._pairs: dict[str, object] = {}  # first + last character of a line -> their alternation

    def _compiled(self, keep: tuple):
        rx = self._cache.get(keep, False)
        if rx is False:
            rx = (regex.compile("|".join(f"(?:{self.pats[k]})" for k in keep), self.flags) if keep else None)
            if len(self._cache) < 1024:
                self._cache[keep] = rx
        return rx

    def for_text(self, text: str, occurrences: list[tuple[int, str]]) -> "_TextGate":
        """The alternations to try on the lines of ``text``: only the patterns whose required literals occur in
        ``text`` (and, for the patterns checked line by line, in the line).  ``occurrences``: ``_scan(text)``."""
        scanned = self.scannable
        if scanned:
            lit_pats = self._lit_pats
            occ = [(pos, lit_pats[lit]) for pos, lit in occurrences if lit_pats[lit]]
        always = self._always
        if self.full_match:
            maybe = self._gated  # line patterns: gate only those expensive on prose lines, line by line
        elif scanned:
            present = frozenset().union(*(pats for _, pats in occ)) if occ else ()
            maybe = [k for k in self._gated if k in present]
        else:
            maybe = [k for k in self._gated if self.gates[k].search(text)]
        compiled = self._compiled
        full = compiled(self._always_key)
        if not maybe:
            at = lambda line: full  # noqa: E731
        else:
            gates = [(k, self.gates[k].search) for k in maybe]

            def at(line: str):
                extra = [k for k, g in gates if g(line)]
                return compiled(tuple(sorted(always + extra))) if extra else full
        if not scanned:
            return _TextGate(full, {} if not maybe else None, False, at)
        # the lines holding a gate literal, by the offset of the raw line (a literal holds no newline or _STRIP
        # character, so the literals in a stripped line are those in the raw line); the patterns tried by first
        # and last characters are left to ``edges``
        rest = self._rest
        base = compiled(self._rest_key)
        found: dict[int, set] = {}
        for pos, pats in occ:
            found.setdefault(text.rfind("\n", 0, pos) + 1, set()).update(pats)
        by_line = {}
        for start, pats in found.items():
            extra = [k for k in maybe if k in pats]
            by_line[start] = compiled(tuple(sorted(rest + extra))) if extra else base
        return _TextGate(base, by_line, bool(self._edge_tests), at)

    def edges(self, s: str):
        """The alternation of the patterns with an edge test whose full match can start with ``s[0]`` and end with
        ``s[-1]`` (``None`` when there are none): for ``第3期``, ``第\\s*\\d{1,3}\\s*期`` but not
        ``第\\s*\\d{1,4}\\s*(?:页|頁)…``."""
        key = s[0] + s[-1]
        rx = self._pairs.get(key, False)
        if rx is False:
            keys = tuple(sorted(self._accepting(s[0], 0) & self._accepting(s[-1], 1)))
            rx = self._compiled(keys) if keys else None
            if len(self._pairs) < 1 << 16:
                self._pairs[key] = rx
        return rx

    def _accepting(self, ch: str, end: int) -> frozenset:
        """The patterns with an edge test whose full match can have ``ch`` at that end (0: first, 1: last)."""
        known = self._ends[end]
        keys = known.get(ch)
        if keys is None:
            keys = known[ch] = frozenset(k for k, tests in self._edge_tests.items()
                                         if tests[end] is None or tests[end](ch))
        return keys

    def full_match_any(self, s: str) -> bool:
        """Whether one of the patterns matches all of ``s``, trying only those that can: the edge patterns that
        accept its end characters, the others when their gate occurs in it."""
        if not s:
            return self._compiled(tuple(range(len(self.pats)))).fullmatch(s) is not None
        rx = self.edges(s)
        if rx is not None and rx.fullmatch(s):
            return True
        extra = [k for k in self._gated if self.gates[k].search(s)]
        rx = self._compiled(tuple(sorted(self._rest + extra)) if extra else self._rest_key)
        return rx is not None and rx.fullmatch(s) is not None


class _TextGate:
    """The alternations to try on a line of one text: ``by_line.get(start, base)`` for the raw line at offset
    ``start`` (``by_line`` is ``None`` when not known) and, when ``edges`` is true, the prefilter's
    ``edges(line)`` too; ``at(line)`` alone for any line of the text."""

    __slots__ = ("base", "by_line", "edges", "at")

    def __init__(self, base, by_line: dict | None, edges: bool, at):
        self.base, self.by_line, self.edges, self.at = base, by_line, edges, at


def _share_scan(prefilters) -> re.Pattern | None:
    """One ``re`` pattern finding the longest gate literal of any scannable prefilter at a position; sets each
    prefilter's ``_lit_pats``: for every scanned literal, its patterns whose gate holds that literal or one of its
    prefixes (found at the same offset, hidden by the longer match)."""
    pfs = [pf for pf in prefilters if pf.scannable]
    lits = sorted({x for pf in pfs for g in pf.scan_gates.values() for x in g}, key=len, reverse=True)
    for pf in pfs:
        own: dict[str, set] = defaultdict(set)
        for k, g in pf.scan_gates.items():
            for x in g:
                own[x].add(k)
        pf._lit_pats = {x: frozenset().union(*(ks for y, ks in own.items() if x.startswith(y))) for x in lits}
    return re.compile(trie_pattern(lits)) if lits else None


def _scan(text: str) -> list[tuple[int, str]]:
    """``(offset, literal)`` of the gate literals in ``text``, overlapping ones included: one pass over the
    text instead of one search per pattern and line."""
    rx = _prefilters()[3]
    if rx is None:
        return []
    out = []
    search = rx.search
    m = search(text)
    while m is not None:
        p = m.start()
        out.append((p, m.group()))
        m = search(text, p + 1)
    return out


@lru_cache(maxsize=1)
def _prefilters():
    pfs = (_Prefilter("lexicon/cleaner/chrome_lines.txt", regex.V0, full_match=True),
           _Prefilter("lexicon/cleaner/chrome_spam.txt", regex.IGNORECASE, ignorecase=True),
           _Prefilter("lexicon/cleaner/chrome_inline.txt"))
    return pfs + (_share_scan(pfs),)


def text_chrome_matchers(text: str):
    """``(is_chrome, inline_spans)`` for the lines of ``text``: same results as ``is_chrome_line`` and
    ``inline_chrome_spans`` on each line, with the patterns that cannot match in the line left out.  Both take a
    line of ``text`` and, optionally, its offset (faster: the literals of the whole text were found in one pass).
    ``inline_spans`` is ``None`` when no inline chrome can occur in ``text`` (the usual case)."""
    lp, sp, ip, _ = _prefilters()
    occ = _scan(text)
    lines, spam, inline = lp.for_text(text, occ), sp.for_text(text, occ), ip.for_text(text, occ)
    line_base, line_by, line_at = lines.base, lines.by_line, lines.at
    line_edges = lp.edges if lines.edges else None
    spam_base, spam_by, spam_at = spam.base, spam.by_line, spam.at
    inline_base, inline_by, inline_at = inline.base, inline.by_line, inline.at

    wide = _FULL_ALNUM.search(text) is not None
    # pinyin annotations (醫(yī)院): a line has some only when the text has (so a line of a text without them
    # reads as it is); they can hide an inline pattern's literals (小(xiǎo)編(biān)): no prefilter then
    reads = ("(" in text or "（" in text) and bool(pinyin_spans(text))

    def is_chrome(line: str, start: int | None = None) -> bool:
        s = line.strip(_STRIP)
        if not s:
            return False
        if (reads and ("(" in s or "（" in s)) or (wide and _FULL_ALNUM.search(s)):
            plain = _as_plain(s)
            if plain != s:
                return _is_chrome_stripped(plain)  # read through pinyin or full width: the full patterns
        known = start is not None
        if len(s) <= 400:
            if known and line_by is not None:
                rx = line_by.get(start, line_base)
                if rx is not None and rx.fullmatch(s):
                    return True
                rx = line_edges(s) if line_edges is not None else None
            else:
                rx = line_at(s)
            if rx is not None and rx.fullmatch(s):
                return True
        rx = spam_by.get(start, spam_base) if known and spam_by is not None else spam_at(s)
        return rx is not None and bool(rx.search(s)) and len(s) <= 200

    def inline_spans(line: str, start: int | None = None) -> list[tuple[int, int]]:
        if reads and ("(" in line or "（" in line):
            spans = pinyin_spans(line)
            if spans:
                return _inline_through_pinyin(line, spans)
        rx = inline_by.get(start, inline_base) if start is not None and inline_by is not None else inline_at(line)
        return [m.span() for m in rx.finditer(line)] if rx is not None else []

    never = inline_base is None and inline_by is not None and not inline_by and not reads
    return is_chrome, None if never else inline_spans
