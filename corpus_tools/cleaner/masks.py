"""Censorship masks (``学校*支*的领导下``, ``*员干*``, ``学*理论``, ``以_理论``): detect, propose, score, restore.

Candidates come from (a) an unmasked copy of the same sentence elsewhere in the fitted corpus (strongest),
(b) the shipped lexicon of commonly masked words ``data/lexicon/cleaner/masked_words.txt`` aligned with the
visible context, (c) corpus-derived fills proposed by the character trigram model.  Scores combine the
lexicon prior, the context the word covers, and the LM; the softmax over candidates (plus an "unknown"
alternative) is the confidence.  Below ``threshold`` the mask becomes ``MASK_MARKER`` and the candidates are
recorded in ``detail`` (JSON) for the dedup stage.
"""
from __future__ import annotations

import itertools
import json
import math
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable

import regex

from corpus_tools._data import load_lines
from corpus_tools.cleaner.edits import Change
from corpus_tools.cleaner.lm import _jieba_freq, word_logprob

__all__ = ["MASK_MARKER", "MaskRestorer", "find_mask_groups"]

# a common word (jieba frequency) binds its last character: 学习 (13,482) does, 习习 (45) in ``学习习**`` does not
_BOUND_FREQ = 200
MASK_MARKER = "□"  # U+25A1 WHITE SQUARE: the conventional 缺字符号 for an unreadable character

# underscores: one between characters (``以_理论``), or a run the placeholder rule left (``贯彻___总书记``)
# and one at a word's end before a closing mark (``组织“医德医_”专题讲座``)
_RUN = regex.compile(r"[*＊]+|(?<=\p{Han})[_＿]+(?=\p{Han})|(?<=\p{Han}{2})[_＿](?=[”」』，。、；])")
# □ the page printed: some sites write a filtered word as □ (公司党□和…领导下), but □ is also a lost character (朱□基),
# so a square run is only ever replaced by a confident fill (``squares=True``)
_RUN_SQUARES = regex.compile(_RUN.pattern + "|□+")
_MASKCH = "*＊_＿" + MASK_MARKER
_STOP = regex.compile(r"[\n*＊_＿□]")
_SENT_SPLIT = regex.compile(r"[。！？!?；;\n]")
_HANQ = regex.compile(r"[\p{Han}“”‘’\"']")
_HAN1 = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"\p{Han}+")
_CHUNK_SPLIT = regex.compile(r"[*＊_＿□\n。！？；]+")


def _lazy_fills(s: str, pos: int, sizes: tuple[int, ...], gaps: tuple[str, ...], ok):
    """Fill the mask runs at ``s[pos:]`` as the lazy regex ``(c{1,n0}?)gap1(c{1,n1}?)gap2…`` tries them: yield
    ``(fills, end)`` with the shortest fills first, the first run varying slowest.  ``sizes``: each run's ``n``;
    ``gaps[k]``: the visible text between runs ``k-1`` and ``k``; ``ok(ch)``: ``ch`` matches ``c``.

    ``学校*支*的领导`` against ``党支部的领导…``: sizes (4, 4), gaps ("", "支") → first ``("党", "部")``.  A Python
    matcher instead of one compiled regex per mask (compiling costs ~0.2 ms, and nearly every mask context is
    new)."""
    n, last = len(s), len(sizes) - 1
    k = 0
    stack = [pos]  # start of each run so far
    ends = [pos]   # end of the current fill of each run so far (start = nothing chosen yet)
    while True:
        start, q = stack[k], ends[k] + 1
        if q - start > sizes[k] or q > n or not ok(s[q - 1]):
            if k == 0:
                return
            stack.pop()
            ends.pop()
            k -= 1  # backtrack: the previous run takes one more character
            continue
        ends[k] = q
        if k == last:
            yield tuple(s[a:b] for a, b in zip(stack, ends)), q
        elif s.startswith(gaps[k + 1], q):
            k += 1
            stack.append(q + len(gaps[k]))
            ends.append(q + len(gaps[k]))


def _not_newline(ch: str) -> bool:
    return ch != "\n"  # the regex ``.``


@lru_cache(maxsize=65536)
def _is_han(ch: str) -> bool:
    """``_HAN1.match(ch)`` for one character (memoised: LM followers and copied fills are a small alphabet)."""
    return _HAN1.match(ch) is not None


@lru_cache(maxsize=1)
def masked_lexicon() -> tuple[tuple[str, float], ...]:
    out = []
    for line in load_lines("lexicon/cleaner/masked_words.txt"):
        parts = line.split()
        out.append((parts[0], float(parts[1]) if len(parts) > 1 else 5.0))
    return tuple(out)


