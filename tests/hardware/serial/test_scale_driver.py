"""The Scale driver over pty simulators: stable weights, garbage, commands, unplug/replug,
and a hung scale that must not freeze the GUI thread."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTimer

from hardware.device import DeviceStatus
from hardware.scale import Scale, make_scale

KINDS = ["toledo8217", "cas_ecr"]


FAST = {"reconnect_min_ms": 30, "reconnect_max_ms": 200}


def _scale(devices: list[Any], kind: str, **cfg: Any) -> Scale:
    scale = make_scale({"kind": f"simulator-{kind}", "poll_interval_ms": 10, **FAST, **cfg})
    devices.append(scale)
    return scale


def handled(qtbot: Any, sim: Any, answers: int) -> None:
    """Wait until the driver has handled ``answers`` more answers and what they emitted has
    reached the GUI thread. The driver asks again only after handling an answer, so one more
    answer from the simulator proves the ones before were handled."""
    start = sim.answers
    qtbot.waitUntil(lambda: sim.answers >= start + answers + 1, timeout=3000)
    QCoreApplication.sendPostedEvents()  # the signals the driver thread queued for us


class Recorder:
    def __init__(self, scale: Scale) -> None:
        self.weights: list[tuple[int, bool, str]] = []
        self.stable: list[int] = []
        self.errors: list[str] = []
        self.statuses: list[str] = []
        scale.weight_changed.connect(lambda g, s, f: self.weights.append((g, s, f)))
        scale.stable_weight.connect(self.stable.append)
        scale.frame_error.connect(self.errors.append)
        scale.status_changed.connect(lambda st, _d: self.statuses.append(st))


@pytest.mark.parametrize("kind", KINDS)
def test_stable_weight_once_and_never_reset_to_zero(
    kind: str, qtbot: Any, devices: list[Any]
) -> None:
    scale = _scale(devices, kind, sim_grams=1234)
    rec = Recorder(scale)
    with qtbot.waitSignal(scale.stable_weight, timeout=3000) as blocker:
        scale.start()
    assert blocker.args == [1234]
    sim = scale.simulator
    assert sim is not None
    handled(qtbot, sim, 10)  # the same weight, read again and again
    assert rec.stable == [1234]
    assert rec.weights == [(1234, True, "")]
    assert scale.last_stable_grams == 1234
    reading = scale.last_reading
    assert reading is not None and reading.grams == 1234

    # a new weight: motion in between, then the new stable weight once
    sim.set_motion(True)
    qtbot.waitUntil(lambda: rec.weights[-1][1] is False, timeout=3000)
    sim.set_weight(500)
    sim.set_motion(False)
    qtbot.waitUntil(lambda: rec.stable[-1:] == [500], timeout=3000)
    # the same item lifted and put back: stable again after motion -> emitted again
    sim.set_motion(True)
    qtbot.waitUntil(lambda: rec.weights[-1][1] is False, timeout=3000)
    sim.set_motion(False)
    qtbot.waitUntil(lambda: rec.stable == [1234, 500, 500], timeout=3000)
    assert 0 not in rec.stable


def test_empty_platform_is_a_stable_zero(qtbot: Any, devices: list[Any]) -> None:
    scale = _scale(devices, "toledo8217")
    with qtbot.waitSignal(scale.stable_weight, timeout=3000) as blocker:
        scale.start()
    assert blocker.args == [0]


def test_confirm_reads(qtbot: Any, devices: list[Any]) -> None:
    scale = _scale(devices, "cas_ecr", sim_grams=750, confirm_reads=3)
    sim = scale.simulator
    assert sim is not None
    with qtbot.waitSignal(scale.stable_weight, timeout=3000) as blocker:
        scale.start()
    assert blocker.args == [750]
    assert sim.answers >= 3


@pytest.mark.parametrize("kind", KINDS)
def test_negative_and_overload_never_ring_up(kind: str, qtbot: Any, devices: list[Any]) -> None:
    scale = _scale(devices, kind, sim_grams=-150)
    rec = Recorder(scale)
    scale.start()
    qtbot.waitUntil(lambda: bool(rec.weights), timeout=3000)
    assert "under_zero" in rec.weights[-1][2]
    assert scale.simulator is not None
    scale.simulator.set_over_capacity(True)
    qtbot.waitUntil(lambda: "over_capacity" in rec.weights[-1][2], timeout=3000)
    assert rec.weights[-1][:2] == (0, False)
    assert rec.stable == []


GARBAGE = {
    "toledo8217": [None, b"\x02?\x01\r", b"\x0201.2\x0034\r", b"\x02\xff\xfe\r", b"W\r"],
    "cas_ecr": [
        None,
        b"\x01\x02S 01.234kgX\x03\x04",
        b"\x00" * 15,
        b"\x01\x02S 0x.234kg\x00\x03\x04",
    ],
}


@pytest.mark.parametrize("kind", KINDS)
def test_garbled_frames_yield_frame_error_and_no_weight(
    kind: str, qtbot: Any, devices: list[Any]
) -> None:
    scale = _scale(devices, kind, sim_grams=1234)
    rec = Recorder(scale)
    with qtbot.waitSignal(scale.stable_weight, timeout=3000):
        scale.start()
    sim = scale.simulator
    assert sim is not None
    for garbage in GARBAGE[kind]:
        sim.inject_garbage(frame=garbage)
        errors = len(rec.errors)
        qtbot.waitUntil(lambda errors=errors: len(rec.errors) > errors, timeout=3000)
    # the scale still shows 1234; garbage changed nothing and produced no weight
    handled(qtbot, sim, 3)
    assert rec.weights == [(1234, True, "")]
    assert rec.stable == [1234]
    assert all(kind in e for e in rec.errors)
    assert scale.status == DeviceStatus.CONNECTED


def test_cas_nak_is_retried(qtbot: Any, devices: list[Any]) -> None:
    scale = _scale(devices, "cas_ecr", sim_grams=321)
    assert scale.simulator is not None
    scale.simulator.nak(2)  # type: ignore[attr-defined]
    with qtbot.waitSignal(scale.stable_weight, timeout=3000) as blocker:
        scale.start()
    assert blocker.args == [321]


def test_toledo_zero_and_tare_commands(qtbot: Any, devices: list[Any]) -> None:
    scale = _scale(devices, "toledo8217", sim_grams=200)
    rec = Recorder(scale)
    with qtbot.waitSignal(scale.stable_weight, timeout=3000):
        scale.start()
    sim = scale.simulator
    assert sim is not None
    with qtbot.waitSignal(scale.command_finished, timeout=3000) as blocker:
        assert scale.tare()
    assert blocker.args == ["tare", True]
    qtbot.waitUntil(lambda: rec.weights[-1] == (0, True, "net"), timeout=3000)
    sim.set_weight(1434)
    qtbot.waitUntil(lambda: rec.stable[-1:] == [1234], timeout=3000)
    assert rec.weights[-1] == (1234, True, "net")
    with qtbot.waitSignal(scale.command_finished, timeout=3000) as blocker:
        assert scale.clear_tare()
    assert blocker.args == ["clear_tare", True]
    qtbot.waitUntil(lambda: rec.weights[-1] == (1434, True, ""), timeout=3000)
    sim.set_weight(1450)
    with qtbot.waitSignal(scale.command_finished, timeout=3000):
        assert scale.zero()
    qtbot.waitUntil(lambda: rec.weights[-1] == (0, True, ""), timeout=3000)
    assert sim.displayed_grams == 0


def test_cas_has_no_zero_or_tare(devices: list[Any]) -> None:
    scale = _scale(devices, "cas_ecr")
    assert not scale.supports("zero")
    assert scale.zero() is False and scale.tare() is False


@pytest.mark.parametrize("kind", KINDS)
def test_unplug_and_replug_during_use(
    wait_status: Any, kind: str, qtbot: Any, devices: list[Any]
) -> None:
    scale = _scale(devices, kind, sim_grams=1000)
    rec = Recorder(scale)
    with qtbot.waitSignal(scale.stable_weight, timeout=3000):
        scale.start()
    sim = scale.simulator
    assert sim is not None
    sim.unplug()
    wait_status(scale, DeviceStatus.DISCONNECTED)
    assert scale.last_reading is None  # unknown while unplugged
    sim.set_weight(2000)  # someone changed the load meanwhile
    sim.replug()
    wait_status(scale, DeviceStatus.CONNECTED)
    qtbot.waitUntil(lambda: rec.stable[-1:] == [2000], timeout=3000)
    assert rec.statuses[:3] == ["connected", "disconnected", "connected"] or (
        rec.statuses[0] == "connected" and "disconnected" in rec.statuses
    )
    assert rec.statuses[-1] == "connected"
    # a second cycle works the same
    sim.unplug()
    wait_status(scale, DeviceStatus.DISCONNECTED)
    sim.replug()
    wait_status(scale, DeviceStatus.CONNECTED)
    qtbot.waitUntil(
        lambda: rec.stable[-1:] == [2000] and scale.last_reading is not None, timeout=3000
    )


def test_start_before_the_scale_is_plugged_in(qtbot: Any, devices: list[Any]) -> None:
    scale = _scale(devices, "toledo8217", sim_grams=42)
    sim = scale.simulator
    assert sim is not None
    sim.unplug()
    scale.start()
    qtbot.waitUntil(lambda: "not present" in scale.status_detail, timeout=3000)
    assert scale.status == DeviceStatus.DISCONNECTED
    with qtbot.waitSignal(scale.stable_weight, timeout=3000) as blocker:
        sim.replug()
    assert blocker.args == [42]


def test_gui_keeps_running_while_the_scale_hangs(
    wait_status: Any, qtbot: Any, devices: list[Any]
) -> None:
    """A hung scale blocks only the device thread: the GUI thread keeps running its timers
    while the scale goes disconnected ("not answering"), and the scale comes back by itself.
    (How long the GUI thread ever waits meanwhile is a benchmark figure:
    bench/bench_hardware_serial.py, scale_hung_gui_max_stall_ms.)"""
    scale = _scale(devices, "toledo8217", sim_grams=100, response_timeout_ms=300, lost_after_ms=600)
    with qtbot.waitSignal(scale.stable_weight, timeout=3000):
        scale.start()
    sim = scale.simulator
    assert sim is not None
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(scale.status == DeviceStatus.DISCONNECTED))
    timer.start()
    try:
        sim.stall()
        wait_status(scale, DeviceStatus.DISCONNECTED, timeout_ms=5000)
        assert "not answering" in scale.status_detail or "no answer" in scale.status_detail
        # the GUI thread ran its timer while the device thread was stuck on the scale
        qtbot.waitUntil(lambda: sum(ticks) >= 5, timeout=5000)
        with qtbot.waitSignal(scale.stable_weight, timeout=5000):
            sim.stall(False)
    finally:
        timer.stop()
    assert scale.status == DeviceStatus.CONNECTED


def test_slow_scale_still_reads(qtbot: Any, devices: list[Any]) -> None:
    scale = _scale(devices, "cas_ecr", sim_grams=999)
    assert scale.simulator is not None
    scale.simulator.set_delay(0.1)
    with qtbot.waitSignal(scale.stable_weight, timeout=3000) as blocker:
        scale.start()
    assert blocker.args == [999]


def test_stop_is_prompt_while_the_scale_hangs(qtbot: Any, devices: list[Any]) -> None:
    response_timeout_s = 20.0
    scale = _scale(devices, "toledo8217", response_timeout_ms=int(response_timeout_s * 1000))
    with qtbot.waitSignal(scale.stable_weight, timeout=3000):
        scale.start()
    sim = scale.simulator
    assert sim is not None
    sim.stall()
    # the driver is now waiting for an answer that will not come: it asked, nobody answered
    qtbot.waitUntil(lambda: sim.unanswered > 0, timeout=3000)
    thread = scale._thread
    started = time.monotonic()
    scale.stop(timeout_s=response_timeout_s)
    # stop() ended the wait instead of sitting out the response timeout (the latency itself is
    # a benchmark figure: bench/bench_hardware_serial.py, scale_stop_while_hung_ms)
    assert thread is not None and not thread.is_alive()
    assert time.monotonic() - started < response_timeout_s / 2
    assert not scale.is_running()
    assert scale.status == DeviceStatus.DISCONNECTED


def test_config_errors() -> None:
    with pytest.raises(ValueError, match="unknown scale kind"):
        make_scale({"kind": "mt-sics", "port": "/dev/null"})
    with pytest.raises(ValueError, match="unknown key"):
        make_scale({"kind": "toledo8217", "port": "/dev/null", "baud": 9600})
    with pytest.raises(ValueError, match="port"):
        make_scale({"kind": "toledo8217"})
    with pytest.raises(ValueError, match="integer grams"):
        make_scale({"kind": "simulator-cas_ecr", "sim_grams": 1.5})


def test_real_kind_uses_stable_path_and_port_settings(tmp_path: Any) -> None:
    scale = make_scale({"kind": "toledo8217", "port": str(tmp_path / "by-id" / "usb-scale")})
    assert scale.simulator is None
    assert (scale.port.baudrate, scale.port.bytesize, scale.port.parity) == (9600, 7, "E")
    cas = make_scale({"kind": "cas_ecr", "port": "/dev/ttyS0", "baudrate": 19200})
    assert (cas.port.baudrate, cas.port.bytesize, cas.port.parity) == (19200, 8, "N")
