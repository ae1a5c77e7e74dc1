"""Running domain operations off the GUI thread.

Every database call from a window goes through an :class:`OpRunner`: one worker thread per
runner executes operations in order (so a till's writes never race each other), and the
result or error comes back on the GUI thread through a queued signal. A stalled PostgreSQL
round trip therefore never freezes the window — and never leaves it waiting either: an
operation that has not returned within ``timeout_s`` is reported to its caller as an
:class:`OperationTimeout` (an outage, so the till shows OFFLINE and keeps the cart). If the
stalled call returns later its result is logged and dropped; a retried sale carries the same
client key, so the domain replays what did commit instead of selling twice.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]

# Longer than one statement may take (app.db: 10 s statement timeout, 5 s connect timeout),
# short enough that a cashier is told the database is not answering before they give up.
DEFAULT_TIMEOUT_S = 20.0


class OperationTimeout(TimeoutError):
    """An operation did not return in time: the database (or the network to it) stalled."""


class OpRunner(QObject):
    _finished = Signal(object, object, object)  # operation id, value, is_error
    busy_changed = Signal(bool)

    def __init__(self, name: str = "db", parent: QObject | None = None, *,
                 timeout_s: float | None = DEFAULT_TIMEOUT_S) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self._queue: queue.Queue = queue.Queue()
        self._waiting: dict[int, tuple[Done | None, Failed | None]] = {}
        self._ids = itertools.count(1)
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._loop, name=f"ops-{name}", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], Any], on_done: Done | None = None,
               on_error: Failed | None = None) -> None:
        """Queue ``fn``; exactly one of ``on_done`` / ``on_error`` runs on the GUI thread."""
        op = next(self._ids)
        self._waiting[op] = (on_done, on_error)
        if len(self._waiting) == 1:
            self.busy_changed.emit(True)
        if self.timeout_s is not None:
            QTimer.singleShot(int(self.timeout_s * 1000), self, lambda: self._expire(op))
        self._queue.put((op, fn))

    @property
    def pending(self) -> int:
        return len(self._waiting)

    def shutdown(self, timeout_s: float = 5.0) -> None:
        # Whoever waits for an answer is closing too: no timeout is reported to them later.
        self._waiting.clear()
        self._queue.put(None)
        self._thread.join(timeout_s)

    def _loop(self) -> None:
        from app.db import database  # the worker owns its own connection

        while (item := self._queue.get()) is not None:
            op, fn = item
            try:
                value = fn()
            except BaseException as exc:  # delivered to the GUI, never lost
                if not isinstance(exc, Exception):
                    raise
                log.debug("operation failed", exc_info=True)
                self._finished.emit(op, exc, True)
            else:
                self._finished.emit(op, value, False)
        if database.obj is not None and not database.is_closed():
            database.close()

    def _take(self, op: int) -> tuple[Done | None, Failed | None] | None:
        callbacks = self._waiting.pop(op, None)
        if callbacks is not None and not self._waiting:
            self.busy_changed.emit(False)
        return callbacks

    def _expire(self, op: int) -> None:
        callbacks = self._take(op)
        if callbacks is None:
            return  # it returned in time
        log.warning("operation %d did not return within %.0f s", op, self.timeout_s or 0)
        on_error = callbacks[1]
        exc = OperationTimeout(f"no answer within {self.timeout_s:g} s")
        if on_error is not None:
            _call(on_error, exc)
        else:
            log.error("unhandled operation error: %s", exc)

    def _deliver(self, op: int, value: Any, is_error: bool) -> None:
        callbacks = self._take(op)
        if callbacks is None:  # already reported as timed out; the caller has moved on
            log.warning("operation %d returned after its timeout (%s); result dropped",
                        op, "error" if is_error else "success")
            return
        callback = callbacks[1] if is_error else callbacks[0]
        if callback is not None:
            _call(callback, value)
        elif is_error:
            log.error("unhandled operation error: %s", value)


def _call(callback: Callable[[Any], None], value: Any) -> None:
    """Run a caller's callback. One whose widget was closed and deleted meanwhile (a page left,
    a window shut) is dropped: there is nobody left to tell."""
    try:
        callback(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.debug("operation result for a deleted widget dropped: %s", exc)
