#!/usr/bin/env bash
# Install everything and open Gouji (with the sample report when no file is given).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
if [ $# -eq 0 ]; then
  exec .venv/bin/gouji resources/sample_report.txt
fi
exec .venv/bin/gouji "$@"
