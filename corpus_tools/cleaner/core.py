"""The ``Cleaner``: runs the rules in order, records every change as an ``Edit`` on the original text."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from corpus_tools.cleaner import rules as R
from corpus_tools.cleaner.chrome import BoilerplateModel, inline_chrome_spans
from corpus_tools.cleaner.edits import EDIT_COLUMNS, Change, CleanResult, Doc
from corpus_tools.cleaner.lm import CharNgramLM
from corpus_tools.cleaner.masks import MASK_MARKER, MaskRestorer

__all__ = ["RULE_ORDER", "Cleaner", "clean", "EDIT_COLUMNS"]

#: Rules in the order they run.  Line rules first (on raw lines), then character rules; placeholders are
#: normalised before masks so that a mask is never restored over a placeholder.
RULE_ORDER = ("mojibake", "chrome", "corpus_boilerplate", "teaser", "markdown", "rejoin_lines", "lost_breaks",
              "whitespace", "pinyin", "t2s", "typo", "width", "punctuation", "hyphen", "placeholder", "mask")

#: Rules that work on lines (site chrome, boilerplate, teasers, broken lines): a title is one line, so
#: ``clean_title`` runs only the character rules.
LINE_RULES = frozenset({"chrome", "corpus_boilerplate", "teaser", "rejoin_lines", "lost_breaks"})


def _comma_ends(text: str) -> int:
    """Lines ending in a full-width comma or enumeration mark (the ends ``rejoin_lines`` may carry on)."""
    return text.count("，\n") + text.count("、\n") + text.endswith(("，", "、"))


def _clip(changes):
    """Line deletions of adjacent lines may share a newline; clip so that they do not overlap."""
    changes = sorted(changes, key=lambda c: (c.start, c.end))
    out, last = [], -1
    for c in changes:
        if c.start < last:
            if c.end <= last:
                continue
            c = c._replace(start=last)
        out.append(c)
        last = c.end
    return out


class Cleaner:
    """Repair scraped report text; every change is an ``Edit`` with offsets into the original text.

    Parameters
    ----------
    disable : rule names to switch off (see ``RULE_ORDER``).
    mask_threshold : restore a mask only when the best candidate's confidence reaches this value;
        otherwise write ``MASK_MARKER`` and record the candidates.
    t2s_min_share : convert Traditional → Simplified only when at least this share of Han characters
        changes under OpenCC t2s.
    boilerplate_min_contexts : a short line must occur in this many distinct contexts across the fitted
        corpus to be learned as boilerplate.
    """

    def __init__(self, disable: Iterable[str] = (), mask_threshold: float = 0.8, t2s_min_share: float = 0.05,
                 boilerplate_min_contexts: int = 4, teaser_min_chars: int = 12):
        self.disable = frozenset(disable)
        unknown = self.disable - set(RULE_ORDER)
        if unknown:
            raise ValueError(f"unknown rules {sorted(unknown)}; known: {RULE_ORDER}")
        self.mask_threshold = mask_threshold
        self.t2s_min_share = t2s_min_share
        self.boilerplate_min_contexts = boilerplate_min_contexts
        self.teaser_min_chars = teaser_min_chars
        self.boilerplate_: BoilerplateModel | None = None
        self.lm_: CharNgramLM | None = None
        self.masks_ = MaskRestorer(threshold=mask_threshold)

    # ------------------------------------------------------------------------------------------------
    def fit(self, texts: Iterable[str]) -> "Cleaner":
        """Learn from the corpus: recurring boilerplate lines, the char LM and the index of unmasked
        sentences (both from the text as cleaned by every rule but ``mask``)."""
        texts = [t for t in texts if isinstance(t, str)]
        self.boilerplate_ = BoilerplateModel(min_contexts=self.boilerplate_min_contexts).fit(texts)
        pre = [self._run(t, extra_disable={"mask"}).text for t in texts]
        self.lm_ = CharNgramLM().fit(pre)
        self.masks_ = MaskRestorer(threshold=self.mask_threshold).fit(pre, lm=self.lm_)
        return self

    def clean(self, text: str) -> CleanResult:
        """Clean one text: ``CleanResult(text, edits)``; ``apply_edits(text, edits) == result.text``."""
        return self._run(text)

    def clean_title(self, title: str) -> CleanResult:
        """Clean a report title with the character rules only (no line is dropped or joined).

        ``醫院工會20xx年工作總結`` → ``医院工会20XX年工作总结`` (t2s, placeholder); markup debris inside the line goes
        (``…劳动竞赛总结?/p>`` → ``…劳动竞赛总结``).
        """
        return self._run(title, extra_disable=LINE_RULES, one_line=True)

    def _run(self, text: str, extra_disable=frozenset(), one_line: bool = False) -> CleanResult:
        off = self.disable | set(extra_disable)
        doc = Doc(text)
        on = lambda name: name not in off  # noqa: E731
        # a □ the page printed may be a filtered word; one a mojibake repair wrote is a lost character
        squares = MASK_MARKER in text
        if on("mojibake"):  # first: every other rule reads the text as it was written
            repairs = R.mojibake(doc.text)
            squares = squares and not repairs
            doc.apply("mojibake", repairs)
        if on("chrome"):
            doc.apply("chrome", _clip(R.chrome(doc.text)))
        elif one_line and "chrome" not in self.disable:  # a title: only the chrome inside the line
            doc.apply("chrome", [Change(a, b, "") for a, b in inline_chrome_spans(doc.text)])
        if on("corpus_boilerplate") and self.boilerplate_ is not None:
            doc.apply("corpus_boilerplate", _clip(R.corpus_boilerplate(doc.text, self.boilerplate_)))
        if on("teaser"):
            doc.apply("teaser", _clip(R.teaser(doc.text, self.teaser_min_chars)))
        if on("markdown"):
            doc.apply("markdown", R.markdown(doc.text))
        memo: dict = {}  # rejoin tests by line triple: a pass leaves most lines as they were
        if on("rejoin_lines"):
            self._rejoin(doc, memo)
        if on("lost_breaks"):
            doc.apply("lost_breaks", R.lost_breaks(doc.text))
        if on("whitespace"):
            for changes in R.whitespace(doc.text):
                doc.apply("whitespace", changes)
            doc.apply("whitespace", R.blank_lines(doc.text))
        if on("pinyin"):
            doc.apply("pinyin", R.pinyin(doc.text))
        if on("t2s"):
            doc.apply("t2s", R.t2s(doc.text, self.t2s_min_share))
        if on("typo"):
            doc.apply("typo", R.typo(doc.text))
        if on("width"):
            doc.apply("width", R.width(doc.text))
        comma_ends = _comma_ends(doc.text)
        if on("punctuation"):
            self._punctuation(doc)
        punctuated = doc.text
        if on("rejoin_lines") and _comma_ends(doc.text) > comma_ends:
            # a run that collapses to its first mark can leave a line ending in a comma where it ended in a colon
            # (``工工工,:`` → ``工工工，``): that line may now go on, so rejoin again (idempotence; a join that
            # brings a half-width mark next to Han is punctuated by the re-run below)
            self._rejoin(doc, memo)
        if on("hyphen"):
            doc.apply("hyphen", R.hyphen(doc.text))
        if on("placeholder"):
            doc.apply("placeholder", R.placeholder(doc.text))
        if on("mask"):
            before_masks = doc.text
            doc.apply("mask", self.masks_.changes(doc.text, squares))
            if doc.text != before_masks:
                # a fill can make a neighbouring mark a mask for the first time (``工_*会*`` → ``工_社会主义``,
                # the ``_`` now between two Han characters): one more pass so that cleaning is idempotent
                doc.apply("mask", self.masks_.changes(doc.text, squares))
        if on("punctuation") and doc.text != punctuated:
            # A restored mask or joined word can put a half-width mark next to a Han character for the first
            # time (``*会*,`` → ``社会主义,``): punctuate once more so that cleaning is idempotent.
            self._punctuation(doc)
        return CleanResult(doc.text, doc.edits())

    @staticmethod
    def _rejoin(doc: Doc, memo: dict) -> None:
        for _ in range(4):  # to a fixpoint: a join can make the previous line joinable (idempotence)
            changes = R.rejoin_lines(doc.text, memo)
            if not changes:
                break
            doc.apply("rejoin_lines", changes)

    @staticmethod
    def _punctuation(doc: Doc) -> None:
        pairs, marks, tidy = R.punctuation(doc.text)  # brackets/quotes first: a comma next to “ is Chinese
        doc.apply("punctuation", pairs)
        doc.apply("punctuation", marks(doc.text))
        doc.apply("punctuation", tidy(doc.text))

    def clean_frame(self, reports: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Fill ``text`` from ``raw_text`` (and ``title`` from ``raw_title``, the title as split from the page,
        kept beside it); return ``(reports_copy, edits_df)`` with columns ``EDIT_COLUMNS``."""
        out = reports.copy()
        has_title = "title" in out.columns
        if has_title and "raw_title" not in out.columns:
            out["raw_title"] = out["title"]
        rows: list[tuple] = []

        def run(clean, rid, field: str, raw) -> str:
            res = clean(raw if isinstance(raw, str) else "")
            rows.extend((rid, field, e.rule, e.start, e.end, e.before, e.after, e.confidence, e.detail)
                        for e in res.edits)
            return res.text

        titles, texts = [], []
        raw_titles = out["raw_title"].tolist() if has_title else [None] * len(out)
        for rid, raw, raw_title in zip(out["report_id"], out["raw_text"], raw_titles):
            if has_title:  # each report's title edits, then its text edits
                titles.append(run(self.clean_title, rid, "title", raw_title))
            texts.append(run(self.clean, rid, "text", raw))
        out["text"] = texts
        if has_title:
            out["title"] = titles
        edits = pd.DataFrame(rows, columns=EDIT_COLUMNS)
        edits = edits.astype({"report_id": str, "field": str, "rule": str, "start": "int64", "end": "int64",
                              "before": str, "after": str, "confidence": "float64", "detail": str})
        return out, edits


_DEFAULT: Cleaner | None = None


def clean(text: str) -> CleanResult:
    """Clean with a default, unfitted ``Cleaner`` (shipped lexicons only)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(text)
