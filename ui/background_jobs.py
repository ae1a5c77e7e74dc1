"""The till's scheduled jobs (app.jobs.run_due), run at start-up and now and then on their own
worker thread — on the one designated till (``on_terminal``).

The jobs get their own OpRunner, hence their own thread and database connection: an expiry run
never queues in front of the cashier's scans, and a slow one never freezes the window. A tick
that finds the previous run still going is skipped rather than queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ui.ops import DEFAULT_TIMEOUT_S, OpRunner

log = logging.getLogger(__name__)

FIRST_RUN_MS = 60_000  # a minute after the till opens, once start-up traffic has settled
INTERVAL_MS = 15 * 60_000  # points expire by the day; a quarter of an hour is plenty


def _run_due() -> Any:
    from app.jobs import run_due

    return run_due()


def on_terminal(code: Callable[[], str]) -> Callable[[], Any]:
    """The till's run: the jobs run only when this till is the designated one (coalition
    setting ``jobs_terminal``, app.loyalty.expiry.runs_on); ``code`` gives the till's terminal
    code once it is open ("" before: nothing runs)."""

    def run() -> Any:
        from app.jobs import run_on_terminal

        terminal = code()
        return run_on_terminal(terminal) if terminal else []

    return run


class BackgroundJobs(QObject):
    finished = Signal(object)  # list[app.jobs.JobResult]
    failed = Signal(object)  # the exception

    def __init__(self, run: Callable[[], Any] = _run_due, *, first_ms: int = FIRST_RUN_MS,
                 interval_ms: int = INTERVAL_MS, parent: QObject | None = None,
                 name: str = "jobs", timeout_s: float | None = DEFAULT_TIMEOUT_S) -> None:
        super().__init__(parent)
        self._run = run
        self._name = name
        self._timeout_s = timeout_s
        self._first_ms = first_ms
        self._runner: OpRunner | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_now)

    def start(self) -> None:
        if self._runner is None:  # the thread exists only while the jobs are scheduled
            self._runner = OpRunner(self._name, self, timeout_s=self._timeout_s)
        QTimer.singleShot(self._first_ms, self, self.run_now)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._runner is not None:
            self._runner.shutdown()
            self._runner = None

    def run_now(self) -> None:
        if self._runner is None or self._runner.pending:
            return
        self._runner.submit(self._run, self.finished.emit, self._failed)

    def _failed(self, exc: BaseException) -> None:
        # The database may be away; the next tick tries again. Nothing is half-done: every
        # step of a job is its own transaction.
        log.warning("scheduled jobs failed: %s", exc)
        self.failed.emit(exc)