@lru_cache(maxsize=1)
def private_names() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """``(surnames, forms of address, words for a person before a name)`` of
    ``data/lexicon/cleaner/private_names.txt``."""
    sections: dict[str, list[str]] = {}
    cur = None
    for line in load_lines("lexicon/cleaner/private_names.txt"):
        if line.startswith("[") and line.endswith("]"):
            cur = sections.setdefault(line[1:-1], [])
        elif cur is not None:
            cur.extend(line.split())
    return (frozenset(sections.get("surnames", ())), tuple(sections.get("titles", ())),
            tuple(sections.get("roles", ())))


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    return frozenset(w for w, _ in masked_lexicon())


def _private_name(left: str, right: str, fill: str) -> bool:
    """A mask between a surname and a form of address hides a person's given name (``教师刘*同志``), and so does a
    mask after a word for a person and a surname (``律师助理张**的妻子``, not 张党的), unless the surname and the fill
    spell a listed name (``习**同志`` → 习近平)."""
    surnames, titles, roles = private_names()
    if not left or left[-1] not in surnames or not (right.startswith(titles) or left[:-1].endswith(roles)):
        return False
    return not _starts_listed_word(left[-1] + fill)


def _starts_listed_word(prefix: str) -> bool:
    """Some lexicon word starts with ``prefix``: a surname and its fill spell a listed name (习近 of 习近平)."""
    return any(w.startswith(prefix) for w in _lexicon_words())


def _ends_common_word(left: str) -> bool:
    """The last two characters before a mask are a common word (学习), so the last one belongs to it."""
    return len(left) >= 2 and _jieba_freq()[0].get(left[-2:], 0) >= _BOUND_FREQ


_HAN_NUMERALS = frozenset("〇零一二三四五六七八九十")


def _breaks_number(left: str, fill: str) -> bool:
    """A fill that starts with a numeral right after one, without the two making the start of a listed word, runs
    two numbers together: ``党的二*大`` is 二十大, not 二 + 十八大; ``党的十*大`` is not 十 + 二十大."""
    return (bool(left) and bool(fill) and left[-1] in _HAN_NUMERALS and fill[0] in _HAN_NUMERALS
            and not _starts_listed_word(left[-1] + fill))


@lru_cache(maxsize=1)
def _mask_defaults() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """``(lefts, rights, fills, nots)`` per line of ``mask_defaults.txt`` (``-``: any left or right text, no NOT
    words)."""
    out = []
    for line in load_lines("lexicon/cleaner/mask_defaults.txt"):
        lefts, rights, fills, nots = (tuple(part.split("|")) for part in line.split("\t"))
        out.append((("",) if lefts == ("-",) else lefts, ("",) if rights == ("-",) else rights, fills,
                    () if nots == ("-",) else nots))
    return tuple(out)


def _printed_count(text: str, lw: str, fill: str, nots: tuple[str, ...]) -> int:
    """How often ``lw + fill`` is printed in ``text``, not as the start of a word in ``nots`` (局党组织)."""
    n, pos, k = 0, text.find(lw + fill), len(lw)
    while pos >= 0:
        if not text.startswith(nots, pos + k):
            n += 1
        pos = text.find(lw + fill, pos + 1)
    return n


def _formula_fill(text: str, left: str, right: str) -> tuple[str, float, list] | None:
    """``(fill, confidence, ranked candidates)`` of a mask inside a formula of ``mask_defaults.txt``, or ``None``.

    ``在公司党*和上级工会的领导下`` → 委 (0.85, the formula's usual body); with 公司党总支 printed elsewhere on the
    page → 总支 (0.95); ``认真学习贯彻*的十九大精神`` → 党 (0.9, whatever comes before it)."""
    for lefts, rights, fills, nots in _mask_defaults():
        lw = next((w for w in lefts if left.endswith(w)), None)
        if lw is None or (rights == ("",) and right.startswith(fills)):
            continue
        if not (right.startswith(rights) or ("<姓>" in rights and right[:1] in private_names()[0])):
            continue
        if lw == "":  # a formula of the right side alone: one reading, unless the left already prints it
            if left.endswith(fills[0]):
                continue
            return fills[0], 0.9, [[fills[0], 0.9]]
        printed = [(c, f) for f in fills if (c := _printed_count(text, lw, f, nots))]
        if printed:
            fill = max(printed, key=lambda cf: (cf[0], -fills.index(cf[1])))[1]
            conf = 0.95 if len(printed) == 1 else 0.85
        else:
            fill, conf = fills[0], 0.85
        others = [f for f in fills if f != fill]
        return fill, conf, [[fill, conf]] + [[f, round((1 - conf) / len(others), 3)] for f in others]
    return None


_DICT_MIN_FREQ = 5  # jieba frequency of a word a one-character fill completes (三八红旗手 10, 劳动模范 163)
_DICT_SHAPES = ((3, 0), (3, 1), (2, 1), (2, 2), (1, 2), (0, 3))  # visible characters (left, right) in the word


