"""The receipt printer: a print queue on the printer's own thread.

``submit(job)`` returns at once. Jobs print one at a time, in submission order. Before
each job the printer's real-time status is asked where the transport allows (DLE EOT):

* unreachable (write error, timeout, no answer, unplugged) -> status ``disconnected``,
  the connection is reopened with backoff;
* paper out / cover open -> status ``error`` with the reason;

and in both cases the job at the head of the queue *waits* and is retried — nothing is
dropped and nothing overtakes it. A job counts as printed once all its bytes were
accepted by the transport; its ``job_id`` is then remembered and the job is never printed
again (the caller may add a persistent ``already_printed(job_id) -> bool`` check, called
on the printer thread). A job that cannot be printed at all (malformed) is reported
through ``job_failed`` and dropped.

``PdfPrinter`` is the same queue writing one PDF per job into a folder: the stand-in where
no printer is configured.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from hardware.device import Device, DeviceStatus, DeviceUnavailable
from hardware.printer.job import DEFAULT_PAPER_MM, PAPER_COLUMNS, JobError, validate_job
from hardware.printer.transports.base import PrinterState, Transport

log = logging.getLogger(__name__)

_REMEMBER_PRINTED = 10_000


class ReceiptPrinter(Device):
    job_printed = Signal(str)  # job_id
    job_failed = Signal(str, str)  # job_id, reason (the job was dropped)
    job_skipped = Signal(str, str)  # job_id, reason (already printed / already queued)
    queue_changed = Signal(int)  # jobs waiting (including the one printing)

    def __init__(
        self,
        transport: Transport | None,
        *,
        name: str = "printer",
        paper_mm: int = DEFAULT_PAPER_MM,
        profile: str | None = None,
        already_printed: Callable[[str], bool] | None = None,
        status_interval_s: float = 2.0,
        retry_interval_s: float = 0.5,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            name, backoff_initial_s=backoff_initial_s, backoff_max_s=backoff_max_s, parent=parent
        )
        if paper_mm not in PAPER_COLUMNS:
            raise ValueError(f"paper_mm must be one of {sorted(PAPER_COLUMNS)}")
        self.transport = transport
        self.paper_mm = paper_mm
        self.profile = profile
        self._already_printed = already_printed
        self._status_interval = status_interval_s
        self._retry_interval = retry_interval_s
        self._cond = threading.Condition()
        self._queue: deque[dict[str, Any]] = deque()
        self._queued_ids: set[str] = set()
        self._printed: OrderedDict[str, None] = OrderedDict()
        self._expiry: dict[str, float] = {}  # job_id -> monotonic deadline (drawer kicks)
        self._next_status_at = 0.0
        self._state: PrinterState | None = None

    # -- public API (any thread, normally the GUI thread) ----------------------------------
    def submit(self, job: dict[str, Any]) -> None:
        """Queue a job; never blocks. A malformed job is reported via ``job_failed`` and a
        duplicate ``job_id`` via ``job_skipped`` (both may be emitted before this returns)."""
        try:
            norm = validate_job(job, paper_mm=self.paper_mm)
        except JobError as exc:
            job_id = job.get("job_id") if isinstance(job, dict) else None
            self.job_failed.emit(job_id if isinstance(job_id, str) else "", str(exc))
            return
        job_id = norm["job_id"]
        with self._cond:
            if job_id in self._printed:
                reason = "already printed"
            elif job_id in self._queued_ids:
                reason = "already queued"
            else:
                reason = ""
                self._queue.append(norm)
                self._queued_ids.add(job_id)
                waiting = len(self._queue)
                self._cond.notify_all()
        if reason:
            log.info("printer %s: job %s skipped: %s", self.name, job_id, reason)
            self.job_skipped.emit(job_id, reason)
        else:
            self.queue_changed.emit(waiting)

    def drawer_kick(self, pin: int = 2, *, timeout_s: float = 5.0) -> str:
        """Open the cash drawer (through the printer, in queue order). Returns the job id.

        Unlike a receipt, a drawer kick does not wait for an offline printer: if it cannot
        be sent within ``timeout_s`` it fails (``job_failed``) rather than springing the
        drawer open minutes later."""
        job_id = f"drawer-{uuid.uuid4().hex}"
        with self._cond:
            self._expiry[job_id] = time.monotonic() + timeout_s
        self.submit({"job_id": job_id, "ops": [{"op": "drawer", "pin": pin}]})
        return job_id

    def pending_jobs(self) -> list[str]:
        with self._cond:
            return [j["job_id"] for j in self._queue]

    def was_printed(self, job_id: str) -> bool:
        with self._cond:
            return job_id in self._printed

    @property
    def printer_state(self) -> PrinterState | None:
        """The last real-time status read (None where the transport cannot tell)."""
        return self._state

    # -- device thread ---------------------------------------------------------------------
    def _open(self) -> None:
        assert self.transport is not None
        self.transport.open()
        self._next_status_at = 0.0  # ask at once: paper out should show before a job

    def _close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def _wake(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def _poll(self) -> None:
        with self._cond:
            if not self._queue:
                self._cond.wait(0.2)
            job = self._queue[0] if self._queue else None
        now = time.monotonic()
        if job is None:
            if now >= self._next_status_at:
                self._refresh_state(now)
            return
        job_id = job["job_id"]
        if self._expired(job_id, now):
            self._finish(job_id, printed=False)
            log.warning("printer %s: %s not sent in time, dropped", self.name, job_id)
            self.job_failed.emit(job_id, "printer not ready in time")
            return
        done = self._done_before(job)
        if done is None:  # cannot tell (the caller's check failed): wait, ask again
            self._stop.wait(self._retry_interval)
            return
        if done:
            self._finish(job_id)
            self.job_skipped.emit(job_id, "already printed")
            return
        if not self._refresh_state(now):
            self._stop.wait(min(self._retry_interval, 0.2))
            return
        try:
            prepared = self._prepare(job)
        except Exception as exc:  # a job that cannot be rendered must not wedge the queue
            if not isinstance(exc, JobError):
                log.exception("printer %s: rendering job %s failed", self.name, job_id)
            self._finish(job_id, printed=False)
            log.warning("printer %s: job %s failed: %s", self.name, job_id, exc)
            self.job_failed.emit(job_id, str(exc) or type(exc).__name__)
            return
        self._output(job, prepared)  # OSError -> disconnected; the job stays at the head
        self._finish(job_id)
        log.info("printer %s: printed %s", self.name, job_id)
        self.job_printed.emit(job_id)

    def _expired(self, job_id: str, now: float) -> bool:
        with self._cond:
            deadline = self._expiry.get(job_id)
        return deadline is not None and now > deadline

    def _finish(self, job_id: str, *, printed: bool = True) -> None:
        with self._cond:
            self._expiry.pop(job_id, None)
            if self._queue and self._queue[0]["job_id"] == job_id:
                self._queue.popleft()
            self._queued_ids.discard(job_id)
            if printed:
                self._printed[job_id] = None
                while len(self._printed) > _REMEMBER_PRINTED:
                    self._printed.popitem(last=False)
            waiting = len(self._queue)
        self.queue_changed.emit(waiting)

    def _done_before(self, job: dict[str, Any]) -> bool | None:
        job_id = job["job_id"]
        with self._cond:
            if job_id in self._printed:
                return True
        if self._already_printed is None:
            return False
        try:
            return bool(self._already_printed(job_id))
        except Exception as exc:
            log.exception("printer %s: already_printed(%s) failed", self.name, job_id)
            self._set_status(DeviceStatus.ERROR, f"cannot check job {job_id}: {exc}")
            return None

    def _refresh_state(self, now: float) -> bool:
        """Ask the printer how it is; True if it can print. Raises OSError if unreachable."""
        self._next_status_at = now + self._status_interval
        state = self._query_state()
        self._state = state
        if state is None or state.ready:
            self._set_status(DeviceStatus.CONNECTED, state.describe() if state else "")
            return True
        if not state.online and not (state.paper_out or state.cover_open or state.error):
            self._set_status(DeviceStatus.DISCONNECTED, state.describe())
        else:
            self._set_status(DeviceStatus.ERROR, state.describe())
        self._next_status_at = now + self._retry_interval
        return False

    # -- what differs between real printers and the PDF stand-in ---------------------------
    def _query_state(self) -> PrinterState | None:
        assert self.transport is not None
        return self.transport.query_status()

    def _prepare(self, job: dict[str, Any]) -> Any:
        from hardware.printer.escpos_render import render_job

        return render_job(job, paper_mm=self.paper_mm, profile=self.profile)

    def _output(self, job: dict[str, Any], prepared: Any) -> None:
        assert self.transport is not None
        self.transport.write(prepared)


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class PdfPrinter(ReceiptPrinter):
    """Writes each job to ``<folder>/<job_id>.pdf``. An existing file counts as printed."""

    pdf_written = Signal(str, str)  # job_id, path

    def __init__(
        self,
        folder: str | Path,
        *,
        name: str = "pdf-printer",
        paper_mm: int = DEFAULT_PAPER_MM,
        already_printed: Callable[[str], bool] | None = None,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            None,
            name=name,
            paper_mm=paper_mm,
            already_printed=already_printed,
            backoff_initial_s=backoff_initial_s,
            backoff_max_s=backoff_max_s,
            parent=parent,
        )
        self.folder = Path(folder)

    def path_for(self, job_id: str) -> Path:
        safe = _SAFE_NAME.sub("_", job_id).strip("._") or "job"
        if safe != job_id:
            safe = f"{safe}-{uuid.uuid5(uuid.NAMESPACE_URL, job_id).hex[:8]}"
        return self.folder / f"{safe}.pdf"

    def _open(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DeviceUnavailable(f"PDF folder {self.folder}: {exc.strerror or exc}") from exc
        if not self.folder.is_dir():
            raise DeviceUnavailable(f"PDF folder {self.folder} is not a folder")
        self._next_status_at = 0.0

    def _close(self) -> None:
        pass

    def _query_state(self) -> PrinterState | None:
        if not self.folder.is_dir():
            raise DeviceUnavailable(f"PDF folder {self.folder} disappeared")
        return None

    def _done_before(self, job: dict[str, Any]) -> bool | None:
        if self.path_for(job["job_id"]).exists():
            return True
        return super()._done_before(job)

    def _prepare(self, job: dict[str, Any]) -> Any:
        if all(op["op"] == "drawer" for op in job["ops"]):
            return None  # nothing to put on paper
        from hardware.printer.pdf_render import render_job_pdf_bytes

        return render_job_pdf_bytes(job, paper_mm=self.paper_mm)

    def _output(self, job: dict[str, Any], prepared: Any) -> None:
        if prepared is None:
            log.info("pdf printer: drawer kick for %s (no drawer attached)", job["job_id"])
            return
        from hardware.printer.pdf_render import write_atomically

        path = write_atomically(self.path_for(job["job_id"]), prepared)
        self.pdf_written.emit(job["job_id"], str(path))
