"""The Device base as the serial drivers rely on it: backoff on a flapping device, status
reported after the device is closed, restart after stop; and the PySide6 emit() guard."""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QObject, Signal

from hardware.device import Device, DeviceLost, DeviceStatus
from hardware.scale import make_scale


class Flapping(Device):
    """Opens fine, dies at once: the loop must back off, not spin."""

    def __init__(self) -> None:
        super().__init__("flapping", backoff_initial_s=0.02, backoff_max_s=0.16)
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


def test_flapping_device_backs_off() -> None:
    dev = Flapping()
    dev.start()
    time.sleep(0.6)
    dev.stop()
    # without backoff this would be thousands; with 20..160 ms waits it is a handful
    assert 2 <= dev.opens <= 10, dev.opens
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
