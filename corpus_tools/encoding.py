"""Decode the bytes of a scraped page: UTF-8 (with or without BOM), UTF-16, GB18030/GBK and Big5.

Chinese pages arrive in whatever encoding the site used.  Detection is a cascade, cheapest and surest first:

1. a byte-order mark settles it (UTF-8-SIG, UTF-16-LE/BE);
2. NUL bytes in a regular pattern mean UTF-16 without a BOM;
3. strict UTF-8 that decodes without error is UTF-8 (random GBK/Big5 bytes almost never do);
4. otherwise both GB18030 and Big5 are tried strictly and the candidate whose characters look most like
   Chinese prose (share of common Han characters from ``data/lexicon/common_han.txt``) wins.

A page that is binary, empty or undecodable raises :class:`DecodeError` with a reason; the reader turns that
into a rejected-page row and the run goes on.
"""
from __future__ import annotations

import codecs
from functools import lru_cache

from ._data import load_lines

__all__ = ["DecodeError", "decode_bytes", "looks_binary"]


class DecodeError(ValueError):
    """The bytes are not a text page we can read; ``reason`` is a short machine-friendly tag."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    return frozenset("".join(load_lines("lexicon/common_han.txt")))


# Control bytes other than \t \n \r \f and ESC never occur in text pages.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}


def looks_binary(data: bytes) -> bool:
    """True for images, archives, executables… (NUL or many control bytes in the first 8 KiB).

    UTF-16 text also has NUL bytes, so callers test for UTF-16 first.
    """
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b in _CONTROL)
    return ctrl / len(head) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 4:
        return None
    even_nul = head[0::2].count(0) / max(1, len(head[0::2]))
    odd_nul = head[1::2].count(0) / max(1, len(head[1::2]))
    # ASCII-heavy UTF-16 has NUL in every other byte; CJK-heavy UTF-16 has none, so also try a strict decode
    # when the byte count is even and neither UTF-8 nor the legacy codecs would make sense (handled below).
    if odd_nul > 0.3 and even_nul < 0.05:
        encs = ["utf-16-le"]
    elif even_nul > 0.3 and odd_nul < 0.05:
        encs = ["utf-16-be"]
    elif b"\x00" in head and len(data) % 2 == 0:
        # CJK-heavy UTF-16 has few NULs (only in ASCII characters): accept a decode that reads as Chinese.
        encs = ["utf-16-le", "utf-16-be"]
    else:
        return None
    for enc in encs:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if len(encs) == 1 or _han_score(text) > 0.3:
            return text
    return None


def _han_score(text: str) -> float:
    """Share of characters that are common Han characters or plain ASCII/CJK punctuation."""
    if not text:
        return 0.0
    common = _common_han()
    # judged on the non-ASCII characters: a Word "Save as Web Page" file opens with several kilobytes of
    # ASCII markup (<!--[if gte mso 9]><xml>…, style sheets) before its first Chinese word
    sample = text[:4000]
    n_wide = sum(1 for ch in sample if ord(ch) > 0x7F)
    if n_wide == 0 or (n_wide < 200 and len(text) >= 4200):
        sample = "".join(ch for ch in text[:200000] if ord(ch) > 0x7F)[:4000] or sample
    good = sum(1 for ch in sample if ch in common)
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    # Reward frequent characters; penalise private-use and rare-plane characters that wrong codecs produce.
    odd = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or ord(ch) > 0xFFFF)
    return (good + 0.2 * han - 2 * odd) / len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`DecodeError`.

    >>> decode_bytes("工会工作总结".encode("gbk"))[0]
    '工会工作总结'
    >>> decode_bytes("醫院工會工作總結".encode("big5"))
    ('醫院工會工作總結', 'big5')
    """
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise DecodeError("empty", "empty page (no bytes or only whitespace)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DecodeError("undecodable", f"UTF-8 BOM but invalid UTF-8 at byte {e.start}") from None
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), enc
            except UnicodeDecodeError:
                raise DecodeError("undecodable", f"{enc} BOM but invalid {enc}") from None
    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return text16, "utf-16"
    if looks_binary(data):
        raise DecodeError("binary", "binary content (NUL or control bytes), not a text page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append((_han_score(data.decode(enc)), enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        # A page truncated mid-character still deserves reading: GB18030 with replacement if nearly clean.
        text = data.decode("gb18030", errors="replace")
        if text.count("\ufffd") <= max(2, len(text) // 1000):
            return text, "gb18030 (with replacements)"
        raise DecodeError("undecodable", "not valid UTF-8, UTF-16, GB18030 or Big5")
    candidates.sort(reverse=True)
    score, enc = candidates[0]
    if score < 0.2:
        raise DecodeError("undecodable", f"decodes as {enc} but does not look like Chinese text")
    return data.decode(enc), enc
