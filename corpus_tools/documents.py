"""Two more kinds of input the reader takes apart (stage 1): Word ``.docx`` files and RSS/Atom feeds.

Both are parsed with the standard library (``zipfile``, ``xml.etree``): a ``.docx`` is a zip of XML parts and a
feed is one XML document, so no extra dependency is needed for what the pipeline uses of them (the visible text).
"""
from __future__ import annotations

import zipfile
from io import BytesIO
from xml.etree import ElementTree as ET

__all__ = ["DocumentError", "docx_to_text", "feed_items"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# a run's text, a tab, a line break; text inside these containers is not what the reader sees
_SKIP = {_W + "del", _W + "moveFrom", _W + "instrText", _W + "delText", _W + "footnoteReference",
         _W + "endnoteReference", _W + "rPr", _W + "pPr"}


class DocumentError(ValueError):
    """A file that claims to be a ``.docx`` or a feed but cannot be read as one (the reader rejects the page)."""


def _inline(el, out: list[str]) -> None:
    """The visible text of a paragraph's runs, tracked deletions and field codes left out."""
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        else:
            _inline(child, out)


def _block(el, lines: list[str]) -> None:
    """Paragraphs as lines, a table row as one line of tab-separated cells, in document order."""
    for child in el:
        tag = child.tag
        if tag == _W + "p":
            out: list[str] = []
            _inline(child, out)
            lines.append("".join(out))
        elif tag == _W + "tbl":
            for row in child.iter(_W + "tr"):
                cells = []
                for cell in row.iter(_W + "tc"):
                    sub: list[str] = []
                    _block(cell, sub)
                    cells.append(" ".join(s.strip() for s in sub if s.strip()))
                lines.append("\t".join(cells))
        elif tag in _SKIP or tag == _W + "sectPr":
            continue
        else:  # content controls (w:sdt) and other containers hold paragraphs of their own
            _block(child, lines)


def docx_to_text(data: bytes) -> str:
    """The body text of a Word ``.docx``: one line per paragraph, table rows as tab-separated cells.

    Headers, footers, footnotes and comments are separate parts of the file and stay out (a page number or the
    unit's name on every page is furniture); tracked deletions are left out and insertions kept, as Word shows
    the document with its changes accepted.  ``<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:tab/></w:r><w:r>
    <w:t>坚持思想引领</w:t></w:r></w:p>`` → ``一、\\t坚持思想引领``.  Word's automatic numbering (``w:numPr``) is not
    rebuilt: a heading numbered that way reaches the pipeline without its number.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            xml = zf.read("word/document.xml")
    except KeyError:
        raise DocumentError("a zip file without word/document.xml is not a Word document") from None
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise DocumentError(f"cannot open the .docx (a zip archive): {e}") from None
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        raise DocumentError(f"word/document.xml is not well-formed XML: {e}") from None
    body = root.find(_W + "body")
    lines: list[str] = []
    _block(body if body is not None else root, lines)
    return "\n".join(lines)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def feed_items(data: bytes) -> list[dict[str, str]]:
    """The items of an RSS 2.0 or Atom feed: ``[{"title", "link", "date", "content"}]``, ``content`` being the
    item's full text if the feed has it (``content:encoded``, Atom ``content``), else its ``description`` /
    ``summary``; entity-escaped or CDATA markup is returned as markup (the reader reduces it to text).

    Raises ``DocumentError`` for XML that is not a feed (a sitemap, an Office part, an answer key)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise DocumentError(f"not well-formed XML: {e}") from None
    kind = _local(root.tag)
    if kind == "rss" or kind == "RDF":
        items = [el for el in root.iter() if _local(el.tag) == "item"]
    elif kind == "feed":
        items = [el for el in root if _local(el.tag) == "entry"]
    else:
        raise DocumentError(f"XML document <{kind}> is not an RSS or Atom feed")
    out = []
    for it in items:
        fields: dict[str, str] = {}
        for child in it:
            name = _local(child.tag)
            text = child.text or ""
            if name == "link" and not text:
                text = child.get("href", "")
            fields.setdefault(name, text)
        content = fields.get("encoded") or fields.get("content") or fields.get("description") or fields.get("summary", "")
        out.append({"title": fields.get("title", "").strip(), "link": fields.get("link", "").strip(),
                    "date": (fields.get("pubDate") or fields.get("published") or fields.get("updated") or "").strip(),
                    "content": content})
    return out
