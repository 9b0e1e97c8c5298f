#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/gouji/), prove it starts, and print its size.
# CI runs this as its own step; installer/README.md describes exactly these steps.
#   bash installer/build_linux.sh          # exits non-zero when the build or a check fails
# GOUJI_MAX_MB (default 120) is the size budget of dist/gouji on disk.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
max_mb=${GOUJI_MAX_MB:-120}

fail() { echo "打包失败：$*" >&2; exit 1; }

# 1. The project's virtualenv (tools/setup.sh makes it and installs Gouji), plus PyInstaller,
#    plus binutils' strip and objdump, which PyInstaller runs on Linux.
[ -x .venv/bin/python ] || bash tools/setup.sh
.venv/bin/python -c "import PyInstaller" 2>/dev/null || \
  .venv/bin/python -m pip install -q "pyinstaller>=6.10,<7"
if ! command -v strip >/dev/null || ! command -v objdump >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y -qq --no-install-recommends binutils >/dev/null
fi

# 2. Build from the spec; build/ and dist/ are git-ignored.
rm -rf dist/gouji build/pyinstaller
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/gouji.spec || fail "PyInstaller 报错（见上文）"
bundle=dist/gouji
[ -x "$bundle/gouji" ] || fail "没有生成 $bundle/gouji"
built=$(date +%s)

# 3. Run the bundle, off screen, in a throwaway home so no real settings are read or written.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export QT_QPA_PLATFORM=offscreen HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" \
       XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" GOUJI_DATA_DIR="$scratch/gouji"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# 3a. The command line reads and checks the sample report: exit 0 or 1 (2 = could not read it).
#     Then the same report as .docx, .html and .pdf (written by tests/format_builders.py when
#     reportlab is installed), since the spec leaves out Pillow, PDFium, parts of lxml and
#     Python's OpenSSL around those readers; the PDF's font is a non-embedded Adobe-GB1 one,
#     so pdfminer's Chinese CMaps are needed too.
samples=(resources/sample_report.txt)
if .venv/bin/python -c "import reportlab, docx" 2>/dev/null; then
  .venv/bin/python - "$scratch" <<'PY' || fail "无法生成 .docx/.html/.pdf 样本"
import sys
from pathlib import Path
sys.path.insert(0, ".")
from tests.format_builders import build_all
build_all(Path("resources/sample_report.txt"), Path(sys.argv[1]), stem="sample")
PY
  samples+=("$scratch/sample.docx" "$scratch/sample.html" "$scratch/sample.pdf")
else
  echo "注意：没有安装 reportlab，跳过 .docx/.html/.pdf 的读取检查" >&2
fi
set +e
timeout 60 "$bundle/gouji" check --json "${samples[@]}" >"$scratch/check.json"
status=$?
set -e
[ "$status" -le 1 ] || fail "gouji check 退出码 $status"
.venv/bin/python - "$scratch/check.json" "${#samples[@]}" <<'PY' || fail "gouji check 的 JSON 不对"
import json, sys
reports = json.load(open(sys.argv[1], encoding="utf-8"))["reports"]
assert len(reports) == int(sys.argv[2]), len(reports)
for report in reports:
    assert "error" not in report, (report["path"], report.get("error"))
    assert set(report["tables"]) == {"t1", "t2", "t3"}, (report["path"], sorted(report["tables"]))
PY

# 3b. The window: --smoke-test opens it off screen, loads the sample, exports and re-checks the
#     workbook, and exits non-zero with the reason when anything fails.
timeout 120 "$bundle/gouji" --smoke-test || fail "窗口冒烟测试失败（退出码 $?）"
checked=$(date +%s)

# 4. Size on disk, against the budget.
size_mb=$(du -sm "$bundle" | cut -f1)
echo "dist/gouji: ${size_mb} MB on disk (budget ${max_mb} MB), $(find "$bundle" -type f | wc -l) files;" \
     "build $((built - started)) s, checks $((checked - built)) s"
[ "$size_mb" -le "$max_mb" ] || fail "包体 ${size_mb} MB 超过预算 ${max_mb} MB：在 installer/gouji.spec 或 installer/hooks 中裁剪"
echo "Linux bundle OK"
