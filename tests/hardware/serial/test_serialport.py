"""SerialPort: stable paths, typed errors, and unplug detection on real ptys."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

from hardware.device import DeviceLost, DeviceUnavailable
from hardware.serialport import SerialPort, port_from_config, resolve_port
from hardware.sim.pty import PtySimulator


class Echo(PtySimulator):
    def handle(self, data: bytes) -> None:
        self.write(data.upper())


@pytest.fixture
def echo(sims: list[Any]) -> Echo:
    sim = Echo("echo")
    sim.start()
    sims.append(sim)
    return sim


def test_opens_by_stable_symlink(echo: Echo) -> None:
    assert os.path.islink(echo.path)
    port = SerialPort(echo.path)
    port.open()
    try:
        assert port.real_path == resolve_port(echo.path)
        assert port.real_path is not None and port.real_path.startswith("/dev/pts/")
        port.write(b"abc\n")
        assert port.read_until(b"\n", 64, 1.0) == b"ABC\n"
        port.check_present()
    finally:
        port.close()
    port.close()  # twice is fine


def test_missing_path_is_device_unavailable(tmp_path: Any) -> None:
    with pytest.raises(DeviceUnavailable, match="not present"):
        SerialPort(str(tmp_path / "by-id" / "usb-nothing")).open()
    regular = tmp_path / "file"
    regular.write_text("x")
    with pytest.raises(DeviceUnavailable, match="not a character device"):
        SerialPort(str(regular)).open()


def test_unplug_fails_the_next_read(echo: Echo) -> None:
    port = SerialPort(echo.path)
    port.open()
    try:
        echo.unplug()
        assert not os.path.exists(echo.path)
        with pytest.raises(DeviceLost):
            for _ in range(20):  # hung-up tty: EIO, or "ready but no data"
                port.read_some(0.05)
        with pytest.raises(DeviceLost):
            port.write(b"x")
    finally:
        port.close()
    with pytest.raises(DeviceUnavailable):
        port.open()
    echo.replug()
    port.open()  # same stable path, new pty
    try:
        port.write(b"again\n")
        assert port.read_until(b"\n", 64, 1.0) == b"AGAIN\n"
    finally:
        port.close()


def test_stable_path_repointed_while_open_is_a_loss(echo: Echo, sims: list[Any]) -> None:
    """The old descriptor can look healthy (no data, no error): the path check catches it."""
    other = Echo("other").start()
    sims.append(other)
    port = SerialPort(echo.path, check_interval_s=0.05)
    port.open()
    try:
        tmp = echo.path + ".new"
        os.symlink(os.readlink(other.path), tmp)
        os.replace(tmp, echo.path)  # udev gave the name to another device
        started = time.monotonic()
        with pytest.raises(DeviceLost, match="another device"):
            while time.monotonic() - started < 2:
                port.read_some(0.05)
    finally:
        port.close()


def test_cancel_read_and_stop_event(echo: Echo) -> None:
    import threading

    stop = threading.Event()
    port = SerialPort(echo.path, stop_event=stop)
    port.open()
    timeout_s = 30.0  # nothing will arrive: only the stop event can end these reads early
    try:
        stop.set()
        started = time.monotonic()
        assert port.read_until(b"\n", 64, timeout_s) == b""
        assert port.read_exact(4, timeout_s) == b""
        # returned because of the stop event, long before either read's own timeout (how fast
        # it returns is measured in bench/bench_hardware_serial.py: serial_read_cancel_ms)
        assert time.monotonic() - started < timeout_s / 2
    finally:
        port.close()


def test_read_until_keeps_the_rest_and_caps_length(echo: Echo) -> None:
    port = SerialPort(echo.path)
    port.open()
    try:
        echo.write(b"one\ntwo\nthree")
        assert port.read_until(b"\n", 64, 1.0) == b"one\n"
        assert port.read_until(b"\n", 64, 1.0) == b"two\n"
        assert port.read_until(b"\n", 3, 1.0) == b"thr"
        assert port.read_until(b"\n", 64, 0.1) == b"ee"  # timeout: the partial rest
    finally:
        port.close()


def test_config() -> None:
    port = port_from_config({"port": "/dev/x", "baudrate": 19200}, {"bytesize": 7, "parity": "E"})
    assert (port.path, port.baudrate, port.bytesize, port.parity, port.stopbits) == (
        "/dev/x",
        19200,
        7,
        "E",
        1,
    )
    assert "19200 7E1" in repr(port)
    with pytest.raises(ValueError):
        port_from_config({}, {})
    with pytest.raises(ValueError):
        SerialPort("/dev/x", parity="Q")
