"""Column layout for receipt text, shared by the ESC/POS and the PDF renderers.

Width model: with the printer in Chinese (Kanji) mode every non-ASCII character is a
two-byte GB code printed from the 24×24 Chinese font, i.e. two columns of the 12×24 font A;
ASCII takes one column. So width = 1 for ASCII, 2 for anything else — CJK characters,
full-width punctuation (，。￥) and the rare accented letter alike.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(r" |[\x21-\x7e]+|[^\x00-\x7f]")


def char_width(ch: str) -> int:
    return 1 if ord(ch) < 128 else 2


def text_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(1 if ord(c) < 128 else 2 for c in text)


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
        if tok == " ":
            if width == 0 and lines:
                continue  # no leading space on a wrapped continuation line
            if width + 1 > cols:
                flush()
                continue
            cur.append(tok)
            width += 1
            continue
        if width + w <= cols:
            cur.append(tok)
            width += w
            continue
        if w <= cols and width > 0 and tok.isascii():
            flush()  # move the whole word to the next line
            cur.append(tok)
            width = w
            continue
        for ch in tok:  # a CJK character, or a word longer than a line: break anywhere
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
