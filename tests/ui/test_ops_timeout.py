"""The worker never leaves a window waiting: a stalled operation is reported as a timeout
(an outage), and a refusal or a lost race is not mistaken for one."""

from __future__ import annotations

import threading

import peewee as pw

from app.db import classify
from ui.errors import is_database_down
from ui.ops import OperationTimeout, OpRunner


def test_a_stalled_operation_is_reported_as_a_timeout_and_the_runner_goes_on(qtbot):
    runner = OpRunner("test", timeout_s=0.3)
    release = threading.Event()
    done, failed, late, busy = [], [], [], []
    runner.busy_changed.connect(busy.append)
    runner.submit(lambda: release.wait(30) and "late", late.append, failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert isinstance(failed[0], OperationTimeout) and isinstance(failed[0], TimeoutError)
    assert classify(failed[0]) == "unreachable" and is_database_down(failed[0])
    assert runner.pending == 0 and busy == [True, False]
    release.set()  # the stalled call returns after all: its result is dropped, not delivered
    runner.submit(lambda: "next", done.append, failed.append)
    qtbot.waitUntil(lambda: done == ["next"], timeout=5000)
    assert late == [] and len(failed) == 1
    runner.shutdown()


def test_an_operation_that_returns_in_time_is_delivered_once(qtbot):
    runner = OpRunner("test", timeout_s=0.2)
    done, failed = [], []
    runner.submit(lambda: 42, done.append, failed.append)
    qtbot.waitUntil(lambda: done == [42], timeout=5000)
    # its timer still fires later; it must find nothing to report
    with qtbot.assertNotEmitted(runner.busy_changed, wait=400):
        pass
    assert failed == [] and runner.pending == 0
    runner.shutdown()


def test_only_an_outage_turns_the_till_offline():
    assert not is_database_down(pw.IntegrityError("UNIQUE constraint failed: sale.client_uuid"))
    assert not is_database_down(pw.IntegrityError("sale is immutable"))
    assert not is_database_down(pw.OperationalError("no such table: sale"))
    assert is_database_down(pw.InterfaceError("connection already closed"))
    assert is_database_down(pw.OperationalError("server closed the connection unexpectedly"))
