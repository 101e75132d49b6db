"""Stream pages out of what people actually have: folders, single files, zip/tar archives, JSONL/CSV/Parquet dumps.

Every reader yields :class:`Page` records one at a time (an archive is never loaded whole), in a deterministic
order (sorted paths, archive order, row order).  Input that cannot be read becomes a ``Page`` with ``error``
set (``binary``, ``empty``, ``undecodable``, ``malformed_json``, ``truncated_archive``, ``missing_column``…)
and a human-readable ``message``: the run records it and goes on.

>>> pages = list(iter_pages(["data/sample"]))
>>> [p.source.rsplit("/", 1)[-1] for p in pages][:2]
['000_df745ac2a2d98809.txt', '001_6ad8be5d0ddd4ac3.txt']
"""
from __future__ import annotations

import codecs
import csv
import html
import io
import json
import os
import re
import sys
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from .documents import DocumentError, docx_to_text, feed_items
from .encoding import DecodeError, decode_bytes
from .html import html_to_text, looks_like_html

__all__ = ["Page", "iter_pages", "read_pages", "pages_from_series", "TEXT_SUFFIXES", "TABLE_SUFFIXES",
           "DOCUMENT_SUFFIXES", "FEED_SUFFIXES", "TEXT_FIELD_ALIASES"]

TEXT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".text", ".md")
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".parquet")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
DOCUMENT_SUFFIXES = (".docx",)               # a Word document: its body text is one page
FEED_SUFFIXES = (".xml", ".rss", ".atom")    # an RSS/Atom feed: each item is a page
_MAX_PAGE_BYTES = 50 * 1024 * 1024  # a "page" larger than this is not a page


@dataclass
class Page:
    """One input page (or one rejected input).  ``text`` is decoded, HTML already reduced to text."""

    source: str
    text: str = ""
    encoding: str = ""
    nbytes: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def _suffix(name: str) -> str:
    low = name.lower()
    for s in (".tar.gz", ".tar.bz2", ".tar.xz"):
        if low.endswith(s):
            return s
    return os.path.splitext(low)[1]


def _page_from_bytes(source: str, data: bytes, meta: dict | None = None) -> Page:
    meta = meta or {}
    if len(data) > _MAX_PAGE_BYTES:
        return Page(source, nbytes=len(data), meta=meta, error="too_large",
                    message=f"{len(data)} bytes is larger than a page can be ({_MAX_PAGE_BYTES})")
    try:
        text, enc = decode_bytes(data)
    except DecodeError as e:
        return Page(source, nbytes=len(data), meta=meta, error=e.reason, message=str(e))
    return _page_from_text(source, text, enc, len(data), meta)


# an HTML entity left in text: ``&nbsp;``, ``&ldquo;``, ``&#24037;``
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_LITERAL_BREAK = re.compile(r"\\r\\n|\\n|\\r")


def _literal_breaks(text: str) -> str:
    """A dump that escaped its line breaks twice stores ``\\n`` (a backslash and an n) where a line ends:
    ``…工作总结\\n2016年，县社…`` → two lines.  Only when such breaks outnumber the real ones (a Windows path
    ``C:\\new`` in a report keeps its backslash)."""
    if "\\" not in text:
        return text
    n = text.count("\\n") + text.count("\\r")
    if n < 2 or n <= text.count("\n"):
        return text
    # in markup a source newline is no break (``html_to_text``), but the scraper that wrote it meant one
    return _LITERAL_BREAK.sub("<br>" if looks_like_html(text) else "\n", text).replace("\\t", "\t")


