"""The running totals under the cart, and the buttons that act on the whole cart; once a
sale is paid, the change-due screen in their place until the next customer starts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.cashier.change_due import ChangeDueView
from ui.cashier.session import SaleDone, TillSession

# The change-due screen takes room from the (now empty) cart above it.
CHANGE_DUE_MIN_HEIGHT = 300



class _CurrentPageStack(QStackedWidget):
    """A stack as tall as the page it shows: a plain QStackedWidget asks for its tallest page,
    so the (tall) change-due view would take cart rows away while the totals show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._page_changed)

    def _page_changed(self, _index: int) -> None:
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

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

        self.totals_page = QWidget(self)
        layout = QVBoxLayout(self.totals_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(grid)
        layout.addLayout(total_row)
        layout.addLayout(buttons)
        self.change_due = ChangeDueView(session.money, actions=True, parent=self)
        self.change_due.print_again.connect(self._print_again)
        self.change_due.next_customer.connect(session.end_change_due)
        self.stack = _CurrentPageStack(self)
        self.stack.addWidget(self.totals_page)
        self.stack.addWidget(self.change_due)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        session.cart_changed.connect(self.refresh)
        session.paying_changed.connect(self.refresh)
        session.change_due_changed.connect(self._change_due)
        session.receipt_state.connect(self._receipt_state)
        self.retranslate()

    def showing_change(self) -> bool:
        return self.stack.currentWidget() is self.change_due

    def _change_due(self, done: SaleDone | None) -> None:
        if done is None:
            self.stack.setCurrentWidget(self.totals_page)
            self.setMinimumHeight(0)
            return
        self.change_due.show_sale(done, self.session.receipt_state_of(done.result.sale_id))
        self.setMinimumHeight(CHANGE_DUE_MIN_HEIGHT)
        self.stack.setCurrentWidget(self.change_due)

    def _receipt_state(self, sale_id: int, state: str, reason: str) -> None:
        done = self.change_due.done
        if done is not None and done.result.sale_id == sale_id:
            self.change_due.set_receipt(state, reason)

    def _print_again(self) -> None:
        done = self.change_due.done
        if done is not None:
            self.session.print_receipt(done.result.sale_id, copy=True)

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
