"""ESC/POS over USB bulk endpoints, through python-escpos's ``Usb`` (needs pyusb + libusb).

pyusb is not a dependency of Patron: on Linux the kernel's usblp driver already exposes a
USB receipt printer as ``/dev/usb/lp0``, which the ``escpos_file`` kind drives. This
transport is for printers without a usblp-compatible interface; without pyusb it reports
"not found" with that advice instead of failing at import time.
"""

from __future__ import annotations

from hardware.printer.transports.base import (
    EscposTransport,
    PrinterNotFound,
    PrinterOffline,
)


def parse_usb_id(value: int | str) -> int:
    """``0x04b8`` (int), ``"04b8"`` or ``"0x04b8"`` -> 1208."""
    if isinstance(value, bool):
        raise TypeError("USB id must be a number")
    if isinstance(value, int):
        return value
    return int(value.strip(), 16)  # as lsusb shows them: always hexadecimal


class UsbTransport(EscposTransport):
    can_query_status = True

    def __init__(
        self,
        vendor_id: int | str,
        product_id: int | str,
        *,
        in_ep: int = 0x82,
        out_ep: int = 0x01,
        timeout_ms: int = 5000,
        status_query: bool = True,
    ) -> None:
        super().__init__(status_query=status_query)
        self.vendor_id, self.product_id = parse_usb_id(vendor_id), parse_usb_id(product_id)
        self.in_ep, self.out_ep, self.timeout_ms = in_ep, out_ep, int(timeout_ms)

    @property
    def description(self) -> str:
        return f"usb {self.vendor_id:04x}:{self.product_id:04x}"

    def open(self) -> None:
        from escpos.printer import Usb

        if not Usb.is_usable():
            raise PrinterNotFound(
                f"{self.description}: pyusb is not installed "
                "(use kind escpos_file with /dev/usb/lp0 instead)"
            )
        printer = Usb(
            self.vendor_id,
            self.product_id,
            timeout=self.timeout_ms,
            in_ep=self.in_ep,
            out_ep=self.out_ep,
        )
        self._open_printer(printer)

    def write(self, data: bytes) -> None:
        self._opened()
        try:
            self._printer._raw(data)
        except Exception as exc:  # usb.core.USBError / USBTimeoutError are IOErrors
            raise PrinterOffline(f"{self.description}: {exc}") from exc

    def _exchange(self, command: bytes) -> int | None:
        self._opened()
        try:
            self._printer._raw(command)
            answer = self._printer.device.read(self.in_ep, 16, self.timeout_ms)
        except Exception as exc:
            if "timeout" in str(exc).lower():
                return None
            raise PrinterOffline(f"{self.description}: {exc}") from exc
        return int(answer[-1]) if len(answer) else None

