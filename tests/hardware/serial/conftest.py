"""Fixtures for the serial-device tests: devices on pty simulators, always stopped."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hardware.device import DeviceStatus

# fast reconnects so unplug/replug tests take a fraction of a second
FAST = {"reconnect_min_ms": 30, "reconnect_max_ms": 200}


@pytest.fixture
def fast() -> dict[str, int]:
    """Config keys for quick reconnects."""
    return dict(FAST)


@pytest.fixture
def devices() -> Iterator[list[Any]]:
    """Append every started device; all are stopped (and their simulators closed) afterwards."""
    started: list[Any] = []
    yield started
    for dev in reversed(started):
        dev.stop()


@pytest.fixture
def sims() -> Iterator[list[Any]]:
    made: list[Any] = []
    yield made
    for sim in reversed(made):
        sim.close()


@pytest.fixture
def wait_status(qtbot: Any) -> Callable[..., None]:
    """wait_status(device, DeviceStatus.CONNECTED[, timeout_ms])"""

    def wait(device: Any, status: DeviceStatus, timeout_ms: int = 3000) -> None:
        qtbot.waitUntil(lambda: device.status == status, timeout=timeout_ms)

    return wait


@pytest.fixture
def scale_frames(testdata: Path) -> Callable[[str], list[tuple[bytes, bytes, str]]]:
    """The byte-exact frames of testdata/scale/README.md, per section: (sent, answer, meaning)."""
    text = (testdata / "scale" / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)

    def frames(prefix: str) -> list[tuple[bytes, bytes, str]]:
        (section,) = [s for s in sections if s.startswith(prefix)]
        rows = []
        for line in section.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 3:
                continue
            hexes = [re.match(r"`([0-9A-F]{2}(?: [0-9A-F]{2})*)`", c) for c in cells[:2]]
            if hexes[0] and hexes[1]:
                rows.append(
                    (bytes.fromhex(hexes[0].group(1)), bytes.fromhex(hexes[1].group(1)), cells[2])
                )
        assert rows, f"no frames found in README section {prefix!r}"
        return rows

    return frames