def _page_from_text(source: str, text: Any, enc: str, nbytes: int, meta: dict) -> Page:
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return Page(source, encoding=enc, nbytes=nbytes, meta=meta, error="empty", message="no text in the record")
    if not isinstance(text, str):
        return Page(source, encoding=enc, nbytes=nbytes, meta=meta, error="not_text",
                    message=f"text field is {type(text).__name__}, not a string")
    text = _literal_breaks(text)
    if source.lower().endswith((".html", ".htm", ".xhtml")) or looks_like_html(text):
        text = html_to_text(text)
        if looks_like_html(text):  # escaped twice (``&lt;br/&gt;`` in a dump): what the first pass left is markup
            text = html_to_text(text.replace("\n", "<br>"))  # (its lines are lines, not source wrapping)
    if "&" in text and len(_ENTITY.findall(text)) >= 2:  # ``&amp;nbsp;`` unescaped once, or a .txt scrape
        text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        return Page(source, encoding=enc, nbytes=nbytes, meta=meta, error="empty", message="page has no visible text")
    if "\x00" in text:
        return Page(source, encoding=enc, nbytes=nbytes, meta=meta, error="binary", message="NUL characters in text")
    return Page(source, text=text, encoding=enc, nbytes=nbytes, meta=meta)


# ----------------------------------------------------------------------------------------------- archives
def _iter_zip(path: Path, label: str, text_column: str) -> Iterator[Page]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        yield Page(label, error="truncated_archive", message=f"cannot open zip archive ({e}); is it truncated?")
        return
    with zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            member = f"{label}!{info.filename}"
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as e:
                yield Page(member, error="truncated_archive", message=f"cannot read member: {e}")
                continue
            yield from _dispatch_bytes(member, info.filename, data, text_column)


def _iter_tar(path: Path, label: str, text_column: str) -> Iterator[Page]:
    n = 0
    try:
        # Stream mode ("r|*"): members are read in order, never the whole archive at once.
        with tarfile.open(path, mode="r|*") as tf:
            for member in tf:
                if not member.isfile():
                    continue
                name = f"{label}!{member.name}"
                f = tf.extractfile(member)
                data = f.read() if f is not None else b""
                n += 1
                yield from _dispatch_bytes(name, member.name, data, text_column)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as e:
        yield Page(f"{label}!<after {n} members>", error="truncated_archive",
                   message=f"archive ends early or is corrupt after {n} member(s): {e}")


def _dispatch_bytes(source: str, name: str, data: bytes, text_column: str) -> Iterator[Page]:
    suf = _suffix(name)
    if suf in TABLE_SUFFIXES:
        yield from _iter_table_stream(source, suf, io.BytesIO(data), text_column)
    elif suf in DOCUMENT_SUFFIXES:
        try:
            text = docx_to_text(data)
        except DocumentError as e:
            yield Page(source, nbytes=len(data), error="malformed_docx", message=str(e))
            return
        yield _page_from_text(source, text, "docx", len(data), {})
    elif suf in FEED_SUFFIXES and data.lstrip()[:1] == b"<":
        yield from _iter_feed(source, data)
    else:
        yield _page_from_bytes(source, data)


def _iter_feed(source: str, data: bytes) -> Iterator[Page]:
    """Each item of an RSS/Atom feed as a page ``feed.xml:N``: its title as the first line, then its text."""
    try:
        items = feed_items(data)
    except DocumentError as e:
        yield Page(source, nbytes=len(data), error="not_a_feed", message=str(e))
        return
    if not items:
        yield Page(source, nbytes=len(data), error="empty", message="feed has no items")
    for n, it in enumerate(items, 1):
        content = it["content"]
        title = html.escape(it["title"])
        # the title is a line of its own above the item's markup (a source newline is no break in markup)
        text = f"<h1>{title}</h1>{content}" if looks_like_html(content) else f"{it['title']}\n\n{content}"
        meta = {"meta_title": it["title"], "meta_url": it["link"], "meta_date": it["date"]}
        yield _page_from_text(f"{source}:{n}", text, "utf-8", len(content.encode("utf-8")), meta)


