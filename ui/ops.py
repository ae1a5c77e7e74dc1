"""Running domain operations off the GUI thread.

Every database call from a window goes through an :class:`OpRunner`: one worker thread per
runner executes operations in order (so a till's writes never race each other), and the
result or error comes back on the GUI thread through a queued signal. A stalled PostgreSQL
round trip therefore never freezes the window.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class OpRunner(QObject):
    _finished = Signal(object, object, object)  # callback, value, is_error
    busy_changed = Signal(bool)

    def __init__(self, name: str = "db", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue = queue.Queue()
        self._pending = 0
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._loop, name=f"ops-{name}", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], Any], on_done: Done | None = None,
               on_error: Failed | None = None) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._queue.put((fn, on_done, on_error))

    @property
    def pending(self) -> int:
        return self._pending

    def shutdown(self, timeout_s: float = 5.0) -> None:
        self._queue.put(None)
        self._thread.join(timeout_s)

    def _loop(self) -> None:
        from app.db import database  # the worker owns its own connection

        while (item := self._queue.get()) is not None:
            fn, on_done, on_error = item
            try:
                value = fn()
            except BaseException as exc:  # delivered to the GUI, never lost
                if not isinstance(exc, Exception):
                    raise
                log.debug("operation failed", exc_info=True)
                self._finished.emit(on_error, exc, True)
            else:
                self._finished.emit(on_done, value, False)
        if database.obj is not None and not database.is_closed():
            database.close()

    def _deliver(self, callback: Done | Failed | None, value: Any, is_error: bool) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if callback is not None:
            callback(value)
        elif is_error:
            log.error("unhandled operation error: %s", value)
