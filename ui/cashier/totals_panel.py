"""The running totals under the cart, and the buttons that act on the whole cart."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.cashier.session import TillSession


class TotalsPanel(QWidget):
    pay = Signal()
    cart_discount = Signal()
    clear_cart = Signal()

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        self.session = session
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for i, key in enumerate(("items", "subtotal", "discount", "tax")):
            label = QLabel(self)
            label.setProperty("class", "totalsLabel")
            value = QLabel(self)
            value.setProperty("class", "totalsValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
            self.labels[key], self.values[key] = label, value
        self.total_label = QLabel(self)
        self.total_label.setObjectName("totalLabel")
        self.total_value = QLabel(self)
        self.total_value.setObjectName("totalValue")
        self.total_value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        total_row = QHBoxLayout()
        total_row.addWidget(self.total_label)
        total_row.addStretch(1)
        total_row.addWidget(self.total_value)

        self.discount_button = QPushButton(self)
        self.discount_button.setObjectName("cartDiscountButton")
        self.discount_button.clicked.connect(self.cart_discount.emit)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clearCartButton")
        self.clear_button.setProperty("class", "danger")
        self.clear_button.clicked.connect(self.clear_cart.emit)
        self.pay_button = QPushButton(self)
        self.pay_button.setObjectName("payButton")
        self.pay_button.setMinimumHeight(72)
        self.pay_button.clicked.connect(self.pay.emit)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for b in (self.discount_button, self.clear_button):
            b.setMinimumHeight(72)
            buttons.addWidget(b, 1)
        buttons.addWidget(self.pay_button, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(grid)
        layout.addLayout(total_row)
        layout.addLayout(buttons)

        session.cart_changed.connect(self.refresh)
        session.paying_changed.connect(self.refresh)
        self.retranslate()

    def refresh(self, *_: object) -> None:
        s = self.session
        totals = s.cart.totals()
        self.values["items"].setText(str(totals.item_count))
        self.values["subtotal"].setText(s.money(totals.subtotal))
        self.values["discount"].setText(f"-{s.money(totals.discount)}" if totals.discount
                                        else s.money(0))
        self.values["tax"].setText(s.money(totals.tax))
        self.total_value.setText(s.money(totals.total))
        has = bool(s.cart.lines)
        self.pay_button.setEnabled(has and not s.paying)
        self.discount_button.setEnabled(has and not s.paying)
        self.clear_button.setEnabled((has or s.member is not None) and not s.paying)
        self.pay_button.setText(self.tr("Pay  {0}").format(s.money(totals.total)) if has
                                else self.tr("Pay"))

    def retranslate(self) -> None:
        self.labels["items"].setText(self.tr("Items"))
        self.labels["subtotal"].setText(self.tr("Subtotal"))
        self.labels["discount"].setText(self.tr("Discount"))
        self.labels["tax"].setText(self.tr("Incl. tax"))
        self.total_label.setText(self.tr("Total"))
        self.discount_button.setText(self.tr("Cart discount"))
        self.clear_button.setText(self.tr("Void cart"))
        self.pay_button.setToolTip(self.tr("Take payment (F12)"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
