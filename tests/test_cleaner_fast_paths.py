"""The cleaner's fast paths give exactly what the plain formulation they replace gives.

Each speed-up (a literal scan instead of a regex per line, ``str.find`` instead of a regex walk, a Python matcher
instead of one compiled regex per mask, a one-sweep edit composition …) is checked here against that plain
formulation on random strings built from the characters that matter to it, and on the seed pages.
"""
from __future__ import annotations

import math
import random
from pathlib import Path

import regex

from corpus_tools.cleaner import Cleaner
from corpus_tools.cleaner import rules as R
from corpus_tools.cleaner.chrome import (BoilerplateModel, _edge_atoms, _edge_test, _prefilters, inline_chrome_spans,
                                         is_chrome_line, normalise_line, normalised_lines, text_chrome_matchers)
from corpus_tools.cleaner.edits import Change, Doc
from corpus_tools.cleaner.lm import CharNgramLM
from corpus_tools.cleaner.masks import _align, _copy_fills

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def _lines() -> list[str]:
    return [x for p in sorted(SAMPLE.glob("*.txt")) for x in p.read_text(encoding="utf-8").split("\n")]


def _random(rng: random.Random, alphabet, lo: int, hi: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def test_line_spans_match_a_find_loop():
    def reference(text):
        pos, n = 0, len(text)
        while pos < n:
            nl = text.find("\n", pos)
            if nl < 0:
                yield pos, n, n
                return
            yield pos, nl, nl + 1
            pos = nl + 1
    rng = random.Random(0)
    for _ in range(5000):
        text = _random(rng, "ab\n", 0, 8)
        assert R.line_spans(text) == list(R.iter_lines(text)) == list(reference(text))


def test_hyphen_runs_match_the_regex():
    rng = random.Random(1)
    alphabet = list("民主管理a1-－‐‑ \n") + ["𠀀"]
    for _ in range(20000):
        text = _random(rng, alphabet, 0, 30)
        assert [m.span() for m in R._hyphen_runs(text)] == [m.span() for m in R._HYPHEN_RUN.finditer(text)], text


def test_punct_runs_match_the_regex():
    rng = random.Random(2)
    alphabet = list(",;:?!,,::") + list("党，“a1 .\n（）…—：") + ["𠀀", "々", "http://"]
    for _ in range(20000):
        text = _random(rng, alphabet, 0, 14)
        assert R._punct_runs(text) == [m.span() for m in R._PUNCT.finditer(text)], text


def test_han_chars_match_the_regex():
    rng = random.Random(3)
    edges = [0x2e80, 0x2e99, 0x2e9a, 0x3005, 0x3006, 0x3007, 0x4e00, 0x9fff, 0xa000, 0xd7ff, 0xd800, 0xdfff,
             0xe000, 0x20000, 0x2a6df, 0x323af, 0x323b0, 0x10ffff, 0x41, 0x0a, 0x3000]
    alphabet = [chr(c) for c in edges] + list("醫院工會,. 2019年")
    for _ in range(5000):
        text = _random(rng, alphabet, 0, 12)
        assert R.han_chars(text) == R._NON_HAN.sub("", text)
    every = "".join(map(chr, range(0x110000)))
    assert R.han_chars(every) == R._NON_HAN.sub("", every)


def test_mask_fills_match_the_regexes():
    rng = random.Random(4)
    alphabet = list("党支部的领导学习近平新时代") + ["a", "1", " ", ".", "*", "\n", "(", "𠀀"]
    for _ in range(3000):
        runs = rng.choice([1, 1, 2, 3])
        sizes = tuple(rng.choice([1, 2, 4, 5]) for _ in range(runs))
        gaps = ("",) + tuple(_random(rng, alphabet, 1, 2) for _ in range(runs - 1))
        # a copy of the sentence elsewhere: ``lk`` + Han-only runs + ``rk``, all non-overlapping copies
        lk, rk = _random(rng, alphabet, 0, 3), _random(rng, alphabet, 0, 3)
        body = "".join((regex.escape(gaps[k]) if k else "") + f"([\\p{{Han}}]{{1,{sizes[k]}}}?)" for k in range(runs))
        rx = regex.compile(regex.escape(lk) + body + regex.escape(rk))
        sentence = _random(rng, alphabet, 0, 6) + lk + "".join(
            (gaps[k] if k else "") + _random(rng, "党支部的领导", 1, sizes[k]) for k in range(runs)) + rk
        assert _copy_fills(sentence, lk, rk, sizes, gaps) == [m.groups() for m in rx.finditer(sentence)]
        # a lexicon word aligned with the visible context
        left, right = _random(rng, alphabet, 0, 5), _random(rng, alphabet, 0, 5)
        lsufs = tuple(left[-i:] for i in range(min(4, len(left)), 0, -1))
        rpres = tuple(right[:i] for i in range(min(4, len(right)), 0, -1))
        body = "".join((regex.escape(gaps[k]) if k else "") + f"(.{{1,{sizes[k]}}}?)" for k in range(runs))
        lsuf, rpre = "|".join(map(regex.escape, lsufs)), "|".join(map(regex.escape, rpres))
        rx = regex.compile((f"(?:{lsuf})?" if lsuf else "") + body + (f"(?:{rpre})?" if rpre else ""))
        for _ in range(4):
            if rng.random() < 0.5:
                word = _random(rng, alphabet, 1, 8)
            else:  # context + fills + context: an alignment exists
                fills = "".join((gaps[k] if k else "") + _random(rng, alphabet, 1, 5) for k in range(runs))
                word = (rng.choice(lsufs) if lsufs else "") + fills + (rng.choice(rpres) if rpres else "")
            m = rx.fullmatch(word)
            assert _align(word, lsufs, rpres, sizes, gaps) == (m.groups() if m else None), word


def test_chrome_matchers_match_the_line_functions():
    rng = random.Random(5)
    lines = _lines()
    extra = ["65位用户关注", "- 相關(guān)推薦", "—3—", "醫(yī)院工會總結(jié)05-31", "共", "页,当前第1", "20xx年第3期",
             "<fw92.cOM/p>", "fw92.com编辑推荐", "无忧淘文网", "你的位置: 淘文网 > 工作计划 > 导航", "第3页", "123 456",
             "\u3000澳门百家乐在线娱乐 ", "今天本站网友给大家为您整理了(*),希望对大家有所帮助。xx年上半年", "Bet365开户送",
             "本文由网友上传分享", "点击下载文档", "的需<fw92.cOM/p>", "  12 "]
    literals = ["网友", "下载", "1", "0", "<", "p>", "com", "范文网", "注", "整理", "在线", "开户", "第", "页"]
    for _ in range(300):
        picked = []
        for _ in range(rng.randint(1, 20)):
            line = rng.choice(lines + extra * 10)
            if rng.random() < 0.3:
                i = rng.randint(0, len(line))
                line = line[:i] + rng.choice(literals) + line[i:]
            if rng.random() < 0.1:
                line = rng.choice(" \u3000\t") + line + rng.choice(["", " ", "\u3000"])
            picked.append(line)
        text = "\n".join(picked)
        is_chrome, inline_spans = text_chrome_matchers(text)
        for s, e, _ in R.line_spans(text):
            line = text[s:e]
            assert is_chrome(line, s) == is_chrome(line) == is_chrome_line(line), line
            spans = inline_spans(line, s) if inline_spans is not None else []
            assert spans == inline_chrome_spans(line), line


def test_line_patterns_by_end_characters_match_the_alternation():
    # ``is_chrome_line`` tries a pattern only on the lines whose first and last characters it accepts (the others by
    # their literals): same answers as the plain alternation of chrome_lines.txt, on the sample lines and on lines
    # grown, cut and changed at either end
    lp = _prefilters()[0]
    plain = regex.compile("|".join(f"(?:{p})" for p in lp.pats), regex.V0)
    rng = random.Random(6)
    lines = sorted({x.strip() for x in _lines()} | {"65位用户关注", "第3期", "— 3 —", "首页 上一页 1 2 3 下一页 尾页", "附件1",
                                                   "目  录", "一、总体要求\t3", "工会工作总结……………3", ""})
    alphabet = sorted({ch for x in lines for ch in x} | set("0123456789\t…·.-|｜>》)）"))
    for line in lines:
        for _ in range(8):
            s = line
            for _ in range(rng.randint(0, 2)):
                i = rng.choice([0, len(s), rng.randint(0, len(s))])
                s = s[:i] + rng.choice(alphabet) + s[i + rng.randint(0, 1):]
            assert lp.full_match_any(s) == bool(plain.fullmatch(s)), s


def test_end_characters_of_a_pattern():
    assert _edge_atoms(r"(?:上一页|下一页)\s*\d*", last=False) == ({"上", "下"}, False)
    assert _edge_atoms(r"(?:上一页|下一页)\s*\d*", last=True) == ({"页", r"\s", r"\d"}, False)
    assert _edge_atoms(r"[^\n]{2,60}?\.{4,}\s*\d{1,3}", last=True) == ({r"\d"}, False)
    assert _edge_atoms(r"(?:END|\(完\))?(?=x)-*", last=False) == ({"E", r"\(", "-"}, True)
    test = _edge_test(r"[^\n。，]{2,40}[（(]\s*\d{1,2}\s*篇\s*[)）]", last=True)
    assert test(")") and test("）") and not test("。")
    assert _edge_test(r".{0,40}(?:转载请注明).{0,60}", last=True) is None  # open: any last character
    assert _edge_test(r"[^\n。，]{2,40}[（(]\s*\d{1,2}\s*篇\s*[)）]", last=False) is None


def test_boilerplate_lines_match_is_boilerplate():
    lines = _lines()
    model = BoilerplateModel().fit(["\n".join(lines[i:i + 30]) for i in range(0, len(lines), 7)])
    model.lines_ = model.lines_ | {"0位用户关注", "0"}
    for i in range(0, len(lines), 11):
        text = "\n".join(lines[i:i + 40] + ["65位用户关注", " 2020 "])
        assert normalised_lines(text) == [normalise_line(x) for x in text.split("\n")]
        assert model.boilerplate_lines(text) == [model.is_boilerplate(x) for x in text.split("\n")]
    model.lines_ = frozenset({"黑板报"})
    assert model.boilerplate_lines("a\n黑板报\n1") == [False, True, False]


def test_rejoin_memo_changes_nothing():
    lines = _lines()
    for i in range(0, len(lines), 5):
        text = "\n".join(lines[i:i + 25])
        memo: dict = {}
        for _ in range(2):
            assert R.rejoin_lines(text, memo) == R.rejoin_lines(text)


def test_logprobs_sum_term_by_term():
    lines = _lines()
    lm = CharNgramLM().fit(lines)
    strings = ["学校党支部的领导", "认真学习理论", "ab", "", "学*", "党支部"]
    for start in (0, 2, 3):
        for s in strings:
            terms = [math.log(lm._p(s[i - 2], s[i - 1], s[i])) for i in range(max(2, start), len(s))]
            total = 0
            for t in terms:
                total += t
            assert lm.logprob(s, start) == total
        assert lm.logprobs(strings, start) == [lm.logprob(s, start) for s in strings]


def _merging_doc(text: str) -> Doc:
    """A ``Doc`` that always takes the general merge (the reference composition)."""
    doc = Doc(text)
    doc._apply_apart = lambda rule, changes: False
    return doc


def test_edit_composition_fast_paths_match_the_general_merge():
    rng = random.Random(6)
    alphabet = "ab，,c\n*"
    for _ in range(3000):
        text = _random(rng, alphabet, 0, 25)
        fast, ref = Doc(text), _merging_doc(text)
        for _ in range(rng.randint(1, 6)):
            changes, pos = [], 0
            while pos <= len(fast.text):
                if rng.random() < 0.3:
                    end = min(len(fast.text), pos + rng.choice([0, 0, 1, 1, 2, 3]))
                    changes.append(Change(pos, end, _random(rng, alphabet, 0, 2), rng.choice([1.0, 0.5]),
                                          rng.choice(["", "d"])))
                    pos = end + rng.choice([0, 0, 1, 2])
                else:
                    pos += rng.choice([1, 1, 2, 3])
            rng.shuffle(changes)
            rule = rng.choice(["a", "b", "mask"])
            fast.apply(rule, list(changes))
            ref.apply(rule, list(changes))
            assert fast.text == ref.text
            assert fast._edits == ref._edits and fast._cs == ref._cs and fast._ce == ref._ce
        assert fast.edits() == ref.edits()


def test_seed_pages_unchanged_by_fast_paths(monkeypatch):
    # the whole cleaner, with every edit composed by the general merge, gives the same results
    import corpus_tools.cleaner.core as core

    texts = ["\n".join(_lines()[i:i + 60]) for i in range(0, len(_lines()), 45)]
    cleaner = Cleaner().fit(texts)
    fast = [cleaner.clean(t) for t in texts]
    monkeypatch.setattr(core, "Doc", _merging_doc)
    assert [cleaner.clean(t) for t in texts] == fast
