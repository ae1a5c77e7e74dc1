"""What every device on a serial line shares: its port, and an optional simulator it owns."""

from __future__ import annotations

from PySide6.QtCore import QObject

from hardware.device import Device
from hardware.serialport import SerialPort
from hardware.sim.pty import PtySimulator


class SerialDevice(Device):
    """A Device reading a SerialPort. An owned simulator (a ``simulator-*`` kind in the config)
    starts and stops with the device, so the real driver runs against it unchanged."""

    def __init__(
        self,
        name: str,
        port: SerialPort,
        *,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            name, backoff_initial_s=backoff_initial_s, backoff_max_s=backoff_max_s, parent=parent
        )
        self._port = port
        port.stop_event = self._stop  # a blocking read returns as soon as stop() is called
        self.simulator: PtySimulator | None = None
        self._owns_simulator = False

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, {self._port.path!r}, {self.status.value})"

    @property
    def port(self) -> SerialPort:
        return self._port

    def attach_simulator(self, simulator: PtySimulator, *, owned: bool = True) -> None:
        """Keep the simulator this device talks to; an owned one starts and stops with it."""
        self.simulator = simulator
        self._owns_simulator = owned

    def start(self) -> None:
        if self._owns_simulator and self.simulator is not None and not self.simulator.running:
            self.simulator.start()
        super().start()

    def stop(self, timeout_s: float = 3.0) -> None:
        super().stop(timeout_s)
        if self._owns_simulator and self.simulator is not None:
            self.simulator.close()

    def _wake(self) -> None:
        self._port.cancel_read()
