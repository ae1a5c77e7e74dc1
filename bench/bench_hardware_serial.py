"""Hardware-layer latency: keyboard-wedge scans and serial scale readings.

    uv run python bench/bench_hardware_serial.py [--scans 300] [--weighings 40]

Prints one `metric: value unit` line per figure:

* wedge_scan_to_event_p95_ms: a 13-digit EAN + Enter arrives in the GUI event queue as a
  scanner types it (key press/release events with 3 ms event timestamps, posted at once) ->
  the detector's ``scanned`` signal; the software latency on top of the scanner's own typing.
* scale_frame_to_stable_weight_p50_ms (and _p95): a Toledo 8217 simulator on a pty changes its
  weight -> ``stable_weight`` with that weight reaches the GUI thread, default config (50 ms
  polling, so about half a poll interval is inherent).
* scale_cas_ecr_frame_to_stable_weight_p50_ms: the same over the CAS ECR protocol.
* scale_hung_gui_max_stall_ms: while a Toledo scale hangs (until it is reported disconnected
  and 300 ms beyond), the longest gap between ticks of a 10 ms QTimer on the GUI thread; with
  scale_hung_gui_ticks_pct, the ticks seen as a share of those a free GUI thread would see.
* scale_stop_while_hung_ms: ``Scale.stop()`` while the driver waits for an answer that will
  not come (response timeout 2 s).
* serial_read_cancel_ms: a ``SerialPort`` read with a 5 s timeout returns this soon once its
  stop event is set.
(The tests check the behaviour behind these figures; the numbers are measured only here.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from hardware.device import DeviceStatus  # noqa: E402
from hardware.scale import make_scale  # noqa: E402
from hardware.wedge import WedgeDetector  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def wait_for(app: QCoreApplication, done: list[float], n: int, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while len(done) < n:
        if time.monotonic() > deadline:
            raise TimeoutError("signal not received")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def bench_wedge(app: QApplication, scans: int) -> None:
    edit = QLineEdit()
    edit.show()
    edit.setFocus()
    app.processEvents()
    window = edit.windowHandle()
    detector = WedgeDetector()
    detector.start(app)
    received: list[float] = []
    codes: list[str] = []
    detector.scanned.connect(
        lambda code: (received.append(time.perf_counter()), codes.append(code))
    )
    latencies: list[float] = []
    stamp = 1_000
    for i in range(scans + 20):
        code = f"{4006381333931 + i:013d}"
        keys = [(ord(c), c) for c in code] + [(int(Qt.Key.Key_Return), "\r")]
        t0 = time.perf_counter()
        for key, text in keys:
            stamp += 3
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                ev = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
                ev.setTimestamp(stamp)
                QCoreApplication.postEvent(window, ev)
        wait_for(app, received, len(received) + 1)
        if i >= 20:  # warm-up excluded
            latencies.append((received[-1] - t0) * 1000)
        assert codes[-1] == code and edit.text() == "", "scan not detected or keys leaked"
        stamp += 200  # a pause between scans
    detector.stop()
    edit.close()
    print(f"wedge_scan_to_event_p95_ms: {pct(latencies, 95):.2f} ms")


def bench_scale(app: QApplication, kind: str, weighings: int) -> list[float]:
    scale = make_scale({"kind": f"simulator-{kind}", "sim_grams": 100})
    sim = scale.simulator
    assert sim is not None
    got: list[tuple[int, float]] = []
    scale.stable_weight.connect(lambda g: got.append((g, time.perf_counter())))
    scale.start()
    try:
        wait_for(app, got, 1)
        latencies: list[float] = []
        for i in range(weighings):
            grams = 250 + 37 * i
            # change the weight at a random phase of the polling cycle
            time.sleep(0.013 * (i % 4))
            t0 = time.perf_counter()
            sim.set_weight(grams)  # type: ignore[attr-defined]
            n = len(got)
            wait_for(app, got, n + 1)
            assert got[-1][0] == grams, got[-1]
            latencies.append((got[-1][1] - t0) * 1000)
        return latencies
    finally:
        scale.stop()


def bench_scale_hang(app: QApplication) -> None:
    scale = make_scale({"kind": "simulator-toledo8217", "sim_grams": 100, "poll_interval_ms": 10,
                        "response_timeout_ms": 300, "lost_after_ms": 600})
    sim = scale.simulator
    assert sim is not None
    got: list[tuple[int, float]] = []
    scale.stable_weight.connect(lambda g: got.append((g, time.perf_counter())))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    scale.start()
    try:
        wait_for(app, got, 1)
        timer.start()
        sim.stall()  # type: ignore[attr-defined]
        started = time.monotonic()
        deadline = started + 5
        while scale.status != DeviceStatus.DISCONNECTED and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        until = time.monotonic() + 0.3
        while time.monotonic() < until:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        elapsed = time.monotonic() - started
        timer.stop()
        during = [t for t in ticks if started <= t <= started + elapsed]
        gaps = [b - a for a, b in zip(during, during[1:], strict=False)] or [elapsed]
        print(f"scale_hung_gui_max_stall_ms: {max(gaps) * 1000:.1f} ms")
        print(f"scale_hung_gui_ticks_pct: {100 * len(during) / (elapsed / 0.010):.0f} %")
    finally:
        scale.stop()

    scale = make_scale({"kind": "simulator-toledo8217", "sim_grams": 100,
                        "response_timeout_ms": 2000})
    sim = scale.simulator
    assert sim is not None
    got.clear()
    scale.stable_weight.connect(lambda g: got.append((g, time.perf_counter())))
    scale.start()
    try:
        wait_for(app, got, 1)
        sim.stall()  # type: ignore[attr-defined]
        deadline = time.monotonic() + 3
        while sim.unanswered == 0 and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.005)
        t0 = time.perf_counter()
        scale.stop()
        print(f"scale_stop_while_hung_ms: {(time.perf_counter() - t0) * 1000:.1f} ms")
    finally:
        scale.stop()


def bench_read_cancel() -> None:
    import threading

    from hardware.scanner_serial import SerialScannerSimulator
    from hardware.serialport import SerialPort

    sim = SerialScannerSimulator("bench-cancel").start()
    try:
        times = []
        for _ in range(20):
            stop = threading.Event()
            port = SerialPort(sim.path, stop_event=stop)
            port.open()
            try:
                threading.Timer(0.05, stop.set).start()
                t_set = time.perf_counter() + 0.05
                port.read_until(b"\n", 64, 5.0)
                times.append((time.perf_counter() - t_set) * 1000)
            finally:
                port.close()
        print(f"serial_read_cancel_ms: {statistics.median(times):.1f} ms")
    finally:
        sim.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=300)
    parser.add_argument("--weighings", type=int, default=40)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    bench_wedge(app, args.scans)
    toledo = bench_scale(app, "toledo8217", args.weighings)
    print(f"scale_frame_to_stable_weight_p50_ms: {statistics.median(toledo):.1f} ms")
    print(f"scale_frame_to_stable_weight_p95_ms: {pct(toledo, 95):.1f} ms")
    cas = bench_scale(app, "cas_ecr", args.weighings)
    print(f"scale_cas_ecr_frame_to_stable_weight_p50_ms: {statistics.median(cas):.1f} ms")
    bench_scale_hang(app)
    bench_read_cancel()


if __name__ == "__main__":
    main()
