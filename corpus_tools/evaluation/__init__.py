"""Evaluation against the hand-built gold sets in ``data/gold/``: one module per stage, each with
``evaluate(gold_dir) -> dict`` and ``format_report(result) -> str``."""

STAGES = ("splitter", "cleaner", "dedup", "sections", "classifier", "audit")
