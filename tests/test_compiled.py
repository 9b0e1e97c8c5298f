"""The compiled core (tools/build_compiled.py: Cython over app/parse.py, rules.py, narrative.py).

The compiled modules must give exactly what the pure ones give, and must never run in place of a
source that has changed since they were compiled.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import app
from tests import synth as S

ROOT = Path(__file__).resolve().parent.parent
COMPILED_MODULES = ("parse", "rules", "narrative")


def _fake_app(tmp_path: Path, sources=COMPILED_MODULES) -> Path:
    here = tmp_path / "app"
    (here / "_compiled").mkdir(parents=True)
    lines = []
    for name in sources:
        src = here / f"{name}.py"
        src.write_text(f"# {name}\n", encoding="utf-8")
        st = src.stat()
        lines.append(f"{name} {st.st_size} {st.st_mtime_ns} 0\n")
    (here / "_compiled" / "STAMP").write_text("".join(lines), encoding="ascii")
    return here


def test_folder_used_only_while_every_source_is_as_stamped(tmp_path):
    here = _fake_app(tmp_path)
    assert app._compiled_folder(str(here), {}) == str(here / "_compiled")
    # GOUJI_PURE=1 keeps the pure modules.
    assert app._compiled_folder(str(here), {"GOUJI_PURE": "1"}) is None
    # One source edited (another size): the whole core runs pure.
    (here / "rules.py").write_text("# rules, edited\n", encoding="utf-8")
    assert app._compiled_folder(str(here), {}) is None


def test_same_size_edit_is_caught_by_the_modification_time(tmp_path):
    here = _fake_app(tmp_path)
    src = here / "parse.py"
    st = src.stat()
    src.write_text("# PARSE\n", encoding="utf-8")
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert src.stat().st_size == st.st_size
    assert app._compiled_folder(str(here), {}) is None


@pytest.mark.parametrize("stamp", ["", "parse 12\n", "parse x y z\n", "nosuchmodule 1 2 3\n"])
def test_missing_or_broken_stamp_means_pure(tmp_path, stamp):
    here = _fake_app(tmp_path)
    (here / "_compiled" / "STAMP").write_text(stamp, encoding="ascii")
    assert app._compiled_folder(str(here), {}) is None
    (here / "_compiled" / "STAMP").unlink()
    assert app._compiled_folder(str(here), {}) is None


def _compiled_in_effect() -> bool:
    return app._compiled_folder() is not None and not os.environ.get("GOUJI_PURE")


def test_a_fresh_build_is_what_gets_imported():
    if not _compiled_in_effect():
        pytest.skip("no compiled core for these sources (tools/build_compiled.py not run since the last edit)")
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    for name in COMPILED_MODULES:
        module = sys.modules.get(f"app.{name}") or __import__(f"app.{name}", fromlist=["_"])
        assert module.__file__ == str(ROOT / "app" / "_compiled" / f"{name}{suffix}")
    assert app.COMPILED


def _check(paths: list[Path], pure: bool, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("GOUJI_PURE", None)
    if pure:
        env["GOUJI_PURE"] = "1"
    code = "import sys, app, app.parse; sys.stderr.write(app.parse.__file__ + '\\n'); " \
           "from app.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, "check", *args, *map(str, paths)],
                          capture_output=True, env=env, cwd=ROOT, timeout=300)


def test_compiled_and_pure_core_give_the_same_answers(tmp_path, seeds):
    if not _compiled_in_effect():
        pytest.skip("no compiled core for these sources (tools/build_compiled.py not run since the last edit)")
    rng = random.Random(9)
    folder = tmp_path / "reports"
    folder.mkdir()
    kinds = ("addend", "total", "r7", "review", "text", "fullwidth")
    for i in range(90):
        key = S.SEED_KEYS[i % len(S.SEED_KEYS)]
        s = S.synth(key, rng)
        if i % 3 == 0:
            s = S.mutate(s, kinds[i % len(kinds)], rng).synth
        enc = S.ENCODINGS[i % len(S.ENCODINGS)]
        (folder / f"{i:03d}_{key}.txt").write_bytes(S.encode(s.render(), enc))
    paths = [folder, *seeds.values(), ROOT / "tests" / "fuzz_cases"]
    for args in (("--json",), ()):
        compiled, pure = _check(paths, False, *args), _check(paths, True, *args)
        assert compiled.stderr.split(b"\n")[0].endswith(sysconfig.get_config_var("EXT_SUFFIX").encode())
        assert pure.stderr.split(b"\n")[0].endswith(b"parse.py")
        assert compiled.returncode == pure.returncode
        assert compiled.stdout == pure.stdout
        assert len(compiled.stdout) > 10_000
