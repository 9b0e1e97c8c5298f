"""Encoding detection on every seed x encoding, whole and cut short (spec/encoding.md), and --encoding."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest

from app.encoding import decode_bytes, normalise_newlines

from . import synth as S

pytestmark = pytest.mark.skipif(not S.SEED_DIR.is_dir(), reason="../shared/seeds is not beside the checkout")

CUTS = (64, 256, 1024, None)
TRUE_CODEC = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "gbk": "gbk",
              "utf-16": "utf-16", "utf-16-le": "utf-16-le"}


def _truth(data: bytes, enc: str) -> str:
    """What the bytes say, decoded with the codec they were written in (a cut last character dropped)."""
    dec = codecs.getincrementaldecoder(TRUE_CODEC[enc.partition("+")[0]])("strict")
    text = dec.decode(data, final=False)
    return normalise_newlines(text.lstrip("\ufeff") if text.startswith("\ufeff") else text)


def _seed_bytes():
    for key in S.SEED_KEYS:
        text = S.layout(key).text
        for enc in S.ENCODINGS:
            yield key, enc, S.encode(text, enc)


def _table_slice(text: str) -> str:
    """Only the tables: no title line, so the first bytes are table labels and digits."""
    i = text.index("收到和处理政府信息公开申请情况")
    return text[text.rfind("\n", 0, i) + 1:]


@pytest.mark.parametrize("key", S.SEED_KEYS)
@pytest.mark.parametrize("part", ["whole", "tables"])
def test_every_seed_in_every_encoding_whole_and_cut(key, part):
    text = S.layout(key).text
    if part == "tables":
        text = _table_slice(text)
    for enc in S.ENCODINGS:
        data = S.encode(text, enc)
        for cut in CUTS:
            part = data if cut is None else data[:cut]
            want = _truth(part, enc)
            got, codec = decode_bytes(part)
            where = f"{key} {enc} cut={cut} codec={codec}"
            if cut is None:
                assert codec == S.expected_codec(enc), where
                assert got == want, where
            else:
                # a damaged last character is allowed, nothing else
                assert want.startswith(got[:-1]) and len(got) >= len(want) - 1, (where, got[-20:], want[-20:])


def test_every_cut_length_of_a_gbk_and_a_bomless_utf16_file():
    """The cut may split a multi-byte character anywhere; the detection must not be thrown off."""
    text = S.layout("002").text
    for enc in ("gbk", "utf-16-le", "utf-8"):
        data = S.encode(text, enc)
        for n in range(8, 1200, 7):
            part = data[:n]
            got, codec = decode_bytes(part)
            want = _truth(part, enc)
            assert want.startswith(got[:-1]) and len(got) >= len(want) - 1, (enc, n, codec)


def test_nbsp_and_fullwidth_space_survive_every_unicode_encoding():
    text = S.layout("001").text
    assert "\xa0" in text
    for enc in ("utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"):
        got, _ = decode_bytes(S.encode(text, enc))
        assert got == normalise_newlines(text), enc


def _run(args, timeout=60):
    proc = subprocess.run([sys.executable, "-m", "app", "check", "--json", *args],
                          capture_output=True, timeout=timeout)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return proc.returncode, json.loads(proc.stdout.decode("utf-8"))


def test_encoding_override(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(S.encode(S.layout("002").text, "gbk"))
    code, doc = _run(["--encoding", "gbk", str(gbk)])
    rep, = doc["reports"]
    assert code == 0 and "error" not in rep and set(rep["tables"]) == {"t1", "t2", "t3"}

    code, doc = _run(["--encoding", "utf-8", str(gbk)])        # wrong override: a clear refusal
    rep, = doc["reports"]
    assert code == 2 and "utf-8" in rep["error"] and any("\u4e00" <= ch <= "\u9fff" for ch in rep["error"])

    code, doc = _run(["--encoding", "klingon", str(gbk)])
    rep, = doc["reports"]
    assert code == 2 and "klingon" in rep["error"]
