"""Column layout for receipt text, shared by the ESC/POS and the PDF renderers.

Width model (display width, Unicode East Asian Width): with the printer in Chinese (Kanji)
mode a character sent as a two-byte GB code prints from the 24×24 Chinese font, two columns
of the 12×24 font A. Those are the wide and full-width characters (中文, ，。￥) and, in a
Chinese font, the "ambiguous" ones (× – · é). ASCII and ¥ take one column: ¥ is printed
from the single-byte font (see ``escpos_render``), as a half-width glyph.

Lines break at spaces and never inside a word; a run without spaces (a Chinese name) that
cannot fit a whole line breaks between characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKENS = re.compile(r" +|[^ ]+")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if ord(ch) < 128:
        return 1
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


def text_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def truncate(text: str, cols: int) -> str:
    """The longest prefix of ``text`` that fits in ``cols`` columns."""
    out, w = [], 0
    for ch in text:
        cw = char_width(ch)
        if w + cw > cols:
            break
        out.append(ch)
        w += cw
    return "".join(out)


def _wrap_paragraph(text: str, cols: int) -> list[str]:
    lines: list[str] = []
    cur: list[str] = []
    width = 0

    def flush() -> None:
        nonlocal cur, width
        lines.append("".join(cur).rstrip(" "))
        cur, width = [], 0

    for tok in _TOKENS.findall(text):
        w = text_width(tok)
        if tok[0] == " ":
            if width == 0 and lines:
                continue  # no leading space on a wrapped continuation line
            if width + w > cols:
                flush()
                continue
            cur.append(tok)
            width += w
            continue
        if width + w <= cols:
            cur.append(tok)
            width += w
            continue
        if width > 0:
            flush()  # the whole word goes to the next line
        if w <= cols:
            cur.append(tok)
            width = w
            continue
        for ch in tok:  # a word longer than a whole line: break it where it must
            cw = char_width(ch)
            if width + cw > cols and width > 0:
                flush()
            cur.append(ch)
            width += cw
    if cur or not lines:
        flush()
    return lines


def wrap(text: str, cols: int) -> list[str]:
    """Break ``text`` into lines of at most ``cols`` columns (at spaces where possible).
    Explicit newlines are kept; an empty text is one empty line."""
    if cols < 2:
        raise ValueError("cols must be at least 2")
    out: list[str] = []
    for para in text.split("\n"):
        out.extend(_wrap_paragraph(para, cols))
    return out


def row_lines(left: str, right: str, cols: int) -> list[str]:
    """Two columns justified to ``cols``: ``right`` ends at the right edge of the first line,
    ``left`` is wrapped in the space left of it (at least one space between them)."""
    if not right:
        return wrap(left, cols)
    right = truncate(right, cols)
    rw = text_width(right)
    avail = cols - rw - 1
    if avail < min(8, cols // 3):
        # The right side leaves no useful room: left on its own lines, right below it.
        lines = wrap(left, cols) if left else []
        return lines + [" " * (cols - rw) + right]
    left_lines = wrap(left, avail)
    first = left_lines[0]
    first = first + " " * (cols - text_width(first) - rw) + right
    return [first] + left_lines[1:]


def rule(cols: int) -> str:
    return "-" * cols
