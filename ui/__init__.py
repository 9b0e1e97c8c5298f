"""Gouji's window (PySide6) over the pure core in `app/`; `ui.main.run` is the composition root."""
