"""The change-due screen shown once a sale is paid: the change in the largest type on the
screen, what was paid and how, and whether the receipt came out. The cashier window shows it
with "Print again" and "Next customer"; the customer display shows the same figures."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.cashier.session import SaleDone
from ui.widgets.i18n import tender_name, translate


def tender_lines(done: SaleDone, money: Callable[[int], str]) -> list[tuple[str, str]]:
    """(tender, amount) rows: how the customer paid, cash as handed over."""
    rows = []
    for t in done.tenders:
        if t.kind == "points":
            amount = translate("ChangeDue", "{0} points").format(f"{t.points:,}")
        else:
            amount = money(t.amount)
        name = tender_name(t.kind)
        if t.kind in ("card", "qr") and t.reference:
            name += f" ({t.reference[-6:]})"
        rows.append((name, amount))
    return rows


class ChangeDueView(QWidget):
    """``actions`` adds the cashier's buttons; the customer display shows the figures only."""

    print_again = Signal()
    next_customer = Signal()

    def __init__(self, money: Callable[[int], str], actions: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeDue")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.money = money
        self.done: SaleDone | None = None
        self.receipt = ("", "")  # (state, reason)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

        self.change_label = QLabel(self)
        self.change_label.setObjectName("changeDueLabel")
        self.change_value = QLabel(self)
        self.change_value.setObjectName("changeDueAmount")
        self.change_value.setAlignment(right)
        self.paid_label = QLabel(self)
        self.paid_label.setObjectName("changeDuePaidLabel")
        self.paid_value = QLabel(self)
        self.paid_value.setObjectName("changeDuePaid")
        self.paid_value.setAlignment(right)
        self.tendered_label = QLabel(self)
        self.tendered_label.setObjectName("changeDueTenderedLabel")
        self.tendered_value = QLabel(self)
        self.tendered_value.setObjectName("changeDueTendered")
        self.tendered_value.setAlignment(right)
        self.tenders = QGridLayout()
        self.tenders.setHorizontalSpacing(16)
        self.tenders.setVerticalSpacing(2)
        self.points = QLabel(self)
        self.points.setObjectName("changeDuePoints")
        self.points.setWordWrap(True)
        self.receipt_label = QLabel(self)
        self.receipt_label.setObjectName("changeDueReceipt")
        self.receipt_label.setWordWrap(True)

        summary = QVBoxLayout()
        summary.setSpacing(4)
        paid_row = QHBoxLayout()
        paid_row.addWidget(self.paid_label)
        paid_row.addStretch(1)
        paid_row.addWidget(self.paid_value)
        summary.addLayout(paid_row)
        tendered_row = QHBoxLayout()
        tendered_row.addWidget(self.tendered_label)
        tendered_row.addStretch(1)
        tendered_row.addWidget(self.tendered_value)
        summary.addLayout(tendered_row)
        summary.addLayout(self.tenders)
        summary.addWidget(self.points)
        summary.addStretch(1)
        change = QVBoxLayout()
        change.setSpacing(0)
        change.addWidget(self.change_label, 0, right)
        change.addWidget(self.change_value, 1)
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addLayout(summary, 2)
        top.addLayout(change, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.receipt_label, 1)
        self.print_button: QPushButton | None = None
        self.next_button: QPushButton | None = None
        if actions:
            self.print_button = QPushButton(self)
            self.print_button.setObjectName("printAgainButton")
            self.print_button.clicked.connect(self.print_again.emit)
            self.next_button = QPushButton(self)
            self.next_button.setObjectName("nextCustomerButton")
            self.next_button.setProperty("class", "primary")
            self.next_button.clicked.connect(self.next_customer.emit)
            for b in (self.print_button, self.next_button):
                b.setMinimumHeight(56)
                b.setMinimumWidth(150)
                b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # scans keep going to the code entry
                bottom.addWidget(b)
        layout.addLayout(bottom)
        self._tender_labels: list[QLabel] = []

    def show_sale(self, done: SaleDone, receipt: tuple[str, str] = ("", "")) -> None:
        self.done = done
        self.receipt = receipt
        self.retranslate()

    def set_receipt(self, state: str, reason: str = "") -> None:
        self.receipt = (state, reason)
        self._show_receipt()

    def _show_receipt(self) -> None:
        state, reason = self.receipt
        no = self.done.result.receipt_no if self.done else ""
        texts = {
            "printing": translate("ChangeDue", "Receipt {0}: printing…").format(no),
            "printed": translate("ChangeDue", "✓ Receipt {0} printed").format(no),
            "failed": translate("ChangeDue", "Receipt {0} NOT printed ({1}): print it again "
                                "once the printer is ready.").format(no, reason),
        }
        self.receipt_label.setText(texts.get(state, translate("ChangeDue", "Receipt {0}").format(no)))
        self.receipt_label.setProperty("state", state or "none")
        self.receipt_label.style().unpolish(self.receipt_label)
        self.receipt_label.style().polish(self.receipt_label)
        if self.print_button is not None:
            self.print_button.setEnabled(state != "printing")

    def retranslate(self) -> None:
        if self.print_button is not None and self.next_button is not None:
            self.print_button.setText(translate("ChangeDue", "Print again"))
            self.next_button.setText(translate("ChangeDue", "Next customer"))
        done = self.done
        if done is None:
            return
        r = done.result
        self.change_label.setText(translate("ChangeDue", "Change due") if r.change
                                  else translate("ChangeDue", "No change due"))
        self.change_value.setText(self.money(r.change))
        self.paid_label.setText(translate("ChangeDue", "Total"))
        self.paid_value.setText(self.money(r.total))
        # the tenders cover the total exactly but for the cash handed back as change
        self.tendered_label.setText(translate("ChangeDue", "Paid"))
        self.tendered_value.setText(self.money(r.total + r.change))
        for label in self._tender_labels:
            self.tenders.removeWidget(label)
            label.deleteLater()
        self._tender_labels = []
        for row, (name, amount) in enumerate(tender_lines(done, self.money)):
            name_label, amount_label = QLabel(name, self), QLabel(amount, self)
            for label in (name_label, amount_label):
                label.setProperty("class", "changeDueTender")
            amount_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name_label.setIndent(16)
            self.tenders.addWidget(name_label, row, 0)
            self.tenders.addWidget(amount_label, row, 1)
            self._tender_labels += [name_label, amount_label]
        points = ""
        if done.member is not None and (r.points_earned or r.points_spent):
            name = done.member.name or done.member.phone_masked
            earned = f"{r.points_earned:,}"
            points = (translate("ChangeDue", "{0}: +{1} points, balance {2} points").format(
                name, earned, f"{r.member_balance:,}") if r.member_balance is not None
                else translate("ChangeDue", "{0}: +{1} points").format(name, earned))
        self.points.setText(points)
        self.points.setVisible(bool(points))
        self._show_receipt()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
