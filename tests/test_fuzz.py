"""Fuzzing the reader, parser and rules (issue 7): nothing but GoujiError, in bounded time.

CI runs a fixed budget (GOUJI_FUZZ_EXAMPLES per strategy, 2,500 by default: 10,000 inputs over the
four strategies). A longer run by hand:  GOUJI_FUZZ_EXAMPLES=50000 .venv/bin/python -m pytest tests/test_fuzz.py
Every input that ever failed is kept in tests/fuzz_cases/ and replayed first.
"""

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import GoujiError, check
from app.encoding import decode_bytes
from app.parse import parse_text

from .conftest import seed_files

EXAMPLES = int(os.environ.get("GOUJI_FUZZ_EXAMPLES", "2500"))
CASES = Path(__file__).parent / "fuzz_cases"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in seed_files()]
SEED_LINES = [ln for t in SEED_TEXTS for ln in t.split("\n")] or ["三、收到和处理政府信息公开申请情况", "0\t0\t0"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "big5", "latin-1"]
SLOW = 2.0     # seconds one input may take; generous for a loaded CI machine

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


def _run(data: bytes) -> None:
    t = time.perf_counter()
    try:
        text, codec = decode_bytes(data)
        report = parse_text(text, "fuzz.txt", codec)
        check(report)
    except GoujiError as exc:
        assert str(exc) and any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
    except Exception:
        _keep(data)
        raise
    took = time.perf_counter() - t
    if took > SLOW:
        _keep(data)
    assert took < SLOW, f"{took:.2f}s for {len(data)} bytes"


def _keep(data: bytes) -> None:
    CASES.mkdir(exist_ok=True)
    import hashlib
    (CASES / f"{hashlib.sha1(data).hexdigest()[:12]}.bin").write_bytes(data)


@pytest.mark.parametrize("case", sorted(CASES.glob("*.bin")), ids=lambda p: p.name)
def test_regression_cases(case):
    _run(case.read_bytes())


lines = st.lists(st.sampled_from(SEED_LINES), max_size=80)
junk = st.text(alphabet=st.sampled_from(list("\t\n\r 0123456789０１２／—-.,元件一二三四（）()总计申请、")), max_size=60)


@FUZZ
@given(lines, st.sampled_from(ENCODINGS))
def test_report_fragments_in_any_encoding(parts, enc):
    _run("\n".join(parts).encode(enc, errors="replace"))


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    _run(data)


@FUZZ
@given(st.integers(0, max(0, len(SEED_TEXTS) - 1)), st.lists(st.tuples(st.integers(0, 10**6), junk), max_size=12))
def test_seeds_with_broken_layout(k, edits):
    text = SEED_TEXTS[k] if SEED_TEXTS else "\n".join(SEED_LINES)
    for pos, ins in edits:
        pos %= max(1, len(text))
        text = text[:pos] + ins + text[pos + len(ins) // 2:]
    _run(text.encode("utf-8"))


@FUZZ
@given(st.integers(0, max(0, len(SEED_TEXTS) - 1)), st.integers(0, 10**6), st.sampled_from(ENCODINGS),
       st.binary(max_size=40))
def test_truncated_and_spliced_encodings(k, cut, enc, noise):
    text = SEED_TEXTS[k] if SEED_TEXTS else "\n".join(SEED_LINES)
    data = text.encode(enc, errors="replace")
    cut %= max(1, len(data))
    _run(data[:cut] + noise + data[cut:cut + 500])
