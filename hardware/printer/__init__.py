"""Receipt printers: ESC/POS over serial, USB, network or file; a byte-capturing fake;
a PDF stand-in. Jobs are plain values (see ``job.py``); printing runs off the GUI thread.

python-escpos, reportlab and the transports are imported on first use, not here.
"""

from hardware.printer.factory import PRINTER_KINDS, make_printer
from hardware.printer.job import PAPER_COLUMNS, JobError, validate_job
from hardware.printer.receipt_printer import PdfPrinter, ReceiptPrinter
from hardware.printer.transports.base import PrinterNotFound, PrinterOffline, PrinterState

__all__ = [
    "PAPER_COLUMNS",
    "PRINTER_KINDS",
    "JobError",
    "PdfPrinter",
    "PrinterNotFound",
    "PrinterOffline",
    "PrinterState",
    "ReceiptPrinter",
    "make_printer",
    "validate_job",
]
