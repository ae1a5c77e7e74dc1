"""Render a print job to a receipt-shaped PDF (the stand-in where no printer is configured).

The page is the paper width (58 or 80 mm) and as long as the receipt. Text sits on the
same column grid as on the thermal printer (font A: 1.5 mm per column, Chinese characters
two columns) using the same layout code, so a PDF receipt wraps exactly like a printed
one. Text is set in WenQuanYi Micro Hei Mono (Debian ``fonts-wqy-microhei``), embedded as a
TrueType subset so every viewer shows the same glyphs at the same places (a non-embedded CID
font let viewers substitute their own and split words: "C ashier"); each character is placed
on its columns. QR codes use reportlab's own QR widget, barcodes its Code 128 / EAN-13.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from hardware.printer.job import PAPER_COLUMNS, PRINTABLE_MM, JobError, validate_job
from hardware.printer.layout import char_width, row_lines, rule, text_width, wrap

CJK_FONT = "PatronReceiptMono"
FONT_ENV = "PATRON_CJK_FONT"  # a .ttc/.ttf path that overrides the search below
FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian / Ubuntu fonts-wqy-microhei
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  # Fedora wqy-microhei-fonts
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",  # Arch wqy-microhei
)
MONO_SUBFONT = 1  # the .ttc's second face, "WenQuanYi Micro Hei Mono": Latin at 0.6 em
MONO_ADVANCE_EM = 0.6
DOTS_PER_MM = 8  # 203 dpi thermal head
LINE_MM = 30 / DOTS_PER_MM  # 24-dot font plus the default 6-dot gap
MARGIN_MM = 4.0

_fonts_ready = False


class FontMissing(RuntimeError):
    """The receipt font is not installed: PDF receipts cannot be drawn."""


def find_cjk_font() -> Path:
    """The WenQuanYi Micro Hei collection, or FontMissing saying what to install."""
    override = os.environ.get(FONT_ENV)
    for candidate in ((override,) if override else FONT_PATHS):
        if Path(candidate).is_file():
            return Path(candidate)
    where = override or ", ".join(FONT_PATHS)
    raise FontMissing(f"PDF receipts need the font WenQuanYi Micro Hei, not found at {where}: "
                      "install fonts-wqy-microhei (scripts/setup.sh does) or set "
                      f"{FONT_ENV} to its .ttc file")


def _ensure_fonts() -> None:
    global _fonts_ready
    if not _fonts_ready:
        font = TTFont(CJK_FONT, str(find_cjk_font()), subfontIndex=MONO_SUBFONT)
        pdfmetrics.registerFont(font)
        _fonts_ready = True


Draw = Callable[[Canvas, float], None]  # (canvas, y of the block's top edge, in points)


class _Receipt:
    def __init__(self, paper_mm: int) -> None:
        self.paper_mm = paper_mm
        self.cols = PAPER_COLUMNS[paper_mm]
        self.left = (paper_mm - PRINTABLE_MM[paper_mm]) / 2 * mm
        self.printable = PRINTABLE_MM[paper_mm] * mm
        self.cell = self.printable / self.cols
        self.blocks: list[tuple[float, Draw]] = []  # (height in points, draw)

    def add(self, height: float, draw: Draw) -> None:
        self.blocks.append((height, draw))

    def text_line(
        self, line: str, *, align: str = "left", bold: bool = False, scale: int = 1
    ) -> None:
        cell = self.cell * scale
        height = LINE_MM * mm * scale
        width = text_width(line) * cell
        if align == "center":
            x0 = self.left + (self.printable - width) / 2
        elif align == "right":
            x0 = self.left + self.printable - width
        else:
            x0 = self.left

        def draw(c: Canvas, top: float) -> None:
            baseline = top - height * 0.8
            narrow = cell / MONO_ADVANCE_EM  # a half-width glyph's advance is one column
            c.saveState()  # the text render mode is graphics state: keep it local
            if bold:
                c.setLineWidth(cell * 0.06)
            x = x0
            run: list[str] = []

            def text(at: float, s: str, size: float) -> None:
                t = c.beginText(at, baseline)
                t.setFont(CJK_FONT, size)
                if bold:
                    t.setTextRenderMode(2)  # fill + stroke: a bold look for a font without bold
                t.textOut(s)
                c.drawText(t)

            def flush_run() -> None:
                nonlocal x
                if run:
                    s = "".join(run)
                    text(x, s, narrow)
                    x += len(s) * cell
                    run.clear()

            for ch in line:
                if char_width(ch) == 1:
                    run.append(ch)
                    continue
                flush_run()
                # Two columns: a full-width glyph at 1 em = two columns; a glyph the font
                # draws narrow (× –) centred in them.
                full = pdfmetrics.stringWidth(ch, CJK_FONT, 1) >= 0.9
                size = 2 * cell if full else narrow
                glyph = pdfmetrics.stringWidth(ch, CJK_FONT, size)
                text(x + (2 * cell - glyph) / 2, ch, size)
                x += 2 * cell
            flush_run()
            c.restoreState()

        self.add(height, draw)

    def qr(self, data: str, size: int, ec: str) -> None:
        widget = QrCodeWidget(data, barLevel=ec, barBorder=0)
        widget.qr.make()
        modules = widget.qr.getModuleCount()
        side = modules * size / DOTS_PER_MM * mm
        widget.barWidth = widget.barHeight = side
        drawing = Drawing(side, side)
        drawing.initialFontName = CJK_FONT  # else the renderer selects Times-Roman (not embedded)
        drawing.add(widget)
        pad = 2 * size / DOTS_PER_MM * mm
        x = self.left + (self.printable - side) / 2

        def draw(c: Canvas, top: float) -> None:
            renderPDF.draw(drawing, c, x, top - pad - side)

        self.add(side + 2 * pad, draw)

    def barcode(self, data: str, symbology: str) -> None:
        if symbology == "EAN13":
            drawing = createBarcodeDrawing("EAN13", value=data[:12], barHeight=10 * mm,
                                           fontName=CJK_FONT)
        else:
            bar = min(0.375 * mm, self.printable / (11 * (len(data) + 2) + 33))
            drawing = createBarcodeDrawing(
                "Code128", value=data, barWidth=bar, barHeight=10 * mm, humanReadable=True,
                fontName=CJK_FONT,
            )
        drawing.initialFontName = CJK_FONT
        x = self.left + (self.printable - drawing.width) / 2
        pad = 1 * mm

        def draw(c: Canvas, top: float) -> None:
            renderPDF.draw(drawing, c, x, top - pad - drawing.height)

        self.add(drawing.height + 2 * pad, draw)

    def cut(self) -> None:
        height = LINE_MM * mm

        def draw(c: Canvas, top: float) -> None:
            y = top - height / 2
            c.saveState()
            c.setDash(2, 2)
            c.setLineWidth(0.5)
            c.line(0, y, self.paper_mm * mm, y)
            c.restoreState()

        self.add(height, draw)

    def to_bytes(self, title: str) -> bytes:
        height = sum(h for h, _ in self.blocks) + 2 * MARGIN_MM * mm
        page = (self.paper_mm * mm, max(height, 20 * mm))
        buf = io.BytesIO()
        # Every font embedded: the page's initial font too (reportlab's default is Helvetica).
        c = Canvas(buf, pagesize=page, invariant=True, initialFontName=CJK_FONT)
        c.setTitle(title)
        c.setCreator("Patron")
        top = page[1] - MARGIN_MM * mm
        for h, draw in self.blocks:
            draw(c, top)
            top -= h
        c.showPage()
        c.save()
        return buf.getvalue()


def render_job_pdf_bytes(job: dict[str, Any], *, paper_mm: int | None = None) -> bytes:
    """The PDF receipt for ``job`` as bytes. Raises JobError if it cannot be drawn."""
    _ensure_fonts()
    job = validate_job(job, paper_mm=paper_mm)
    r = _Receipt(job["paper_mm"])
    cols = r.cols
    try:
        for op in job["ops"]:
            kind = op["op"]
            if kind == "text":
                scale = 2 if op["double"] else 1
                for line in wrap(op["text"], cols // scale):
                    r.text_line(line, align=op["align"], bold=op["bold"], scale=scale)
            elif kind == "row":
                for line in row_lines(op["left"], op["right"], cols):
                    r.text_line(line, bold=op["bold"])
            elif kind == "rule":
                r.text_line(rule(cols))
            elif kind == "qr":
                r.qr(op["data"], op["size"], op["ec"])
            elif kind == "barcode":
                r.barcode(op["data"], op["symbology"])
            elif kind == "feed":
                if op["lines"]:
                    r.add(LINE_MM * mm * op["lines"], lambda c, top: None)
            elif kind == "cut":
                r.cut()
            # "drawer" has nothing to show on paper.
        return r.to_bytes(title=job["job_id"])
    except (ValueError, TypeError, KeyError) as exc:  # reportlab refusing the content
        raise JobError(f"cannot draw the receipt: {exc}") from exc


def write_atomically(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file: never a half-written file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".receipt-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def render_job_pdf(job: dict[str, Any], path: str | Path, *, paper_mm: int | None = None) -> Path:
    """Write ``job`` as a PDF receipt to ``path``."""
    return write_atomically(path, render_job_pdf_bytes(job, paper_mm=paper_mm))
