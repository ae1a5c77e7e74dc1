"""Long back-office work (a catalogue import, a report over a year) on its own thread, with
progress and a cancel: the window stays responsive and the page's runner stays free for
quick look-ups. The work has no time limit; it ends by itself, by an error, or by a cancel the
work itself honours (it checks ``cancelled()`` between batches)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

# fn(progress(stage, done, total), cancelled() -> bool) -> result
Work = Callable[[Callable[[str, int, int], None], Callable[[], bool]], Any]


class BackgroundTask(QObject):
    """One piece of work at a time. Signals arrive on the GUI thread (queued)."""

    progressed = Signal(str, int, int)  # stage, done, total
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Work) -> None:
        if self.running:
            raise RuntimeError("a task is already running")
        self._cancel.clear()
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True,
                                        name="backoffice-task")
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout_s: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _report(self, stage: str, done: int, total: int) -> None:
        self._emit(self.progressed, stage, done, total)

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the page was closed (signed out) while the work ran
            self._cancel.set()

    def _run(self, work: Work) -> None:
        from app.db import database  # this thread's own connection, closed when done

        try:
            result = work(self._report, self._cancel.is_set)
        except Exception as exc:  # delivered to the page, never lost
            log.debug("background task failed", exc_info=True)
            self._emit(self.failed, exc)
        else:
            self._emit(self.finished, result)
        finally:
            if database.obj is not None and not database.is_closed():
                database.close()
