"""The terminal's devices, built from the config's [devices.*] tables, as one hub of signals.

Windows connect to the hub, never to drivers: a scan is a scan whether it came from a
keyboard-wedge scanner, a serial scanner or the camera.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ui.print_spool import PrintSpool

log = logging.getLogger(__name__)


class WedgeTyper:
    """Simulates a keyboard-wedge scanner or card reader: types a burst of keys, fast, into
    whatever has focus — exactly what the real device does."""

    def type_scan(self, text: str) -> None:
        app = QApplication.instance()
        target = app.focusWidget() or app.activeWindow() or app
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))

    swipe = type_scan


class DeviceHub(QObject):
    scanned = Signal(str)
    card_read = Signal(object)  # hardware.cardreader CardRead: .kind, .number, .last4
    weight = Signal(int, bool)  # grams, stable
    stable_weight = Signal(int)
    status_changed = Signal(str, str, str)  # device name, status, detail
    printed = Signal(str)
    print_failed = Signal(str, str)
    # the kiosk's card dispenser (hardware.dispenser): request id, card number / reason
    card_presented = Signal(str, str)
    card_issued = Signal(str, str)
    card_retracted = Signal(str, str)
    dispense_failed = Signal(str, str)
    card_returned = Signal(str)

    def __init__(self, devices: dict[str, dict[str, Any]], *, data_dir: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = devices
        self.devices: dict[str, Any] = {}
        self.simulators: dict[str, Any] = {}
        self.errors: dict[str, str] = {}
        self.last_scan = ""
        self.last_card: object | None = None  # a CardRead (payment cards carry no number)
        self.last_weight: tuple[int, bool] | None = None
        self.wedge = None
        self.printer = None
        self.dispenser = None
        self.spool = PrintSpool(data_dir / "spool")
        self._spool_writer: ThreadPoolExecutor | None = None
        self._receipt_dir = data_dir / "receipts"
        for name, cfg in devices.items():
            try:
                self._build(name, dict(cfg))
            except (ValueError, KeyError, OSError, TypeError) as exc:
                # a broken device table must not stop the till: report it, sell without it
                self.errors[name] = f"not configured: {exc}"
                log.warning("device %s: %s", name, exc)

    # -- construction ----------------------------------------------------------------------
    def _shared_wedge(self, cfg: dict[str, Any]):  # type: ignore[no-untyped-def]
        if self.wedge is None:
            from hardware.wedge import make_wedge

            wedge_cfg = {k: v for k, v in cfg.items() if k not in ("kind", "member_ranges")}
            self.wedge = make_wedge(wedge_cfg)
            self.wedge.scanned.connect(self._on_scan)
            self.simulators.setdefault("scanner", WedgeTyper())
        return self.wedge

    def _build(self, name: str, cfg: dict[str, Any]) -> None:
        kind = cfg.get("kind", "")
        if name == "scanner":
            if kind == "wedge":
                self._shared_wedge(cfg)
                return
            if kind == "camera":
                from hardware.barcode.camera_scanner import CameraScanner
                from hardware.camera.factory import make_camera

                camera = make_camera(cfg["camera"])
                decoder = CameraScanner(symbologies=cfg.get("symbologies"))
                decoder.attach(camera)
                decoder.scanned.connect(lambda text, _sym: self._on_scan(text))
                self._add("camera-scanner", camera)
                self._add(name, decoder)
                return
            from hardware.scanner_serial import make_serial_scanner

            device = make_serial_scanner(cfg)
            device.scanned.connect(self._on_scan)
            self._add(name, device)
        elif name == "scale":
            from hardware.scale.factory import make_scale

            device = make_scale(cfg)
            device.weight_changed.connect(self._on_weight)
            device.stable_weight.connect(self.stable_weight)
            self._add(name, device)
        elif name == "printer":
            from hardware.printer.factory import make_printer

            if kind == "pdf":
                cfg.setdefault("folder", str(self._receipt_dir))
            device = make_printer(cfg, already_printed=self.spool.was_printed)
            device.job_printed.connect(self._on_printed)
            device.job_failed.connect(self.print_failed)
            device.job_skipped.connect(
                lambda job_id, reason: reason == "already printed" and self._on_printed(job_id))
            self.printer = device
            self._add(name, device)
        elif name == "card_reader":
            from hardware.cardreader.factory import make_card_reader

            wedge = self._shared_wedge({}) if kind == "wedge" else None
            if wedge is not None:
                self.simulators["card_reader"] = WedgeTyper()
            device = make_card_reader(cfg, wedge=wedge)
            device.card_read.connect(self._on_card)
            self._add(name, device)
        elif name == "card_dispenser":
            from hardware.dispenser import make_card_dispenser

            device = make_card_dispenser(cfg)
            for signal in ("card_presented", "card_issued", "card_retracted", "dispense_failed",
                           "card_returned"):
                getattr(device, signal).connect(getattr(self, signal))
            self.dispenser = device
            self._add(name, device)
        elif name == "camera":
            from hardware.camera.factory import make_camera

            self._add(name, make_camera(cfg))
        else:
            raise ValueError(f"unknown device {name!r}")

    def _add(self, name: str, device: Any) -> None:
        self.devices[name] = device
        sim = getattr(device, "simulator", None)
        if sim is not None:
            self.simulators[name] = sim
        device.status_changed.connect(
            lambda status, detail, n=name: self.status_changed.emit(n, status, detail))

    # -- signals in ------------------------------------------------------------------------
    def _on_scan(self, text: str) -> None:
        self.last_scan = text
        self.scanned.emit(text)

    def _on_card(self, card: object) -> None:
        self.last_card = card
        self.card_read.emit(card)

    def _on_weight(self, grams: int, stable: bool, _flags: str) -> None:
        self.last_weight = (grams, stable)
        self.weight.emit(grams, stable)

    def _on_printed(self, job_id: str) -> None:
        self._spool_io(self.spool.mark_printed, job_id)
        self.printed.emit(job_id)

    # -- control ---------------------------------------------------------------------------
    def start(self) -> None:
        if self.wedge is not None:
            self.wedge.start(QCoreApplication.instance())
        for device in self.devices.values():
            device.start()
        if self.printer is not None:
            for job in self.spool.pending():
                self.printer.submit(job)

    def stop(self) -> None:
        for device in self.devices.values():
            device.stop()
        if self.wedge is not None:
            self.wedge.stop()
        if self._spool_writer is not None:
            self._spool_writer.shutdown(wait=True)
            self._spool_writer = None

    def submit_print(self, job: dict[str, Any]) -> bool:
        """Queue a print job (spooled to disk first). False when no printer is configured."""
        if self.printer is None:
            return False
        if self.spool.was_printed(job["job_id"]):
            return True
        self._spool_io(self._spool_then_print, job)
        return True

    def _spool_io(self, fn: Any, *args: Any) -> None:
        """Spool files are fsynced: that disk work runs on one thread of its own, in order,
        never on the GUI thread."""
        if self._spool_writer is None:
            self._spool_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="print-spool")
        self._spool_writer.submit(fn, *args)

    def _spool_then_print(self, job: dict[str, Any]) -> None:
        """On the spool thread: the job is on disk before it is queued, so a crash between
        commit and print leaves it to print at the next start."""
        try:
            self.spool.save(job)
        except OSError:
            log.exception("could not spool print job %s; printing it anyway", job.get("job_id"))
        self.printer.submit(job)

    def kick_drawer(self) -> str:
        """Open the cash drawer; returns the kick's job id ('' without a printer)."""
        if self.printer is None:
            return ""
        return self.printer.drawer_kick()

    def statuses(self) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {n: ("error", e) for n, e in self.errors.items()}
        if self.wedge is not None and "scanner" not in self.devices:
            out["scanner"] = ("connected", "")  # the type is in the settings
        for name, device in self.devices.items():
            out[name] = (device.status.value, device.status_detail)
        return out

    def report(self, timeout_s: float = 5.0) -> list[tuple[str, bool, str]]:
        """Wait (processing events) until every device is connected or the time is up."""
        deadline = time.monotonic() + timeout_s
        app = QCoreApplication.instance()
        while time.monotonic() < deadline:
            if all(s == "connected" for s, _ in self.statuses().values()):
                break
            app.processEvents()
            time.sleep(0.02)
        rows = []
        for name, (status, detail) in sorted(self.statuses().items()):
            kind = self.config.get(name, {}).get("kind", "?")
            rows.append((name, status == "connected", f"{kind}: {status} {detail}".strip()))
        return rows


def make_hub(cfg: Any, state: Path | None = None) -> QObject:
    """The terminal's device hub; a hub without devices (and the reason) if it cannot be
    built, so the window still works without them (a till sells from typed codes, search
    and tiles). ``cfg`` is the terminal's app.config.TerminalConfig."""
    from app.config import data_dir
    from ui.null_hub import NullHub

    try:
        return DeviceHub(cfg.devices, data_dir=state or data_dir())
    except Exception as exc:  # a broken device config must not keep the till shut
        log.exception("devices could not be set up")
        return NullHub(f"devices could not be set up: {exc}")
