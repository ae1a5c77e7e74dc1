"""The Devices screen: every configured device with its live status, settings and tests.

Three ways in:

* ``python main.py --role devices`` — :class:`DevicesRole` builds the terminal's own
  :class:`ui.devices.DeviceHub`, starts it and shows the screen as the window;
* a cashier window, after a manager's PIN: ``open_devices_screen(hub, parent)`` opens it as a
  window-modal dialog on the till's running hub (which keeps running when it closes);
* tests: ``DevicesScreen(hub)`` directly.

The screen only reads the hub and connects to its signals; it never stops or restarts it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.config import TerminalConfig
from ui.devices_panels import (
    CameraPreview,
    DevicePanel,
    LastCardView,
    LastScanView,
    Part,
    PrinterControls,
    ScaleControls,
    touch_button,
)

log = logging.getLogger(__name__)

ORDER = ("printer", "scale", "camera", "camera-scanner", "scanner", "card_reader")

STYLE = """
DevicesScreen { background: #f3f5f8; }
#devicesHeader { background: #1d2430; }
#devicesHeader QLabel { color: #ffffff; }
QLabel#screenTitle { font-size: 24px; font-weight: bold; }
QLabel#summary { font-size: 15px; color: #c9d1dc; }
QLabel#summary[state="ok"] { color: #7fd6a4; }
QLabel#summary[state="warn"] { color: #ffc46b; }
#devicesHeader QPushButton { background: #2b3545; color: #ffffff; border: 1px solid #465369;
    border-radius: 8px; padding: 4px 18px; font-size: 16px; }
QScrollArea, #devicesBody { background: #f3f5f8; border: none; }
QFrame[class="devicePanel"] { background: #ffffff; border: 1px solid #d5dbe3;
    border-radius: 10px; }
QLabel#deviceTitle { font-size: 18px; font-weight: bold; }
QLabel#statusPill { border-radius: 10px; padding: 3px 14px; font-weight: bold; color: #ffffff;
    font-size: 15px; background: #a15c00; }
QLabel#statusPill[state="connected"] { background: #17733f; }
QLabel#statusPill[state="error"] { background: #b42318; }
QLabel#statusDetail { color: #5b6675; font-size: 13px; }
QLabel#settingsHeading, QLabel#caption { color: #6b7686; font-size: 13px; font-weight: bold; }
QLabel#settingKey { color: #6b7686; font-size: 14px; }
QLabel#settingValue { font-size: 14px; }
QLabel#weightValue { font-size: 40px; font-weight: bold;
    font-family: "DejaVu Sans Mono", monospace; }
QLabel#stability { border-radius: 10px; padding: 4px 14px; font-weight: bold;
    background: #e3e8ef; color: #5b6675; }
QLabel#stability[state="stable"] { background: #17733f; color: #ffffff; }
QLabel#stability[state="motion"] { background: #a15c00; color: #ffffff; }
QLabel#lastScan, QLabel#lastCard { font-size: 20px; font-weight: bold; }
QLabel#lastScan { font-family: "DejaVu Sans Mono", monospace; }
QLabel#lastScan[state="empty"], QLabel#lastCard[state="empty"] {
    font-size: 14px; font-weight: normal; color: #8a94a3; font-family: sans-serif; }
