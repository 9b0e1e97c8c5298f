"""Limits checked before a document is opened, so a hostile file costs neither memory nor time.

A .docx is a zip: its directory says how large each entry becomes, so a zip bomb is refused from
the directory alone, before anything is inflated. The directory cannot lie its way past that:
zipfile's reader stops at the declared size and checks the CRC.
"""

from __future__ import annotations

import io
import zipfile

from .._exceptions import DecodeError

__all__ = ["open_zip", "MAX_ENTRIES", "MAX_ENTRY_BYTES", "MAX_TOTAL_BYTES", "MAX_RATIO"]

MAX_ENTRIES = 2000                   # a long Word report has a few dozen parts
MAX_ENTRY_BYTES = 64 * 1024 * 1024   # one part (document.xml of a 300-page report is ~10 MB)
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200                      # XML compresses ~10:1; a bomb compresses 1000:1 and more
_RATIO_FLOOR = 1024 * 1024           # small parts may compress very well (runs of spaces)


def open_zip(data: bytes, what: str = "Word 文档") -> zipfile.ZipFile:
    """Open and vet a zip container; raises DecodeError in Chinese when it is damaged or a bomb."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DecodeError(f"这个{what}已损坏（压缩结构不完整），无法打开。请用 Word 或 WPS 重新保存后再试。") from None
    if len(infos) > MAX_ENTRIES:
        raise DecodeError(f"这个{what}包含 {len(infos)} 个部件，远多于正常文档，可能是恶意构造的文件，已拒绝打开。")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
            raise DecodeError(f"这个{what}解压后过大（超过 {MAX_TOTAL_BYTES // 1024 // 1024} MB），"
                              f"可能是恶意构造的“压缩炸弹”，已拒绝打开。")
        if size > _RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise DecodeError(f"这个{what}的压缩比异常（{info.filename} 压缩了 "
                              f"{size // max(info.compress_size, 1)} 倍），可能是“压缩炸弹”，已拒绝打开。")
        if info.flag_bits & 0x1:
            raise DecodeError(f"这个{what}已加密，无法读取。请去掉密码后另存一份再检查。")
    return zf

