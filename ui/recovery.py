"""Unsaved edits kept on disk a few seconds after each change, so a crash or a kill loses nothing.

One JSON file per open report in `data_dir()/recovery`: the source path, a hash of its text, the encoding
it was read with, and the cells that differ from the file (table, cell, text). Restoring re-reads the
source and replays those cells with the core's pure `set_cell_text`, so no Qt or pickled state is kept.
Each running window holds a lock file; a recovery file is only offered when its window is gone.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer

from app._record import Frozen, set_field
from app.atomic import write_text_atomic
from app.marks import content_key, data_dir

__all__ = ["RecoveryEntry", "RecoveryStore", "RecoveryWriter", "net_edits", "DELAY_MS"]

DELAY_MS = 2000            # quiet time after the last change before the file is written
VERSION = 1
# A lock is stale when its process is gone; 0 would switch that detection off, so "old" means weeks.
_NEVER_BY_AGE = 2**31 - 1


class RecoveryEntry(Frozen):
    """file: the recovery file itself; sha256: content_key of the report as read; encoding: the one
    the clerk chose, None when detected; edits: (table, cell, text, finding) of each edited cell."""

    __slots__ = ("file", "source", "title", "sha256", "encoding", "saved_at", "edits", "session")

    def __init__(self, file: Path, source: str, title: str, sha256: str, encoding: str | None, saved_at: str,
                 edits: tuple[tuple[str, tuple[str, str], str, str], ...] = (), session: str = ""):
        set_field(self, "file", file)
        set_field(self, "source", source)
        set_field(self, "title", title)
        set_field(self, "sha256", sha256)
        set_field(self, "encoding", encoding)
        set_field(self, "saved_at", saved_at)
        set_field(self, "edits", edits)
        set_field(self, "session", session)

    @property
    def source_exists(self) -> bool:
        return os.path.isfile(self.source)


def net_edits(original, current, changes=()) -> list[tuple[str, tuple[str, str], str, str]]:
    """Cells whose text differs from the file as read, with the finding the last change answered."""
    answered = {}
    for ch in changes:
        answered[(ch.table, ch.cell)] = ch.finding
    out = []
    for tid, cells in current.tables.items():
        before = original.tables.get(tid, {})
        if cells is before:
            continue
        for key, cell in cells.items():
            old = before.get(key)
            if old is not None and old is not cell and old.raw != cell.raw:
                out.append((tid, key, cell.raw, answered.get((tid, key), "")))
    return out


class RecoveryStore:
    """The recovery folder: write, list, remove; plus the lock that marks this window as alive."""

    def __init__(self, root: Path | None = None):
        self.root = (root or data_dir()) / "recovery"
        self.session = os.urandom(6).hex()     # not uuid: its import costs 5 ms at every launch
        self._lock: QLockFile | None = None

    def hold_session_lock(self) -> None:
        """Tell other windows our recovery files are live (released by the OS lock file logic at death)."""
        if self._lock is not None:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(self.root / f"session-{self.session}.lock"))
        lock.setStaleLockTime(_NEVER_BY_AGE)
        if lock.tryLock(0):
            self._lock = lock

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def file_for(self, source: str) -> Path:
        import hashlib                     # hashlib, json, datetime: when a file is written, not at launch
        digest = hashlib.sha256(os.path.abspath(source).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return self.root / f"{self.session}-{digest}.json"

    def write(self, doc, original) -> Path | None:
        """Write (or remove, when nothing differs) the recovery file of one document."""
        import json
        from datetime import datetime
        path = self.file_for(doc.source_path)
        edits = net_edits(original, doc.report, doc.changes())
        if not edits:
            self.remove(path)
            return None
        self.hold_session_lock()
        payload = {
            "version": VERSION, "session": self.session, "source": os.path.abspath(doc.source_path),
            "title": doc.title, "sha256": content_key(original), "encoding": doc.encoding_override,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "edits": [{"table": t, "row": k[0], "col": k[1], "text": text, "finding": f} for t, k, text, f in edits],
        }
        write_text_atomic(path, json.dumps(payload, ensure_ascii=False, indent=1))
        return path

    def remove(self, path: Path) -> None:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass                           # a locked file on Windows: it will be offered once more, harmlessly

    def orphans(self) -> list[RecoveryEntry]:
        """Recovery files whose window is no longer running (crashed or killed), oldest first."""
        if not self.root.is_dir():
            return []
        live: dict[str, bool] = {}
        out = []
        for path in sorted(self.root.glob("*.json"), key=lambda p: p.stat().st_mtime):
            entry = _read_entry(path)
            if entry is None:
                continue
            session = entry.session
            if session == self.session:
                continue
            if session not in live:
                live[session] = self._session_alive(session)
            if not live[session]:
                out.append(entry)
        return out

    def _session_alive(self, session: str) -> bool:
        lock_path = self.root / f"session-{session}.lock"
        if not lock_path.exists():
            return False
        lock = QLockFile(str(lock_path))
        lock.setStaleLockTime(_NEVER_BY_AGE)
        if lock.tryLock(0):                 # the owner is gone: its stale lock was taken over
            lock.unlock()
            return False
        return lock.error() == QLockFile.LockError.LockFailedError


def _read_entry(path: Path) -> RecoveryEntry | None:
    import json
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        edits = tuple((str(e["table"]), (str(e["row"]), str(e["col"])), str(e["text"]), str(e.get("finding", "")))
                      for e in raw["edits"])
        return RecoveryEntry(path, str(raw["source"]), str(raw.get("title", "")), str(raw.get("sha256", "")),
                             raw.get("encoding"), str(raw.get("saved_at", "")), edits, str(raw.get("session", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None                         # half-written by an older build, or not ours: ignore it


class RecoveryWriter(QObject):
    """Per document: a debounced write after each change; removal when it becomes clean or closes."""

    def __init__(self, doc, store: RecoveryStore, delay_ms: int = DELAY_MS):
        super().__init__(doc)
        self.doc = doc
        self.store = store
        self.original = doc.report           # the report as read from the file
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        doc.changed.connect(self._on_changed)
        doc.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_changed(self) -> None:
        if self.doc.modified:
            self.timer.start()
        else:
            self.timer.stop()
            self.discard()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:                            # saved, or undone back to what the file holds
            self.timer.stop()
            self.discard()

    def flush(self) -> Path | None:
        """Write now (also called by the exception hook before it tells the clerk)."""
        self.timer.stop()
        if not self.doc.modified:
            self.discard()
            return None
        try:
            return self.store.write(self.doc, self.original)
        except OSError:                      # a full disk must not interrupt editing; the log says why
            import logging
            logging.getLogger("gouji").warning("恢复文件未能写出", exc_info=True)
            return None

    def discard(self) -> None:
        self.store.remove(self.store.file_for(self.doc.source_path))
