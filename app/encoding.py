"""Bytes → text. A fast strict path (BOM, UTF-8, GB18030) first, chardet only for what is left.

A candidate decoding counts only when the text holds the template's labels: strict GB18030 accepts
many byte strings that are not GB18030 text (spec/encoding.md), so "it decoded" is not enough.
Incremental decoders with final=False keep a cut last character from disqualifying a file.
"""

from __future__ import annotations

import codecs

from . import _regex
from ._exceptions import DecodeError

__all__ = ["decode_bytes", "decode_report_bytes", "looks_like_report", "normalise_newlines"]

# Labels any report holds somewhere; one is enough to accept a decoding.
_LABELS = ("主动公开", "政府信息", "信息公开", "申请", "行政复议", "行政诉讼", "第二十条", "予以公开",
           "本年", "总计")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),
)
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "gb_2312": "gb18030",
            "euc-cn": "gb18030", "euc_cn": "gb18030", "hz": "gb18030", "utf8": "utf-8",
            "utf_8": "utf-8", "utf-8-bom": "utf-8-sig", "utf8-sig": "utf-8-sig", "utf_8_sig": "utf-8-sig",
            "ascii": "utf-8", "utf_16": "utf-16", "utf16": "utf-16", "utf_16_le": "utf-16-le",
            "utf_16_be": "utf-16-be", "gb-18030": "gb18030"}
_CR = _regex.compile(r"\r\n?")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def looks_like_report(text: str) -> bool:
    return any(label in text for label in _LABELS)


def _strict(data: bytes, codec: str) -> str | None:
    """Decode strictly, tolerating only an incomplete last character."""
    try:
        return data.decode(codec)       # the whole file at once: what nearly every file is (no decoder made)
    except UnicodeDecodeError:
        pass                            # (maybe only its last character cut: the incremental decoder tells)
    except LookupError:
        return None
    try:
        dec = codecs.getincrementaldecoder(codec)("strict")
        return dec.decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def canonical_codec(name: str) -> str:
    n = name.strip().lower().replace("_", "-")
    n = _ALIASES.get(n, _ALIASES.get(n.replace("-", "_"), n))
    try:
        info = codecs.lookup(n)
    except LookupError:
        raise DecodeError(f"不认识的编码名称“{name}”。可用的有 utf-8、gb18030、gbk、utf-16 等。") from None
    if not getattr(info, "_is_text_encoding", True):        # base64, hex, zlib, rot13: bytes to bytes
        raise DecodeError(f"“{name}”不是文字编码，不能用来读取报告。可用的有 utf-8、gb18030、gbk、utf-16 等。")
    return n


# A file that decodes but for a few bytes (a stray byte from a copy, a character cut by an editor): read, the bytes
# shown as U+FFFD and said in a warning, rather than refused or misread whole. More than this is no stray byte.
_MAX_DAMAGED = 8


def decode_bytes(data: bytes, override: str | None = None) -> tuple[str, str]:
    """Return (text, codec). Raises DecodeError with a Chinese message."""
    text, codec, _ = decode_report_bytes(data, override, lenient=False)
    return text, codec


def decode_report_bytes(data: bytes, override: str | None = None, lenient: bool = True) -> tuple[str, str, list[int]]:
    """(text, codec, damaged): damaged lists the 1-based lines of the text holding a byte that could not be
    decoded (shown as U+FFFD), for a file only a few bytes of which do not decode (`lenient`); empty for every
    other file. Raises DecodeError with a Chinese message."""
    if override:
        codec = canonical_codec(override)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"按指定的编码 {codec} 无法解码此文件（第 {exc.start} 字节处出错）。请换一种编码，或不指定编码让程序自动识别。"
            ) from None
        if codec in ("utf-8", "utf-16", "utf-32") and text.startswith("\ufeff"):
            text = text[1:]
        return normalise_newlines(text), codec, []
    if not data.strip():
        raise DecodeError("文件是空的，没有可以检查的内容。")
    tried: list[str] = []
    fallback: tuple[str, str] | None = None
    for codec in _candidates(data):
        if codec in tried:
            continue
        tried.append(codec)
        text = _strict(data, codec)
        if text is None:
            continue
        if text.startswith("\ufeff"):
            text = text[1:]
        if looks_like_report(text):
            return normalise_newlines(text), codec, []
        if fallback is None and _printable(text):
            fallback = (text, codec)
    if fallback is not None and fallback[1].startswith("utf-"):
        return normalise_newlines(fallback[0]), fallback[1], []    # valid Unicode text: not mixed
    damaged = _nearly(data, tried) if lenient else None
    if damaged is not None:
        return damaged
    if _looks_binary(data):
        raise DecodeError("这不是文本格式的报告（看起来是二进制文件）。请选择 .txt 报告，或 Gouji 导出的 .xlsx。")
    if _is_mixed(data):
        raise DecodeError("文件中混用了不同的文字编码（例如一部分是 UTF-8，一部分是 GBK），无法可靠读取。"
                          "请在编辑器中统一另存为 UTF-8 后再检查。")
    if fallback is not None and not _looks_binary(data):
        # Decodes cleanly but holds no label: the parser will say there is no table.
        return normalise_newlines(fallback[0]), fallback[1], []
    if _looks_binary(data):
        raise DecodeError("这不是文本格式的报告（看起来是二进制文件）。请选择 .txt 报告，或 Gouji 导出的 .xlsx。")
    raise DecodeError("无法识别文件的文字编码，或文件中没有年度报告的内容。可以用 --encoding 指定编码（如 gbk、utf-8）再试。")


