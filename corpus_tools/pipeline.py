"""The whole run: read → split → clean → dedup → sections → classify → tables.

From a notebook::

    from corpus_tools import process
    result = process(["data/sample"])          # or process(pd.Series([...page texts...]))
    result.reports.head(); result.edits; result.sections; result.pages

From the shell: ``corpus-tools run data/sample --out out`` (see :mod:`corpus_tools.cli`).

Every page ends in ``result.pages`` with a status: ``kept`` (at least one report is a representative),
``duplicate`` (all its reports duplicate reports kept elsewhere, listed in ``duplicate_of``), or ``rejected``
(with ``reason`` and ``message``: unreadable input, or a page with no report text in it).
"""
from __future__ import annotations

import os
import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import __version__
from .cleaner.edits import EDIT_COLUMNS
from .reader import Page, iter_pages, pages_from_series
from .splitter import report_id, split_page

__all__ = ["RunConfig", "RunResult", "process", "run", "REPORT_COLUMNS"]

REPORT_COLUMNS = ["report_id", "source", "page_index", "title", "raw_title", "raw_text", "text"]


@dataclass
class RunConfig:
    """Parameters of a run (recorded in the manifest)."""

    text_column: str = "text"
    min_han: int = 80                 # fewest Han characters in a report body
    clean: bool = True
    disable_rules: tuple[str, ...] = ()
    dedup: bool = True
    threshold: float = 0.7
    num_perm: int = 128
    index_path: str | None = None
    sections: bool = True
    classify: bool = True
    n_jobs: int = 2
    progress: bool | None = None      # None: a bar only on an interactive terminal outside CI


@dataclass
class RunResult:
    reports: pd.DataFrame
    edits: pd.DataFrame
    sections: pd.DataFrame
    clusters: pd.DataFrame
    pages: pd.DataFrame
    manifest: dict = field(default_factory=dict)

    @property
    def rejected(self) -> pd.DataFrame:
        return self.pages[self.pages["status"] == "rejected"].reset_index(drop=True)

    def summary(self) -> str:
        m = self.manifest
        lines = [
            f"pages read       {m['pages']['read']}  (kept {m['pages']['kept']}, duplicate {m['pages']['duplicate']},"
            f" rejected {m['pages']['rejected']})",
            f"reports          {m['reports']['written']}  (representatives {m['reports'].get('representatives', '-')},"
            f" duplicates {m['reports'].get('duplicates', '-')})",
            f"edits            {m['edits']['total']}  " + ", ".join(f"{k} {v}" for k, v in m["edits"]["by_rule"].items()),
            f"sections         {m['sections']['total']}",
        ]
        if m["pages"]["rejected"]:
            lines.append("rejected pages:")
            for r in self.rejected.itertuples():
                lines.append(f"  {r.source}: {r.reason} — {r.message}")
        lines.append("timings (s)      " + ", ".join(f"{k} {v:.2f}" for k, v in m["timings"].items()))
        return "\n".join(lines)


def _source_key(page: Page, roots: list[str]) -> str:
    """The page's name relative to the input it came from, so ids do not depend on where the data sits."""
    src = page.source
    for root in roots:
        if src.startswith(root):
            rel = src[len(root):].lstrip("/\\")
            return (os.path.basename(root.rstrip("/\\")) + "/" + rel) if rel else os.path.basename(root)
    return src


