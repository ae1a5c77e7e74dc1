"""Turn a print job into ESC/POS bytes. A pure function: same job, same bytes.

Commands come from python-escpos (its ``Dummy`` printer collects them); only the text
bytes are produced here, because python-escpos 3.1's magic encoding is not enough for
Chinese receipts: it sends a string as GB18030 only if it contains a character in
U+4E00–U+9FA5, without selecting the printer's Chinese mode, and routes full-width
punctuation such as "，" or "￥" through single-byte code pages (printing "?").

Chinese text is therefore sent as GB18030 with the printer in Chinese (Kanji) mode,
selected once after ESC @ with ``FS &`` whenever the job holds any non-ASCII text. In that
mode ASCII bytes still print as ASCII, so one encoding covers the whole job. Character
size uses ``GS !`` (which scales Chinese characters too, unlike ``ESC !``).
"""

from __future__ import annotations

from typing import Any

from escpos.constants import FS, QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q
from escpos.exceptions import Error as EscposError
from escpos.printer import Dummy

from hardware.printer.job import (
    PAPER_COLUMNS,
    PRINTABLE_DOTS,
    JobError,
    needs_kanji_mode,
    validate_job,
)
from hardware.printer.layout import row_lines, rule, wrap

KANJI_MODE_ON = FS + b"&"
LF = b"\n"
TEXT_ENCODING = "gb18030"

_EC = {"L": QR_ECLEVEL_L, "M": QR_ECLEVEL_M, "Q": QR_ECLEVEL_Q, "H": QR_ECLEVEL_H}
_BARCODE_HEIGHT = 80  # dots, ~10 mm
_QUIET_MODULES = 20


# ¥ is one column wide in the layout (hardware.printer.layout), so it is printed from the
# single-byte font: Kanji mode off (FS .), the Japanese international character set
# (ESC R 8) where byte 0x5C is "¥", back to the US set and to Kanji mode. Its GB18030 form is a
# four-byte sequence printers with GBK-era fonts cannot print, and the full-width "￥" would
# take two columns and push the amount out of line.
KANJI_MODE_OFF = FS + b"."
YEN_SIGN = KANJI_MODE_OFF + b"\x1bR\x08\x5c\x1bR\x00" + KANJI_MODE_ON


def encode_text(text: str) -> bytes:
    if "\u00a5" not in text:
        return text.encode(TEXT_ENCODING)
    return YEN_SIGN.join(part.encode(TEXT_ENCODING) for part in text.split("\u00a5"))


def _barcode_module_width(modules: int, paper_mm: int) -> int:
    width = min(3, PRINTABLE_DOTS[paper_mm] // (modules + _QUIET_MODULES))
    if width < 2:
        raise JobError("barcode: too long for the paper width")
    return width


def render_job(
    job: dict[str, Any], *, paper_mm: int | None = None, profile: str | None = None
) -> bytes:
    """ESC/POS bytes for ``job``. ``paper_mm`` (the printer's paper) overrides the job's;
    ``profile`` is a python-escpos printer profile name (default: its generic profile)."""
    job = validate_job(job, paper_mm=paper_mm)
    p = Dummy(profile=profile)
    p.hw("INIT")
    if needs_kanji_mode(job):
        p._raw(KANJI_MODE_ON)
    try:
        _render_ops(p, job)
    except (EscposError, ValueError) as exc:
        if isinstance(exc, JobError):
            raise
        raise JobError(f"cannot render: {exc}") from exc
    return p.output


def _render_ops(p: Dummy, job: dict[str, Any]) -> None:
    paper = job["paper_mm"]
    cols = PAPER_COLUMNS[paper]
    for op in job["ops"]:
        kind = op["op"]
        if kind == "text":
            _text(p, op, cols)
        elif kind == "row":
            if op["bold"]:
                p.set(bold=True)
            for line in row_lines(op["left"], op["right"], cols):
                p._raw(encode_text(line) + LF)
            if op["bold"]:
                p.set(bold=False)
        elif kind == "rule":
            p._raw(encode_text(rule(cols)) + LF)
        elif kind == "qr":
            p.set(align="center")
            p.qr(op["data"], ec=_EC[op["ec"]], size=op["size"], native=True)
            p.set(align="left")
        elif kind == "barcode":
            _barcode(p, op, paper)
        elif kind == "feed":
            p.print_and_feed(op["lines"])
        elif kind == "cut":
            p.cut(mode="PART" if op["partial"] else "FULL")
        elif kind == "drawer":
            p.cashdraw(op["pin"])


def _text(p: Dummy, op: dict[str, Any], cols: int) -> None:
    align, bold, double = op["align"], op["bold"], op["double"]
    if align != "left":
        p.set(align=align)
    if bold:
        p.set(bold=True)
    if double:
        p.set(custom_size=True, width=2, height=2)
    for line in wrap(op["text"], cols // 2 if double else cols):
        p._raw(encode_text(line) + LF)
    if double:
        p.set(custom_size=True, width=1, height=1)
    if bold:
        p.set(bold=False)
    if align != "left":
        p.set(align="left")


def _barcode(p: Dummy, op: dict[str, Any], paper: int) -> None:
    data = op["data"]
    if op["symbology"] == "EAN13":
        width = _barcode_module_width(95, paper)
        p._hw_barcode(data, "EAN13", _BARCODE_HEIGHT, width, "BELOW", "A", True, "A")
    else:
        # Code set B; start + data + checksum (11 modules each) + stop (13).
        width = _barcode_module_width(11 * (len(data) + 2) + 13, paper)
        p._hw_barcode("{B" + data, "CODE128", _BARCODE_HEIGHT, width, "BELOW", "A", True, "B")
    p.set(align="left")
