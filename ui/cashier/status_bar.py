"""The device status bar: the database and every device, live, with the scale's weight."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.cashier.session import TillSession
from ui.widgets.i18n import translate


def device_label(name: str) -> str:
    names = {
        "scanner": translate("Devices", "Scanner"),
        "scale": translate("Devices", "Scale"),
        "printer": translate("Devices", "Printer"),
        "card_reader": translate("Devices", "Card reader"),
        "camera": translate("Devices", "Camera"),
        "drawer": translate("Devices", "Drawer"),
    }
    return names.get(name, name)


def status_label(status: str) -> str:
    names = {
        "connected": translate("Devices", "ready"),
        "disconnected": translate("Devices", "not connected"),
        "error": translate("Devices", "error"),
    }
    return names.get(status, status)


class StatusBar(QWidget):
    def __init__(self, session: TillSession, hub: QObject | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.session = session
        self.hub = hub
        self.db = QLabel(self)
        self.db.setObjectName("dbStatus")
        self.weight = QLabel(self)
        self.weight.setObjectName("scaleWeight")
        self.clock = QLabel(self)
        self.clock.setObjectName("clock")
        self.devices: dict[str, QLabel] = {}
        self.states: dict[str, tuple[str, str]] = {}
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(10, 2, 10, 2)
        self.layout_.setSpacing(16)
        self.layout_.addWidget(self.db)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.weight)
        self.layout_.addWidget(self.clock)
        if hub is not None:
            for name, (status, detail) in hub.statuses().items():
                self._on_status(name, status, detail)
            hub.status_changed.connect(self._on_status)
        session.db_state_changed.connect(self._on_db_state)  # a bound slot: gone with the bar
        session.weight_changed.connect(self._on_weight)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        session.opened.connect(self._tick)  # the store's zone is known from now on
        self._timer.start(1000)
        self._tick()
        self.retranslate()

    def _on_db_state(self, _online: bool) -> None:
        self._show_db()

    def _label_for(self, name: str) -> QLabel:
        if name not in self.devices:
            label = QLabel(self)
            label.setObjectName(f"device_{name}")
            label.setProperty("class", "device")
            self.layout_.insertWidget(1 + len(self.devices), label)
            self.devices[name] = label
        return self.devices[name]

    def _on_status(self, name: str, status: str, detail: str) -> None:
        self.states[name] = (status, detail)
        label = self._label_for(name)
        label.setText(f"● {device_label(name)}: {status_label(status)}")
        label.setToolTip(detail)
        label.setProperty("state", "ok" if status == "connected" else
                          "error" if status == "error" else "warn")
        label.style().unpolish(label)
        label.style().polish(label)

    def _show_db(self) -> None:
        ok = self.session.db_ok
        if ok:
            self.db.setText("● " + translate("StatusBar", "Database: online"))
        else:
            self.db.setText("● " + translate("StatusBar", "DATABASE OFFLINE — sales cannot be "
                                             "saved"))
        self.db.setProperty("state", "ok" if ok else "error")
        self.db.style().unpolish(self.db)
        self.db.style().polish(self.db)

    def _on_weight(self, grams: int, stable: bool) -> None:
        mark = "" if stable else " ~"
        self.weight.setText(translate("StatusBar", "Scale {0} kg").format(f"{grams / 1000:.3f}")
                            + mark)

    def _tick(self) -> None:
        # The store's time (as on its receipts), not the machine's clock zone.
        till = self.session.till
        self.clock.setText(till.store_now() if till is not None else "")  # no zone yet: no time

    def retranslate(self) -> None:
        self._show_db()
        for name, (status, detail) in self.states.items():
            self._on_status(name, status, detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