def _want_progress(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stderr.isatty() and not os.environ.get("CI")


def _read_and_split(pages: Iterable[Page], roots: list[str], cfg: RunConfig):
    report_rows, page_rows = [], []
    bar = None
    if _want_progress(cfg.progress):
        from tqdm import tqdm

        bar = tqdm(unit=" pages", desc="reading", file=sys.stderr)
    for page in pages:
        if bar is not None:
            bar.update(1)
        row = {"source": page.source, "encoding": page.encoding, "nbytes": page.nbytes, "n_reports": 0,
               "status": "rejected", "reason": page.error or "", "message": page.message, "duplicate_of": []}
        if page.ok:
            key = _source_key(page, roots)
            parts = split_page(page.text, min_han=cfg.min_han)
            if not parts:
                row.update(reason="no_report_text",
                           message=f"no block of at least {cfg.min_han} Chinese characters outside site chrome")
            else:
                row.update(status="kept", n_reports=len(parts))
                for p in parts:
                    report_rows.append({
                        "report_id": report_id(key, p.page_index, p.raw_text), "source": page.source,
                        "page_index": p.page_index, "title": p.title, "raw_title": p.title, "raw_text": p.raw_text,
                        "text": p.raw_text, "page_start": p.start, "page_end": p.end, "boundary": p.boundary,
                        **page.meta,
                    })
        page_rows.append(row)
    if bar is not None:
        bar.close()
    reports = pd.DataFrame(report_rows, columns=None if report_rows else REPORT_COLUMNS)
    return reports, pd.DataFrame(page_rows)


def _versions() -> dict:
    import importlib.metadata as md

    out = {"python": platform.python_version(), "corpus_tools": __version__}
    for pkg in ("pandas", "pyarrow", "numpy", "regex", "jieba", "scikit-learn", "datasketch", "opencc", "pypinyin"):
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            out[pkg] = None
    return out


def process(inputs: "Iterable[str | os.PathLike] | str | os.PathLike | pd.Series", config: RunConfig | None = None,
            **overrides) -> RunResult:
    """Run the whole pipeline in memory and return its tables (nothing is written)."""
    cfg = config or RunConfig()
    for k, v in overrides.items():
        if not hasattr(cfg, k):
            raise TypeError(f"unknown option {k!r}")
        setattr(cfg, k, v)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    if isinstance(inputs, pd.Series):
        pages, roots, input_list = pages_from_series(inputs), [], ["<pandas.Series>"]
    else:
        input_list = [str(inputs)] if isinstance(inputs, (str, os.PathLike)) else [str(i) for i in inputs]
        pages, roots = iter_pages(input_list, cfg.text_column), input_list
    reports, pages_df = _read_and_split(pages, roots, cfg)
    timings["read_split"] = time.perf_counter() - t0

    edits = pd.DataFrame(columns=EDIT_COLUMNS)
    if cfg.clean and len(reports):
        t = time.perf_counter()
        from .cleaner import Cleaner

        cleaner = Cleaner(disable=cfg.disable_rules).fit(reports["raw_text"].tolist())
        reports, edits = cleaner.clean_frame(reports)
        timings["clean"] = time.perf_counter() - t

    clusters = pd.DataFrame()
    if cfg.dedup and len(reports):
        t = time.perf_counter()
        from .dedup import Deduplicator

        res = Deduplicator(threshold=cfg.threshold, num_perm=cfg.num_perm, n_jobs=cfg.n_jobs,
                           index_path=cfg.index_path).fit_transform(reports, edits)
        reports, clusters = res.reports, res.clusters
        if len(res.edits):
            edits = pd.concat([edits, res.edits], ignore_index=True)
        timings["dedup"] = time.perf_counter() - t

    sections = pd.DataFrame()
    if cfg.sections and len(reports):
        t = time.perf_counter()
        from .sections import sections_frame

        sections = sections_frame(reports)
        timings["sections"] = time.perf_counter() - t
        if cfg.classify and len(sections):
            t = time.perf_counter()
            from .classifier import FunctionClassifier

            sections = FunctionClassifier.load().classify_frame(sections)
            timings["classify"] = time.perf_counter() - t

    pages_df = _page_status(pages_df, reports)
    timings["total"] = time.perf_counter() - t0
    manifest = _manifest(input_list, cfg, pages_df, reports, edits, sections, clusters, timings)
    return RunResult(reports.reset_index(drop=True), edits.reset_index(drop=True), sections, clusters, pages_df, manifest)


def _page_status(pages: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """A page whose every report duplicates a report kept elsewhere is marked ``duplicate`` (of those reports)."""
    if "is_representative" not in reports.columns or not len(reports):
        return pages
    pages = pages.copy()
    by_source = reports.groupby("source")
    for i, row in pages.iterrows():
        if row["status"] != "kept" or row["source"] not in by_source.groups:
            continue
        grp = by_source.get_group(row["source"])
        if not grp["is_representative"].any():
            pages.at[i, "status"] = "duplicate"
            pages.at[i, "duplicate_of"] = sorted(set(grp["duplicate_of"].dropna().astype(str)))
    return pages


def _manifest(inputs, cfg, pages, reports, edits, sections, clusters, timings) -> dict:
    status = pages["status"].value_counts().to_dict() if len(pages) else {}
    rep = {"written": int(len(reports))}
    if "is_representative" in reports.columns:
        rep["representatives"] = int(reports["is_representative"].sum())
        rep["duplicates"] = int((~reports["is_representative"]).sum())
    rejected = pages[pages["status"] == "rejected"] if len(pages) else pages
    return {
        "corpus_tools": __version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "inputs": list(inputs),
        "config": asdict(cfg),
        "versions": _versions(),
        "pages": {
            "read": int(len(pages)), "kept": int(status.get("kept", 0)),
            "duplicate": int(status.get("duplicate", 0)), "rejected": int(status.get("rejected", 0)),
            "rejected_reasons": rejected["reason"].value_counts().to_dict() if len(rejected) else {},
            "bytes": int(pages["nbytes"].sum()) if len(pages) else 0,
        },
        "reports": rep,
        "edits": {"total": int(len(edits)),
                  "by_rule": edits["rule"].value_counts().sort_index().to_dict() if len(edits) else {}},
        "sections": {"total": int(len(sections))},
        "clusters": {"total": int(len(clusters))},
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }


def run(inputs, out_dir: str | os.PathLike, fmt: str = "parquet", config: RunConfig | None = None,
        **overrides) -> RunResult:
    """:func:`process` and write ``reports``, ``edits``, ``sections``, ``clusters``, ``pages``, ``rejected``
    tables plus ``manifest.json`` into ``out_dir``."""
    from .writers import write_manifest, write_table

    result = process(inputs, config, **overrides)
    out = Path(out_dir)
    t = time.perf_counter()
    write_table(result.reports, out, "reports", fmt)
    write_table(result.edits, out, "edits", fmt)
    write_table(result.pages, out, "pages", fmt)
    write_table(result.rejected, out, "rejected", fmt)
    if len(result.sections):
        write_table(result.sections, out, "sections", fmt)
    if len(result.clusters):
        write_table(result.clusters, out, "clusters", fmt)
    result.manifest["timings"]["write"] = round(time.perf_counter() - t, 3)
    result.manifest["outputs"] = sorted(p.name for p in out.iterdir() if p.suffix in (".parquet", ".jsonl"))
    write_manifest(result.manifest, out)
    return result
