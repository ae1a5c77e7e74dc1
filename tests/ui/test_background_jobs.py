"""The till runs the scheduled jobs (app.jobs) by itself, off the GUI thread."""

from __future__ import annotations

import threading
from datetime import timedelta

from app import ledger
from app.clock import utcnow
from app.db import write_tx
from ui.background_jobs import BackgroundJobs, on_terminal


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
        result = done.args[0][0]
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
    from app.models import Setting

    role = make_role()
    due_lot(25)
    qtbot.waitUntil(lambda: role.session.till is not None, timeout=10_000)
    with write_tx():  # this till is the designated one
        Setting.create(key="jobs_terminal", value=role.session.till.terminal_code)
    with qtbot.waitSignal(role.jobs.finished, timeout=10_000) as done:
        role.jobs.run_now()  # as the timer would
    assert [r.count for r in done.args[0]] == [25, 0, 0]  # points, notices, face templates
    assert ledger.entries_balance(ledger.breakage_account()) == 25


def test_only_the_designated_till_runs_the_jobs(qtbot, seeded_url):
    """The coalition setting ``jobs_terminal`` names the one till that runs them."""
    from app.models import Setting, Terminal

    due_lot(40)
    codes = [t.code for t in Terminal.select().order_by(Terminal.id)]
    with write_tx():
        Setting.create(key="jobs_terminal", value=codes[1])
    for code, expired in ((codes[0], 0), (codes[1], 40)):
        jobs = BackgroundJobs(on_terminal(lambda code=code: code), first_ms=0,
                              interval_ms=60_000)
        try:
            with qtbot.waitSignal(jobs.finished, timeout=10_000) as done:
                jobs.start()
            assert sum(r.count for r in done.args[0] if r.name == "expire_points") == expired
        finally:
            jobs.stop()
    assert ledger.entries_balance(ledger.breakage_account()) == 40
