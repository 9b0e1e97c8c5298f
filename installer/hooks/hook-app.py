# The core imports some modules lazily (the exporter, the readers for Word, PDF, workbooks);
# take every submodule so a reader added later is never missing from the bundle.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("app")
