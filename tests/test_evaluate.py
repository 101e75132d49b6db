"""Tests of the ``evaluate`` entry point: it runs every stage, and its scoring arithmetic is right."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from corpus_tools.classifier import LABELS, load_gold
import pandas as pd

from corpus_tools.classifier.metrics import multilabel_prf as _prf
from corpus_tools.evaluation.classifier import bootstrap_ci, match_pipeline_sections

ROOT = Path(__file__).resolve().parents[1]


def test_evaluate_prints_every_stage_as_json():
    out = subprocess.run([sys.executable, "-m", "corpus_tools.cli", "evaluate", "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    assert set(d) == {"splitter", "cleaner", "dedup", "sections", "classifier", "audit"}
    assert d["audit"]["s09"]["checks"]["reports"] == [8, 8]
    c = d["classifier"]
    assert c["n_test"] == 120 and c["n_train"] == 277
    assert 0 < c["model"]["micro_f1"] <= 1 and 0 < c["keywords"]["micro_f1"] <= 1
    lo, hi = c["bootstrap"]["micro"]
    assert lo <= c["model"]["micro_f1"] <= hi
    run = c["in_pipeline"]  # the same test sections as a run's section parser cuts them
    assert 90 <= run["matched"] <= 120 and 0 < run["run"]["micro_f1"] <= 1


def test_prf_by_hand():
    # three sections, labels rights and welfare only
    r, w = LABELS.index("rights"), LABELS.index("welfare")
    gold = np.zeros((3, len(LABELS)), bool)
    pred = np.zeros_like(gold)
    gold[0, r] = gold[1, r] = gold[2, w] = True
    pred[0, r] = True  # tp rights
    pred[1, w] = True  # fp welfare, fn rights
    pred[2, w] = True  # tp welfare
    m = _prf(pred, gold)
    assert m["per_label"]["rights"] == {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2}
    assert m["per_label"]["welfare"]["precision"] == 0.5 and m["per_label"]["welfare"]["recall"] == 1.0
    assert m["micro_f1"] == 2 * 2 / (2 * 2 + 1 + 1)  # tp 2, fp 1, fn 1
    assert m["macro_f1"] == (2 / 3 + 2 / 3) / 2  # labels with no support are left out
    assert m["exact_match"] == 2 / 3  # rows 0 and 2 exactly right


def test_bootstrap_interval_resamples_whole_reports():
    rng = np.random.default_rng(1)
    gold = rng.random((60, len(LABELS))) < 0.2
    pred = gold ^ (rng.random(gold.shape) < 0.1)
    reports = [f"r{i // 6}" for i in range(60)]
    ci = bootstrap_ci(pred, pred, gold, reports, n=300)
    assert ci["clusters"] == 10
    assert ci["diff_micro"] == (0.0, 0.0)  # the same predictions on both sides differ by nothing
    point = _prf(pred, gold)["micro_f1"]
    assert ci["micro"][0] < point < ci["micro"][1]
    assert bootstrap_ci(pred, pred, gold, reports, n=300) == ci  # fixed seed


def test_gold_is_scored_on_cleaned_text_and_keeps_the_page_text():
    g = load_gold().set_index("id")
    # a masked word on seed page 000 (学*理论): the cleaner fills it, the page text is kept beside
    r = g.loc["000-02-001"]
    assert "学*理论" in r["heading_raw"] and "*" not in r["heading"]
    # the 相關推薦 link list under the Traditional page's last section is page chrome, not content
    r = g.loc["003-00-003"]
    assert "相關(guān)文章" in r["text_raw"] and "相关文章" not in r["text"] and "三八妇女节活动方案" not in r["text"]
    assert r["text"].endswith("严格组织纪律的队伍。")
    raw = load_gold(cleaned=False)
    assert "heading_raw" not in raw.columns and (raw["text"] == g["text_raw"].values).all()


def test_gold_sections_are_matched_to_the_parser_section_that_is_the_same_section():
    body = "工会组织全体职工参加健康体检，为困难职工送去慰问金和慰问品，春节前走访退休职工。"
    gold = pd.DataFrame({
        "seed_file": ["a.txt", "a.txt", "a.txt", "a.txt"],
        # numbering written differently; a heading cut at the line end; a section the parser cut elsewhere
        "heading": ["三、关心职工生活", "2、组织教职工认真学习新《工会法》、《中小学教师职业道德规范》等法律法规，坚决履",
                    "（四）加强工会经费管理", ""],
        "text": [body, "行。", "严格执行预算，定期公开收支。", "总体情况"],
    })
    parsed = pd.DataFrame({
        "seed_file": ["b.txt", "a.txt", "a.txt", "a.txt", "a.txt"],
        "heading": ["关心职工生活", "关心职工生活", "组织教职工认真学习新《工会法》、《中小学教师职业道德规范》等法律法规，坚决履行",
                    "加强工会经费管理", "总体情况"],
        "full_text": [body, body, "", "严格执行预算，定期公开收支。另附：下半年全院职工运动会、歌咏比赛、趣味运动会的安排，"
                      "共十二个项目，由各分会组队参加，工会负责组织和评比。", "总体情况"],
    }, index=[10, 11, 12, 13, 14])
    # row 10 is another page's copy; row 13 shares the heading but most of its text is not gold's section
    assert match_pipeline_sections(gold, parsed) == [11, 12, None, None]
    assert match_pipeline_sections(gold, parsed, min_overlap=0.1)[2] == 13
