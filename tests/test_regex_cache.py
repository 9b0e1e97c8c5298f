"""app/_regex: patterns kept in compiled form give the same Pattern as re.compile, and a damaged,
stale or unwritable cache only costs time."""

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

import app.cli  # noqa: F401 - compiles every pattern of the command line's path
import app.export  # noqa: F401
import app.formats.html  # noqa: F401
from app import _regex

ROOT = Path(__file__).resolve().parents[1]


def _all_patterns():
    return sorted({**_regex._kept, **_regex._new}, key=repr)


def test_every_core_pattern_goes_through_the_cache():
    assert len(_all_patterns()) >= 40


@pytest.mark.parametrize("key", _all_patterns(), ids=lambda k: repr(k[0])[:40])
def test_kept_form_is_the_same_pattern(key):
    pattern, flags = key
    args = _regex._compiled(pattern, flags)
    assert marshal.loads(marshal.dumps(args)) == args                  # what the file keeps
    kept = _regex._sre.compile(pattern, *marshal.loads(marshal.dumps(args)))
    # Pattern equality compares the pattern, the flags and the compiled code.
    assert kept == re.compile(pattern, flags)
    assert kept.groupindex == re.compile(pattern, flags).groupindex


def _run(code: str, cache: Path, write: bool = True):
    env_code = ("import sys, os\n"
                f"sys.dont_write_bytecode = {not write}\n"
                "import app._regex as R\n"
                f"R._FILE = {str(cache)!r}; R._kept.clear(); R._new.clear(); R._load()\n" + code)
    return subprocess.run([sys.executable, "-c", env_code], cwd=ROOT, capture_output=True, text=True)


def test_a_second_start_uses_the_file_and_matches(tmp_path):
    cache = tmp_path / "regex.marshal"
    first = _run("import app._regex as R\nx = R.compile(r'[一二三]+(\\d+)件')\nprint(len(R._kept))", cache)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "0" and cache.exists()
    second = _run("import re, app._regex as R\nx = R.compile(r'[一二三]+(\\d+)件')\n"
                  "assert x == re.compile(r'[一二三]+(\\d+)件') and not R._new\n"
                  "print(x.search('共二3件').group(1))", cache)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "3"


@pytest.mark.parametrize("content", [b"", b"not marshal data", marshal.dumps(("other", {})),
                                     marshal.dumps(None)])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path, content):
    cache = tmp_path / "regex.marshal"
    cache.write_bytes(content)
    r = _run("import re, app._regex as R\nx = R.compile(r'(\\d+)件')\nassert x == re.compile(r'(\\d+)件')\nprint('ok')",
             cache)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_a_wrong_entry_is_compiled_afresh(tmp_path):
    cache = tmp_path / "regex.marshal"
    bad = {(r"(\d+)件", 0): (32, [1, 2, 3], 1, {}, (None, None))}      # invalid engine code
    cache.write_bytes(marshal.dumps((_regex._KEY, bad)))
    r = _run("import re, app._regex as R\nx = R.compile(r'(\\d+)件')\nassert x == re.compile(r'(\\d+)件')\n"
             "print(x.search('3件').group(1))", cache)
    assert r.returncode == 0 and r.stdout.strip() == "3", r.stderr


def test_no_file_is_written_when_bytecode_is_not(tmp_path):
    cache = tmp_path / "regex.marshal"
    r = _run("import app._regex as R\nR.compile(r'(\\d+)条')\nprint('ok')", cache, write=False)
    assert r.returncode == 0 and not cache.exists()


def test_an_unwritable_place_is_not_an_error(tmp_path):
    cache = tmp_path / "missing-dir" / "sub" / "regex.marshal"
    (tmp_path / "missing-dir").write_text("a file where a folder should be")
    r = _run("import app._regex as R\nR.compile(r'(\\d+)宗')\nprint('ok')", cache)
    assert r.returncode == 0 and r.stdout.strip() == "ok" and r.stderr == ""


def test_a_file_grown_past_its_bound_keeps_what_was_used(tmp_path):
    cache = tmp_path / "regex.marshal"
    stale = {(f"old{k}", 0): _regex._compiled(f"old{k}", 0) for k in range(5)}
    stale[(r"(\d+)起", 0)] = _regex._compiled(r"(\d+)起", 0)
    cache.write_bytes(marshal.dumps((_regex._KEY, stale)))
    r = _run("import app._regex as R\nR._MAX_KEPT = 3\nR.compile(r'(\\d+)起')\nR.compile(r'(\\d+)次')\nprint('ok')",
             cache)
    assert r.returncode == 0, r.stderr
    key, table = marshal.loads(cache.read_bytes())
    assert sorted(p for p, _ in table) == [r"(\d+)次", r"(\d+)起"]


def test_stale_patterns_of_earlier_versions_do_not_pile_up(tmp_path):
    """A hundred-odd patterns left by earlier versions (an upgrade over an install, a checkout edited for weeks)
    were kept up to 1000, and loading them cost every start about 1 % of a 200-report batch: past a bound
    a little above what a check and the window use, only what a start used is kept."""
    cache = tmp_path / "regex.marshal"
    stale = {(f"old{k}", 0): _regex._compiled(f"old{k}", 0) for k in range(250)}
    cache.write_bytes(marshal.dumps((_regex._KEY, stale)))
    r = _run("import app._regex as R\nR.compile(r'(\\d+)起')\nprint('ok')", cache)
    assert r.returncode == 0, r.stderr
    key, table = marshal.loads(cache.read_bytes())
    assert sorted(p for p, _ in table) == [r"(\d+)起"]
