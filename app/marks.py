"""The clerk's decisions on findings (已核实 + note), kept beside the app, keyed by content and finding.

A mark belongs to the report's source text (its SHA-256), not to its path, so it survives renames and
re-checks, and falls away when the report's text changes. Files are written atomically.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

try:        # the SHA-256 built into CPython: hashlib would load OpenSSL (~5 ms) when the window starts
    from _sha256 import sha256
except ImportError:  # pragma: no cover - other Pythons (3.12+ call it _sha2)
    from hashlib import sha256

from ._record import Frozen, set_field
from .atomic import write_text_atomic
from .model import Finding, Report

__all__ = ["Mark", "MarkStore", "data_dir"]


def data_dir() -> Path:
    """The app's data folder; GOUJI_DATA_DIR overrides it (tests, portable installs)."""
    env = os.environ.get("GOUJI_DATA_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Gouji"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Gouji"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "gouji"


class Mark(Frozen):
    __slots__ = ("note", "when")      # when: ISO time

    def __init__(self, note: str, when: str):
        set_field(self, "note", note)
        set_field(self, "when", when)


def content_key(report: Report) -> str:
    return sha256(report.text.encode("utf-8", "surrogatepass")).hexdigest()


class MarkStore:
    def __init__(self, root: Path | None = None):
        self.root = (root or data_dir()) / "marks"

    def _file(self, report: Report) -> Path:
        return self.root / f"{content_key(report)}.json"

    def load(self, report: Report) -> dict[str, Mark]:
        try:
            text = self._file(report).read_text(encoding="utf-8")
        except OSError:
            return {}       # no marks yet (the usual case when a report opens: json is not even loaded)
        import json
        try:
            raw = json.loads(text)
        except ValueError:
            return {}
        return {k: Mark(v.get("note", ""), v.get("when", "")) for k, v in raw.get("marks", {}).items()}

    def mark(self, report: Report, finding: Finding, note: str) -> Mark:
        from datetime import datetime
        marks = self.load(report)
        m = Mark(note, datetime.now().isoformat(timespec="seconds"))
        marks[finding.key] = m
        self._save(report, marks)
        return m

    def unmark(self, report: Report, finding: Finding) -> None:
        marks = self.load(report)
        if marks.pop(finding.key, None) is not None:
            self._save(report, marks)

    def _save(self, report: Report, marks: dict[str, Mark]) -> None:
        import json
        doc = {"source": report.path, "title": report.title,
               "marks": {k: {"note": m.note, "when": m.when} for k, m in marks.items()}}
        write_text_atomic(self._file(report), json.dumps(doc, ensure_ascii=False, indent=1))
