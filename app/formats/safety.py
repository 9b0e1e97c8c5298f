"""Limits checked before a zip container (.docx, .xlsx) is opened, so a hostile file costs neither
memory nor time.

The zip's directory says how large each entry becomes, so a bomb is refused from the directory
alone, before anything is inflated. The directory cannot lie its way past that: zipfile's reader
stops at the declared size and checks the CRC. One checker serves Word reports and workbooks.
"""

from __future__ import annotations

import io
import zipfile

from .._exceptions import DecodeError

__all__ = ["open_zip", "check_zip", "ZipLimits", "LIMITS"]


class ZipLimits:
    """What a real Word report or workbook never exceeds; anything beyond is treated as a zip bomb."""

    max_entries = 2000                       # a long Word report has a few dozen parts
    max_entry_bytes = 100 * 1024 * 1024      # one part, uncompressed
    max_total_bytes = 300 * 1024 * 1024      # all parts, uncompressed
    max_ratio = 200                          # XML compresses ~10:1; a bomb 1000:1 and more
    ratio_floor = 1024 * 1024                # small parts may compress very well (runs of spaces)


LIMITS = ZipLimits()


def open_zip(data: bytes, what: str = "Word 文档", limits: ZipLimits = LIMITS) -> zipfile.ZipFile:
    """Open and vet a zip container; raises DecodeError in Chinese when it is damaged, encrypted or a bomb."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DecodeError(f"这个{what}已损坏（不是完整的压缩结构），无法打开。请用 Word/WPS/Excel 重新保存后再试。") from None
    if len(infos) > limits.max_entries:
        raise DecodeError(f"这个{what}包含 {len(infos)} 个部件，远多于正常文件，疑似恶意构造的压缩包，已拒绝打开。")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise DecodeError(f"这个{what}已加密（设置了打开密码），请先取消密码另存一份再检查。")
        size = info.file_size
        if size > limits.max_entry_bytes:
            raise DecodeError(f"这个{what}中的“{info.filename}”解压后有 {size / 1024 / 1024:.0f} MB，"
                              f"疑似压缩炸弹，已拒绝打开。")
        if size > limits.ratio_floor and size > limits.max_ratio * max(info.compress_size, 1):
            raise DecodeError(f"这个{what}中的“{info.filename}”压缩比异常（{size // max(info.compress_size, 1)} 倍），"
                              f"疑似压缩炸弹，已拒绝打开。")
        total += size
        if total > limits.max_total_bytes:
            raise DecodeError(f"这个{what}解压后超过 {limits.max_total_bytes // 1024 // 1024} MB，"
                              f"疑似压缩炸弹，已拒绝打开。")
    return zf


def check_zip(data: bytes, what: str, limits: ZipLimits = LIMITS) -> None:
    """open_zip for callers that open the container with their own library (openpyxl)."""
    open_zip(data, what, limits).close()
