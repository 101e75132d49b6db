"""Stage 4: near-duplicate removal with MinHash.

``Deduplicator(...).fit_transform(reports, edits) -> DedupResult(reports, clusters, edits)``; see
the README section "Near-duplicate removal".
"""
from .core import EDIT_COLUMNS, DedupResult, Deduplicator
from .index import IndexParameterError
from .normalize import MASK_MARKER, normalize
from .view import show_cluster

__all__ = ["Deduplicator", "DedupResult", "show_cluster", "normalize", "IndexParameterError", "MASK_MARKER",
           "EDIT_COLUMNS"]
