"""ESC/POS over a serial port (RS-232 or USB-serial), through python-escpos's ``Serial``.

python-escpos sets a read timeout only; a write timeout is added here so that a printer
holding flow control (paper out, cover open) cannot block the printer thread forever.
"""

from __future__ import annotations

from hardware.printer.transports.base import (
    EscposTransport,
    PrinterOffline,
)


class SerialTransport(EscposTransport):
    can_query_status = True

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        timeout_s: float = 1.0,
        write_timeout_s: float = 10.0,
        dsrdtr: bool = False,
        xonxoff: bool = False,
        status_query: bool = True,
    ) -> None:
        super().__init__(status_query=status_query)
        if not port:
            raise ValueError("a serial printer needs a port")
        self.port, self.baudrate = port, int(baudrate)
        self.timeout_s, self.write_timeout_s = float(timeout_s), float(write_timeout_s)
        self.dsrdtr, self.xonxoff = dsrdtr, xonxoff

    @property
    def description(self) -> str:
        return f"serial {self.port}"

    def open(self) -> None:
        from escpos.printer import Serial

        printer = Serial(
            devfile=self.port,
            baudrate=self.baudrate,
            timeout=self.timeout_s,
            dsrdtr=self.dsrdtr,
            xonxoff=self.xonxoff,
        )
        self._open_printer(printer)
        printer.device.write_timeout = self.write_timeout_s

    def write(self, data: bytes) -> None:
        self._opened()
        try:
            self._printer._raw(data)
            self._printer.device.flush()
        except OSError as exc:  # serial.SerialException and SerialTimeoutException included
            raise PrinterOffline(f"{self.description}: {exc}") from exc

    def _exchange(self, command: bytes) -> int | None:
        self._opened()
        dev = self._printer.device
        try:
            dev.reset_input_buffer()
            dev.write(command)
            dev.flush()
            answer = dev.read(1)  # waits up to timeout_s
        except OSError as exc:
            raise PrinterOffline(f"{self.description}: {exc}") from exc
        return answer[0] if answer else None