def _nearly(data: bytes, tried: list[str]) -> tuple[str, str, list[int]] | None:
    """The report a few undecodable bytes keep from decoding strictly: the BOM's codec, UTF-8, then GB18030, each
    with those bytes replaced, when it holds the template's labels; None otherwise."""
    first = tried[0] if tried and tried[0] not in ("utf-8", "gb18030") else None
    for codec in (first, "utf-8", "gb18030"):
        if codec is None or codec.startswith(("utf-16", "utf-32")):
            continue            # (a stray byte shifts every character after it in UTF-16: no stray byte there)
        # (UTF-8 with a BOM is decoded as UTF-8, its BOM a character dropped below: "utf-8-sig" counts an error's
        # place from after the BOM, which would cut the bytes before it three bytes short, inside a character)
        decode_as = "utf-8" if codec == "utf-8-sig" else codec
        pieces: list[str] = []
        bad: list[int] = []
        pos = 0
        while True:
            try:
                pieces.append(data[pos:].decode(decode_as))
                break
            except UnicodeDecodeError as exc:
                bad.append(pos + exc.start)
                if len(bad) > _MAX_DAMAGED:
                    break
                pieces += (data[pos:pos + exc.start].decode(decode_as), "\ufffd")
                pos += exc.end
        text = "".join(pieces)
        if not bad or len(bad) > _MAX_DAMAGED or not looks_like_report(text):
            continue
        text = normalise_newlines(text[1:] if text.startswith("\ufeff") else text)
        lines, at = [], -1
        while (at := text.find("\ufffd", at + 1)) >= 0 and len(lines) < _MAX_DAMAGED:
            line = text.count("\n", 0, at) + 1
            if line not in lines:
                lines.append(line)
        return text, codec, lines
    return None


def _candidates(data: bytes):
    for bom, codec in _BOMS:
        if data.startswith(bom):
            yield codec
            break
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM: the NULs sit on odd bytes for LE Chinese/ASCII text mixes.
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        yield from (("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le"))
        yield from _chardet(data)
        return
    yield "utf-8"
    yield "gb18030"
    yield from _chardet(data)


def _chardet(data: bytes):
    try:
        import chardet
    except ImportError:  # pragma: no cover - chardet is a declared dependency
        return
    guess = chardet.detect(data[:65536])
    enc = (guess or {}).get("encoding")
    if enc:
        try:
            yield canonical_codec(enc)
        except DecodeError:
            pass
    yield "big5"
    yield "utf-16-le"


def _printable(text: str) -> bool:
    head = text[:4096]
    controls = sum(1 for ch in head if ch < "\t" or "\r" < ch < " " or ch == "\x7f")
    return controls <= len(head) // 50


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\x7fELF", b"MZ")):
        return True
    if b"\x00" in head and (head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                            or abs(head[0::2].count(0) - head[1::2].count(0)) > len(head) // 8):
        return False  # UTF-16 text: NULs on one side only
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 20


_UTF8_RUN = _regex.compile(rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){6,}")


def _is_mixed(data: bytes) -> bool:
    """Long runs of valid UTF-8 Chinese next to bytes that are not UTF-8: two encodings in one file."""
    runs = _UTF8_RUN.findall(data)
    if not runs:
        return False
    covered = sum(len(r) for r in runs)
    high = sum(1 for b in data if b >= 0x80)
    return covered >= 60 and covered < high
