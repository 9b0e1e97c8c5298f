# The window's submodules, and its non-Python files (compiled .qm translations, icons, .qss).
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("ui")
datas = collect_data_files("ui", excludes=["**/*.ts", "**/__pycache__"])
