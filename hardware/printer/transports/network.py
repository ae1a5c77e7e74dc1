"""ESC/POS over TCP (port 9100 "raw" printing), through python-escpos's ``Network``."""

from __future__ import annotations

import socket

from hardware.printer.transports.base import (
    EscposTransport,
    PrinterOffline,
)


class NetworkTransport(EscposTransport):
    can_query_status = True

    def __init__(
        self, host: str, port: int = 9100, *, timeout_s: float = 5.0, status_query: bool = True
    ) -> None:
        super().__init__(status_query=status_query)
        if not host:
            raise ValueError("a network printer needs a host")
        self.host, self.port, self.timeout_s = host, int(port), float(timeout_s)

    @property
    def description(self) -> str:
        return f"network {self.host}:{self.port}"

    def open(self) -> None:
        from escpos.printer import Network

        printer = Network(self.host, self.port, timeout=self.timeout_s)
        self._open_printer(printer)
        sock = printer.device
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)

    def write(self, data: bytes) -> None:
        self._opened()
        try:
            self._printer._raw(data)  # sendall with the socket timeout
        except OSError as exc:
            raise PrinterOffline(f"{self.description}: {exc}") from exc

    def _exchange(self, command: bytes) -> int | None:
        self._opened()
        sock: socket.socket = self._printer.device
        try:
            self._drain(sock)
            sock.sendall(command)
            answer = sock.recv(1)
        except TimeoutError:
            return None
        except OSError as exc:
            raise PrinterOffline(f"{self.description}: {exc}") from exc
        if not answer:
            raise PrinterOffline(f"{self.description} closed the connection")
        return answer[0]

    def _drain(self, sock: socket.socket) -> None:
        """Drop unsolicited bytes (e.g. automatic status back) before asking."""
        sock.setblocking(False)
        try:
            while True:
                chunk = sock.recv(256)
                if not chunk:
                    raise PrinterOffline(f"{self.description} closed the connection")
        except BlockingIOError:
            pass
        finally:
            sock.settimeout(self.timeout_s)

