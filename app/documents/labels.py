"""Label sheets for point codes: one label per product unit, on common A4 label stocks.

Each label carries the unit's QR (its content is the canonical code text, what scanners give
``app.pointcodes.scans``), the code grouped for people to type, the product's Chinese name and
the points. Stocks are data (:data:`STOCKS`): columns × rows, label size, sheet margins and
pitch in millimetres, so a new stock is one line.

Speed (10 000 labels ≤ 30 s): the QR matrix comes from zxing-cpp (a C++ encoder choosing the
mask, ~0.1 ms a code; reportlab's pure-Python encoder takes ~6 ms) and is drawn as one path of
horizontal runs per code instead of one rectangle per module.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import zxingcpp
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from app.documents.pdf import register_fonts, text_width
from app.errors import ValidationError

Progress = Callable[[int, int], None]  # labels done, total
_binary_streams = threading.Lock()  # label renders switch reportlab's ASCII85 off, one at a time


@dataclass(frozen=True)
class LabelStock:
    key: str
    name: str  # English, for the dialog (the UI translates it)
    columns: int
    rows: int
    width: float  # label, mm
    height: float
    left: float  # sheet margin to the first label, mm
    top: float
    pitch_x: float  # from one label's left edge to the next one's, mm
    pitch_y: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


# Common A4 stocks (Avery/Herma-style layouts; the 70 × 37 and 52.5 × 29.7 are borderless).
STOCKS: dict[str, LabelStock] = {s.key: s for s in (
    LabelStock("a4_3x8", "A4, 3 × 8 = 24 labels of 70 × 37 mm", 3, 8, 70, 37, 0, 0.5, 70, 37),
    LabelStock("a4_4x10", "A4, 4 × 10 = 40 labels of 52.5 × 29.7 mm", 4, 10, 52.5, 29.7, 0, 0,
               52.5, 29.7),
    LabelStock("a4_3x7", "A4, 3 × 7 = 21 labels of 70 × 42.3 mm", 3, 7, 70, 42.3, 0, 0.45, 70,
               42.3),
    LabelStock("a4_5x13", "A4, 5 × 13 = 65 labels of 38.1 × 21.2 mm", 5, 13, 38.1, 21.2, 4.65,
               10.7, 40.6, 21.2),
)}


@dataclass(frozen=True)
class Label:
    code: str  # canonical text: the QR's content
    grouped: str  # printed under / beside the QR for people


def stock(key: str) -> LabelStock:
    try:
        return STOCKS[key]
    except KeyError:
        raise ValidationError("labels.bad_stock", "no label stock {stock}; known: {known}",
                              stock=key, known=", ".join(STOCKS)) from None


def qr_matrix(text: str) -> np.ndarray:
    """The QR's modules (True = dark), no quiet zone; level M survives a scuffed label."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    return np.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128


def _qr_operators(matrix: np.ndarray) -> str:
    """PDF fill operators for the dark runs, in module units with the origin bottom-left.
    (Integers: reportlab's float formatting is pure Python here and dominated the time.)"""
    n = matrix.shape[0]
    padded = np.zeros((n, n + 2), dtype=np.int8)
    padded[:, 1:-1] = matrix
    rows, cols = np.nonzero(np.diff(padded, axis=1))  # run starts and ends, row by row
    ops = [f"{s} {n - 1 - r} {e - s} 1 re"
           for r, s, e in zip(rows[::2].tolist(), cols[::2].tolist(), cols[1::2].tolist(),
                              strict=True)]
    return "\n".join(ops) + "\nf"


def _draw_qr(c: rl_canvas.Canvas, matrix: np.ndarray, x: float, y: float, size: float) -> None:
    cell = size / matrix.shape[0]
    c.saveState()
    c.transform(cell, 0, 0, cell, x, y)
    c._code.append(_qr_operators(matrix))  # raw operators: one path of integer rectangles
    c.restoreState()


