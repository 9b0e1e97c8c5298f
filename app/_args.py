"""argparse for the command line (app/cli.py), imported only when a command needs it: `gouji check [--json] PATH...`
is read without it (cli._plain_check_args)."""

from __future__ import annotations

import argparse
import os
import sys

__all__ = ["ChineseParser"]


def _untranslated(message: str) -> str:
    return message


# argparse asks gettext for a translation of every message it builds, and gettext searches the disk for a
# catalogue each time (importing locale first): 2–3 ms of every command. Python ships none, and ChineseParser
# says argparse's complaints in Chinese itself.
if argparse._ is __import__("gettext").gettext:
    argparse._ = _untranslated


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width: asking shutil for it imports shutil, with
    bz2, lzma and fnmatch (4 ms of every command, which builds a formatter for each option it adds)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            try:
                width = int(os.environ.get("COLUMNS", 0)) or os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
            except (AttributeError, ValueError, OSError):
                width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


class ChineseParser(argparse.ArgumentParser):
    """argparse with its complaints in Chinese (its own are English)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    _WORDS = (("the following arguments are required", "缺少参数"), ("unrecognized arguments", "不认识的参数"),
              ("expected one argument", "这个选项后面需要一个值"), ("invalid choice", "无效的选择"))

    def error(self, message: str):
        for en, zh in self._WORDS:
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{message}\n用 gouji --help 查看用法。\n")
