"""The scale driver: polls a serial scale on its own thread and reports weights by signal.

Signals (queued to the GUI thread):

* ``weight_changed(int grams, bool stable, str flags)``: whenever what the scale shows changes.
  ``flags`` is a sorted comma-separated subset of motion, over_capacity, under_zero,
  outside_zero_range, center_of_zero, net, no_weight. With ``no_weight`` (status-only frame,
  overload) ``grams`` is 0 and ``stable`` is False. Negative weights come with ``under_zero``.
* ``stable_weight(int grams)``: a weight a till may ring up (stable, >= 0, no overload), once
  per stable period: reading the same stable weight again emits nothing and never resets to 0.
  After motion or another weight, the next stable weight is emitted again.
* ``frame_error(str)``: a garbled or partial answer; it never becomes a weight and leaves the
  last reading as it was.
* ``command_finished(str name, bool ok)``: after ``zero()``, ``tare()``, ``clear_tare()``.

A scale that stops answering goes ``disconnected`` ("not answering") and is reopened with
backoff; while the status is not ``connected`` the last weight must be treated as unknown.
"""

from __future__ import annotations

import logging
import queue
import time

from PySide6.QtCore import QObject, Signal

from hardware.device import DeviceLost, DeviceUnavailable
from hardware.scale.protocol import FrameError, ScaleProtocol, ScaleReading
from hardware.serial_device import SerialDevice
from hardware.serialport import SerialPort

log = logging.getLogger(__name__)


class Scale(SerialDevice):
    weight_changed = Signal(int, bool, str)
    stable_weight = Signal(int)
    frame_error = Signal(str)
    command_finished = Signal(str, bool)

    def __init__(
        self,
        protocol: ScaleProtocol,
        port: SerialPort,
        *,
        name: str = "scale",
        poll_interval_s: float = 0.05,
        response_timeout_s: float = 0.5,
        lost_after_s: float = 2.0,
        confirm_reads: int = 1,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        if confirm_reads < 1:
            raise ValueError("confirm_reads must be >= 1")
        super().__init__(
            name, port, backoff_initial_s=backoff_initial_s, backoff_max_s=backoff_max_s,
            parent=parent,
        )
        self._protocol = protocol
        self._poll_interval = poll_interval_s
        self._timeout = response_timeout_s
        self._lost_after = lost_after_s
        self._confirm = confirm_reads
        self._commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._reset_state()

    def __repr__(self) -> str:
        return (
            f"Scale({self.name!r}, {self._protocol.name}, {self._port.path!r}, {self.status.value})"
        )

    # -- public API (any thread) -----------------------------------------------------------
    @property
    def protocol(self) -> ScaleProtocol:
        return self._protocol

    @property
    def last_reading(self) -> ScaleReading | None:
        """The last parsed reading (None before the first or after a disconnect)."""
        return self._reading

    @property
    def last_stable_grams(self) -> int | None:
        """The last weight emitted by ``stable_weight`` during this connection."""
        return self._last_stable

    def supports(self, command: str) -> bool:
        return command in self._protocol.commands

    def zero(self) -> bool:
        """Queue a zero command. False (nothing sent) if the protocol has none."""
        return self._queue_command("zero")

    def tare(self) -> bool:
        return self._queue_command("tare")

    def clear_tare(self) -> bool:
        return self._queue_command("clear_tare")

    # -- internals -------------------------------------------------------------------------
    def _queue_command(self, name: str) -> bool:
        if not self.supports(name):
            log.info("scale %s: %s has no %s command", self.name, self._protocol.name, name)
            return False
        self._commands.put(name)
        return True

    def _reset_state(self) -> None:
        self._reading: ScaleReading | None = None
        self._last_key: tuple[int | None, bool, str] | None = None
        self._candidate: int | None = None
        self._candidate_count = 0
        self._last_stable: int | None = None
        self._last_answer = time.monotonic()

    def _open(self) -> None:
        self._port.open()
        try:
            answered = False
            for _ in range(2):
                try:
                    answered = bool(self._protocol.weigh(self._port, self._timeout))
                except FrameError:
                    answered = True  # it talks, if badly; the polls will report the frames
                if answered or self._stopping():
                    break
            if not answered:
                raise DeviceUnavailable(
                    f"{self._port.path}: no answer from a {self._protocol.name} scale"
                )
        except BaseException:
            self._port.close()
            raise
        self._reset_state()

    def _close(self) -> None:
        self._port.close()
        self._reset_state()


    def _poll(self) -> None:
        started = time.monotonic()
        self._run_commands()
        reading: ScaleReading | None = None
        try:
            frame = self._protocol.weigh(self._port, self._timeout)
            if frame:
                self._last_answer = time.monotonic()
                reading = self._protocol.parse(frame)
        except FrameError as exc:
            self._last_answer = time.monotonic()
            self._report(exc)
            self._port.reset_input()
        if self._stopping():
            return
        if reading is not None:
            self._apply(reading)
        elif time.monotonic() - self._last_answer > self._lost_after:
            raise DeviceLost(f"scale not answering for {self._lost_after:.1f} s")
        remaining = self._poll_interval - (time.monotonic() - started)
        if remaining > 0:
            self._stop.wait(remaining)

    def _run_commands(self) -> None:
        while True:
            try:
                name = self._commands.get_nowait()
            except queue.Empty:
                return
            try:
                self._protocol.command(self._port, name, self._timeout)
            except FrameError as exc:
                self._report(exc)
                self._port.reset_input()
                self.command_finished.emit(name, False)
            else:
                self._last_answer = time.monotonic()
                self.command_finished.emit(name, True)

    def _report(self, exc: FrameError) -> None:
        message = f"{self._protocol.name}: {exc.describe()}"
        log.warning("scale %s: bad frame: %s", self.name, message)
        self.frame_error.emit(message)

    def _apply(self, reading: ScaleReading) -> None:
        self._reading = reading
        flags = reading.flags_text
        key = (reading.grams, reading.stable, flags)
        if key != self._last_key:
            self._last_key = key
            grams = reading.grams if reading.grams is not None else 0
            self.weight_changed.emit(grams, reading.stable, flags)
        grams = reading.grams
        if grams is None or not reading.weighable:
            self._candidate, self._candidate_count = None, 0
            return
        if grams == self._candidate:
            self._candidate_count += 1
        else:
            self._candidate, self._candidate_count = grams, 1
        if self._candidate_count == self._confirm:
            self._last_stable = grams
            self.stable_weight.emit(grams)