_PHRASE_FREQ = 100  # the frequency a phrase of common_phrases.txt counts as


@lru_cache(maxsize=1)
def _phrases() -> dict[str, int]:
    """The set phrases of union reports that jieba lacks (``common_phrases.txt``), at ``_PHRASE_FREQ``."""
    freq = _jieba_freq()[0]
    return {w: _PHRASE_FREQ for w in load_lines("lexicon/cleaner/common_phrases.txt")
            if freq.get(w, 0) < _PHRASE_FREQ}


def _completion_freq(word: str) -> int:
    """A word's frequency for completions: jieba's, or a set phrase's."""
    return _phrases().get(word) or _jieba_freq()[0].get(word, 0)


@lru_cache(maxsize=1)
def _word_neighbours() -> tuple[dict[str, str], dict[str, str]]:
    """For jieba words and set phrases of three or more characters (frequency ≥ ``_DICT_MIN_FREQ``): the
    characters that follow each 2- and 3-character start inside a word, and those that precede each 2- and
    3-character end; built once, so a completion looks up a few candidates instead of trying every character."""
    after: dict[str, set] = defaultdict(set)
    before: dict[str, set] = defaultdict(set)
    for w, f in itertools.chain(_jieba_freq()[0].items(), _phrases().items()):
        if f < _DICT_MIN_FREQ or len(w) < 3 or not _HAN_RUN.fullmatch(w):
            continue
        for i in range(1, len(w)):
            for k in (2, 3):
                if i - k >= 0:
                    after[w[i - k:i]].add(w[i])
                if i - 1 + k < len(w):
                    before[w[i:i + k]].add(w[i - 1])
    return ({k: "".join(sorted(v)) for k, v in after.items()}, {k: "".join(sorted(v)) for k, v in before.items()})


@lru_cache(maxsize=4096)
def _dictionary_fills(left: str, right: str) -> tuple[tuple[str, int], ...]:
    """One-character fills that make a jieba dictionary word with the visible characters around a one-character
    mask, and the word's frequency: ``三八红＊手`` → 旗 (三八红旗手), ``劳动模□家庭`` → 范 (劳动模范).  Three visible
    characters at least, so a common two-character word does not decide an arbitrary position; set phrases of
    union reports count too (``common_phrases.txt``: ``医德医＿`` → 风)."""
    after, before = _word_neighbours()
    best: dict[str, int] = {}
    for a, b in _DICT_SHAPES:
        if len(left) < a or len(right) < b:
            continue
        lw, rw = left[len(left) - a:], right[:b]
        cands = after.get(lw[-3:] if a >= 3 else lw, "") if a >= 2 else before.get(rw, "")
        for c in cands:
            f = _completion_freq(lw + c + rw)
            if f >= _DICT_MIN_FREQ:
                best[c] = max(best.get(c, 0), f)
    return tuple(sorted(best.items(), key=lambda kv: (-kv[1], kv[0])))


def _name_after_surname(left: str, fill: str) -> bool:
    """A fill that starts a second name right after a surname (``成型车间王*东`` filled 毛泽 would read 王毛泽东): the
    mask hides a private person's given name.  Not when the surname and the fill spell a listed name (``江**`` →
    江泽民), nor when the character is no surname there (学习 in ``学习*小平理论``)."""
    surnames = private_names()[0]
    if not left or not fill or left[-1] not in surnames or fill[0] not in surnames:
        return False
    return not _ends_common_word(left) and not _starts_listed_word(left[-1] + fill)


@lru_cache(maxsize=4096)
def _lexicon_fills(lsufs: tuple[str, ...], rpres: tuple[str, ...], sizes: tuple[int, ...],
                   gaps: tuple[str, ...], context_bonus: float) -> tuple[tuple[tuple, tuple[float, int]], ...]:
    """``((fills, (weight, overlap)), …)`` for the lexicon words that the visible context and the mask runs
    align with, as ``(?:lsuf…)?(.{1,n}?)…(?:rpre…)?`` fully matching the word would: for ``*近平新时代``,
    ``习近平`` aligns as fill ``习`` with overlap 2.  When several words give the same fill, the one that
    scores best (``log weight + context_bonus × overlap``, as ``score_group`` scores it) stands for it:
    ``学*理论`` → ``习`` through 学习理论 (overlap 3), not through 学习 (heavier, but overlap 1).
    Memoised: the same masked word recurs in the same formulaic context."""
    out: dict[tuple, tuple[float, int]] = {}
    best: dict[tuple, float] = {}
    for word, w in masked_lexicon():
        fills = _align(word, lsufs, rpres, sizes, gaps)
        if fills is None:
            continue
        overlap = len(word) - sum(map(len, fills))
        v = math.log(w) + context_bonus * overlap
        if fills not in best or v > best[fills]:
            out[fills], best[fills] = (w, overlap), v
    return tuple(out.items())


