"""The scale protocols against the byte-exact frames of testdata/scale/README.md:
the parsers, the simulators (they must send exactly those bytes), and the real driver
reading them over a pty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hardware.scale import CasEcr, FrameError, ScaleFlag, Toledo8217, make_scale
from hardware.scale.sim import CasEcrSimulator, ScaleSimulator, Toledo8217Simulator
from hardware.serialport import SerialPort

Frames = Callable[[str], list[tuple[bytes, bytes, str]]]


def _frame(frames: Frames, section: str, meaning_start: str) -> tuple[bytes, bytes]:
    rows = [
        (sent, answer)
        for sent, answer, meaning in frames(section)
        if meaning.startswith(meaning_start)
    ]
    assert len(rows) == 1, f"README row {meaning_start!r} not found exactly once"
    return rows[0]


# (README section, meaning prefix, simulator set-up, expected grams, stable, flags)
TOLEDO_CASES = [
    ("1.", "stable gross", lambda s: s.set_weight(1234), 1234, True, ""),
    (
        "1.",
        "stable NET",
        lambda s: (s.set_weight(200), s.press_tare(), s.set_weight(1434)),
        1234,
        True,
        "net",
    ),
    (
        "1.",
        "no weight, status only: in motion",
        lambda s: (s.set_weight(1234), s.set_motion(True)),
        None,
        False,
        "motion,no_weight",
    ),
    ("1.", "under zero", lambda s: s.set_weight(-150), None, False, "no_weight,under_zero"),
    (
        "1.",
        "over capacity",
        lambda s: s.set_over_capacity(True),
        None,
        False,
        "no_weight,over_capacity",
    ),
]
CAS_CASES = [
    ("2.", "SOH STX", lambda s: s.set_weight(1234), 1234, True, ""),
    (
        "2.",
        '"U" = not stable',
        lambda s: (s.set_weight(1234), s.set_motion(True)),
        1234,
        False,
        "motion",
    ),
    ("2.", 'SIGN "-"', lambda s: s.set_weight(-150), -150, True, "under_zero"),
]
CASES = [("toledo8217", *c) for c in TOLEDO_CASES] + [("cas_ecr", *c) for c in CAS_CASES]
PROTOCOLS = {"toledo8217": Toledo8217, "cas_ecr": CasEcr}
SIMS: dict[str, type[ScaleSimulator]] = {
    "toledo8217": Toledo8217Simulator,
    "cas_ecr": CasEcrSimulator,
}


def _ids(case: tuple[Any, ...]) -> str:
    return f"{case[0]}-{case[2][:20]}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_parser_reads_readme_frame(case: tuple[Any, ...], scale_frames: Frames) -> None:
    kind, section, meaning, _setup, grams, stable, flags = case
    _, answer = _frame(scale_frames, section, meaning)
    reading = PROTOCOLS[kind]().parse(answer)
    assert (reading.grams, reading.stable, reading.flags_text) == (grams, stable, flags)
    assert reading.weighable == (grams is not None and grams >= 0 and stable)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_simulator_sends_readme_bytes(
    case: tuple[Any, ...], scale_frames: Frames, sims: list[Any]
) -> None:
    """Request/answer over a real pty with a raw SerialPort: byte-for-byte the README frame."""
    kind, section, meaning, setup, *_ = case
    sent, answer = _frame(scale_frames, section, meaning)
    sim = SIMS[kind]().start()
    sims.append(sim)
    setup(sim)
    port = SerialPort(sim.path)
    port.open()
    try:
        if kind == "cas_ecr":
            port.write(b"\x05")
            assert port.read_exact(1, 1.0) == _frame(scale_frames, "2.", "scale ready")[1]
        port.write(sent)
        assert port.read_exact(len(answer), 1.0) == answer
        assert port.read_some(0.05) == b""  # nothing after the frame
    finally:
        port.close()


def test_toledo_zero_answer_and_odoo_probe(scale_frames: Frames, sims: list[Any]) -> None:
    sim = Toledo8217Simulator().start()
    sims.append(sim)
    port = SerialPort(sim.path)
    port.open()
    try:
        sent, answer = _frame(scale_frames, "1.", "zeroed")
        port.write(sent)
        assert port.read_exact(len(answer), 1.0) == answer
        reading = Toledo8217().parse(answer)
        assert reading.grams is None and ScaleFlag.CENTER_OF_ZERO in reading.flags
        sent, answer = _frame(scale_frames, "1.", "Odoo's probe")
        port.write(sent)
        assert port.read_exact(8, 1.0) == answer  # exactly these 8 bytes
        port.write(b"F")  # leave echo mode, as Odoo does
        port.write(b"W")
        assert port.read_until(b"\r", 16, 1.0) == b"\x0200.000\r"
    finally:
        port.close()


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_driver_reports_readme_state(case: tuple[Any, ...], qtbot: Any, devices: list[Any]) -> None:
    """The real driver, polling the simulator over a pty, reports each documented state."""
    kind, _section, _meaning, setup, grams, stable, flags = case
    scale = make_scale({"kind": f"simulator-{kind}", "poll_interval_ms": 10})
    devices.append(scale)
    assert scale.simulator is not None
    setup(scale.simulator)
    expected = (grams if grams is not None else 0, stable, flags)
    with qtbot.waitSignal(
        scale.weight_changed, timeout=3000, check_params_cb=lambda *a: tuple(a) == expected
    ):
        scale.start()


def test_toledo_lb_frames() -> None:
    proto = Toledo8217()
    assert proto.parse(b"\x0202.72\r").grams == 1234  # 2.72 lb = 1233.77 g
    assert Toledo8217(unit="kg").parse(b"\x0201.23\r").grams == 1230
    assert proto.parse(b"\x02  1.234\r").grams == 1234  # Odoo allows leading spaces


@pytest.mark.parametrize(
    "frame",
    [
        b"\x0201.234",  # no CR: cut off
        b"01.234\r",  # no STX
        b"\x0201,234\r",
        b"\x02-1.234\r",
        b"\x021234\r",  # no decimal point
        b"\x0201.2345\r",
        b"\x02?\x01\r",  # status without bit 6
        b"\x02?\xc1\r",  # 0x41 with bit 7 set: odd parity
        b"\x02?AB\r",
        b"\x0201.234X\r",
        b"",
    ],
)
def test_toledo_rejects(frame: bytes) -> None:
    with pytest.raises(FrameError):
        Toledo8217().parse(frame)


def test_toledo_status_with_parity_bit() -> None:
    # "A" (0x41) has two bits set: even parity leaves bit 7 at 0
    assert Toledo8217().parse(b"\x02?A\r").flags_text == "motion,no_weight"
    # 0x43 = motion + over capacity, three bits: even parity sets bit 7 -> 0xC3
    assert Toledo8217().parse(b"\x02?\xc3\r").flags_text == "motion,no_weight,over_capacity"


@pytest.mark.parametrize(
    "frame",
    [
        b"\x01\x02S 01.234kgX\x03\x04",  # wrong BCC
        b"\x01\x02S 01.234kge\x03",  # short
        b"\x02S 01.234kge\x03\x04\x04",  # no SOH
        b"\x01\x02X 01.234kg\x00\x03\x04",
        b"\x01\x02S 01.234ozo\x03\x04",
    ],
)
def test_cas_rejects(frame: bytes) -> None:
    with pytest.raises(FrameError):
        CasEcr().parse(frame)


def test_cas_overload_and_units() -> None:
    from hardware.scale.cas import bcc

    def frame(body: bytes) -> bytes:
        return b"\x01\x02" + body + bytes([bcc(body)]) + b"\x03\x04"

    over = CasEcr().parse(frame(b"SFFF.FFFkg"))
    assert over.grams is None and over.flags_text == "no_weight,over_capacity"
    assert CasEcr().parse(frame(b"S 002.72Lb")).grams == 1234
    assert CasEcr().parse(frame(b"S  1.234KG")).grams == 1234
    with pytest.raises(FrameError):
        CasEcr().parse(frame(b"SF01.234kg"))  # overload sign with digits
