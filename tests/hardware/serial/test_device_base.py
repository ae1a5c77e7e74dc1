"""The Device base as the serial drivers rely on it: backoff on a flapping device, status
reported after the device is closed, restart after stop; and the PySide6 emit() guard."""

from __future__ import annotations

import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from hardware.device import Device, DeviceLost, DeviceStatus
from hardware.scale import make_scale


class RecordingEvent(threading.Event):
    """The device's stop event, remembering every wait the loop asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        if timeout is not None:
            self.waits.append(timeout)
        return super().wait(timeout)


class Flapping(Device):
    """Opens fine, dies at once: the loop must back off, not spin."""

    def __init__(self) -> None:
        super().__init__("flapping", backoff_initial_s=0.02, backoff_max_s=0.16)
        self._stop = RecordingEvent()
        self.opens = 0
        self.closed_before_status: list[bool] = []
        self._is_open = False

    def _open(self) -> None:
        self.opens += 1
        self._is_open = True

    def _poll(self) -> None:
        raise DeviceLost("cable flapping")

    def _close(self) -> None:
        self._is_open = False

    def _set_status(self, status: DeviceStatus, detail: str = "") -> None:
        if status != DeviceStatus.CONNECTED:
            self.closed_before_status.append(not self._is_open)
        super()._set_status(status, detail)


def test_flapping_device_backs_off(qtbot: Any) -> None:
    dev = Flapping()
    waits = dev._stop.waits
    dev.start()
    try:
        # the waits double up to the cap: 20, 40, 80, 160 ms (then stay there)
        qtbot.waitUntil(lambda: 0.16 in waits, timeout=5000)
    finally:
        dev.stop()
    # every lost connection was followed by a wait before the next open: no spinning
    assert dev.opens <= len(waits) + 1, (dev.opens, waits)
    assert waits[0] == 0.02, waits
    # each wait doubles the last, up to the cap; a fresh 20 ms only after a connection that
    # held for the cap's length (possible here only if the test machine stalled the thread)
    for before, after in zip(waits, waits[1:], strict=False):
        assert after in (min(before * 2, 0.16), 0.02), waits
    assert all(dev.closed_before_status)


def test_scale_restarts_after_stop(qtbot: Any) -> None:
    scale = make_scale({"kind": "simulator-cas_ecr", "sim_grams": 5, "poll_interval_ms": 10})
    try:
        for _ in range(2):
            with qtbot.waitSignal(scale.stable_weight, timeout=3000) as blocker:
                scale.start()
            assert blocker.args == [5]
            scale.stop()
            assert scale.status == DeviceStatus.DISCONNECTED
            assert scale.simulator is not None and not scale.simulator.running
    finally:
        scale.stop()


class _Emitter(QObject):
    sig = Signal(int, bool, str)


def test_signal_emit_keeps_refcounts() -> None:
    """PySide6 6.12.0's SignalInstance.emit() returned True without a reference: every emit
    lowered True's refcount until the interpreter aborted (bool_dealloc). pyproject excludes
    that release; this guards the pin."""
    emitter = _Emitter()
    emitter.sig.connect(lambda *a: None)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.sig.emit(i, True, "x")
    assert sys.getrefcount(True) >= before - 5