@functools.lru_cache(maxsize=64)
def _fit(text: str, size: float, width: float, font: str) -> tuple[str, ...]:
    """At most two lines of ``text`` within ``width`` (the second one cut with an ellipsis)."""
    lines, cur = [], ""
    for ch in text:
        if cur and text_width(cur + ch, size, font) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    lines.append(cur)
    if len(lines) > 2:  # a tuple: cached per product and size
        second = lines[1]
        while second and text_width(second + "…", size, font) > width:
            second = second[:-1]
        lines = [lines[0], second + "…"]
    return tuple(lines)


def _draw_label(c: rl_canvas.Canvas, s: LabelStock, x: float, y: float, label: Label,
                product: str, points: int | None, font: str) -> None:
    """One label with its lower-left corner at (x, y) in points."""
    w, h = s.width * mm, s.height * mm
    pad = min(2.5 * mm, h * 0.08)
    qr_size = h - 2 * pad
    _draw_qr(c, qr_matrix(label.code), x + pad, y + pad, qr_size)
    tx = x + 2 * pad + qr_size
    tw = w - (tx - x) - pad
    name_size = max(5.0, min(9.0, h / mm * 0.24))
    code_size = max(4.5, min(7.5, h / mm * 0.2))
    c.setFont(font, name_size)
    line_y = y + h - pad - name_size
    for line in _fit(product, name_size, tw, font):
        c.drawString(tx, line_y, line)
        line_y -= name_size * 1.2
    if points is not None:
        c.setFont(font, name_size)
        c.drawString(tx, line_y - name_size * 0.2, f"{points} 积分")
    # The grouped code in two lines at the foot (it is wider than the text column)
    c.setFont(font, code_size)
    parts = label.grouped.split("-")
    half = (len(parts) + 1) // 2
    c.drawString(tx, y + pad + code_size * 1.25, "-".join(parts[:half]))
    c.drawString(tx, y + pad, "-".join(parts[half:]))


def render_labels(labels: Sequence[Label], product: str, stock_key: str,
                  out: str | Path | BinaryIO, *, points: int | None = None,
                  progress: Progress | None = None, max_pages: int | None = None) -> int:
    """Write the label sheets of ``labels`` as a PDF; returns the number of pages.
    ``max_pages`` stops early (a preview); ``progress`` is told after every sheet."""
    if not labels:
        raise ValidationError("labels.empty", "there are no codes to print")
    s = stock(stock_key)
    # Binary (zlib only) page streams: reportlab's ASCII85 encoder is pure Python here and
    # took a third of the time; every PDF reader takes binary streams.
    with _binary_streams:
        saved, rl_config.useA85 = rl_config.useA85, 0
        try:
            return _render(labels, product, s, out, points, progress, max_pages)
        finally:
            rl_config.useA85 = saved


def _render(labels: Sequence[Label], product: str, s: LabelStock, out: str | Path | BinaryIO,
            points: int | None, progress: Progress | None, max_pages: int | None) -> int:
    font = register_fonts()
    target = str(out) if isinstance(out, Path) else out
    c = rl_canvas.Canvas(target, pagesize=A4, pageCompression=1)
    c.setTitle(f"{product} — point code labels")
    c.setCreator("Patron")
    page_h = A4[1]
    total = len(labels)
    pages = 0
    for first in range(0, total, s.per_sheet):
        for i, label in enumerate(labels[first:first + s.per_sheet]):
            col, row = i % s.columns, i // s.columns
            x = (s.left + col * s.pitch_x) * mm
            y = page_h - (s.top + row * s.pitch_y + s.height) * mm
            _draw_label(c, s, x, y, label, product, points, font)
        c.showPage()
        pages += 1
        if progress is not None:
            progress(min(total, first + s.per_sheet), total)
        if max_pages is not None and pages >= max_pages:
            break
    c.save()
    return pages
