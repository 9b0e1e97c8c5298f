#!/usr/bin/env bash
# Shared by run.sh and test.sh: system libraries Qt needs, a virtualenv, the project installed into it.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
for pkg in libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-wqy-zenhei \
           libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
           libxcb-render-util0 libxcb-shape0 libxcb-xkb1 python3-venv; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq || true
  $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" || \
    echo "注意：部分系统库未能安装：${need_apt[*]}" >&2
fi
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
# Editable, in "compat" mode: the checkout goes on sys.path through a plain .pth line. The default mode
# for a flat layout installs an import hook whose module loads pathlib and fnmatch when any Python
# of this venv starts: 15-25 ms more for every `gouji` command and every window launch.
.venv/bin/python -m pip install -q -e ".[test,fast]" --config-settings editable_mode=compat 2>/dev/null || \
  .venv/bin/python -m pip install -q -e ".[test,fast]"
# The core's modules compiled with Cython into app/_compiled/ (~2 min the first time,
# then only after one of them changes). Without a C compiler Gouji runs as pure Python, only slower.
.venv/bin/python tools/build_compiled.py
