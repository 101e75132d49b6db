"""The ``corpus-tools`` command.

    corpus-tools run INPUT... --out DIR [--format parquet|jsonl] [--text-column text] [--quiet] ...
    corpus-tools evaluate [--stage STAGE ...] [--gold DIR] [--json]

Exit status of ``run``: 0 every page was read, 3 the run finished but some pages were rejected (see
``DIR/rejected.parquet``), 2 bad arguments.
"""
from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_USAGE, EXIT_REJECTED = 0, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="corpus-tools", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="read, split, clean, deduplicate, section and tag pages; write tables")
    r.add_argument("inputs", nargs="+", help="folders, files, .zip/.tar(.gz) archives, .jsonl/.csv/.parquet dumps")
    r.add_argument("--out", required=True, help="output folder")
    r.add_argument("--format", choices=("parquet", "jsonl"), default="parquet")
    r.add_argument("--text-column", default="text",
                   help="text column of JSONL/CSV/Parquet inputs (default: text, or else the first of content, "
                        "body, article, 正文, 内容, 全文)")
    r.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    r.add_argument("--progress", action="store_true", help="force a progress bar even when not on a terminal")
    r.add_argument("--min-han", type=int, default=80, help="fewest Han characters in a report (default 80)")
    r.add_argument("--disable", action="append", default=[], metavar="RULE", help="switch off a cleaner rule")
    r.add_argument("--threshold", type=float, default=0.7, help="near-duplicate Jaccard threshold (default 0.7)")
    r.add_argument("--num-perm", type=int, default=128, help="MinHash permutations (default 128)")
    r.add_argument("--index", default=None, help="dedup index file kept across runs (incremental dedup)")
    r.add_argument("--jobs", type=int, default=2, help="worker processes for signatures (default 2)")
    for stage in ("clean", "dedup", "sections", "classify"):
        r.add_argument(f"--no-{stage}", action="store_true", help=f"skip the {stage} stage")

    e = sub.add_parser("evaluate", help="print precision/recall/F1 per stage on the gold sets in data/gold")
    e.add_argument("--stage", action="append", default=None,
                   help="splitter, cleaner, dedup, sections or classifier (default: all)")
    e.add_argument("--gold", default=None, help="gold folder (default: data/gold)")
    e.add_argument("--json", action="store_true", help="print the figures as JSON")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "evaluate":
        from .evaluate import evaluate_all
        from .evaluation import STAGES

        stages = args.stage or list(STAGES)
        bad = [s for s in stages if s not in STAGES]
        if bad:
            print(f"unknown stage(s): {', '.join(bad)}; choose from {', '.join(STAGES)}", file=sys.stderr)
            return EXIT_USAGE
        evaluate_all(stages, args.gold, as_json=args.json)
        return EXIT_OK

    from .pipeline import RunConfig, run

    cfg = RunConfig(text_column=args.text_column, min_han=args.min_han, clean=not args.no_clean,
                    disable_rules=tuple(args.disable), dedup=not args.no_dedup, threshold=args.threshold,
                    num_perm=args.num_perm, index_path=args.index, sections=not args.no_sections,
                    classify=not args.no_classify, n_jobs=args.jobs,
                    progress=False if args.quiet else (True if args.progress else None))
    result = run(args.inputs, args.out, fmt=args.format, config=cfg)
    if not args.quiet:
        print(f"corpus-tools: wrote {args.out}/ ({', '.join(result.manifest['outputs'])} + manifest.json)")
        print(result.summary())
    return EXIT_REJECTED if result.manifest["pages"]["rejected"] else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
