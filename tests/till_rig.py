"""The cashier till under test, shared by tests/ui and tests/e2e (their conftests import the
fixtures from here): a seeded database, a device hub on simulated devices, the real role and
window.

The database is SQLite unless the test is marked ``both_databases``: then it runs once on
SQLite and once on PostgreSQL (the acceptance tests of the cashier window and the e2e walks).

The device hub is the real ``ui.devices.DeviceHub`` on simulated devices (a pty scale, the
keyboard wedge, a capture printer that keeps the exact bytes).
"""

from __future__ import annotations

import pytest

# The database kinds a ``both_databases`` test runs on, and the fixtures giving each one.
DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
_SEEDED_URL = {"sqlite": "seeded_sqlite_url", "postgres": "seeded_pg_url"}


def both_databases(metafunc) -> None:
    """For a conftest's ``pytest_generate_tests``: run ``both_databases`` tests on each."""
    if metafunc.definition.get_closest_marker("both_databases") \
            and "database_kind" in metafunc.fixturenames:
        metafunc.parametrize("database_kind", DATABASES)


@pytest.fixture
def database_kind() -> str:
    """SQLite for UI tests by default; ``both_databases`` tests are parametrised over both."""
    return "sqlite"


@pytest.fixture
def seeded_url(request, database_kind, monkeypatch, tmp_path):
    """A migrated database (SQLite or PostgreSQL, see ``database_kind``) with the minimal demo
    world (copied from a template seeded once per session), the models bound to it;
    PATRON_HOME in tmp."""
    from app.db import is_sqlite

    url = request.getfixturevalue(_SEEDED_URL[database_kind])
    request.getfixturevalue("bind_for_test")(url)  # after the URL: unbound before it is dropped
    # the test runs on the database its id names, never on a silent fallback
    assert is_sqlite() == (database_kind == "sqlite"), (database_kind, url)
    monkeypatch.setenv("PATRON_HOME", str(tmp_path / "home"))
    return url


def _drain(qtbot, role) -> None:
    """Wait until every database call the window queued so far has run and its result has
    reached the window: the worker is one FIFO thread, so a no-op queued now finishes last.
    The barrier before asserting that something did NOT happen (a second sale, a line)."""
    done = []
    role.runner.submit(lambda: None, lambda _result: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)


class Rig:
    """The simulated devices behind the hub, one interface for the real hub and the fake."""

    def __init__(self, hub) -> None:
        self.hub = hub
        self.printed: list[str] = []
        self.failed: list[tuple[str, str]] = []
        hub.printed.connect(self.printed.append)
        hub.print_failed.connect(lambda job_id, why: self.failed.append((job_id, why)))

    def scan(self, code: str) -> None:
        self.hub.simulators["scanner"].type_scan(code)

    def swipe(self, text: str) -> None:
        self.hub.simulators["card_reader"].swipe(text)

    @property
    def scale(self):
        return self.hub.simulators["scale"]

    def writes(self) -> list[bytes]:
        """Bytes the printer received, one entry per job (drawer kicks included)."""
        return self.hub.printer.transport.writes

    @staticmethod
    def drawer_bytes() -> bytes:
        from hardware.printer.escpos_render import render_job

        return render_job({"job_id": "drawer", "ops": [{"op": "drawer", "pin": 2}]})

    def receipts(self) -> list[bytes]:
        kick = self.drawer_bytes()
        return [w for w in self.writes() if w != kick]

    def drawer_kicks(self) -> int:
        kick = self.drawer_bytes()
        return sum(1 for w in self.writes() if w == kick)

    def printed_receipt(self, receipt_no: str) -> bool:
        return any(j.endswith(receipt_no) for j in self.printed)


def _real_devices(tmp_path):
    from app.config import SIMULATED_DEVICES

    devices = {k: dict(v) for k, v in SIMULATED_DEVICES.items()}
    devices["printer"] = {"kind": "capture", "paper_mm": 80}
    return devices


@pytest.fixture
def hub(qapp, tmp_path, cashier_cfg):
    """The real DeviceHub on simulated devices, with a capture printer that keeps the bytes."""
    from ui.devices import DeviceHub

    cashier_cfg.devices = _real_devices(tmp_path)
    device_hub = DeviceHub(cashier_cfg.devices, data_dir=tmp_path / "devices")
    yield device_hub
    device_hub.stop()


@pytest.fixture
def rig(hub):
    return Rig(hub)


@pytest.fixture
def cashier_cfg(tmp_path):  # noqa: ARG001
    from app.config import SIMULATED_DEVICES, TerminalConfig

    return TerminalConfig(role="cashier", terminal="MA-T1", language="en",
                          devices={k: dict(v) for k, v in SIMULATED_DEVICES.items()})


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
def drain(qtbot):
    """``drain(role)``: the barrier of :func:`_drain` for one test."""
    return lambda role: _drain(qtbot, role)
