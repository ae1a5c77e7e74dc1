"""ESC/POS to a file: a device node such as ``/dev/usb/lp0`` (Linux usblp) or a plain file.

python-escpos's ``File`` opens with ``"wb"``, which would truncate a plain file at every
reconnection; this transport opens for appending instead and otherwise uses ``File`` as is.
There is no read-back channel, so no status queries: write errors mean offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hardware.printer.transports.base import EscposTransport, PrinterNotFound, PrinterOffline


def _appending_file_class() -> Any:
    from escpos.printer import File

    class AppendingFile(File):  # type: ignore[misc]
        def open(self, raise_not_found: bool = True) -> None:
            if self._device:
                self.close()
            self.device = open(self.devfile, "ab")  # closed by File.close()

    return AppendingFile


class FileTransport(EscposTransport):
    can_query_status = False

    def __init__(self, path: str | Path) -> None:
        super().__init__(status_query=False)
        self.path = Path(path)

    @property
    def description(self) -> str:
        return f"file {self.path}"

    def open(self) -> None:
        printer = _appending_file_class()(str(self.path))
        try:
            printer.open()
        except OSError as exc:
            raise PrinterNotFound(f"{self.description}: {exc.strerror or exc}") from exc
        self._printer = printer

    def write(self, data: bytes) -> None:
        self._opened()
        try:
            self._printer._raw(data)  # write + flush
        except OSError as exc:
            raise PrinterOffline(f"{self.description}: {exc.strerror or exc}") from exc