# ----------------------------------------------------------------------------------------------- tables
def _sniff_text_stream(raw: io.BufferedIOBase) -> io.TextIOBase:
    """Wrap a byte stream in a text stream whose encoding is detected from its first 64 KiB."""
    prefix = raw.read(65536)
    raw.seek(0)
    enc = "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(prefix, final=False)
    except UnicodeDecodeError:
        try:
            _, enc = decode_bytes(prefix[: len(prefix) - 1] if len(prefix) == 65536 else prefix)
        except DecodeError:
            enc = "gb18030"
        enc = enc.split(" ")[0]
    return io.TextIOWrapper(raw, encoding=enc, errors="replace", newline="")


def _nbytes(text: Any) -> int:
    """UTF-8 size of a record's text field (0 when it is not a string)."""
    return len(text.encode("utf-8")) if isinstance(text, str) else 0


# When the text field is left at its default ("text") and a dump has none, these common names are tried in
# turn: scrapers write ``content``, ``body``, a Chinese column name, or keep the page's markup (``html``).
TEXT_FIELD_ALIASES = ("content", "body", "article", "正文", "内容", "全文", "text_content", "html", "content_html",
                      "raw_html")


def _text_field(names, text_column: str) -> str | None:
    """The field holding the page text: ``text_column`` if present, else (for the default ``"text"``) the first
    alias present.  ``_text_field(["id", "title", "content"], "text")`` → ``"content"``."""
    if text_column in names:
        return text_column
    if text_column == "text":
        return next((a for a in TEXT_FIELD_ALIASES if a in names), None)
    return None


def _row_meta(row: dict, text_column: str) -> dict:
    return {f"meta_{k}": v for k, v in row.items() if k != text_column}


def _iter_table_stream(label: str, suf: str, raw, text_column: str) -> Iterator[Page]:
    if suf in (".jsonl", ".ndjson"):
        stream = _sniff_text_stream(raw)
        field = None
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            src = f"{label}:{lineno}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                yield Page(src, error="malformed_json", message=f"line {lineno}: {e.msg} at column {e.colno}")
                continue
            if not isinstance(row, dict):
                yield Page(src, error="malformed_json", message=f"line {lineno}: not a JSON object")
                continue
            if field is None:  # the first record decides the field for the whole file
                field = _text_field(row, text_column)
            if field is None or field not in row:
                yield Page(src, error="missing_column", message=f"line {lineno}: no '{text_column}' field")
                continue
            yield _page_from_text(src, row[field], "utf-8", len(line.encode("utf-8")), _row_meta(row, field))
    elif suf == ".json":
        # a JSON document: a list of records, or one record, holding the text field.  Anything else (an answer
        # key or a notes file left beside the pages) is rejected with its shape, never read as a page.
        stream = _sniff_text_stream(raw)
        try:
            doc = json.load(stream)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            yield Page(label, error="malformed_json", message=f"not a JSON document: {e}")
            return
        records = doc if isinstance(doc, list) else [doc]
        field = _text_field(records[0], text_column) if records and isinstance(records[0], dict) else None
        if field is None or not all(isinstance(r, dict) and field in r for r in records):
            shape = f"a list of {len(doc)} items" if isinstance(doc, list) else f"a {type(doc).__name__}"
            keys = sorted(doc)[:8] if isinstance(doc, dict) else sorted(
                {k for r in doc[:20] if isinstance(r, dict) for k in r})[:8]
            yield Page(label, error="missing_column",
                       message=f"JSON file is {shape}, not records with a '{text_column}' field (keys: {keys})")
            return
        for rowno, row in enumerate(records, 1):
            src = f"{label}:{rowno}" if isinstance(doc, list) else label
            text = row[field]
            yield _page_from_text(src, text, stream.encoding, _nbytes(text), _row_meta(row, field))
    elif suf == ".csv":
        csv.field_size_limit(sys.maxsize)
        stream = _sniff_text_stream(raw)
        try:
            reader = csv.DictReader(stream)
            field = _text_field(reader.fieldnames or [], text_column)
            if field is None:
                yield Page(label, error="missing_column",
                           message=f"CSV has no '{text_column}' column (columns: {reader.fieldnames})")
                return
            for rowno, row in enumerate(reader, 1):
                yield _page_from_text(f"{label}:{rowno}", row.get(field), stream.encoding,
                                      len(row.get(field) or ""), _row_meta(row, field))
        except csv.Error as e:
            yield Page(label, error="malformed_csv", message=str(e))
    elif suf == ".parquet":
        import pyarrow.parquet as pq

        try:
            pf = pq.ParquetFile(raw)
        except Exception as e:  # pyarrow raises several types for damaged files
            yield Page(label, error="malformed_parquet", message=f"cannot open Parquet file: {e}")
            return
        field = _text_field(pf.schema_arrow.names, text_column)
        if field is None:
            yield Page(label, error="missing_column",
                       message=f"Parquet has no '{text_column}' column (columns: {pf.schema_arrow.names})")
            return
        rowno = 0
        try:
            for batch in pf.iter_batches(batch_size=512):
                for row in batch.to_pylist():
                    rowno += 1
                    text = row.get(field)
                    yield _page_from_text(f"{label}:{rowno}", text, "parquet", _nbytes(text),
                                          _row_meta(row, field))
        except Exception as e:
            yield Page(f"{label}:{rowno + 1}", error="malformed_parquet", message=f"cannot read row group: {e}")


