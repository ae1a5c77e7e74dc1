"""Printer transports, one module each, like python-escpos's ``printer/`` package."""

from hardware.printer.transports.base import (
    PrinterNotFound,
    PrinterOffline,
    PrinterState,
    Transport,
    parse_status,
)

__all__ = ["PrinterNotFound", "PrinterOffline", "PrinterState", "Transport", "parse_status"]
