# Replaces PyInstaller's hook of the same name: the same collection, pruned (see gouji_qt.py).
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from gouji_qt import collect  # noqa: E402

hiddenimports, binaries, datas = collect(__file__)
