"""A real window in its own process for the recovery test: `edit FILE` edits and waits to be killed;
`restore` starts again the way `gouji` does and prints the cells it shows. Settings and data go to
GOUJI_DATA_DIR, which the test sets to a temporary folder."""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

EDITS = {("t2", ("1", "1")): "5", ("t3", ("1", "1.2")): "7", ("t2", ("3.1", "1")): ""}


def main() -> int:
    from PySide6.QtCore import QSettings, QTimer

    from ui.main import create_application, start
    data = Path(os.environ["GOUJI_DATA_DIR"])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "settings"))
    app = create_application()
    if sys.argv[1] == "edit":
        window, ctl = start([sys.argv[2]])
        view = ctl.current_view()
        for (tid, key), text in EDITS.items():
            model = view.models[tid]
            model.setData(model.index_of(key), text)          # the grid's own path: one undo step each
        folder = data / "recovery"

        def wait_for_file():
            if any(folder.glob("*.json")):
                print("READY", flush=True)                    # the parent kills us now, with SIGKILL
            else:
                QTimer.singleShot(50, wait_for_file)
        wait_for_file()
        return app.exec()
    window, ctl = start([], headless=True)                     # headless dialogs answer "restore"
    out = {}

    def report():
        view = ctl.current_view()
        if view is not None:
            out.update(restored=view.doc.source_path, modified=view.doc.modified,
                       cells={f"{tid}:{key[0]}:{key[1]}": view.models[tid].data(view.models[tid].index_of(key))
                              for (tid, key) in EDITS},
                       left=sorted(p.name for p in (data / "recovery").glob("*.json")))
            view.doc.undo_stack.setClean()
        app.quit()
    QTimer.singleShot(300, report)
    app.exec()
    print(json.dumps(out, ensure_ascii=False))
    return 0 if out else 1


if __name__ == "__main__":
    sys.exit(main())
