"""Cashier-window fixtures: a seeded SQLite database, a device hub, the real role and window.

The device hub is the lead's ``ui.devices.DeviceHub`` on simulated devices when it exists;
until then (or with PATRON_FAKE_HUB=1) a fake hub with the same signals stands in.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class FakeCard:
    kind: str
    number: str | None = None
    source: str = "magstripe"


class FakeWedge:
    def __init__(self, hub: FakeHub) -> None:
        self.hub = hub

    def type_scan(self, text: str) -> None:
        self.hub.scanned.emit(text)


class FakeScale:
    def __init__(self, hub: FakeHub) -> None:
        self.hub = hub
        self.grams = 0
        self.moving = False

    def set_weight(self, grams: int) -> None:
        self.grams = grams
        self._emit()

    def set_motion(self, moving: bool) -> None:
        self.moving = moving
        self._emit()

    def _emit(self) -> None:
        self.hub.weight.emit(self.grams, not self.moving)
        if not self.moving and self.grams > 0:
            self.hub.stable_weight.emit(self.grams)


class FakeCardReader:
    def __init__(self, hub: FakeHub, ranges: list[tuple[str, str]]) -> None:
        self.hub = hub
        self.ranges = ranges

    def swipe(self, text: str) -> None:
        number = text.strip(";?%").split("=")[0]
        member = any(lo <= number <= hi and len(number) == len(lo) for lo, hi in self.ranges)
        self.hub.card_read.emit(FakeCard("member", number) if member else FakeCard("unknown"))


class FakePrinter:
    def __init__(self, hub: FakeHub) -> None:
        self.hub = hub
        self.writes: list[bytes] = []
        self.jobs: list[dict] = []
        self.drawer_kicks = 0

    @property
    def output(self) -> bytes:
        return b"".join(self.writes)


class FakeHub(QObject):
    scanned = Signal(str)
    card_read = Signal(object)
    weight = Signal(int, bool)
    stable_weight = Signal(int)
    status_changed = Signal(str, str, str)
    printed = Signal(str)
    print_failed = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.printer = FakePrinter(self)
        self.simulators = {
            "scanner": FakeWedge(self),
            "scale": FakeScale(self),
            "card_reader": FakeCardReader(self, [("880000000000", "889999999999")]),
            "printer": self.printer,
        }
        self._done: set[str] = set()

    def start(self) -> None:
        for name in ("scanner", "scale", "printer", "card_reader"):
            self.status_changed.emit(name, "connected", "simulated")

    def stop(self) -> None:
        pass

    def statuses(self) -> dict[str, tuple[str, str]]:
        return {n: ("connected", "simulated") for n in ("scanner", "scale", "printer",
                                                        "card_reader")}

    def submit_print(self, job: dict) -> None:
        from hardware.printer.escpos_render import render_job

        if job["job_id"] in self._done:
            return
        self._done.add(job["job_id"])
        self.printer.jobs.append(job)
        self.printer.writes.append(render_job(job))
        self.printed.emit(job["job_id"])

    def kick_drawer(self) -> None:
        self.printer.drawer_kicks += 1

    def report(self, timeout_s: float) -> list[tuple[str, bool, str]]:
        return [(n, True, "simulated") for n in self.statuses()]


def _real_hub_available() -> bool:
    if os.environ.get("PATRON_FAKE_HUB"):
        return False
    try:
        import ui.devices  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def seeded_url(sqlite_url, monkeypatch, tmp_path):
    """A migrated SQLite database with the minimal demo world; PATRON_HOME in tmp."""
    from app import codes
    from app.db import bind, database
    from app.demo import seed_minimal

    monkeypatch.setenv("PATRON_HOME", str(tmp_path / "home"))
    codes.forget_secret()
    db = bind(sqlite_url)
    seed_minimal()
    yield sqlite_url
    db.close()
    database.initialize(None)
    codes.forget_secret()


class Rig:
    """The simulated devices behind the hub, one interface for the real hub and the fake."""

    def __init__(self, hub) -> None:
        self.hub = hub
        self.printed: list[str] = []
        self.failed: list[tuple[str, str]] = []
        hub.printed.connect(self.printed.append)
        hub.print_failed.connect(lambda job_id, why: self.failed.append((job_id, why)))

    @property
    def real(self) -> bool:
        return not isinstance(self.hub, FakeHub)

    def scan(self, code: str) -> None:
        self.hub.simulators["scanner"].type_scan(code)

    def swipe(self, text: str) -> None:
        self.hub.simulators["card_reader"].swipe(text)

    @property
    def scale(self):
        return self.hub.simulators["scale"]

    def writes(self) -> list[bytes]:
        """Bytes the printer received, one entry per job (drawer kicks included)."""
        if self.real:
            return self.hub.printer.transport.writes
        return list(self.hub.printer.writes)

    @staticmethod
    def drawer_bytes() -> bytes:
        from hardware.printer.escpos_render import render_job

        return render_job({"job_id": "drawer", "ops": [{"op": "drawer", "pin": 2}]})

    def receipts(self) -> list[bytes]:
        kick = self.drawer_bytes()
        return [w for w in self.writes() if w != kick]

    def drawer_kicks(self) -> int:
        if self.real:
            kick = self.drawer_bytes()
            return sum(1 for w in self.writes() if w == kick)
        return self.hub.printer.drawer_kicks

    def printed_receipt(self, receipt_no: str) -> bool:
        return any(j.endswith(receipt_no) for j in self.printed)


def _real_devices(tmp_path):
    from app.config import SIMULATED_DEVICES

    devices = {k: dict(v) for k, v in SIMULATED_DEVICES.items()}
    devices["printer"] = {"kind": "capture", "paper_mm": 80}
    return devices


@pytest.fixture
def hub(qapp, tmp_path, cashier_cfg):
    """The simulated device hub: the lead's ui.devices.DeviceHub on simulated devices and a
    capture printer; a fake with the same signals if it is absent (or PATRON_FAKE_HUB=1)."""
    if _real_hub_available():
        from ui.devices import DeviceHub

        cashier_cfg.devices = _real_devices(tmp_path)
        device_hub = DeviceHub(cashier_cfg.devices, data_dir=tmp_path / "devices")
        yield device_hub
        device_hub.stop()
    else:
        fake = FakeHub()
        yield fake
        fake.stop()


@pytest.fixture
def rig(hub):
    return Rig(hub)


@pytest.fixture
def cashier_cfg(tmp_path):  # noqa: ARG001
    from app.config import SIMULATED_DEVICES, TerminalConfig

    return TerminalConfig(role="cashier", terminal="MA-T1", language="en",
                          devices={k: dict(v) for k, v in SIMULATED_DEVICES.items()})


def wait_until(qtbot, predicate, timeout_ms: int = 5000) -> None:
    qtbot.waitUntil(predicate, timeout=timeout_ms)


@pytest.fixture
def make_role(qapp, qtbot, seeded_url, cashier_cfg, hub, rig, tmp_path):
    """Build the real CashierRole (window, session, runner) on the seeded database."""
    from ui.app import set_language
    from ui.cashier.role import CashierRole

    roles = []

    def make(*, language: str = "en", sign_in: bool = True, open_shift: bool = True,
             customer_display: bool = False, **cfg_changes):
        set_language(language)
        cashier_cfg.language = language
        cashier_cfg.customer_display = customer_display
        for k, v in cfg_changes.items():
            setattr(cashier_cfg, k, v)
        role = CashierRole(cashier_cfg, hub=hub, state_dir=tmp_path / "state")
        role.rig = rig
        roles.append(role)
        role.show()
        role.window.activateWindow()
        qtbot.waitUntil(lambda: role.session.ready, timeout=10000)
        if sign_in:
            sign_in_as(qtbot, role, "c1", "1111")
            qtbot.waitUntil(lambda: role.session.shift is not None
                            or _dialog_named(role, "openShiftDialog"), timeout=5000)
            if open_shift and role.session.shift is None:
                dialog = role.window.flows.dialog
                dialog.amount.setText("500.00")
                dialog.submit()
                qtbot.waitUntil(lambda: role.session.shift is not None, timeout=5000)
        return role

    yield make
    for role in roles:
        _close_dialogs(role)
        role.shutdown()
        role.window.deleteLater()
    set_language("en")
    qapp.processEvents()


def _dialog_named(role, name: str) -> bool:
    d = role.window.flows.dialog
    return d is not None and d.objectName() == name and d.isVisible()


def _close_dialogs(role) -> None:
    from PySide6.QtWidgets import QDialog

    for d in role.window.findChildren(QDialog):
        d.busy = False
        d.done(0)


def sign_in_as(qtbot, role, code: str, pin: str) -> None:
    qtbot.waitUntil(lambda: _dialog_named(role, "signInDialog"), timeout=5000)
    dialog = role.window.flows.dialog
    dialog.code.setText(code)
    dialog.pin.setText(pin)
    dialog.submit()
    qtbot.waitUntil(lambda: role.session.cashier is not None, timeout=5000)


@pytest.fixture
def helpers():
    class H:
        wait_until = staticmethod(wait_until)
        dialog_named = staticmethod(_dialog_named)
        sign_in_as = staticmethod(sign_in_as)

        @staticmethod
        def settle(qtbot, ms: int = 50) -> None:
            qtbot.wait(ms)

        @staticmethod
        def now() -> float:
            return time.monotonic()

    return H