def _align(word: str, lsufs: tuple[str, ...], rpres: tuple[str, ...], sizes, gaps):
    """The fills of ``(?:lsuf0|lsuf1|…)?`` + mask runs + ``(?:rpre0|…)?`` fully matching ``word`` (the first
    match in backtracking order), or ``None``."""
    for pre in lsufs + ("",):
        if not word.startswith(pre):
            continue
        for fills, end in _lazy_fills(word, len(pre), sizes, gaps, _not_newline):
            if end == len(word) or word[end:] in rpres:
                return fills
    return None


@lru_cache(maxsize=4096)
def _joined_word(left: str, inner: tuple[str, ...], right: str) -> tuple[str, float] | None:
    """The lexicon word (longest, then heaviest) that the visible characters spell once the mask runs are
    taken out, spanning every place a run stood: ``党*支*部`` → ``党支部`` (the stars were put between the
    characters of a word, like the hyphen in ``民-主``, not over hidden ones).  ``inner`` holds the text
    before each run of a group (``_group_shape``'s gaps).  ``学校*支*的`` spells no word without its hidden
    characters: ``None``.  Memoised like ``_lexicon_fills``: the same masked word recurs in the same context."""
    joined = left + "".join(inner) + right
    cuts, pos = [], len(left)
    for gap in inner:  # inner[k]: the text before run k ("" before the first)
        pos += len(gap)
        cuts.append(pos)  # run k stood between joined[pos - 1] and joined[pos]
    best = None
    for word, w in masked_lexicon():
        if len(word) < 2:
            continue
        start = joined.find(word)
        while start >= 0:
            if all(start < c < start + len(word) for c in cuts):
                if best is None or (len(word), w) > (len(best[0]), best[1]):
                    best = (word, w)
                break
            start = joined.find(word, start + 1)
    return best


def _copy_fills(sentence: str, lk: str, rk: str, sizes, gaps) -> list[tuple]:
    """The fills of every non-overlapping copy of ``lk`` + Han-only mask runs + ``rk`` in ``sentence``, left to
    right, as ``regex.finditer`` with ``([\\p{Han}]{1,n}?)`` runs finds them: ``学校*支*的`` in
    ``…学校党支部的领导下…`` → ``[("党", "部")]``."""
    out, pos, n = [], 0, len(sentence)
    while pos <= n:
        p = sentence.find(lk, pos)
        if p < 0:
            break
        pos = p + 1
        for fills, end in _lazy_fills(sentence, p + len(lk), sizes, gaps, _is_han):
            if sentence.startswith(rk, end):
                out.append(fills)
                pos = end + len(rk)
                break
    return out


def find_mask_groups(text: str, squares: bool = False) -> list[list[tuple[int, int]]]:
    """Mask runs in prose, grouped when 1–2 Han characters separate them (``*支*`` is one group); with ``squares``,
    runs of a printed □ too."""
    runs = []
    for m in (_RUN_SQUARES if squares else _RUN).finditer(text):
        s, e = m.span()
        left = text[s - 1] if s else ""
        right = text[e] if e < len(text) else ""
        if (left.isdigit() or right.isdigit() or (left.isascii() and left.isalpha())
                or (right.isascii() and right.isalpha())):
            continue  # 20**, xx**: placeholders, not masks
        if not (_HANQ.match(left or " ") or _HANQ.match(right or " ")):
            continue
        runs.append((s, e))
    groups: list[list[tuple[int, int]]] = []
    for r in runs:
        if groups:
            ps, pe = groups[-1][-1]
            gap = text[pe:r[0]]
            if 0 < len(gap) <= 2 and _HAN_RUN.fullmatch(gap):
                groups[-1].append(r)
                continue
        groups.append([r])
    return groups


# a whole Latin run (half or full width); whether it is a code is decided by ``letter_codes.txt``
_LATIN_RUN = regex.compile(r"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９])[A-Za-zＡ-Ｚａ-ｚ]+(?![A-Za-zＡ-Ｚａ-ｚ0-9０-９])")
_CODE_BEFORE = regex.compile(r"[\p{Han}“‘\"'「『\n]")
_FULL_LATIN = {c: c - 0xFEE0 for c in range(0xFF21, 0xFF5B)}  # full-width Latin → ASCII


