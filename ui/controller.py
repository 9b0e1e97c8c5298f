"""Handed the window: opens, saves, closes and routes every action to the current report tab."""

from __future__ import annotations

import os
import re

from PySide6.QtCore import QCoreApplication, QObject

from app import GoujiError, check, load_report
from app.marks import MarkStore
from app.reader import REPORT_SUFFIXES

from .dialogs import CANCEL, SAVE, Dialogs
from .loader import LoadTask, load_error_message, needs_thread
from .document import CellEdit, ReportDocument
from .main_window import MainWindow
from .paths import sample_report_path
from .recovery import RecoveryEntry, RecoveryStore, RecoveryWriter
from .report_view import ReportView
from .settings import AppSettings

__all__ = ["Controller"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Controller", text)


class Controller(QObject):
    def __init__(self, window: MainWindow, settings: AppSettings, dialogs: Dialogs | None = None,
                 recovery: RecoveryStore | None = None):
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.dialogs = dialogs or Dialogs(window)
        self.recovery = recovery or RecoveryStore()
        self.mark_store = MarkStore()
        self.threaded_loading = True            # large files and PDFs are read in a worker
        self._loading: dict[str, LoadTask] = {}
        a = window.actions
        a.open.triggered.connect(self.open_dialog)
        a.open_folder.triggered.connect(lambda: self.open_folders(None))
        a.save.triggered.connect(self.save)
        a.save_as.triggered.connect(self.save_as)
        a.reopen_encoding.triggered.connect(self.reopen_with_encoding)
        a.close.triggered.connect(lambda: self.close_tab(self.window.tabs.currentIndex()))
        a.quit.triggered.connect(window.close)
        a.copy.triggered.connect(lambda: self._grid_call("copy_selection"))
        a.paste.triggered.connect(lambda: self._grid_call("paste"))
        a.clear.triggered.connect(lambda: self._grid_call("clear_selection_cells"))
        a.find.triggered.connect(lambda: self._view_call("open_find"))
        a.apply_fix.triggered.connect(self.apply_fix)
        a.apply_all.triggered.connect(lambda: self._doc_call("apply_all_fixes"))
        a.next_finding.triggered.connect(lambda: self._view_call("next_finding", 1))
        a.prev_finding.triggered.connect(lambda: self._view_call("next_finding", -1))
        a.zoom_in.triggered.connect(lambda: self._view_call("zoom_by", 1))
        a.zoom_out.triggered.connect(lambda: self._view_call("zoom_by", -1))
        a.about.triggered.connect(self.about)
        window.tabs.tabCloseRequested.connect(self.close_tab)
        window.tabs.currentChanged.connect(self._on_current_tab)
        window.drop_filter.paths_dropped.connect(self.open_dropped)
        window.drop_filter.paths_rejected.connect(self._say_rejected)
        window.close_requested.connect(self._on_close_event)
        window.start_page_created.connect(self._wire_start_page)
        if window.has_start_page():
            self._wire_start_page(window.start_page)
        window.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._on_current_tab(-1)

    def _wire_start_page(self, sp) -> None:
        sp.open_requested.connect(self.open_dialog)
        sp.folder_requested.connect(lambda: self.open_folders(None))
        sp.sample_requested.connect(self.open_sample)
        sp.recent_requested.connect(lambda p: self.open_paths([p]))
        sp.set_recent(self.settings.recent_files())

    # -- tabs -------------------------------------------------------------------------------------
    def views(self) -> list[ReportView]:
        tabs = self.window.tabs
        return [tabs.widget(i) for i in range(tabs.count())]

    def current_view(self) -> ReportView | None:
        w = self.window.tabs.currentWidget()
        return w if isinstance(w, ReportView) else None

    def _view_call(self, name: str, *args):
        view = self.current_view()
        return getattr(view, name)(*args) if view else None

    def _doc_call(self, name: str):
        view = self.current_view()
        return getattr(view.doc, name)() if view else None

    def _grid_call(self, name: str):
        view = self.current_view()
        grid = view.current_grid() if view else None
        return getattr(grid, name)() if grid else None

    # -- opening ----------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        recent = self.settings.recent_files()
        start = os.path.dirname(recent[0]) if recent else os.path.expanduser("~")
        self.open_paths(self.dialogs.open_files(start))

    def open_dropped(self, paths: list[str]) -> None:
        """Files open in tabs; folders go to the folder review (one row per report)."""
        folders = [p for p in paths if os.path.isdir(p)]
        files = [p for p in paths if p not in folders]
        if files:
            self.open_paths(files)
        if folders:
            self.open_folders(folders)

    def open_folders(self, folders: list[str] | None):
        """The folder review window beside this one; without folders it asks for one."""
        from .folder_view import open_folder_review
        return open_folder_review(self.window, self.open_paths, folders)

    def _say_rejected(self, paths: list[str]) -> None:
        names = "、".join(os.path.basename(p) for p in paths[:3]) + ("等" if len(paths) > 3 else "")
        kinds = " ".join(REPORT_SUFFIXES)
        self.window.statusBar().showMessage(_tr("已跳过 {0}：不是可检查的报告文件（支持 {1}）").format(names, kinds), 10000)

    def open_sample(self) -> None:
        self.open_paths([str(sample_report_path())])

    def open_paths(self, paths: list[str], encoding: str | None = None) -> int:
        """Open each file in its own tab; a file already open is brought forward.

        Returns the tabs opened, or being opened in a worker (large files, PDFs).
        """
        opened = 0
        for path in paths:
            existing = self._find_view(path)
            if existing is not None and encoding is None:
                self.window.tabs.setCurrentWidget(existing)
                continue
            if os.path.abspath(path) in self._loading:
                continue
            if self.open_path(path, encoding) is not None or os.path.abspath(path) in self._loading:
                opened += 1
        return opened

    def _find_view(self, path: str) -> ReportView | None:
        want = os.path.abspath(path)
        return next((v for v in self.views() if os.path.abspath(v.doc.source_path) == want), None)

    def open_path(self, path: str, encoding: str | None = None, replace: ReportView | None = None, then=None):
        """The new tab, or None when the file failed or is being read in a worker (`then(view)` follows)."""
        if self.threaded_loading and needs_thread(path):
            task = LoadTask(path, encoding, (replace, then))
            task.signals.finished.connect(self._on_loaded)
            self._loading[os.path.abspath(path)] = task
            self._show_busy()
            task.start()
            return None
        try:
            report = load_report(path, encoding)
            result = check(report)
        except Exception as exc:  # noqa: BLE001 - a parser bug must not take the window down
            self.dialogs.error(_tr("无法打开文件"), load_error_message(path, exc))
            return None
        view = self._add_view(path, report, result, encoding, replace)
        if then is not None:
            then(view)
        return view

    def _on_loaded(self, task: LoadTask) -> None:
        self._loading.pop(os.path.abspath(task.path), None)
        self._show_busy()
        replace, then = task.context
        if task.error is not None:
            self.dialogs.error(_tr("无法打开文件"), task.error)
            return
        if replace is not None and not _alive(replace):
            replace = None
        view = self._add_view(task.path, task.report, task.result, task.encoding, replace)
        if then is not None:
            then(view)

    def _show_busy(self) -> None:
        names = [os.path.basename(t.path) for t in self._loading.values()]
        self.window.set_busy(_tr("正在读取 {0}…").format("、".join(names)) if names else "")

    def wait_for_loads(self, timeout_ms: int = 60_000) -> None:
        """Run the event loop until every worker has handed its report back (screenshots, tests)."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop, QThreadPool
        deadline = QDeadlineTimer(timeout_ms)
        while self._loading and not deadline.hasExpired():
            QThreadPool.globalInstance().waitForDone(20)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def _add_view(self, path: str, report, result, encoding, replace: ReportView | None) -> ReportView:
        doc = ReportDocument(report, result=result, verified=self._load_marks(report))
        doc.encoding_override = encoding
        doc.recovery = RecoveryWriter(doc, self.recovery)
        view = ReportView(doc)
        restore = self.settings.splitter("main")
        if restore is not None:
            view.split.restoreState(restore)
        restore = self.settings.splitter("side")
        if restore is not None:
            view.side.restoreState(restore)
        view.set_grid_actions([self.window.actions.copy, self.window.actions.paste, self.window.actions.clear])
        tabs = self.window.tabs
        if replace is not None:
            k = tabs.indexOf(replace)
            self._drop_view(replace)
            tabs.insertTab(k, view, "")
        else:
            tabs.addTab(view, "")
        self.window.undo_group.addStack(doc.undo_stack)
        doc.setParent(view)
        doc.undo_stack.cleanChanged.connect(lambda _clean, v=view: _alive(self.window, v) and self._update_titles(v))
        view.status_changed.connect(lambda v=view: _alive(self.window, v) and self._update_status(v))
        view.findings.verify_requested.connect(lambda f, v=view: self.verify_finding(v, f))
        view.findings.unverify_requested.connect(lambda f, v=view: self.unverify_finding(v, f))
        tabs.setCurrentWidget(view)
        self._update_titles(view)
        self.window.show_start(False)
        # the recent-files list is written to the settings file (Qt writes it on the next event-loop turn,
        # before painting): for the report a window is launched with, after its first frame
        self.window.after_first_paint(lambda p=path: self._remember(p))
        return view

    def _remember(self, path: str) -> None:
        self.settings.add_recent(path)
        self._refresh_recent()

    def reopen_with_encoding(self) -> None:
        view = self.current_view()
        if view is None:
            return
        enc = self.dialogs.choose_encoding(view.doc.report.encoding)
        if enc is None or not self._confirm_discard(view):
            return
        self.open_path(view.doc.source_path, enc, replace=view)

    # -- saving -----------------------------------------------------------------------------------
    def suggested_path(self, doc: ReportDocument) -> str:
        folder = os.path.dirname(os.path.abspath(doc.source_path))
        stem = re.sub(r'[\\/:*?"<>|\s]+', "", doc.title) or os.path.splitext(os.path.basename(doc.source_path))[0]
        path = os.path.join(folder, stem + ".xlsx")
        if _same_file(path, doc.source_path):
            path = os.path.join(folder, stem + _tr("（更正）") + ".xlsx")
        return path

    def save(self, view: ReportView | None = None) -> bool:
        view = view or self.current_view()
        if view is None:
            return False
        if view.doc.save_path is None:
            return self.save_as(view)
        return self._write(view, view.doc.save_path)

    def save_as(self, view: ReportView | None = None) -> bool:
        view = view if isinstance(view, ReportView) else self.current_view()
        if view is None:
            return False
        path = self.dialogs.save_file(view.doc.save_path or self.suggested_path(view.doc))
        if not path:
            return False
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return self._write(view, path)

    def _write(self, view: ReportView, path: str) -> bool:
        doc = view.doc
        if _same_file(path, doc.source_path):
            self.dialogs.error(_tr("无法保存"), _tr("不能覆盖原始报告文件，请换一个文件名。"))
            return False
        try:
            from app.export import export_workbook
        except ImportError:
            self.dialogs.error(_tr("无法保存"), _tr("此版本还不能导出工作簿（缺少导出组件）。"))
            return False
        try:
            export_workbook(doc.report, doc.result, path, doc.changes(), verified=doc.verified)
        except GoujiError as exc:
            self.dialogs.error(_tr("无法保存"), _tr("保存失败：{0}\n您的修改仍然保留在窗口中。").format(exc))
            return False
        except OSError as exc:
            self.dialogs.error(_tr("无法保存"), _tr("保存失败：{0}\n您的修改仍然保留在窗口中。").format(exc.strerror or exc))
            return False
        doc.save_path = path
        doc.undo_stack.setClean()
        self.window.statusBar().showMessage(_tr("已保存到 {0}").format(path), 5000)
        self._update_titles(view)
        return True

    # -- closing ----------------------------------------------------------------------------------
    def _confirm_discard(self, view: ReportView) -> bool:
        """True when the tab may go: saved, or the clerk chose 不保存, or saving worked."""
        if not view.doc.modified:
            return True
        self.window.tabs.setCurrentWidget(view)
        answer = self.dialogs.ask_save(view.doc.title)
        if answer == CANCEL:
            return False
        if answer == SAVE:
            return self.save(view)
        return True

    def close_tab(self, index: int) -> bool:
        view = self.window.tabs.widget(index)
        if not isinstance(view, ReportView) or not self._confirm_discard(view):
            return False
        self._drop_view(view)
        return True

    def _drop_view(self, view: ReportView) -> None:
        # the clerk saved, or chose 不保存: the recovery file has nothing left to keep
        view.doc.recovery.timer.stop()
        view.doc.recovery.discard()
        self.settings.set_splitter("main", view.split.saveState())
        self.settings.set_splitter("side", view.side.saveState())
        self.window.undo_group.removeStack(view.doc.undo_stack)
        self.window.tabs.removeTab(self.window.tabs.indexOf(view))
        view.deleteLater()
        if self.window.tabs.count() == 0:
            self.window.show_start(True)
            self._on_current_tab(-1)

    def _on_close_event(self, event) -> None:
        for view in self.views():
            if not self._confirm_discard(view):
                event.ignore()
                return
        self.settings.set_geometry(self.window.saveGeometry())
        view = self.current_view()
        if view is not None:
            self.settings.set_splitter("main", view.split.saveState())
            self.settings.set_splitter("side", view.side.saveState())
        self.settings.sync()
        for view in self.views():
            view.doc.recovery.timer.stop()
            view.doc.recovery.discard()
        self.recovery.release()
        event.accept()

    # -- recovery ---------------------------------------------------------------------------------
    def flush_recovery(self) -> int:
        """Write every modified report's recovery file now; returns how many hold unsaved edits."""
        return sum(view.doc.recovery.flush() is not None for view in self.views())

    def offer_recovery(self) -> int:
        """At start: offer the unsaved edits a crashed or killed window left behind. Returns reports restored."""
        entries = self.recovery.orphans()
        if not entries:
            return 0
        answer = self.dialogs.ask_restore(entries)
        if answer is None:                   # 以后再说: keep the files for the next start
            return 0
        restore, discard = answer
        for entry in discard:
            self.recovery.remove(entry.file)
        return sum(self.restore(entry) for entry in restore)

    def restore(self, entry: RecoveryEntry) -> bool:
        """Open the source (in a worker when large) and replay the entry's edits onto it."""
        if not entry.source_exists:
            self.dialogs.error(_tr("无法恢复"), _tr("找不到原始报告“{0}”，未保存的修改暂时保留；"
                                                "文件回到原处后重新启动勾稽即可恢复。").format(entry.source))
            return False
        view = self._find_view(entry.source)
        if view is not None:                 # opened from the command line already: cells are set absolutely
            self._replay(entry, view)
            return True
        self.open_path(entry.source, entry.encoding, then=lambda v: self._replay(entry, v))
        return True

    def _replay(self, entry: RecoveryEntry, view: ReportView) -> None:
        from app.marks import content_key
        name = os.path.basename(entry.source)
        doc = view.doc
        if entry.sha256 and content_key(doc.report) != entry.sha256:
            self.dialogs.info(_tr("原始报告已改变"),
                              _tr("“{0}”在上次编辑之后被改动过。恢复的修改按单元格重新填入，请逐一核对。").format(name))
        edits = [CellEdit(t, k, text, finding) for t, k, text, finding in entry.edits
                 if k in doc.report.tables.get(t, {})]
        doc.set_cells(edits, _tr("恢复未保存的修改"))
        doc.recovery.flush()                 # our own file first, then the old one goes
        self.recovery.remove(entry.file)
        self.window.tabs.setCurrentWidget(view)
        self.window.statusBar().showMessage(_tr("已恢复“{0}”的 {1} 处未保存修改").format(name, len(edits)), 8000)

    # -- 已核实 ------------------------------------------------------------------------------------
    def _load_marks(self, report) -> dict:
        try:
            return self.mark_store.load(report)
        except OSError:
            return {}

    def verify_finding(self, view: ReportView, finding) -> bool:
        """Ask for the note (the 上报说明) and keep the mark beside the report's content."""
        note = self.dialogs.ask_note(finding.message)
        if note is None:
            return False
        try:
            mark = self.mark_store.mark(view.doc.report, finding, note.strip())
        except OSError as exc:
            self.dialogs.error(_tr("无法标记"), _tr("核实记录未能保存：{0}").format(exc.strerror or exc))
            return False
        view.doc.set_verified({**view.doc.verified, finding.key: mark})
        return True

    def unverify_finding(self, view: ReportView, finding) -> bool:
        try:
            self.mark_store.unmark(view.doc.report, finding)
        except OSError as exc:
            self.dialogs.error(_tr("无法取消核实"), _tr("核实记录未能更改：{0}").format(exc.strerror or exc))
            return False
        view.doc.set_verified({k: m for k, m in view.doc.verified.items() if k != finding.key})
        return True

    # -- fixes ------------------------------------------------------------------------------------
    def apply_fix(self) -> None:
        view = self.current_view()
        if view is None:
            return
        fix = view.findings.fix_for(view.findings.current_finding())
        if fix is not None:
            view.doc.apply_fix(fix)

    # -- status -----------------------------------------------------------------------------------
    def _on_current_tab(self, _index: int) -> None:
        view = self.current_view()
        has = view is not None
        a = self.window.actions
        for act in (a.save, a.save_as, a.reopen_encoding, a.close, a.copy, a.paste, a.clear, a.find,
                    a.apply_fix, a.apply_all, a.next_finding, a.prev_finding, a.zoom_in, a.zoom_out):
            act.setEnabled(has)
        if view is None:
            self.window.undo_group.setActiveStack(None)
            self.window.set_status("", 0, "", "")
            self.window.setWindowTitle(_tr("政府信息公开年报统计表校验"))
            self.window.setWindowModified(False)
            return
        self.window.undo_group.setActiveStack(view.doc.undo_stack)
        self._update_status(view)
        self._update_titles(view)

    def _update_status(self, view: ReportView) -> None:
        if view is not self.current_view():
            return
        doc = view.doc
        fmt = _tr("{0}年版格式").format(doc.report.format)
        self.window.set_status(doc.verdict(), doc.open_errors(), doc.report.encoding, fmt)
        self.window.actions.apply_all.setEnabled(bool(doc.open_fixes()))

    def _update_titles(self, view: ReportView) -> None:
        tabs = self.window.tabs
        k = tabs.indexOf(view)
        if k < 0:
            return
        title = view.doc.title
        short = title if len(title) <= 18 else title[:17] + "…"
        text = short + (" *" if view.doc.modified else "")
        if tabs.tabText(k) != text:                   # relayouts and repaints the whole tab otherwise
            tabs.setTabText(k, text)
            tabs.setTabToolTip(k, f"{title}\n{view.doc.source_path}")
        if view is self.current_view():
            window_title = f"{title}[*]"          # Qt adds " — 勾稽", the application's display name
            if self.window.windowTitle() != window_title:
                self.window.setWindowTitle(window_title)
            self.window.setWindowModified(view.doc.modified)

    # -- recent files -----------------------------------------------------------------------------
    def _refresh_recent(self) -> None:
        if self.window.has_start_page():
            self.window.start_page.set_recent(self.settings.recent_files())

    def _fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        for path in files:
            act = menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_paths([p]))
        if not files:
            menu.addAction(_tr("（无）")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(_tr("清除列表"), self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self._refresh_recent()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox
        from app import __version__
        QMessageBox.about(self.window, _tr("关于勾稽"),
                          _tr("勾稽 {0}\n政府信息公开工作年度报告统计表校验工具。").format(__version__))


def _alive(*objects) -> bool:
    """False while Qt is tearing the window down (signals still fire from half-deleted children)."""
    try:
        for o in objects:
            o.objectName()
    except RuntimeError:
        return False
    return True


def _same_file(a: str, b: str) -> bool:
    if os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b)):
        return True
    try:
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False
