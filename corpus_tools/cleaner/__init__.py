"""Stage 2 — the cleaner: repairs scraped report text and records every change as an ``Edit``.

>>> from corpus_tools.cleaner import clean
>>> r = clean("学校*支*的领导下,加强民-主管理\\n65位用户关注")
>>> r.text
'学校党支部的领导下，加强民主管理'
>>> [(e.rule, e.before, e.after) for e in r.edits]
[('mask', '*支*', '党支部'), ('punctuation', ',', '，'), ('hyphen', '-', ''), ('chrome', '\\n65位用户关注', '')]

Rules (in order, ``RULE_ORDER``): ``mojibake``, ``chrome``, ``corpus_boilerplate``, ``teaser``, ``markdown``,
``rejoin_lines``, ``lost_breaks``, ``whitespace``, ``pinyin``, ``t2s``, ``typo``, ``width``, ``punctuation``, ``hyphen``,
``placeholder``, ``mask``.  See the README section "Cleaner".
"""
from corpus_tools.cleaner.core import EDIT_COLUMNS, RULE_ORDER, Cleaner, clean
from corpus_tools.cleaner.diff import EditsView, show_edits
from corpus_tools.cleaner.edits import CleanResult, Edit, apply_edits
from corpus_tools.cleaner.masks import MASK_MARKER
from corpus_tools.cleaner.rules import NAME_PLACEHOLDER, YEAR_PLACEHOLDER

__all__ = ["Edit", "CleanResult", "Cleaner", "clean", "show_edits", "EditsView", "apply_edits", "MASK_MARKER",
           "YEAR_PLACEHOLDER", "NAME_PLACEHOLDER", "RULE_ORDER", "EDIT_COLUMNS"]
