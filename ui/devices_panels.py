"""The panels of the Devices screen: one card per configured device, each made of small parts.

Every part reads the :class:`ui.devices.DeviceHub` (or a device object from ``hub.devices``)
and listens to its signals through bound methods only, so a closed screen leaves no
connection behind on the hub, which outlives it.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.privacy import mask_card_numbers
from ui.devices_settings import MASK, labelled_rows

# A driver's status detail that only repeats the device type (shown, translated, as the
# first setting) and would read as untranslated English in Chinese.
REDUNDANT_DETAILS = frozenset({"keyboard wedge"})
TOUCH_MIN_PX = 56  # buttons: comfortably above the 48 px touch minimum
PREVIEW_INTERVAL_MS = 66  # camera preview refresh: at most ~15 times a second
PRINT_WAIT_WARN_MS = 5000  # a test print not done by then: say the printer is holding it

# -- plain helpers (no widgets) ---------------------------------------------------------------

_SECRET_PARTS = frozenset({
    "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey",
    "credential", "credentials", "auth", "authorization", "psk",
})


def is_secret_key(key: str) -> bool:
    """A config key whose value must never be shown ("password", "api_key", "auth_token")."""
    low = key.lower()
    if any(word in low for word in ("password", "secret", "token", "passwd")):
        return True
    return bool(set(re.split(r"[^a-z0-9]+", low)) & _SECRET_PARTS)


def mask_url(text: str) -> str:
    """``rtsp://user:pw@host/x`` -> ``rtsp://user:••••••@host/x``; other text unchanged."""
    if "://" not in text or "@" not in text:
        return text
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    if parts.password is None:
        return text
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username or ''}:{MASK}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return mask_url(value)
    if isinstance(value, list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def settings_values(cfg: dict[str, Any] | None, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """The device's config table flattened to (dotted key, value) rows: secrets are MASK,
    passwords in URLs masked, the other values as configured."""
    for key, value in (cfg or {}).items():
        name = f"{prefix}{key}"
        if is_secret_key(str(key)):
            yield name, MASK
        elif isinstance(value, dict):
            yield from settings_values(value, f"{name}.")
        else:
            yield name, mask_url(value) if isinstance(value, str) else value


def settings_rows(cfg: dict[str, Any] | None, prefix: str = "") -> Iterator[tuple[str, str]]:
    """The device's config table flattened to (key, raw text) rows, secrets masked."""
    for name, value in settings_values(cfg, prefix):
        yield name, value if value == MASK else _value_text(value)


def format_weight(grams: int) -> str:
    """Integer grams as kilograms with three decimals: 1234 -> "1.234 kg"."""
    kg = (Decimal(grams) / 1000).quantize(Decimal("0.001"))
    return f"{kg} kg"


def card_fields(card: Any) -> dict[str, str]:
    """kind / number / last4 / detail of a CardRead (hub.last_card)."""
    if card is None:
        return {}
    fields = {}
    for key in ("kind", "number", "last4", "detail", "source"):
        value = getattr(card, key, None)
        if value is not None:
            fields[key] = getattr(value, "value", value)
    return {k: str(v) for k, v in fields.items()}


# -- shared look ------------------------------------------------------------------------------


def repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def touch_button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setMinimumHeight(TOUCH_MIN_PX)
    button.setMinimumWidth(120)
    return button


def _label(parent: QWidget, name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


class Part(QWidget):
    """A piece of a device panel that retranslates itself when the language changes."""

    wide = False  # needs the panel's full width: the settings go underneath, not beside

    def retranslate(self) -> None:
        """Set every user-visible text. Called once at build time and on LanguageChange."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_connected(self, connected: bool) -> None:
        """The device's status changed (connected or not)."""


# -- status and settings ----------------------------------------------------------------------


class StatusPill(QLabel):
    """"● connected" on green, amber for disconnected, red for error."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPill")
        self.status = "disconnected"
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_status(self, status: str) -> None:
        self.status = status
        self.setProperty("state", status if status in ("connected", "error") else "disconnected")
        self.retranslate()
        repolish(self)

    def retranslate(self) -> None:
        names = {
            "connected": self.tr("connected"),
            "disconnected": self.tr("disconnected"),
            "error": self.tr("error"),
        }
        self.setText("● " + names.get(self.status, self.status))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SettingsView(Part):
    """The device's configuration, read-only, as labelled settings in the UI language
    ("Paper width: 80 mm"), secrets masked. ``labels`` and ``values`` are keyed by the
    config key ("paper_mm", "camera.source")."""

    def __init__(self, cfg: dict[str, Any] | None, parent: QWidget | None = None,
                 device: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.device = device
        self.raw = list(settings_values(cfg))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(2)
        self.heading = _label(self, "settingsHeading")
        form.addRow(self.heading)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key, _label_text, _text in labelled_rows(device, iter(self.raw)):
            name = _label(self, "settingKey")
            value = _label(self, "settingValue", wrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(name, value)
            self.labels[key], self.values[key] = name, value
        self.empty = None
        if not self.raw:
            self.empty = _label(self, "settingValue")
            form.addRow(self.empty)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Settings"))
        for key, label, text in labelled_rows(self.device, iter(self.raw)):
            self.labels[key].setText(label)
            self.values[key].setText(text)
        if self.empty is not None:
            self.empty.setText(self.tr("(no settings in the configuration)"))


# -- printer ----------------------------------------------------------------------------------


def test_print_job(paper_mm: int | None = None) -> dict[str, Any]:
    """A small test receipt with a unique job id: Chinese text, a QR and a cut."""
    job_id = f"test-print-{uuid.uuid4().hex}"
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    job: dict[str, Any] = {
        "job_id": job_id,
        "ops": [
            {"op": "text", "text": "测试打印", "align": "center", "bold": True, "double": True},
            {"op": "text", "text": "TEST PRINT", "align": "center"},
            {"op": "rule"},
            {"op": "row", "left": "时间 Time", "right": stamp},
            {"op": "row", "left": "中文 Chinese", "right": "收银机 ¥12.30"},
            {"op": "qr", "data": job_id, "size": 6, "ec": "M"},
            {"op": "text", "text": job_id, "align": "center"},
            {"op": "feed", "lines": 3},
            {"op": "cut"},
        ],
    }
    if paper_mm is not None:
        job["paper_mm"] = paper_mm
    return job


class PrinterControls(Part):
    """Test print and Open drawer, with the outcome of the last one pressed."""

    def __init__(self, hub: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.last_job_id = ""
        self.drawer_job_id: str | None = None
        self._drawer_pending = False
        self.state = ""  # "", "sending", "waiting", "printed", "failed", "unavailable"
        self.reason = ""
        self.drawer_state = ""
        self.test_print = touch_button(self, "testPrintButton")
        self.open_drawer = touch_button(self, "openDrawerButton")
        self.result = _label(self, "printResult", wrap=True)
        self.drawer_result = _label(self, "drawerResult", wrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_print)
        buttons.addWidget(self.open_drawer)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(buttons)
        box.addWidget(self.result)
        box.addWidget(self.drawer_result)
        self.test_print.clicked.connect(self.submit_test_print)
        self.open_drawer.clicked.connect(self.kick_drawer)
        hub.printed.connect(self._on_printed)
        hub.print_failed.connect(self._on_failed)
        self._waiting = QTimer(self)
        self._waiting.setSingleShot(True)
        self._waiting.setInterval(PRINT_WAIT_WARN_MS)
        self._waiting.timeout.connect(self._still_waiting)
        self.retranslate()

    def submit_test_print(self) -> None:
        paper = getattr(getattr(self.hub, "printer", None), "paper_mm", None)
        job = test_print_job(paper)
        self.last_job_id = job["job_id"]
        self.reason = ""
        if self.hub.submit_print(job):
            self._set_state("sending")
            self._waiting.start()
        else:
            self._set_state("unavailable")

    def kick_drawer(self) -> None:
        if getattr(self.hub, "printer", None) is None:
            self.drawer_state = "unavailable"
            self.retranslate()
            return
        self.drawer_state = "sending"
        self._drawer_pending = True
        self.drawer_job_id = self.hub.kick_drawer()
        self.retranslate()

    def _is_drawer_job(self, job_id: str) -> bool:
        return self._drawer_pending and job_id == self.drawer_job_id

    def _on_printed(self, job_id: str) -> None:
        if job_id and job_id == self.last_job_id:
            self._waiting.stop()
            self._set_state("printed")
        elif self._is_drawer_job(job_id):
            self._drawer_pending = False
            self.drawer_state = "opened"
            self.retranslate()

    def _on_failed(self, job_id: str, reason: str) -> None:
        if job_id and job_id == self.last_job_id:
            self._waiting.stop()
            self.reason = reason
            self._set_state("failed")
        elif self._is_drawer_job(job_id):
            self._drawer_pending = False
            self.drawer_state = "failed"
            self.reason = reason
            self.retranslate()

    def _still_waiting(self) -> None:
        if self.state == "sending":
            self._set_state("waiting")

    def _set_state(self, state: str) -> None:
        self.state = state
        self.result.setProperty("state", {"printed": "ok", "failed": "error",
                                          "unavailable": "error", "waiting": "warn"}.get(state, ""))
        repolish(self.result)
        self.retranslate()

    def set_connected(self, connected: bool) -> None:
        self.open_drawer.setEnabled(True)  # a kick to an offline printer fails by itself

    def retranslate(self) -> None:
        self.test_print.setText(self.tr("Test print"))
        self.open_drawer.setText(self.tr("Open drawer"))
        texts = {
            "": "",
            "sending": self.tr("Sending the test print…"),
            "waiting": self.tr("Waiting for the printer — the test print is queued and prints "
                               "when the printer is ready."),
            "printed": self.tr("printed"),
            "failed": self.tr("failed: {0}").format(self.reason),
            "unavailable": self.tr("No printer is configured."),
        }
        self.result.setText(texts.get(self.state, ""))
        self.result.setVisible(bool(self.result.text()))
        drawer = {
            "": "",
            "sending": self.tr("Opening the drawer…"),
            "opened": self.tr("Drawer kick sent"),
            "failed": self.tr("Drawer did not open: {0}").format(self.reason),
            "unavailable": self.tr("No printer is configured (the drawer opens through it)."),
        }
        self.drawer_result.setText(drawer.get(self.drawer_state, ""))
        self.drawer_result.setVisible(bool(self.drawer_result.text()))


# -- scale ------------------------------------------------------------------------------------


class ScaleControls(Part):
    """The live weight in kg, stable / motion, and Zero / Tare where the protocol has them."""

    wide = True

    def __init__(self, hub: Any, device: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.device = device
        self.connected = False
        self.grams: int | None = None
        self.stable = False
        self.command_state = ""
        self.weight = _label(self, "weightValue")
        self.weight.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.stability = _label(self, "stability")
        self.stability.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zero = touch_button(self, "zeroButton")
        self.tare = touch_button(self, "tareButton")
        self.command_result = _label(self, "scaleCommandResult", wrap=True)
        top = QHBoxLayout()
        top.addWidget(self.stability)
        top.addStretch(1)
        top.addWidget(self.weight)
        buttons = QHBoxLayout()
        buttons.addWidget(self.zero)
        buttons.addWidget(self.tare)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addLayout(buttons)
        box.addWidget(self.command_result)
        self.zero.clicked.connect(self._zero)
        self.tare.clicked.connect(self._tare)
        self.flags: frozenset[str] = frozenset()
        readings = getattr(device, "weight_changed", None)
        if readings is not None:  # the driver's signal keeps the flags (no weight, overload)
            readings.connect(self._on_reading)
        else:
            hub.weight.connect(self._on_weight)
        finished = getattr(device, "command_finished", None)
        if finished is not None:
            finished.connect(self._on_command)
        if hub.last_weight is not None:
            self.grams, self.stable = hub.last_weight
        self.set_connected(getattr(getattr(device, "status", None), "value", "") == "connected")

    def supports(self, command: str) -> bool:
        check = getattr(self.device, "supports", None)
        return bool(check is not None and check(command))

    def set_connected(self, connected: bool) -> None:
        self.connected = connected
        if not connected:
            self.grams = None  # the driver's rule: no connection, no known weight
            self.flags = frozenset()
        self.zero.setEnabled(connected and self.supports("zero"))
        self.tare.setEnabled(connected and self.supports("tare"))
        self._show()

    def _on_weight(self, grams: int, stable: bool) -> None:
        self.grams, self.stable = grams, stable
        self._show()

    def _on_reading(self, grams: int, stable: bool, flags: str) -> None:
        self.flags = frozenset(f for f in flags.split(",") if f)
        # a status-only frame (in motion, overload) carries no weight: not "0.000 kg"
        self._on_weight(grams, stable)
        if "no_weight" in self.flags:
            self.grams = None
            self._show()

    def _zero(self) -> None:
        self.command_state = "zero-sent" if self.device.zero() else "unsupported"
        self.retranslate()

    def _tare(self) -> None:
        self.command_state = "tare-sent" if self.device.tare() else "unsupported"
        self.retranslate()

    def _on_command(self, name: str, ok: bool) -> None:
        self.command_state = f"{name}-{'ok' if ok else 'failed'}"
        self.retranslate()

    def _show(self) -> None:
        if self.grams is None:
            self.weight.setText("— kg")
            state = "motion" if "motion" in self.flags and self.connected else ""
        else:
            net = " NET" if "net" in self.flags else ""  # tare taken: what shows is net
            self.weight.setText(format_weight(self.grams) + net)
            state = "stable" if self.stable else "motion"
        self.stability.setProperty("state", state)
        repolish(self.stability)
        self.retranslate()

    def retranslate(self) -> None:
        self.zero.setText(self.tr("Zero"))
        self.tare.setText(self.tr("Tare"))
        if not self.connected or (self.grams is None and not self.flags):
            self.stability.setText(self.tr("no reading"))
        elif "over_capacity" in self.flags:
            self.stability.setText(self.tr("overload"))
        elif self.grams is None and "motion" in self.flags:
            self.stability.setText(self.tr("~ motion"))
        elif self.grams is None:
            self.stability.setText(self.tr("no reading"))
        elif self.stable:
            self.stability.setText(self.tr("● stable"))
        else:
            self.stability.setText(self.tr("~ motion"))
        tips = []
        if not self.supports("zero") or not self.supports("tare"):
            tips.append(self.tr("This scale's protocol has no zero/tare command: use the "
                                "buttons on the scale."))
        self.zero.setToolTip(tips[0] if tips else "")
        self.tare.setToolTip(tips[0] if tips else "")
        texts = {
            "": "",
            "zero-sent": self.tr("Zeroing…"),
            "tare-sent": self.tr("Taring…"),
            "zero-ok": self.tr("Zeroed"),
            "tare-ok": self.tr("Tared"),
            "clear_tare-ok": self.tr("Tare cleared"),
            "zero-failed": self.tr("The scale did not accept zero"),
            "tare-failed": self.tr("The scale did not accept tare"),
            "unsupported": tips[0] if tips else "",
        }
        self.command_result.setText(texts.get(self.command_state, ""))
        self.command_result.setVisible(bool(self.command_result.text()))


# -- scanner and card reader ------------------------------------------------------------------


class _LastSeenView(Part):
    """A caption, the time it was seen and the value: the layout both "last …" views share.
    Subclasses fill the texts in ``retranslate`` (their own translation context)."""

    def __init__(self, value_name: str, time_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.caption = _label(self, "caption")
        self.value = _label(self, value_name, wrap=True)
        self.when = _label(self, time_name)
        self.at = ""
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.caption)
        head.addStretch(1)
        head.addWidget(self.when)
        box.addLayout(head)
        box.addWidget(self.value)

    def _seen_now(self) -> None:
        self.at = time.strftime("%H:%M:%S")
        self.retranslate()

    def _show(self, caption: str, text: str, has_value: bool) -> None:
        self.caption.setText(caption)
        self.value.setText(text)
        self.value.setProperty("state", "value" if has_value else "empty")
        repolish(self.value)
        self.when.setText(self.at)


class LastScanView(_LastSeenView):
    def __init__(self, hub: Any, parent: QWidget | None = None) -> None:
        super().__init__("lastScan", "scanTime", parent)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a bank card typed by a reader without track sentinels arrives as a scan
        self.scan = mask_card_numbers(str(getattr(hub, "last_scan", "") or ""))
        hub.scanned.connect(self._on_scan)
        self.retranslate()

    def _on_scan(self, text: str) -> None:
        self.scan = mask_card_numbers(text)
        self._seen_now()

    def retranslate(self) -> None:
        self._show(self.tr("Last scan"),
                   self.scan or self.tr("nothing scanned yet — scan any barcode"), bool(self.scan))


class LastCardView(_LastSeenView):
    """The last card read. A payment card shows its last four digits only, never a number."""

    def __init__(self, hub: Any, parent: QWidget | None = None) -> None:
        super().__init__("lastCard", "cardTime", parent)
        self.fields = card_fields(getattr(hub, "last_card", None))
        hub.card_read.connect(self._on_card)
        self.retranslate()

    def _on_card(self, card: object) -> None:
        self.fields = card_fields(card)
        self._seen_now()

    def describe(self) -> str:
        f = self.fields
        kind = f.get("kind", "")
        last4 = f.get("last4", "")
        if not kind:
            return self.tr("no card read yet — swipe or tap a card")
        if kind == "payment":
            return self.tr("payment card ••••{0}").format(last4)
        if kind == "member":
            return self.tr("member card {0}").format(f.get("number", ""))
        if kind == "nfc":
            return self.tr("NFC tag {0}").format(f.get("number", ""))
        if kind == "unreadable":
            return self.tr("unreadable swipe — try again")
        if last4:
            return self.tr("unknown card ••••{0}").format(last4)
        return self.tr("unknown card")

    def retranslate(self) -> None:
        self._show(self.tr("Last card"), self.describe(), bool(self.fields))


# -- camera -----------------------------------------------------------------------------------


def frame_to_image(frame: Any) -> QImage:
    """A numpy BGR (H×W×3 uint8) or grey (H×W) frame as a QImage sharing its memory: use it
    (scale or copy it) while ``frame`` is alive."""
    height, width = frame.shape[:2]
    if frame.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif frame.shape[2] == 4:
        fmt = QImage.Format.Format_ARGB32
    else:
        fmt = QImage.Format.Format_BGR888
    if not frame.flags.c_contiguous:
        import numpy as np

        frame = np.ascontiguousarray(frame)
    return QImage(frame.data, width, height, frame.strides[0], fmt)


class CameraPreview(Part):
    """A QLabel repainted from ``camera.latest()`` by a QTimer (≈15 Hz), not per frame."""

    wide = True

    def __init__(self, camera: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self.updates = 0
        self._last: Any = None
        self.image = _label(self, "cameraPreview")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(320, 240)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.fps = _label(self, "cameraFps")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.image, 1)
        box.addWidget(self.fps)
        self.timer = QTimer(self)
        self.timer.setInterval(PREVIEW_INTERVAL_MS)
        self.timer.timeout.connect(self.refresh)
        self.retranslate()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        frame = self.camera.latest()
        self._show_fps(frame)
        if frame is None or frame is self._last:
            return
        size = self.image.contentsRect().size()
        if size.width() < 2 or size.height() < 2:
            return
        self._last = frame
        image = frame_to_image(frame).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(QPixmap.fromImage(image))
        self.updates += 1

    def _show_fps(self, frame: Any) -> None:
        fps = float(getattr(self.camera, "fps", 0.0) or 0.0)
        if frame is None:
            self.fps.setText(self.tr("{0:.1f} fps — no picture yet").format(fps))
        else:
            h, w = frame.shape[:2]
            self.fps.setText(self.tr("{0:.1f} fps · {1}×{2}").format(fps, w, h))

    def set_connected(self, connected: bool) -> None:
        if not connected:
            self._last = None
            self.image.clear()
            self.retranslate()

    def retranslate(self) -> None:
        if self.image.pixmap().isNull():
            self.image.setText(self.tr("No picture"))
        self._show_fps(self.camera.latest() if self._last is not None else None)


# -- the device card --------------------------------------------------------------------------


class DevicePanel(QFrame):
    """One device: its name and kind, live status with detail, settings, and its controls."""

    def __init__(self, name: str, cfg: dict[str, Any] | None, parts: list[Part],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.kind = str((cfg or {}).get("kind", ""))
        self.setObjectName(f"devicePanel_{name}")
        self.setProperty("class", "devicePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = _label(self, "deviceTitle")
        self.pill = StatusPill(self)
        self.detail = _label(self, "statusDetail", wrap=True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.settings = SettingsView(cfg, self, device=name)
        self.parts = parts
        self.status = "disconnected"
        self.status_detail = ""
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.pill)
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 12, 14, 12)
        box.setSpacing(8)
        box.addLayout(head)
        box.addWidget(self.detail)
        if any(part.wide for part in parts) or not parts:
            for part in parts:  # a picture or a weight needs the width: settings underneath
                part.setParent(self)
                box.addWidget(part, 1 if isinstance(part, CameraPreview) else 0)
            box.addWidget(self.settings)
        else:  # controls on the left, the settings beside them: the screen fits 1024×768
            row = QHBoxLayout()
            row.setSpacing(16)
            controls = QVBoxLayout()
            controls.setSpacing(8)
            for part in parts:
                part.setParent(self)
                controls.addWidget(part)
            controls.addStretch(1)
            row.addLayout(controls, 3)
            row.addWidget(self.settings, 2, Qt.AlignmentFlag.AlignTop)
            box.addLayout(row)
        self.retranslate()

    def part(self, kind: type[Part]) -> Any:
        return next((p for p in self.parts if isinstance(p, kind)), None)

    def set_status(self, status: str, detail: str) -> None:
        self.status, self.status_detail = status, detail
        self.pill.set_status(status)
        shown = "" if detail.strip().lower() in REDUNDANT_DETAILS else detail
        self.detail.setText(shown)
        self.detail.setVisible(bool(shown))
        for part in self.parts:
            part.set_connected(status == "connected")

    def device_title(self) -> str:
        titles = {
            "scanner": self.tr("Barcode scanner"),
            "scale": self.tr("Scale"),
            "printer": self.tr("Receipt printer"),
            "card_reader": self.tr("Card reader"),
            "camera": self.tr("Camera"),
            "camera-scanner": self.tr("Scanner camera"),
        }
        return titles.get(self.name, self.name)

    def retranslate(self) -> None:
        # the kind is the first setting ("Printer type: ESC/POS over USB"), not repeated here:
        # a long kind beside the title pushed the panel off a 1024-wide screen
        self.title.setText(self.device_title())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
