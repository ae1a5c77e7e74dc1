"""Printed and PDF documents: receipts, shift (X/Z) reports.

Each document is built in two steps: a plain dataclass with every figure (from the database),
then a renderer — a PDF (reportlab, ``app.documents.pdf``) or a *print job*, the plain list of
operations the hardware printer renders (no domain knowledge on the printer side)::

    {"job_id": "receipt:MA-T1-000042", "paper_mm": 80, "ops": [
        {"op": "text", "text": "...", "align": "center", "bold": True, "double": False},
        {"op": "row", "left": "...", "right": "...", "bold": False},
        {"op": "rule"}, {"op": "qr", "data": "...", "size": 6},
        {"op": "barcode", "data": "...", "symbology": "CODE128"},
        {"op": "feed", "lines": 3}, {"op": "cut"}, {"op": "drawer"}]}

This module holds the helpers both renderers share and imports no reportlab.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from app.clock import store_timezone  # noqa: F401  (re-exported for app.shifts)
from app.errors import ValidationError
from app.money import format_money

PAPER_WIDTHS_MM = (58, 80)
LANGUAGES = ("zh_CN", "en")

TENDER_LABELS = {
    "cash": ("现金", "Cash"),
    "card": ("银行卡", "Card"),
    "points": ("积分", "Points"),
    "qr": ("扫码支付", "QR pay"),
    "coupon": ("优惠券", "Coupon"),
    "wallet": ("会员储值", "Member wallet"),
    "points_shortfall": ("已用积分扣款", "Points shortfall"),
}

def check_language(language: str) -> str:
    """Documents are printed in one language, the one the caller (the till's UI) uses."""
    if language not in LANGUAGES:
        raise ValidationError("documents.language", "documents are printed in zh_CN or en, "
                              "not {language}", language=language)
    return language


def pick(language: str, zh: str, en: str) -> str:
    return en if language == "en" else zh


def name_in(language: str, name: str, name_en: str) -> str:
    """A product's (or store's) name in the document's language: English where it has one."""
    return name_en if language == "en" and name_en else name


def display_width(text: str) -> int:
    """Columns ``text`` takes on a receipt printer in Chinese mode: East Asian wide, full-width
    and ambiguous characters take two, ¥ and ASCII one (the rule hardware.printer.layout
    applies when it justifies a row; app/ may not import it)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1 for ch in text)


def columns(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    """A fixed-column line: the first cell left-aligned in its width, the others right-aligned
    in theirs (the printed X/Z report's tax table keeps figures under their labels)."""
    out = []
    for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        pad = " " * max(1 if i else 0, width - display_width(cell))
        out.append(pad + cell if i else cell + pad)
    return "".join(out)


def money(minor: int, currency: str = "CNY") -> str:
    return format_money(minor, currency)


def tender_label(kind: str, language: str = "zh_CN") -> str:
    zh, en = TENDER_LABELS.get(kind, (kind, kind))
    return pick(language, zh, en)


def rate_label(rate_bp: int) -> str:
    """1300 → '13%', 950 → '9.5%'."""
    whole, frac = divmod(rate_bp, 100)
    return f"{whole}%" if frac == 0 else f"{whole}.{frac:02d}".rstrip("0") + "%"


def check_paper(paper_mm: int) -> int:
    if paper_mm not in PAPER_WIDTHS_MM:
        raise ValueError(f"receipt paper is 58 or 80 mm wide, not {paper_mm!r}")
    return paper_mm


class OpsBuilder:
    """Collects print-job operations in the documented plain format."""

    def __init__(self) -> None:
        self.ops: list[dict[str, Any]] = []

    def text(self, text: str, *, align: str = "left", bold: bool = False,
             double: bool = False) -> OpsBuilder:
        self.ops.append({"op": "text", "text": text, "align": align, "bold": bold,
                         "double": double})
        return self

    def row(self, left: str, right: str, *, bold: bool = False) -> OpsBuilder:
        self.ops.append({"op": "row", "left": left, "right": right, "bold": bold})
        return self

    def rule(self) -> OpsBuilder:
        self.ops.append({"op": "rule"})
        return self

    def qr(self, data: str, size: int = 6) -> OpsBuilder:
        self.ops.append({"op": "qr", "data": data, "size": size})
        return self

    def barcode(self, data: str, symbology: str = "CODE128") -> OpsBuilder:
        self.ops.append({"op": "barcode", "data": data, "symbology": symbology})
        return self

    def feed(self, lines: int = 1) -> OpsBuilder:
        self.ops.append({"op": "feed", "lines": lines})
        return self

    def cut(self) -> OpsBuilder:
        self.ops.append({"op": "cut"})
        return self

    def drawer(self) -> OpsBuilder:
        self.ops.append({"op": "drawer"})
        return self

    def job(self, job_id: str, paper_mm: int) -> dict[str, Any]:
        return {"job_id": job_id, "paper_mm": check_paper(paper_mm), "ops": list(self.ops)}
