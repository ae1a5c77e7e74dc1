"""The cart journal: the open cart written to a file on every change, restored on start.

A write is atomic (temporary file, fsync, ``os.replace``, fsync of the folder), so after a
crash or a power cut the file holds either the previous cart or the new one, never half of
one. Writes happen on a small writer thread (the GUI thread only serialises the cart to
bytes); when several changes arrive faster than the disk, only the newest is written.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

VERSION = 1


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class CartJournal:
    """One terminal's open cart on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._cond = threading.Condition()
        self._pending: bytes | None = None
        self._writing = False
        self._closed = False
        self.last_error: str = ""
        self.writes = 0
        self._thread = threading.Thread(target=self._loop, name="cart-journal", daemon=True)
        self._thread.start()

    # -- reading ---------------------------------------------------------------------------
    def load(self) -> dict[str, Any] | None:
        """The journalled state, or None. A damaged file is kept aside, never deleted."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot read the cart journal %s: %s", self.path, exc)
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("version") != VERSION:
                raise ValueError("unknown journal format")
            return data
        except (ValueError, UnicodeDecodeError) as exc:
            aside = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
            log.warning("cart journal %s is damaged (%s); kept as %s", self.path, exc, aside)
            try:
                os.replace(self.path, aside)
            except OSError:
                pass
            return None

    # -- writing ---------------------------------------------------------------------------
    def save(self, state: dict[str, Any]) -> None:
        """Queue ``state`` for writing (newest wins). Returns at once."""
        payload = json.dumps({"version": VERSION, **state}, ensure_ascii=False,
                             separators=(",", ":")).encode("utf-8")
        with self._cond:
            if self._closed:
                atomic_write(self.path, payload)
                return
            self._pending = payload
            self._cond.notify_all()

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Wait until everything queued is on disk."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._pending is not None or self._writing:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout_s: float = 5.0) -> None:
        self.flush(timeout_s)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout_s)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._pending is None and self._closed:
                    return
                payload, self._pending = self._pending, None
                self._writing = True
            try:
                atomic_write(self.path, payload)
                self.last_error = ""
                self.writes += 1
            except OSError as exc:  # reported in the window; the next change retries
                self.last_error = str(exc)
                log.error("cannot write the cart journal %s: %s", self.path, exc)
            finally:
                with self._cond:
                    self._writing = False
                    self._cond.notify_all()
