"""reportlab set-up and helpers shared by the PDF documents.

Text is set in WenQuanYi Micro Hei (Debian ``fonts-wqy-microhei``), a TrueType CJK font that
reportlab embeds as a subset, so every viewer draws the same glyphs at the same advances.
(The built-in CID font STSong-Light embeds nothing: viewers substituted their own face and
split words, "C ashier"; the installed Noto Sans CJK has CFF outlines reportlab refuses.)
Registered once per process; a missing font is a ConfigError saying what to install.

``render_roll_pdf`` draws a print job's operations (see ``app.documents``) on a roll-shaped
page, 58 or 80 mm wide and as long as the content, so a PDF receipt reads like the printed one.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing, qr
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from app.errors import ConfigError

FONT = "PatronCJK"
FONT_ENV = "PATRON_CJK_FONT"  # a .ttc/.ttf path that overrides the search below
FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian / Ubuntu fonts-wqy-microhei
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  # Fedora wqy-microhei-fonts
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",  # Arch wqy-microhei
)
ROLL_FONT_SIZE = 8.5  # 24 CJK characters across 72 mm, like a thermal printer's 80 mm font
ROLL_MARGIN = 3 * mm
_registered = False
_lock = threading.Lock()


def find_cjk_font() -> Path:
    """The WenQuanYi Micro Hei collection, or a ConfigError saying what to install."""
    override = os.environ.get(FONT_ENV)
    for candidate in ((override,) if override else FONT_PATHS):
        if Path(candidate).is_file():
            return Path(candidate)
    raise ConfigError("documents.font_missing",
                      "PDF documents need the font WenQuanYi Micro Hei, not found at {where}: "
                      "install fonts-wqy-microhei (scripts/setup.sh does) or set {env} to its "
                      ".ttc file", where=override or ", ".join(FONT_PATHS), env=FONT_ENV)


def register_fonts() -> str:
    """Register the embedded CJK font once (thread-safe); returns its name."""
    global _registered
    if not _registered:
        with _lock:
            if not _registered:
                pdfmetrics.registerFont(TTFont(FONT, str(find_cjk_font()), subfontIndex=0))
                _registered = True
    return FONT


def text_width(text: str, size: float, font: str = FONT) -> float:
    register_fonts()
    return float(pdfmetrics.stringWidth(text, font, size))


def _break_long(word: str, size: float, width: float, font: str) -> list[str]:
    """A word wider than a whole line, in pieces that fit (the only place a word is cut)."""
    pieces, cur = [], ""
    for ch in word:
        if cur and text_width(cur + ch, size, font) > width:
            pieces.append(cur)
            cur = ""
        cur += ch
    return pieces + [cur]


def wrap_text(text: str, size: float, width: float, font: str = FONT) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points, at spaces and never inside a
    word; a word (or a Chinese name without spaces) wider than a line breaks where it must."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = para[:len(para) - len(para.lstrip(" "))]  # keep an indent ("  优惠")
        for word in re.findall(r"[^ ]+", para):
            candidate = f"{line} {word}" if line.strip() else line + word
            if text_width(candidate, size, font) <= width:
                line = candidate
                continue
            if line.strip():
                lines.append(line)
            pieces = _break_long(word, size, width, font)
            lines.extend(pieces[:-1])
            line = pieces[-1]
        lines.append(line)
    return lines


def _set_font(c: rl_canvas.Canvas, size: float, bold: bool) -> None:
    c.setFont(FONT, size)
    # The font has no bold face: fill and stroke the glyphs for a printer-like bold.
    c.setLineWidth(size * 0.045 if bold else 0)


def _draw(c: rl_canvas.Canvas, x: float, y: float, text: str, size: float, bold: bool,
          align: str = "left") -> None:
    obj = c.beginText()
    obj.setFont(FONT, size)
    obj.setTextRenderMode(2 if bold else 0)
    w = text_width(text, size)
    if align == "center":
        x -= w / 2
    elif align == "right":
        x -= w
    obj.setTextOrigin(x, y)
    obj.textOut(text)
    _set_font(c, size, bold)
    c.drawText(obj)


def _qr_drawing(data: str, side: float) -> Drawing:
    widget = qr.QrCodeWidget(data, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (x2 - x1), 0, 0, side / (y2 - y1), 0, 0])
    drawing.initialFontName = register_fonts()  # else Times-Roman, a font nothing embeds
    drawing.add(widget)
    return drawing


def _barcode_drawing(data: str, symbology: str, width: float) -> Drawing:
    """A Code 128 or EAN-13 drawing with its digits underneath, no wider than ``width``."""
    kind = "EAN13" if symbology == "EAN13" else "Code128"
    value = data[:12] if kind == "EAN13" else data
    drawing = createBarcodeDrawing(kind, value=value, barHeight=10 * mm, humanReadable=True,
                                   fontName=register_fonts(), fontSize=7,
                                   **({"barWidth": 0.3 * mm} if kind == "Code128" else {}))
    drawing.initialFontName = register_fonts()
    if drawing.width > width:
        scale = width / drawing.width
        drawing.scale(scale, scale)
        drawing.width, drawing.height = width, drawing.height * scale
    return drawing


def _layout_roll(ops: Iterable[dict[str, Any]], inner: float) -> list[
        tuple[float, Callable[[rl_canvas.Canvas, float, float], None]]]:
    """Each op becomes (height, draw(canvas, left x, top y))."""
    base = ROLL_FONT_SIZE
    lead = base * 1.3
    items: list[tuple[float, Callable[[rl_canvas.Canvas, float, float], None]]] = []

    for op in ops:
        kind = op.get("op")
        if kind == "text":
            size = base * (2 if op.get("double") else 1)
            leading = size * 1.3
            bold = bool(op.get("bold"))
            align = op.get("align", "left")
            for line in wrap_text(str(op.get("text", "")), size, inner):
                def draw(c: rl_canvas.Canvas, x: float, top: float, line: str = line,
                         size: float = size, bold: bool = bold, align: str = align,
                         leading: float = leading) -> None:
                    ax = {"center": x + inner / 2, "right": x + inner}.get(align, x)
                    _draw(c, ax, top - leading + (leading - size) / 2 + size * 0.15, line,
                          size, bold, align)
                items.append((leading, draw))
        elif kind == "row":
            left, right = str(op.get("left", "")), str(op.get("right", ""))
            bold = bool(op.get("bold"))
            rw = text_width(right, base)
            if rw > inner * 0.7:  # a very long right part goes on its own line
                for line in wrap_text(left, base, inner):
                    items.append((lead, lambda c, x, top, s=line, b=bold: _draw(
                        c, x, top - lead + base * 0.35, s, base, b)))
                items.append((lead, lambda c, x, top, s=right, b=bold: _draw(
                    c, x + inner, top - lead + base * 0.35, s, base, b, "right")))
                continue
            lines = wrap_text(left, base, max(inner - rw - base, inner * 0.3))
            for i, line in enumerate(lines):
                def draw_row(c: rl_canvas.Canvas, x: float, top: float, line: str = line,
                             first: bool = i == 0, right: str = right, bold: bool = bold) -> None:
                    y = top - lead + base * 0.35
                    _draw(c, x, y, line, base, bold)
                    if first:
                        _draw(c, x + inner, y, right, base, bold, "right")
                items.append((lead, draw_row))
        elif kind == "rule":
            def draw_rule(c: rl_canvas.Canvas, x: float, top: float) -> None:
                c.saveState()
                c.setLineWidth(0.5)
                c.setDash(2, 1.5)
                c.line(x, top - lead / 2, x + inner, top - lead / 2)
                c.restoreState()
            items.append((lead, draw_rule))
        elif kind == "qr":
            side = min(inner * 0.6, max(2, int(op.get("size", 6))) * 4.5 * mm)
            drawing = _qr_drawing(str(op.get("data", "")), side)
            items.append((side + lead / 2, lambda c, x, top, d=drawing, s=side: renderPDF.draw(
                d, c, x + (inner - s) / 2, top - s)))
        elif kind == "barcode":
            drawing = _barcode_drawing(str(op.get("data", "")),
                                       str(op.get("symbology", "CODE128")), inner)
            items.append((drawing.height + lead / 2, lambda c, x, top, d=drawing: renderPDF.draw(
                d, c, x + (inner - d.width) / 2, top - d.height)))
        elif kind == "feed":
            items.append((lead * max(0, int(op.get("lines", 1))), lambda c, x, top: None))
        # "cut" and "drawer" have no picture on paper.
    return items


def render_roll_pdf(ops: Iterable[dict[str, Any]], path: str | Path, paper_mm: int = 80, *,
                    title: str = "", author: str = "Patron") -> Path:
    """Draw print-job ``ops`` on one roll-shaped page ``paper_mm`` wide; returns the path."""
    register_fonts()
    width = paper_mm * mm
    inner = width - 2 * ROLL_MARGIN
    items = _layout_roll(ops, inner)
    height = sum(h for h, _ in items) + 2 * ROLL_MARGIN
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    c = rl_canvas.Canvas(str(out), pagesize=(width, height), pageCompression=1,
                         initialFontName=FONT)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("Patron")
    top = height - ROLL_MARGIN
    for h, draw in items:
        draw(c, ROLL_MARGIN, top)
        top -= h
    c.showPage()
    c.save()
    return out
