"""corpus_tools: scraped Chinese trade-union work reports → a clean, deduplicated, sectioned, tagged corpus.

Quick use from a notebook::

    import corpus_tools as ct
    res = ct.process("data/sample")        # read → split → clean → dedup → sections → classify
    res.reports, res.edits, res.sections, res.pages, res.manifest

Stage by stage: :mod:`corpus_tools.reader`, :mod:`corpus_tools.cleaner`, :mod:`corpus_tools.splitter`,
:mod:`corpus_tools.dedup`, :mod:`corpus_tools.sections`, :mod:`corpus_tools.classifier`.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "process", "run", "RunConfig", "RunResult", "read_pages", "iter_pages", "split_page",
           "read_reports"]


def __getattr__(name: str):
    # Lazy imports keep `import corpus_tools` fast (jieba, scikit-learn and OpenCC load only when used).
    if name in ("process", "run", "RunConfig", "RunResult"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("read_pages", "iter_pages"):
        from . import reader

        return getattr(reader, name)
    if name == "split_page":
        from .splitter import split_page

        return split_page
    if name == "read_reports":
        return read_reports
    raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")


def read_reports(inputs, text_column: str = "text", **options):
    """Paths (or a pandas Series of page texts) → the reports DataFrame, one row per report.

    ``options`` are :class:`RunConfig` fields, e.g. ``dedup=False`` or ``classify=False``.
    """
    from .pipeline import process

    return process(inputs, text_column=text_column, **options).reports
