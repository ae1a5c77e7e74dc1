"""The serial barcode scanner over a pty simulator."""

from __future__ import annotations

from typing import Any

import pytest

from hardware.device import DeviceStatus
from hardware.scanner_serial import SerialScanner, clean_code, make_serial_scanner

FAST = {"reconnect_min_ms": 30, "reconnect_max_ms": 200}


def _scanner(devices: list[Any], **cfg: Any) -> SerialScanner:
    scanner = make_serial_scanner({"kind": "simulator", **FAST, **cfg})
    devices.append(scanner)
    return scanner


def _started(qtbot: Any, scanner: SerialScanner) -> None:
    scanner.start()
    qtbot.waitUntil(lambda: scanner.status == DeviceStatus.CONNECTED, timeout=3000)


def test_lines_with_any_terminator(qtbot: Any, devices: list[Any]) -> None:
    scanner = _scanner(devices)
    got: list[str] = []
    scanner.scanned.connect(got.append)
    _started(qtbot, scanner)
    sim = scanner.simulator
    assert sim is not None
    sim.write(b"4006381333931\r\n")
    sim.write(b"96385074\r")
    sim.write(b"ABC-abc-123\n\n\r\n")  # empty lines are ignored
    sim.write(b"\x02]E0 5901234123457\x03\r\n")  # STX/ETX framing stripped
    sim.write("二维码 QR 中文\r\n".encode())
    sim.write(b"split ")
    qtbot.wait(30)  # input pacing: the rest of the line comes in a later read
    sim.write(b"line\r\n")
    expected = [
        "4006381333931",
        "96385074",
        "ABC-abc-123",
        "]E0 5901234123457",
        "二维码 QR 中文",
        "split line",
    ]
    qtbot.waitUntil(lambda: got == expected, timeout=3000)


def test_gs_kept_only_when_configured() -> None:
    raw = b"]C1010950110153000317\x1d10ABC123\r"
    assert clean_code(raw) == "]C101095011015300031710ABC123"
    assert clean_code(raw, keep_gs=True) == "]C1010950110153000317\x1d10ABC123"
    assert clean_code(b"\x1b[0m12\x7f34\x00") == "[0m1234"


def test_overlong_line_dropped(qtbot: Any, devices: list[Any]) -> None:
    scanner = _scanner(devices)
    got: list[str] = []
    scanner.scanned.connect(got.append)
    _started(qtbot, scanner)
    assert scanner.simulator is not None
    scanner.simulator.write(b"9" * 5000)
    qtbot.wait(50)  # input pacing: the overlong start is read on its own before the rest
    scanner.simulator.write(b"tail\r\n12345678\r\n")
    qtbot.waitUntil(lambda: got == ["12345678"], timeout=3000)


def test_unplug_and_replug_during_use(qtbot: Any, devices: list[Any]) -> None:
    scanner = _scanner(devices)
    got: list[str] = []
    statuses: list[str] = []
    scanner.scanned.connect(got.append)
    scanner.status_changed.connect(lambda st, _d: statuses.append(st))
    _started(qtbot, scanner)
    sim = scanner.simulator
    assert sim is not None
    sim.scan("111")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: got == ["111"], timeout=3000)
    sim.unplug()
    qtbot.waitUntil(lambda: scanner.status == DeviceStatus.DISCONNECTED, timeout=3000)
    assert sim.scan("lost") is False  # type: ignore[attr-defined]
    sim.replug()
    qtbot.waitUntil(lambda: scanner.status == DeviceStatus.CONNECTED, timeout=3000)
    sim.scan("222")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: got == ["111", "222"], timeout=3000)
    assert statuses[0] == "connected" and "disconnected" in statuses and statuses[-1] == "connected"


def test_config_errors() -> None:
    with pytest.raises(ValueError, match="kind"):
        make_serial_scanner({"kind": "usb", "port": "/dev/x"})
    with pytest.raises(ValueError, match="unknown key"):
        make_serial_scanner({"kind": "serial", "port": "/dev/x", "speed": 1})
    with pytest.raises(LookupError):
        make_serial_scanner({"kind": "serial", "port": "/dev/x", "encoding": "nope"})