@lru_cache(maxsize=1)
def _letter_codes() -> tuple[dict[str, str], dict[str, tuple[str, ...]], regex.Pattern | None]:
    """``(words, letters, signs)`` of ``letter_codes.txt``: code → word, letter → the words that may follow it, and
    one pattern for the emoticon signs (longest first)."""
    words: dict[str, str] = {}
    letters: dict[str, tuple[str, ...]] = {}
    signs: list[str] = []
    for line in load_lines("lexicon/cleaner/letter_codes.txt"):
        kind, codes, value = line.split("\t")
        for code in codes.split("|"):
            if kind == "word":
                words[code] = value
            elif kind == "letter":
                letters[code] = tuple(value.split("|"))
            else:
                signs.append(code)
    sign_re = None
    if signs:
        alts = "|".join(regex.escape(x) for x in sorted(signs, key=len, reverse=True))
        sign_re = regex.compile(rf"(?:{alts})(?=\p{{Han}})")
    return words, letters, sign_re


def find_letter_codes(text: str) -> list[tuple[int, int, str | None]]:
    """Latin codes for a filtered word: ``(start, end, word)``, word ``None`` for a single letter the mask rule must
    decide.  ``在公司dang委和`` → ``(4, 8, "党")``; ``学习贯彻X的二十大精神`` → ``(4, 5, None)``;
    ``贯彻^v^的二十大`` → ``(2, 5, None)``; ``X月X日`` → nothing."""
    words, letters, signs = _letter_codes()
    out = [(m.start(), m.end(), None) for m in signs.finditer(text)] if signs else []
    for m in _LATIN_RUN.finditer(text):
        s, e = m.span()
        if e >= len(text) or not _HAN1.match(text[e]) or (s and not _CODE_BEFORE.match(text[s - 1])):
            continue
        code = m.group().translate(_FULL_LATIN).lower()
        if code in words:
            out.append((s, e, words[code]))
        elif code in letters and text.startswith(letters[code], e):
            out.append((s, e, None))
    return sorted(out)



def _context(text: str, s: int, e: int, width: int = 8) -> tuple[str, str]:
    left = text[max(0, s - width):s]
    m = None
    for m in _STOP.finditer(left):
        pass
    if m:
        left = left[m.end():]
    right = text[e:e + width]
    m = _STOP.search(right)
    if m:
        right = right[:m.start()]
    return left, right


