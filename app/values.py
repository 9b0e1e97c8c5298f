"""Turn one cell's text into a Cell: numbers after normalisation, blanks, placeholders, text."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from decimal import Decimal, InvalidOperation

from . import _regex
from .model import BLANK, MISSING, NUMBER, TEXT, Cell

__all__ = ["parse_value", "MISSING_TOKENS", "format_number"]

# Placeholders that mean "no value" (never read as 0).
MISSING_TOKENS = frozenset({"/", "／", "—", "——", "-", "－", "–", "―", "无", "\\", "、", "N/A", "n/a", "NA", "空", "*"})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_NUM = _regex.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)")
_THOUSANDS = _regex.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# ("387.389万", "298件次", "387.389（万元）"; "￥387.389" below)
_UNIT = _regex.compile(r"(.+?)\(?(万元|元|万|件次|人次|件|个|项|次|条|份|宗)\)?")
# Minus signs a word processor puts in place of "-": U+2212, en and em dash (the full-width one folds).
_MINUS = _regex.compile(r"[\u2212\u2013\u2014\ufe63](?=\s*[\d\uff10-\uff19])")
_ASCII_DIGITS = frozenset("0123456789+-.")
_SPLIT_DIGITS = _regex.compile(r"\d\s+\d")


def parse_value(text: str, line: int | None = None) -> Cell:
    if text.isascii() and text.isdigit():
        return Cell(text, NUMBER, int(text), line)
    c = _parse_cached(text)
    return c if line is None else Cell(c.raw, c.state, c.value, line, c.notes)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Cell:
    return _parse(text, None)


def _parse(text: str, line: int | None) -> Cell:
    raw = text.strip()
    if not raw:
        if text and any(ch not in " \t" for ch in text):
            return Cell("", BLANK, None, line, ("space",))
        return Cell("", BLANK, None, line)
    # fast path: plain ASCII digits, the overwhelmingly common case
    if raw.isascii() and raw.isdigit():
        return Cell(raw, NUMBER, int(raw), line)
    notes: list[str] = []
    s = raw.translate(_INVISIBLE)
    if _MINUS.match(s):
        s = "-" + s[1:]
        notes.append("sign")
    elif s[:1] in "增减" and (rest := s[2:] if s[:2] in ("增加", "减少") else s[1:]).strip().isdigit():
        # 2019's 本年增/减 written "减4", "增2", "减少2", "增加3"
        s = ("-" if s[0] == "减" else "+") + rest.strip()
        notes.append("sign")
    if any(unicodedata.category(ch) == "No" for ch in s if ch > "\x7f"):
        # A footnote mark ("2①", "50²") is no digit of the number: NFKC would read them 21 and 502.
        return Cell(raw, TEXT, None, line, tuple(notes))
    norm = unicodedata.normalize("NFKC", s)
    if norm != s:
        notes.append("fullwidth" if any("\uff10" <= ch <= "\uff19" or ch == "．" for ch in s) else "space")
    squeezed = "".join(norm.split())
    if squeezed != norm.strip():
        # Space inside the number: "1 2" may be two numbers run together; the clerk is told.
        notes.append("inner-space" if _SPLIT_DIGITS.search(norm) else "space")
    s = squeezed
    if not s:
        return Cell("", BLANK, None, line, tuple(notes) or ("space",))
    if s in MISSING_TOKENS or raw in MISSING_TOKENS:
        return Cell(raw, MISSING, None, line, tuple(notes))
    if _NUM.fullmatch(s) is None:
        u = _UNIT.fullmatch(s)
        if u is not None and (u.group(2) != "万" or "." in u.group(1)):
            # (a bare 万 only after an amount with decimals, "387.389万": "3万" may be a count of 30000)
            notes.append("unit:" + u.group(2))
            s = u.group(1)
        elif s[:1] == "¥":        # (NFKC folds the full-width ￥)
            notes.append("unit:元")
            s = s[1:]
        if _NUM.fullmatch(s) is None:
            if not _THOUSANDS.fullmatch(s):
                return Cell(raw, TEXT, None, line, tuple(notes))
            notes.append("thousands")
            s = s.replace(",", "")
    if s.startswith("+"):
        notes.append("plus")
    value = _to_number(s)
    if value is None:
        return Cell(raw, TEXT, None, line, tuple(notes))
    if value == 0 and s.startswith("-"):
        notes.append("minus-zero")          # "-0": a count or amount with a sign it cannot have
    return Cell(raw, NUMBER, value, line, tuple(dict.fromkeys(notes)))


def _to_number(s: str):
    if "." not in s:
        try:
            return int(s)
        except ValueError:
            return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d


def format_number(v) -> str:
    """Display form: integers plain, decimals without trailing zeros."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return str(int(v))
        return format(v.normalize(), "f")
    return str(v)
