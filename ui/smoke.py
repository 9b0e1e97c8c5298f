"""--smoke-test: window off screen, sample report loaded, workbook exported and checked again."""

from __future__ import annotations

import os
import sys
import tempfile

__all__ = ["run_smoke_test"]


def run_smoke_test(app) -> int:
    from app import check, load_report
    from .main import build
    from .paths import sample_report_path
    from .snapshot import settle

    def fail(reason: str) -> int:
        print(f"自检失败：{reason}", file=sys.stderr)
        return 1

    sample = sample_report_path()
    if not sample.is_file():
        return fail(f"找不到示例报告 {sample}")
    with tempfile.TemporaryDirectory(prefix="gouji-smoke-") as tmp:
        os.environ.setdefault("GOUJI_DATA_DIR", tmp)
        from PySide6.QtCore import QSettings
        from .settings import AppSettings
        settings = AppSettings(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
        window, controller = build(headless=True, settings=settings)
        window.resize(1400, 900)
        window.show()
        if not controller.open_paths([str(sample)]):
            return fail("示例报告未能载入")
        settle(app)
        view = controller.current_view()
        if view is None or not view.panes:
            return fail("窗口没有显示表格")
        doc = view.doc
        try:
            from app.export import export_workbook
        except ImportError as exc:
            return fail(f"缺少导出组件：{exc}")
        out = os.path.join(tmp, "smoke.xlsx")
        try:
            export_workbook(doc.report, doc.result, out, doc.changes())
            again = load_report(out)
            check(again)
        except Exception as exc:  # noqa: BLE001 - the smoke test reports any failure in words
            return fail(f"{type(exc).__name__}: {exc}")
        for tid, cells in doc.report.tables.items():
            other = again.tables.get(tid)
            if other is None:
                return fail(f"工作簿中缺少表 {tid}")
            for key, cell in cells.items():
                got = other.get(key)
                if got is None or got.json_value() != cell.json_value():
                    return fail(f"{tid} {key}：原为 {cell.json_value()!r}，工作簿中为 "
                                f"{None if got is None else got.json_value()!r}")
        window.close()
    print("自检通过：窗口、示例报告、导出与复核均正常。")
    return 0