QLabel#scanTime, QLabel#cardTime, QLabel#cameraFps { color: #6b7686; font-size: 13px; }
QLabel#printResult, QLabel#drawerResult, QLabel#scaleCommandResult { font-size: 14px; }
QLabel#printResult[state="ok"] { color: #17733f; font-weight: bold; }
QLabel#printResult[state="warn"] { color: #a15c00; }
QLabel#printResult[state="error"] { color: #b42318; font-weight: bold; }
QLabel#cameraPreview { background: #1d2430; color: #c9d1dc; border-radius: 6px; }
"""


def _panel_config(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    cfg = config.get(name)
    if cfg is None and name == "camera-scanner":  # the scanner's camera: its [camera] table
        scanner = config.get("scanner") or {}
        cfg = scanner.get("camera") if isinstance(scanner.get("camera"), dict) else None
    return cfg if isinstance(cfg, dict) else None


def _parts_for(hub: Any, name: str) -> list[Part]:
    device = hub.devices.get(name)
    parts: list[Part] = []
    if name == "printer":
        parts.append(PrinterControls(hub))
    elif name == "scale" and device is not None:
        parts.append(ScaleControls(hub, device))
    elif name == "scanner":
        parts.append(LastScanView(hub))
    elif name == "card_reader":
        parts.append(LastCardView(hub))
    if device is not None and callable(getattr(device, "latest", None)):
        parts.append(CameraPreview(device))
    return parts


class DevicesScreen(QDialog):
    """Status, settings and tests for every device of ``hub`` (a ui.devices.DeviceHub)."""

    def __init__(self, hub: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesScreen")
        self.setStyleSheet(STYLE)
        self.hub = hub
        self.panels: dict[str, DevicePanel] = {}

        header = QWidget(self)
        header.setObjectName("devicesHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = QLabel(header)
        self.title.setObjectName("screenTitle")
        self.summary = QLabel(header)
        self.summary.setObjectName("summary")
        self.close_button = touch_button(header, "closeButton")
        self.close_button.clicked.connect(self.close)
        head = QHBoxLayout(header)
        head.setContentsMargins(16, 8, 12, 8)
        head.setSpacing(16)
        head.addWidget(self.title)
        head.addWidget(self.summary, 1)
        head.addWidget(self.close_button)

        body = QWidget()
        body.setObjectName("devicesBody")
        self.columns = (QVBoxLayout(), QVBoxLayout())
        grid = QHBoxLayout(body)
        grid.setContentsMargins(12, 12, 12, 12)
        grid.setSpacing(12)
        for column in self.columns:
            column.setSpacing(12)
            column.addStretch(1)
            grid.addLayout(column, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        self.body = body

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(header)
        box.addWidget(self.scroll, 1)

        statuses = dict(hub.statuses())
        names = list(hub.config)
        names += [n for n in (*hub.devices, *statuses) if n not in names]
        names.sort(key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))
        for name in names:
            self._add_panel(name)
        for name, (status, detail) in statuses.items():
            self._on_status(name, status, detail)
        hub.status_changed.connect(self._on_status)
        self.resize(1024, 768)
        self.retranslate()

    # -- building ---------------------------------------------------------------------------
    def _add_panel(self, name: str) -> DevicePanel:
        panel = DevicePanel(name, _panel_config(self.hub.config, name), _parts_for(self.hub, name),
                            self.body)
        if name in self.hub.errors:
            panel.set_status("error", self.hub.errors[name])
        else:
            panel.set_status("disconnected", "")
        self.panels[name] = panel
        if name in ("printer", "scale"):
            column = self.columns[0]
        elif panel.part(CameraPreview) is not None:
            column = self.columns[1]
        else:  # the rest balance the two columns
            heights = [sum(p.sizeHint().height() for p in self.panels.values()
                           if p is not panel and self._column_of(p) is c) for c in self.columns]
            column = self.columns[heights.index(min(heights))]
        column.insertWidget(column.count() - 1, panel)
        return panel

    def _column_of(self, panel: DevicePanel) -> QVBoxLayout | None:
        for column in self.columns:
            if column.indexOf(panel) >= 0:
                return column
        return None

    def panel(self, name: str) -> DevicePanel:
        return self.panels[name]

    # -- live -------------------------------------------------------------------------------
    def _on_status(self, name: str, status: str, detail: str) -> None:
        panel = self.panels.get(name) or self._add_panel(name)
        panel.set_status(status, detail)
        self._show_summary()

    def _show_summary(self) -> None:
        total = len(self.panels)
        ready = sum(1 for p in self.panels.values() if p.status == "connected")
        self.summary.setText(self.tr("{0} of {1} devices connected").format(ready, total))
        self.summary.setProperty("state", "ok" if ready == total else "warn")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Devices"))
        self.title.setText(self.tr("Devices"))
        self.close_button.setText(self.tr("Close"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- closing ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the previews' timers (the hub is not ours to stop)."""
        for panel in self.panels.values():
            preview = panel.part(CameraPreview)
            if preview is not None:
                preview.stop()

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)


def open_devices_screen(hub: Any, parent: QWidget | None = None) -> DevicesScreen:
    """Open the Devices screen over ``parent`` (window-modal, deleted when closed) on a
    running hub, e.g. from the cashier window after a manager's PIN. Returns at once.

    The hub keeps delivering scans and card reads to the till while the screen is open: the
    caller should hold them back (e.g. a scan sink that swallows everything) until the
    screen's ``finished`` signal."""
    screen = DevicesScreen(hub, parent)
    screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if parent is not None:  # exactly over the window it opens from, which fits its screen
        screen.setGeometry(parent.window().geometry())
    screen.open()
    return screen


class DevicesRole:
    """``--role devices``: the terminal's devices, on their own, for set-up and service."""

    def __init__(self, cfg: TerminalConfig, *, demo: bool = False, hub: Any = None,
                 state_dir: Path | None = None) -> None:
        self.cfg = cfg
        self.demo = demo
        self._owns_hub = hub is None
        if hub is None:
            from app.config import data_dir
            from ui.devices import DeviceHub

            hub = DeviceHub(cfg.devices, data_dir=state_dir or data_dir())
        self.hub = hub
        self.screen = DevicesScreen(hub)
        self._started = False

    def show(self) -> None:
        if not self._started:
            self._started = True
            if self._owns_hub:
                try:
                    self.hub.start()
                except Exception:  # the screen is how one finds out what is wrong
                    log.exception("devices failed to start")
        if self.cfg.fullscreen:
            self.screen.showFullScreen()
        else:
            self.screen.show()
        self.screen.raise_()

    def shutdown(self) -> None:
        self.screen.shutdown()
        if self._owns_hub:
            try:
                self.hub.stop()
            except Exception:
                log.exception("devices did not stop cleanly")
        self.screen.close()

    def self_check(self) -> tuple[bool, str]:
        if not self.screen.isVisible():
            return False, "devices screen not shown"
        expected = set(self.hub.config) | set(self.hub.devices)
        missing = sorted(expected - set(self.screen.panels))
        if missing:
            return False, f"no panel for {', '.join(missing)}"
        return True, f"devices screen up, {len(self.screen.panels)} devices"

    def device_report(self, timeout_s: float) -> list[tuple[str, bool, str]]:
        try:
            return list(self.hub.report(timeout_s))
        except Exception as exc:
            return [("devices", False, str(exc))]