class MaskRestorer:
    """Scores fills for mask groups.  ``fit`` builds the sentence index and the LM from unmasked text."""

    def __init__(self, threshold: float = 0.8, unknown_margin: float = 2.5, context_bonus: float = 1.5, no_context_penalty: float = 3.0,
                 word_weight: float = 1.0, lm_weight: float = 0.5, length_bonus: float = 3.0,
                 run_length_penalty: float = 0.8, max_fill: int = 4, seen_bonus: float = 2.0, seen_window: int = 150,
                 lm_only_penalty: float = 2.0, lm_trusted_overlap: int = 4):
        self.lm_trusted_overlap = lm_trusted_overlap
        self.length_bonus = length_bonus
        self.seen_bonus = seen_bonus
        self.seen_window = seen_window
        self.lm_only_penalty = lm_only_penalty
        self.no_context_penalty = no_context_penalty
        self.run_length_penalty = run_length_penalty
        self.threshold = threshold
        self.unknown_margin = unknown_margin
        self.word_weight = word_weight
        self.lm_weight = lm_weight
        self.context_bonus = context_bonus
        self.max_fill = max_fill
        self.lm = None
        self.sentences_: list[str] = []
        self.index_: dict[str, tuple[int, ...]] = {}

    # ---- fitting -------------------------------------------------------------------------------------
    def fit(self, texts: Iterable[str], lm=None) -> "MaskRestorer":
        self.lm = lm
        _word_neighbours()  # built once per process (~0.7 s): a one-off cost of fitting, not of cleaning
        seen: set[str] = set()
        sents: list[str] = []
        index: dict[str, list[int]] = defaultdict(list)
        for text in texts:
            for sent in _SENT_SPLIT.split(text):
                sent = sent.strip()
                if len(sent) < 6 or sent in seen or any(c in sent for c in _MASKCH):
                    continue
                seen.add(sent)
                sid = len(sents)
                sents.append(sent)
                for i in range(0, len(sent) - 3, 2):
                    lst = index[sent[i:i + 4]]
                    if len(lst) < 40:
                        lst.append(sid)
        self.sentences_ = sents
        # tuples, not lists: never changed after fit, and a tuple of ints leaves the garbage collector's lists
        # (~20k lists would otherwise be traversed by every full collection while cleaning)
        self.index_ = {k: tuple(v) for k, v in index.items()}
        return self

    # ---- candidates ----------------------------------------------------------------------------------
    def _group_shape(self, text: str, group) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """``(sizes, gaps)`` of a mask group for ``_lazy_fills``: a run hides up to ``max_fill`` characters (or as
        many as it has stars); a lone ``_`` as many as a lone star (``坚持以_理论和“三个代表”`` hides 邓小平)."""
        sizes = tuple(max(self.max_fill, e - s) for s, e in group)
        gaps = ("",) + tuple(text[group[k - 1][1]:group[k][0]] for k in range(1, len(group)))
        return sizes, gaps

    def _copies(self, text: str, group, left: str, right: str) -> Counter:
        if not self.sentences_ or len(left) + len(right) < 4:
            return Counter()
        s0, e0 = group[0][0], group[-1][1]
        window = text[max(0, s0 - 24):e0 + 24]
        chunks = [c for c in _CHUNK_SPLIT.split(window) if len(c) >= 4]
        get = self.index_.get
        # counted in the same order as one increment per hit (``most_common`` breaks ties by first hit)
        votes: Counter = Counter([sid for c in chunks for i in range(len(c) - 3) for sid in get(c[i:i + 4], ())])
        if not votes:
            return Counter()
        cands = [sid for sid, v in votes.most_common(12) if v >= 2]
        sizes, gaps = self._group_shape(text, group)
        for k in (6, 4, 3, 2):
            lk, rk = left[-k:], right[:k]
            if len(lk) + len(rk) < 4 and k > 2:
                continue
            found: Counter = Counter()
            for sid in cands:
                for fills in _copy_fills(self.sentences_[sid], lk, rk, sizes, gaps):
                    found[fills] += 1
            if found:
                return Counter({f: c * (1.0 if k >= 4 else 0.6) for f, c in found.items()})
        return Counter()

    def _lexicon(self, text: str, group, left: str, right: str) -> dict[tuple, tuple[float, int]]:
        # the whole visible context (``_context``: up to 8 characters each side), so a formula can decide a name
        lsufs = tuple(left[-i:] for i in range(len(left), 0, -1))
        if _ends_common_word(left):
            # the last character before the mask ends a common word (学习 in ``深入学习***总书记``): no lexicon word
            # starts on it alone (学 + 习近平, read 学习近平) — the word may start after it, or take in the whole word
            lsufs = lsufs[:-1]
        rpres = tuple(right[:i] for i in range(len(right), 0, -1))
        fills = _lexicon_fills(lsufs, rpres, *self._group_shape(text, group), self.context_bonus)
        return {f: v for f, v in fills if not _breaks_number(left, f[0])}

    def _lm_fills(self, group, left: str, right: str) -> list[tuple]:
        if self.lm is None or not self.lm.fitted or len(group) != 1 or len(left) < 2 or not right:
            return []
        out = []
        c3 = self.lm.c3
        followers, l1, r0 = self.lm.followers, left[-1], right[0]
        for x in followers(left[-2:])[:30]:
            if not _is_han(x):
                continue
            if c3.get(l1 + x + r0, 0):
                out.append((x,))
            for y in followers(l1 + x)[:15]:
                if _is_han(y) and c3.get(x + y + r0, 0):
                    out.append((x + y,))
        return out

    # ---- scoring -------------------------------------------------------------------------------------
    def score_group(self, text: str, group, fill_len: int | None = None) -> tuple[str, float, list]:
        """Return (restored group text, confidence, ranked candidates [[fills, p], …]); ``fill_len``: only fills of
        that many characters (a letter code writes one)."""
        s0, e0 = group[0][0], group[-1][1]
        left, right = _context(text, s0, e0)

        def fill_text(fills):
            parts = []
            for k, (s, e) in enumerate(group):
                if k:
                    parts.append(text[group[k - 1][1]:s])
                parts.append(fills[k])
            return "".join(parts)

        # a formula of mask_defaults.txt (one short run): the leadership formula's party body, 党 before a congress…
        formula = _formula_fill(text, left, right) if len(group) == 1 and e0 - s0 <= 3 else None
        if formula is not None and fill_len is not None and len(formula[0]) != fill_len:
            formula = None
        copies = self._copies(text, group, left, right)
        if copies:
            total = sum(copies.values())
            ranked = sorted(copies.items(), key=lambda kv: (-kv[1], kv[0]))
            best, c = ranked[0]
            agree = c / total
            strength = 0.97 if c >= 1.0 else 0.85
            cands = [["".join(f) if len(f) == 1 else list(f), round(v / total, 3)] for f, v in ranked[:5]]
            conf = round(strength * agree, 4)
            # the body this report prints itself beats copies of the frame from other reports (``公司党**的领导下``
            # beside its own 公司党委和…, while another page prints 公司党支部的领导下), and the formula's default
            # beats copies that disagree
            if formula is not None and (formula[1] > conf or (formula[1] >= 0.95 and formula[0] != fill_text(best))):
                return formula
            return fill_text(best), conf, cands
        if formula is not None:
            return formula
        lex = self._lexicon(text, group, left, right)
        scored: dict[tuple, float] = {}
        cb, ncp = self.context_bonus, self.no_context_penalty
        for fills, (w, overlap) in lex.items():
            v = math.log(w) + cb * overlap
            if overlap == 0 and sum(map(len, fills)) > 1:
                v -= ncp  # a whole word dropped in with no visible support
            scored[fills] = v
        joined = _joined_word(left, self._group_shape(text, group)[1], right)
        if joined is not None:  # no character hidden: the runs only split a word
            scored[("",) * len(group)] = math.log(joined[1]) + cb * len(joined[0])
        if len(group) == 1:
            # a fill longer than its run that only lengthens a supported fill the run can hold is no reading of its
            # own (``局党*的``: 党委书记 adds 书记 to 党委; one star hides one character)
            run = group[0][1] - group[0][0]
            short = [f[0] for f, (_, ov) in lex.items() if ov and 0 < len(f[0]) <= run]
            for f in [f for f in scored if len(f[0]) > run and any(f[0].startswith(g) for g in short)]:
                del scored[f]
        # fills the visible text supports: a lexicon word that overlaps the context, a split word, a corpus trigram
        supported = {f for f, (_, overlap) in lex.items() if overlap and f in scored}
        if joined is not None:
            supported.add(("",) * len(group))
        for fills in self._lm_fills(group, left, right):
            scored.setdefault(fills, -self.lm_only_penalty)  # not a word censors are known to mask
            supported.add(fills)
        if len(group) == 1 and group[0][1] - group[0][0] == 1:
            # one mark hiding one character of a common word (a filter that hits at random)
            for c, f in _dictionary_fills(left, right):
                scored.setdefault((c,), math.log(f) - self.lm_only_penalty)
                supported.add((c,))
        if fill_len is not None:
            scored = {f: v for f, v in scored.items() if sum(map(len, f)) == fill_len}
        if not scored:
            return "", 0.0, []
        # word-level plausibility of the filled window (jieba dictionary; always available)
        lc, rc = left[-3:], right[:3]
        runs = [e - s for s, e in group]
        keys = list(scored)
        # one mask run (the usual case): the fill text is the fill itself
        ftexts = [f[0] for f in keys] if len(group) == 1 else [fill_text(f) for f in keys]
        wins = [lc + t + rc for t in ftexts]
        # per-character log-probability (a unigram model always penalises longer fills), scaled
        wlb = self.word_weight * self.length_bonus
        vals = [scored[f] + wlb * word_logprob(w) / len(w) for f, w in zip(keys, wins)]
        # a run of several stars rarely hides a single character (weak prior: lengths are unreliable)
        # and a single star mostly hides one character (``学*理论`` is 学习理论, not 学邓小平理论)
        rlp = self.run_length_penalty
        vals = [v - rlp * sum(abs(r - len(f)) for r, f in zip(runs, fills)) for v, fills in zip(vals, keys)]
        if self.lm is not None and self.lm.fitted:
            lc2, rc2 = lc[-2:], rc[:2]
            lw = self.lm_weight
            lps = self.lm.logprobs([lc2 + t + rc2 for t in ftexts], start=len(lc2))
            # a listed word that matches ``lm_trusted_overlap`` or more visible characters (习近平总书记系列重要 for
            # ``____总书记系列重要``) is not judged by the corpus model: censored pages print the words it lists
            # mostly masked, so a trigram model fitted on them finds 和习近平总书 less likely than 和社会主义总书
            top_lp, k = max(lps), self.lm_trusted_overlap
            lps = [top_lp if lex.get(f, (0, 0))[1] >= k else lp for f, lp in zip(keys, lps)]
            vals = [v + lw * lp for v, lp in zip(vals, lps)]
        if len(group) == 1 and self.seen_bonus:
            # a filter misses some occurrences of a word, and a paragraph repeats its theme: a fill of two or
            # more characters, as many as the stars, printed unmasked close by is more likely
            # (``深入开展**学习教育`` followed by ``把学习宣传党史作为首要政治任务``); a word the report uses
            # only far away is no evidence, and ``工会`` near ``加强*员干部`` must not outweigh one star's 党
            sb, near, n = self.seen_bonus, text[max(0, s0 - self.seen_window):e0 + self.seen_window], runs[0]
            seen = [len(t) == n > 1 and t in near for t in ftexts]
            # an organisation's name is the same through a report: the lexicon word a fill completes with the
            # character beside it, printed unmasked anywhere in the text (``站党**和`` where 站党委 is printed
            # twice and 党支部 never: 委, not 支部; but ``学习*的`` beside a printed 理论的 is no evidence for 理论)
            l1, r1, words = left[-1:], right[:1], _lexicon_words()
            seen = [ok or any(w in words and w in text for w in (l1 + t if l1 else "", t + r1 if r1 else ""))
                    for ok, t in zip(seen, ftexts)]
            vals = [v + sb if ok else v for v, ok in zip(vals, seen)]
            supported.update(f for f, ok in zip(keys, seen) if ok)
        scored = dict(zip(keys, vals))
        # the "something else" alternative: a fixed margin below the best candidate
        top = max(scored.values())
        unknown = top - self.unknown_margin
        m = max(top, unknown)
        exp = math.exp
        z = math.log(sum([exp(v - m) for v in scored.values()]) + exp(unknown - m)) + m
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        cands = [["".join(f) if len(f) == 1 else list(f), round(math.exp(v - z), 3)] for f, v in ranked[:5]]
        best, v = ranked[0]
        conf = math.exp(v - z)
        # Without a copy of the sentence, a long star run filled by far fewer characters is a guess
        # (``贯彻******总**`` is not ``党总支``): never confident enough to restore.
        if any(r >= 3 and len(f) * 3 <= r for r, f in zip(runs, best)):
            conf = min(conf, 0.5)
        # A lexicon word nothing visible supports is a guess however few the rivals (``发放慰问金*万元``,
        # ``党的十*大``): not 党.
        if best not in supported or (len(group) == 1 and (_private_name(left, right, best[0])
                                                          or _name_after_surname(left, best[0]))):
            conf = min(conf, 0.5)
        return fill_text(best), round(conf, 4), cands

    def changes(self, text: str, squares: bool = False) -> list[Change]:
        """The edits of the mask rule; ``squares``: a □ printed on the page is a mask too, replaced only by a
        confident fill (the cleaner passes it when the page prints □ and no mojibake repair wrote one)."""
        out = self._code_changes(text)
        for group in find_mask_groups(text, squares):
            # a printed □ is scored as a star is: the □ this rule writes for an unresolved mask then stays unresolved
            # when the text is cleaned again
            printed = squares and any(MASK_MARKER in text[s:e] for s, e in group)
            restored, conf, cands = self.score_group(text, group)
            s0, e0 = group[0][0], group[-1][1]
            if printed and not (cands and conf >= self.threshold and self._local_evidence(text, group, restored)):
                continue  # a printed □ nothing local decides stays as the page printed it
            if cands and conf >= self.threshold:  # "" restores a run put between the characters of a word
                out.append(Change(s0, e0, restored, conf,
                                  json.dumps({"candidates": cands}, ensure_ascii=False)))
            else:
                for k, (s, e) in enumerate(group):
                    detail = {"candidates": [[c[0][k] if isinstance(c[0], list) else c[0], c[1]] for c in cands],
                              "group": text[s0:e0]}
                    out.append(Change(s, e, MASK_MARKER, round(1.0 - conf, 4) if cands else 1.0,
                                      json.dumps(detail, ensure_ascii=False)))
        return out

    @staticmethod
    def _local_evidence(text: str, group, restored: str) -> bool:
        """A printed □ is filled only on evidence next to it: a formula of ``mask_defaults.txt``, or a lexicon word
        the fill makes with visible characters on both sides (``党风□□建设`` → 党风廉政建设) or with two on one side,
        or a dictionary completion.  Evidence from further away (a fill printed nearby, the corpus) can change once
        other masks are filled, and cleaning the result again must not fill the □ this rule wrote for an unresolved
        mask."""
        if len(group) != 1:
            return False
        s, e = group[0]
        left, right = _context(text, s, e)
        formula = _formula_fill(text, left, right)
        if formula is not None:
            return formula[0] == restored
        if len(restored) == 1 and any(c == restored for c, _ in _dictionary_fills(left, right)):
            return True
        words = _lexicon_words()
        # visible characters on both sides, or two on one side (``□风廉政`` → 党风廉政, not ``28名□员`` → 党员)
        shapes = ((1, 1), (2, 1), (1, 2), (2, 2), (0, 2), (0, 3), (2, 0), (3, 0))
        return any((left[-a:] if a else "") + restored + right[:b] in w for a, b in shapes
                   if len(left) >= a and len(right) >= b for w in words)

    def _code_changes(self, text: str) -> list[Change]:
        """Letter codes (``find_letter_codes``): a pinyin code becomes its word; a single letter is scored as a
        one-character mask and replaced only by a confident fill (else it stays: it may be a placeholder)."""
        out = []
        for s, e, word in find_letter_codes(text):
            if word is not None:
                out.append(Change(s, e, word, 0.9, json.dumps({"code": text[s:e], "candidates": [[word, 0.9]]},
                                                              ensure_ascii=False)))
                continue
            one = _LATIN_RUN.fullmatch(text, s, e) is not None  # a letter writes one character
            restored, conf, cands = self.score_group(text, [(s, e)], fill_len=1 if one else None)
            if cands and restored and conf >= self.threshold:
                out.append(Change(s, e, restored, conf, json.dumps({"code": text[s:e], "candidates": cands},
                                                                   ensure_ascii=False)))
        return out
