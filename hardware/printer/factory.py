"""Build a receipt printer from the terminal's config (plain dict)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hardware.printer.job import DEFAULT_PAPER_MM
from hardware.printer.receipt_printer import PdfPrinter, ReceiptPrinter
from hardware.printer.transports.base import Transport

PRINTER_KINDS = (
    "escpos_serial",
    "escpos_usb",
    "escpos_network",
    "escpos_file",
    "capture",
    "pdf",
)


def make_transport(cfg: dict[str, Any]) -> Transport:
    kind = cfg.get("kind")
    status = bool(cfg.get("status_query", True))
    if kind == "escpos_serial":
        from hardware.printer.transports.serial import SerialTransport

        return SerialTransport(
            cfg["port"],
            int(cfg.get("baudrate", 9600)),
            timeout_s=float(cfg.get("timeout_s", 1.0)),
            write_timeout_s=float(cfg.get("write_timeout_s", 10.0)),
            dsrdtr=bool(cfg.get("dsrdtr", False)),
            xonxoff=bool(cfg.get("xonxoff", False)),
            status_query=status,
        )
    if kind == "escpos_usb":
        from hardware.printer.transports.usb import UsbTransport

        return UsbTransport(
            cfg["vendor_id"],
            cfg["product_id"],
            in_ep=int(cfg.get("in_ep", 0x82)),
            out_ep=int(cfg.get("out_ep", 0x01)),
            timeout_ms=int(cfg.get("timeout_ms", 5000)),
            status_query=status,
        )
    if kind == "escpos_network":
        from hardware.printer.transports.network import NetworkTransport

        return NetworkTransport(
            cfg["host"],
            int(cfg.get("port", 9100)),
            timeout_s=float(cfg.get("timeout_s", 5.0)),
            status_query=status,
        )
    if kind == "escpos_file":
        from hardware.printer.transports.file import FileTransport

        return FileTransport(cfg["path"])
    if kind == "capture":
        from hardware.printer.transports.capture import CaptureTransport

        return CaptureTransport(status_query=status)
    raise ValueError(f"unknown printer kind {kind!r}; expected one of {PRINTER_KINDS}")


def make_printer(
    cfg: dict[str, Any], *, already_printed: Callable[[str], bool] | None = None
) -> ReceiptPrinter:
    """``cfg["kind"]`` is one of PRINTER_KINDS; common keys: ``paper_mm`` (58|80, default
    80), ``name``, ``profile`` (python-escpos profile), ``status_interval_s``,
    ``backoff_max_s``. Per kind: serial ``port``, ``baudrate``, ``timeout_s``,
    ``write_timeout_s``, ``dsrdtr``, ``xonxoff``; usb ``vendor_id``, ``product_id`` (hex),
    ``in_ep``, ``out_ep``, ``timeout_ms``; network ``host``, ``port`` (9100),
    ``timeout_s``; file ``path``; pdf ``folder``. ``status_query: false`` turns off
    DLE EOT status queries for printers that do not answer them. Returned unstarted."""
    kind = cfg.get("kind")
    if kind is None:
        raise ValueError("printer config needs a 'kind'")
    paper = int(cfg.get("paper_mm", DEFAULT_PAPER_MM))
    common: dict[str, Any] = {"paper_mm": paper, "already_printed": already_printed}
    if "name" in cfg:
        common["name"] = str(cfg["name"])
    if "backoff_max_s" in cfg:
        common["backoff_max_s"] = float(cfg["backoff_max_s"])
    if kind == "pdf":
        if "folder" not in cfg:
            raise ValueError("a pdf printer needs a 'folder'")
        return PdfPrinter(cfg["folder"], **common)
    return ReceiptPrinter(
        make_transport(cfg),
        profile=cfg.get("profile"),
        status_interval_s=float(cfg.get("status_interval_s", 2.0)),
        **common,
    )
