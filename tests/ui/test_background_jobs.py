"""The till runs the scheduled jobs (app.jobs) by itself, off the GUI thread."""

from __future__ import annotations

import threading
from datetime import timedelta

from app import ledger
from app.clock import utcnow
from app.db import write_tx
from ui.background_jobs import BackgroundJobs


def due_lot(points: int = 40) -> None:
    from app.members import identify
    from app.models import Merchant

    with write_tx():
        ledger.award(ledger.member_account(identify("13800138000")),
                     Merchant.get(Merchant.code == "MA"), points, key="adjust:due-lot",
                     reason="test", source="adjustment",
                     expires_at=utcnow() - timedelta(minutes=1))


def test_the_runner_expires_due_points_on_its_own_thread(qtbot, seeded_url):
    due_lot(40)
    threads = []

    def run():
        from app.jobs import run_due

        threads.append(threading.current_thread())
        return run_due()

    jobs = BackgroundJobs(run, first_ms=0, interval_ms=60_000)
    try:
        with qtbot.waitSignal(jobs.finished, timeout=10_000) as done:
            jobs.start()
        [result] = done.args[0]
        assert (result.name, result.ran, result.count) == ("expire_points", True, 40)
        assert threads and threads[0] is not threading.main_thread()
        assert ledger.entries_balance(ledger.breakage_account()) == 40
    finally:
        jobs.stop()


def test_a_tick_during_a_run_is_skipped_not_queued(qtbot, seeded_url):
    release = threading.Event()
    calls = []

    def slow_run():
        calls.append(1)
        release.wait(10)
        return []

    jobs = BackgroundJobs(slow_run, first_ms=0, interval_ms=60_000)
    try:
        jobs.start()
        qtbot.waitUntil(lambda: calls == [1], timeout=5000)
        jobs.run_now()
        jobs.run_now()
        with qtbot.waitSignal(jobs.finished, timeout=5000):
            release.set()
        jobs.run_now()  # idle again: this one runs
        qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    finally:
        release.set()
        jobs.stop()
    assert len(calls) == 2


def test_the_till_schedules_the_jobs(make_role, qtbot):
    role = make_role()
    due_lot(25)
    with qtbot.waitSignal(role.jobs.finished, timeout=10_000) as done:
        role.jobs.run_now()  # as the timer would
    assert [r.count for r in done.args[0]] == [25]
    assert ledger.entries_balance(ledger.breakage_account()) == 25
