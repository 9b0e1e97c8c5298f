"""Shared by the hook-PySide6.Qt*.py files here: collect a Qt module, then keep only what Gouji uses.

PyInstaller's own hooks take every plugin of each type a module may load (all platforms, all
image formats, the GTK theme with its GTK/Cairo/Pango libraries) and every translation. Pruning
here, before the binary dependency analysis, also keeps out the libraries only the pruned
plugins need; filtering the TOC in the spec afterwards would leave those behind.
"""

from __future__ import annotations

import fnmatch
import os

from PyInstaller.compat import is_darwin, is_win
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plugin folders (under Qt/plugins) and the file-name patterns kept in each; a folder not named
# here is dropped whole. Patterns omit the prefix and suffix (lib*.so / *.dll / lib*.dylib).
# PNG is built into QtGui, so the window's icons (resources/icons/gouji-*.png) need no
# image-format plugin; qico reads .ico. No SVG: it would bring libQt6Svg for nothing.
if is_win:
    KEEP_PLUGINS = {
        "platforms": ["qwindows", "qoffscreen"],
        "styles": ["qmodernwindowsstyle", "qwindowsvistastyle"],
        "imageformats": ["qico"],
    }
elif is_darwin:
    KEEP_PLUGINS = {
        "platforms": ["qcocoa", "qoffscreen"],
        "platforms/darwin": ["*"],  # what PyInstaller's QtGui hook files under it on macOS
        "styles": ["qmacstyle"],
        "imageformats": ["qico"],
    }
else:
    KEEP_PLUGINS = {
        # xcb: X11 and XWayland desktops; offscreen: the smoke test and CI. Without the wayland
        # plugin a Wayland session falls back to XWayland, and we save ~2 MB of client libraries.
        "platforms": ["qxcb", "qoffscreen"],
        # No xcbglintegrations: Gouji's widgets never draw through OpenGL.
        # ibus/fcitx input methods, so a clerk can type Chinese in a search box.
        "platforminputcontexts": ["*"],
    }

# Qt's own translations: Chinese only (standard buttons, the file dialog). The app's .qm files
# are collected by hook-ui.py.
KEEP_TRANSLATIONS = ["qt_zh_CN.qm", "qtbase_zh_CN.qm", "qt_zh_TW.qm", "qtbase_zh_TW.qm"]


def _plugin_kept(src: str, dest: str) -> bool:
    parts = dest.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return True
    folder = "/".join(parts[parts.index("plugins") + 1:])
    patterns = KEEP_PLUGINS.get(folder)
    if patterns is None:
        return False
    stem = os.path.basename(src).split(".")[0]
    if stem.startswith("lib") and not is_win:
        stem = stem[3:]
    return any(fnmatch.fnmatch(stem, p) for p in patterns)


def _data_kept(src: str, dest: str) -> bool:
    if "translations" not in dest.replace("\\", "/").split("/"):
        return True
    return os.path.basename(src) in KEEP_TRANSLATIONS


def collect(hook_file: str):
    """(hiddenimports, binaries, datas) of the Qt module the hook file is named after, pruned."""
    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    binaries = [(s, d) for s, d in binaries if _plugin_kept(s, d)]
    datas = [(s, d) for s, d in datas if _data_kept(s, d)]
    return hiddenimports, binaries, datas
