"""Hostile files (issue 7): size limit, pathological text in bounded time, a clear Chinese message."""

import subprocess
import sys
import time

import pytest

from app import GoujiError, check, load_report, load_text
from app.reader import MAX_BYTES

from .conftest import ROOT

BOUND = 8.0   # seconds; the real figures are well under one second each (see the issue note)


def _timed(text: str):
    t = time.perf_counter()
    report = load_text(text)
    check(report)
    return report, time.perf_counter() - t


@pytest.fixture
def seed_text(seeds):
    return seeds["002"].read_text(encoding="utf-8")


def test_over_the_size_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(GoujiError, match="超过 50 MB"):
        load_report(big)


def test_one_ten_megabyte_line(seed_text):
    report, took = _timed("测试" * 5_000_000 + "\n" + seed_text)
    assert set(report.tables) == {"t1", "t2", "t3"} and took < BOUND


def test_millions_of_tabs(seed_text):
    head = "三、收到和处理政府信息公开申请情况"
    report, took = _timed(seed_text.replace(head, head + "\n" + "\t" * 2_000_000, 1))
    assert set(report.tables) == {"t1", "t2", "t3"} and took < BOUND


def test_tens_of_thousands_of_junk_rows_inside_a_table(seed_text):
    head = "三、收到和处理政府信息公开申请情况"
    junk = "\n".join(f"随机文字{i}\t甲乙丙丁戊己\t庚辛壬癸{i}" for i in range(30_000))
    report, took = _timed(seed_text.replace(head, head + "\n" + junk, 1))
    assert report.tables["t2"][("1", "3")].value == 0 and took < BOUND


def test_unlabeled_numeric_rows_do_not_cost_quadratic_time(seed_text):
    head = "三、收到和处理政府信息公开申请情况"
    report, took = _timed(seed_text.replace(head, head + "\n" + "0\t0\t0\n" * 30_000, 1))
    assert took < BOUND


def test_cli_reports_a_binary_file_in_one_chinese_line_and_goes_on(tmp_path, seeds):
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "b.txt").write_bytes(seeds["003"].read_bytes())
    out = subprocess.run([sys.executable, "-m", "app", "check", str(tmp_path)], cwd=ROOT,
                         capture_output=True, timeout=60)
    text = out.stdout.decode("utf-8")
    assert out.returncode == 2 and "二进制" in text and "白营镇" in text
    assert b"Traceback" not in out.stderr
