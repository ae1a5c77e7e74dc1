"""The strip along the top: where and who, and the buttons for the rest of the day's work."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from ui.cashier.session import TillSession
from ui.widgets.i18n import is_english


class TopBar(QWidget):
    history = Signal()
    refund = Signal()
    no_sale = Signal()
    x_report = Signal()
    close_shift = Signal()
    open_shift = Signal()
    lock = Signal()
    language = Signal()
    devices = Signal()

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.session = session
        self.where = QLabel(self)
        self.where.setObjectName("whereLabel")
        self.who = QLabel(self)
        self.who.setObjectName("whoLabel")
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 10, 2)
        layout.setSpacing(8)
        labels = QVBoxLayout()
        labels.setSpacing(0)
        labels.addWidget(self.where)
        labels.addWidget(self.who)
        layout.addLayout(labels, 1)
        for name, signal in (("history", self.history), ("refund", self.refund),
                             ("no_sale", self.no_sale), ("shift", None),
                             ("language", self.language), ("lock", self.lock)):
            b = QPushButton(self)
            b.setObjectName(f"top_{name}")
            b.setMinimumHeight(48)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            if signal is not None:
                b.clicked.connect(signal.emit)
            layout.addWidget(b)
            self.buttons[name] = b
        self.shift_menu = QMenu(self)
        self.shift_menu.setObjectName("shiftMenu")
        self.x_action = self.shift_menu.addAction("", self.x_report.emit)
        self.close_action = self.shift_menu.addAction("", self.close_shift.emit)
        self.open_action = self.shift_menu.addAction("", self.open_shift.emit)
        self.shift_menu.addSeparator()
        self.devices_action = self.shift_menu.addAction("", self.devices.emit)
        self.buttons["shift"].setMenu(self.shift_menu)
        session.cashier_changed.connect(lambda _: self.refresh())
        session.shift_changed.connect(lambda _: self.refresh())
        session.opened.connect(self.refresh)
        self.retranslate()

    def refresh(self) -> None:
        s = self.session
        till = s.till
        if till is not None:
            store = till.store_name_en if is_english() and till.store_name_en else till.store_name
            self.where.setText(f"{store} · {till.terminal_code}")
        else:
            self.where.setText(self.tr("Connecting…"))
        parts = []
        if s.cashier is not None:
            parts.append(self.tr("Cashier: {0}").format(s.cashier.name))
        if s.shift is not None:
            parts.append(self.tr("Shift #{0}").format(s.shift.id))
        elif s.cashier is not None:
            parts.append(self.tr("No shift open"))
        self.who.setText(" · ".join(parts))
        self.x_action.setEnabled(s.shift is not None)
        self.close_action.setEnabled(s.shift is not None)
        self.open_action.setEnabled(s.shift is None and s.cashier is not None)

    def retranslate(self) -> None:
        b = self.buttons
        b["history"].setText(self.tr("History (F8)"))
        b["refund"].setText(self.tr("Refund (F9)"))
        b["no_sale"].setText(self.tr("Open drawer"))
        b["shift"].setText(self.tr("Shift"))
        b["language"].setText("English" if not is_english() else "中文")
        b["language"].setToolTip(self.tr("Switch the language"))
        b["lock"].setText(self.tr("Lock"))
        b["lock"].setToolTip(self.tr("Sign out; the cart is kept (Ctrl+L)"))
        self.x_action.setText(self.tr("X report (shift so far)"))
        self.close_action.setText(self.tr("Close shift (count and Z report)"))
        self.open_action.setText(self.tr("Open shift"))
        self.devices_action.setText(self.tr("Devices (manager)…"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