# ----------------------------------------------------------------------------------------------- entry points
def _iter_path(path: Path, text_column: str) -> Iterator[Page]:
    label = str(path)
    suf = _suffix(path.name)
    if suf == ".zip":
        yield from _iter_zip(path, label, text_column)
    elif suf in (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"):
        yield from _iter_tar(path, label, text_column)
    elif suf in TABLE_SUFFIXES:
        try:
            with open(path, "rb") as raw:
                yield from _iter_table_stream(label, suf, raw, text_column)
        except OSError as e:
            yield Page(label, error="unreadable", message=str(e))
    else:
        try:
            data = path.read_bytes()
        except OSError as e:
            yield Page(label, error="unreadable", message=str(e))
            return
        yield from _dispatch_bytes(label, path.name, data, text_column)


def iter_pages(inputs: Iterable[str | os.PathLike] | str | os.PathLike, text_column: str = "text") -> Iterator[Page]:
    """Yield every page under ``inputs`` (paths to folders, files or archives), rejected ones included.

    In JSONL/JSON/CSV/Parquet dumps the page text is the ``text_column`` field; with the default ``"text"``, a
    dump without one is read from the first of ``TEXT_FIELD_ALIASES`` it has (``content``, ``body``, ``正文`` …).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for inp in inputs:
        path = Path(inp)
        if not path.exists():
            yield Page(str(path), error="missing", message="no such file or directory")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            for f in files:
                yield from _iter_path(f, text_column)
        else:
            yield from _iter_path(path, text_column)


def read_pages(inputs, text_column: str = "text") -> pd.DataFrame:
    """All pages as a DataFrame (``source``, ``text``, ``encoding``, ``error``, ``message`` + metadata)."""
    rows = []
    for p in iter_pages(inputs, text_column):
        rows.append({"source": p.source, "text": p.text, "encoding": p.encoding, "nbytes": p.nbytes,
                     "error": p.error, "message": p.message, **p.meta})
    return pd.DataFrame(rows)


def pages_from_series(texts: "pd.Series | Iterable[str]", source_prefix: str = "series") -> Iterator[Page]:
    """Pages from in-memory texts (a notebook user's pandas Series); the index becomes the source."""
    if isinstance(texts, pd.Series):
        items = texts.items()
    else:
        items = enumerate(texts)
    for idx, text in items:
        if isinstance(text, bytes):
            yield _page_from_bytes(f"{source_prefix}[{idx}]", text)
        else:
            yield _page_from_text(f"{source_prefix}[{idx}]", text, "str", len(str(text or "").encode("utf-8")), {})
