"""Lines of a page that went through a wrong decoding ("mojibake") read back as the UTF-8 they were.

A page can be fine except for a few lines a content system copied through the wrong codec: UTF-8 bytes read as
GBK give rare Han characters (``宸ヤ細`` for ``工会``), read as Windows-1252 they give Latin letters
(``å·¥ä¼š`` for ``工会``).  Each such line is encoded back with the codec that misread it and decoded as UTF-8;
the repair is kept only when it reads as common Chinese and the line did not.  Bytes the misreading lost
(a ``�`` in the line) leave a ``□``, the 缺字 mark: not a mask for the mask rule to guess at, since a lost
character has no length or context a copy could give (``28名□员`` is not ``28名共产党员``).
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["has_mojibake", "might_have_mojibake", "repair_line"]

MISSING = "\u25a1"  # □, as the mask rule writes an unreadable character


@lru_cache(maxsize=1)
def _gbk_misread() -> str:
    """The characters GBK gives for a UTF-8 lead byte of a Han character (E4–E9) and a continuation byte
    (80–BF): almost all rare, so three of them in a line are a sign of UTF-8 read as GBK."""
    out = []
    for b1 in range(0xE4, 0xEA):
        for b2 in range(0x80, 0xC0):
            try:
                out.append(bytes([b1, b2]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return "".join(out)


# the Windows-1252 reading of a continuation byte 80–BF
_CP1252_CONT = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    latin = re.compile("[äåæçèé][" + re.escape(_CP1252_CONT) + "]{2}")
    gbk = re.compile("[" + re.escape(_gbk_misread()) + "]")
    return latin, gbk


def might_have_mojibake(text: str) -> bool:
    """Any sign of either misreading in ``text`` (one scan each): the lines worth testing with ``has_mojibake``."""
    latin, gbk = _patterns()
    return not text.isascii() and (latin.search(text) is not None or gbk.search(text) is not None)


def _misread_codec(line: str) -> str | None:
    """The codec that misread ``line``: ``"cp1252"`` for three or more UTF-8-as-1252 triplets (``å·¥ä¼š``),
    else ``"gbk"`` for three or more UTF-8-as-GBK characters (``鍥涖�佸叧蹇``), else None."""
    if line.isascii():
        return None
    latin, gbk = _patterns()
    if len(latin.findall(line)) >= 3:
        return "cp1252"
    return "gbk" if len(gbk.findall(line)) >= 3 else None


def has_mojibake(line: str) -> bool:
    """A line holds three or more UTF-8-as-GBK characters or UTF-8-as-1252 triplets (``鍥涖�佸叧蹇``, ``å·¥ä¼š``)."""
    return _misread_codec(line) is not None


def _bytes_back(line: str, codec: str) -> bytes:
    """``line`` encoded with the codec that misread it; a character it cannot hold (a ``�`` where the misreading
    failed, or text that was never misread) goes back as its UTF-8 bytes, a ``�`` as an invalid byte."""
    out = bytearray()
    for ch in line:
        if ch == "\ufffd":
            out += b"\xff"
            continue
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            if codec == "cp1252" and ord(ch) < 0x100:
                out.append(ord(ch))  # 81, 8D, 8F, 90, 9D: undefined in 1252, passed through as Latin-1
            else:
                out += ch.encode("utf-8")
    return bytes(out)


def _common_share(text: str, common: frozenset[str]) -> tuple[float, int]:
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    return (sum(ch in common for ch in han) / len(han) if han else 0.0), len(han)


def repair_line(line: str, common: frozenset[str] | None = None) -> str | None:
    """The line as it read before the wrong decoding, or None when no repair reads better.

    >>> repair_line("　　鍥涖�佸叧蹇冭亴宸ョ敓娲伙紝鍔�鍔涗负鑱屽伐鍔炲疄浜�")
    '\u3000\u3000四□关心职工生活，□力为职工办实□'
    >>> repair_line("å·¥ä¼šå·¥ä½œæ€»ç»“")
    '工会工作总结'
    """
    codec = _misread_codec(line)
    if codec is None:
        return None
    body = line.strip(" \t\u3000\xa0")  # an indent the page itself wrote stays as it is
    if body != line:
        a = line.index(body[:1]) if body else 0
        fixed = repair_line(body, common)
        return None if fixed is None else line[:a] + fixed + line[a + len(body):]
    if common is None:
        from corpus_tools.encoding import _common_han
        common = _common_han()
    before, _ = _common_share(line, common)
    fixed = _bytes_back(line, codec).decode("utf-8", errors="replace")
    fixed = re.sub("\ufffd+", MISSING, fixed)
    after, n_han = _common_share(fixed, common)
    if n_han < 2 or after < 0.85 or after <= before + 0.2:
        return None
    return fixed
