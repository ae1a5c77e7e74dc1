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

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.money import format_money

DEFAULT_TIMEZONE = "Asia/Shanghai"
PAPER_WIDTHS_MM = (58, 80)

TENDER_LABELS = {
    "cash": "现金 Cash",
    "card": "银行卡 Card",
    "points": "积分 Points",
    "qr": "扫码支付 QR pay",
    "coupon": "优惠券 Coupon",
    "points_shortfall": "已用积分扣款 Points shortfall",
}


def store_timezone(store: object) -> str:
    """The store's IANA time zone: its own ``timezone`` if it has one, else Asia/Shanghai."""
    name = getattr(store, "timezone", "") or DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return str(name)


def to_local(utc_naive: datetime, timezone: str) -> datetime:
    """A stored naive-UTC time in the store's zone (aware)."""
    return utc_naive.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone))


def local_text(utc_naive: datetime | None, timezone: str) -> str:
    if utc_naive is None:
        return "—"
    return to_local(utc_naive, timezone).strftime("%Y-%m-%d %H:%M:%S")


def money(minor: int, currency: str = "CNY") -> str:
    return format_money(minor, currency)


def tender_label(kind: str) -> str:
    return TENDER_LABELS.get(kind, kind)


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
