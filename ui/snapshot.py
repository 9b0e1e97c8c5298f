"""Render the window off screen at a fixed size, with the first problem shown, into a PNG."""

from __future__ import annotations

import os

__all__ = ["render_window", "settle"]

SIZE = (1400, 900)


def settle(app, rounds: int = 5) -> None:
    """Process pending events (layouts, deferred resizes) until the window is drawn."""
    for _ in range(rounds):
        app.processEvents()
        app.sendPostedEvents()


def render_window(app, window, controller, out: str) -> None:
    window.resize(*SIZE)
    window.show()
    settle(app)
    view = controller.current_view()
    if view is not None and view.doc.result.findings:
        fixed = {(x.table, x.cell) for x in view.doc.result.fixes}
        errors = [f for f in view.doc.result.findings if f.severity == "error"]
        # prefer an error a fix explains: the picture then shows the strongest mark too
        errors.sort(key=lambda f: not any((f.table, c) in fixed for c in f.cells))
        if errors:
            view.findings.select_finding(errors[0])
            view.show_finding(errors[0])
        else:
            view.tables.setCurrentIndex(1)      # 表三 is the table clerks check most
    settle(app)
    pixmap = window.grab()
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    if not pixmap.save(out, "PNG"):
        raise OSError(f"无法写入 {out}")
