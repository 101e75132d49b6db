"""Chinese numerals read as integers, for every stage that meets heading numbers (the cleaner's
``lost_breaks`` and the section parser)."""
from __future__ import annotations

__all__ = ["chinese_to_int"]

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9, "兩": 2, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
    "柒": 7, "捌": 8, "玖": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100}


def chinese_to_int(s: str) -> int | None:
    """Read a Chinese numeral as an integer.

    >>> chinese_to_int("十二"), chinese_to_int("二十三"), chinese_to_int("一百零五"), chinese_to_int("〇")
    (12, 23, 105, 0)
    """
    if not s:
        return None
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None:  # digit-by-digit reading such as 二〇 → 20
                digit = digit * 10 + _CN_DIGITS[ch]
            else:
                digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)
