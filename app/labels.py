"""Label normalisation and matching: exact after normalisation, then containment, then fuzzy."""

from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache

from . import _regex
from ._record import Frozen, set_field

__all__ = ["norm", "LabelIndex", "Match", "has_cjk"]

_ENUM = _regex.compile(
    r"^(?:第?[一二三四五六七八九十]+[、.．,，]|[（(][一二三四五六七八九十]+[)）][、.．]?|\d{1,2}[.、．)）,，]|[（(]\d{1,2}[)）])"
)
_PUNCT = _regex.compile(r"[\s\u3000“”\"'‘’「」『』、，,。.．:：;；()（）\[\]【】<>《》/／·_\-—–~～!！?？]+")


def has_cjk(s: str) -> bool:
    """Holds a CJK unified ideograph (U+4E00–U+9FFF). A loop, not a regex: compiling that character
    range costs 3 ms at every start of the program, more than all the calls of a batch."""
    if s.isascii():
        return False
    for ch in s:
        if "\u4e00" <= ch <= "\u9fff":
            return True
    return False


@lru_cache(maxsize=8192)
def norm(s: str) -> str:
    """Fold width, drop spacing, quotes, punctuation and leading enumerators such as （一）、1.、三、."""
    s = unicodedata.normalize("NFKC", s).strip()
    for _ in range(3):
        m = _ENUM.match(s)
        if not m:
            break
        s = s[m.end():].lstrip()
    return _PUNCT.sub("", s)


class Match(Frozen):
    """target: what the label names (row id, column id, ...); quality: "exact" | "contains" | "fuzzy";
    label: the official label matched."""

    __slots__ = ("target", "quality", "label")

    def __init__(self, target: object, quality: str, label: str):
        set_field(self, "target", target)
        set_field(self, "quality", quality)
        set_field(self, "label", label)


class LabelIndex:
    """Looks cell texts up against a set of official labels and their variants."""

    def __init__(self, entries: list[tuple[str, object]], fuzzy_cutoff: float = 0.72):
        # entries: (official label or variant, target)
        self._exact: dict[str, tuple[object, str]] = {}
        self._by_len: list[tuple[str, object, str]] = []
        for label, target in entries:
            key = norm(label)
            if not key:
                continue
            self._exact.setdefault(key, (target, label))
            self._by_len.append((key, target, label))
        self._by_len.sort(key=lambda e: -len(e[0]))
        self._keys = [e[0] for e in self._by_len]
        self._cutoff = fuzzy_cutoff
        self._memo: dict[tuple[str, bool, bool], Match | None] = {}

    def lookup(self, text: str, allow_contains: bool = True, allow_fuzzy: bool = True) -> Match | None:
        """Memoised: the same labels recur in every report."""
        k = (text, allow_contains, allow_fuzzy)
        try:
            return self._memo[k]
        except KeyError:
            pass
        m = self._lookup(text, allow_contains, allow_fuzzy)
        if len(self._memo) < 20000:
            self._memo[k] = m
        return m

    def _lookup(self, text: str, allow_contains: bool, allow_fuzzy: bool) -> Match | None:
        key = norm(text)
        if not key:
            return None
        hit = self._exact.get(key)
        if hit is not None:
            return Match(hit[0], "exact", hit[1])
        if len(key) > 80:
            return None
        if allow_contains:
            for k, target, label in self._by_len:
                if len(k) >= 2 and k in key and len(k) * 3 >= len(key):
                    return Match(target, "contains", label)
        if allow_fuzzy and len(key) >= 3 and has_cjk(key):
            best = None
            best_ratio = self._cutoff
            sm = difflib.SequenceMatcher(autojunk=False)
            sm.set_seq2(key)
            for k, target, label in self._by_len:
                if abs(len(k) - len(key)) > max(4, len(key) // 2):
                    continue
                sm.set_seq1(k)
                if sm.real_quick_ratio() < best_ratio or sm.quick_ratio() < best_ratio:
                    continue
                r = sm.ratio()
                if r > best_ratio:
                    best, best_ratio = (target, label), r
            if best is not None:
                return Match(best[0], "fuzzy", best[1])
        return None
