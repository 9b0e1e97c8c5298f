# Runtime hook: runs in the frozen app before gouji_main.py.
#
# A windowed build (Windows, macOS .app) starts with sys.stdout/sys.stderr set to None, so any
# print -- the CLI's summary, --smoke-test's reason for failing, a warning from a library -- would
# raise. Send them to GOUJI_LOG when it is set (CI reads the smoke test's reason from it), else
# to the null device.
import os
import sys

if sys.stdout is None or sys.stderr is None:
    _target = os.environ.get("GOUJI_LOG") or os.devnull
    _stream = open(_target, "a", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = _stream
    if sys.stderr is None:
        sys.stderr = _stream
