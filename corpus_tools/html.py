"""HTML page → plain text with a real HTML parser (the standard library's tokenizer, not regular expressions).

Block elements (``p``, ``div``, ``br``, ``li``, headings, table rows…) become line breaks so that the
line-oriented splitter and cleaner see the page as a reader would; ``script``, ``style`` and similar
invisible elements are dropped; entities are unescaped.

>>> html_to_text("<div>第1篇 工会工作总结</div><p>一、加强组织建设<br>今年以来，…</p>")
'第1篇 工会工作总结\\n一、加强组织建设\\n今年以来，…'
"""
from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html"]

_BLOCK = frozenset(
    "address article aside blockquote body br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th thead title tr ul".split()
)
_INVISIBLE = frozenset("script style noscript template head svg iframe object".split())
_HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|body|div|p|br|span|table|head|meta)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True when the first 2 KB contain typical HTML tags (so ``.txt`` dumps of HTML are parsed too)."""
    return bool(_HTML_SNIFF.search(text[:2048]))


# Word's "Save as Web Page" keeps reviewers' comments in a comment list at the end of the page
# (``<div style='mso-element:comment-list'>…[u1]此处名次请再核对一下。``) and text it hides in ``mso-hide:all``
_WORD_HIDDEN = re.compile(r"mso-element:\s*comment-list|mso-hide:\s*all", re.I)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.hidden: tuple[str, int] | None = None  # (tag, nesting depth) of a hidden Word element

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.hidden is not None:
            if tag == self.hidden[0]:
                self.hidden = (tag, self.hidden[1] + 1)
            return
        style = next((v for k, v in attrs if k == "style" and v), "")
        if style and "mso-" in style and _WORD_HIDDEN.search(style):
            self.hidden = (tag, 1)
        elif tag in _INVISIBLE:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK and self.hidden is None:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden is not None:
            if tag == self.hidden[0]:
                self.hidden = (tag, self.hidden[1] - 1) if self.hidden[1] > 1 else None
            return
        if tag in _INVISIBLE:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip and self.hidden is None:
            # Source-code newlines inside a paragraph are not line breaks a reader sees.
            self.parts.append(_SEGMENT_BREAK.sub(_segment_break, data) if "\n" in data or "\r" in data else data)


# a newline in the page source with the spaces around it (a "segment break", CSS Text 3 §4.1.2)
_SEGMENT_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t\r\n]*")


def _segment_break(m: re.Match) -> str:
    """A segment break between two East Asian wide characters is removed, as browsers render it (CSS Text 3
    §4.1.3): an editor that hard-wrapped ``为3名患重病`` / ``职工争取…`` in the source shows ``患重病职工``;
    elsewhere it is one space (``Discuz!`` / ``X3.4``)."""
    s, t = m.string, m.end()
    if (m.start() and t < len(s) and unicodedata.east_asian_width(s[m.start() - 1]) in "WF"
            and unicodedata.east_asian_width(s[t]) in "WF"):
        return ""
    return " "


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line, blank lines collapsed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [ln.strip(" \t") for ln in "".join(parser.parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)
