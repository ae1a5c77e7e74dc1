"""Refunding a sale: scan the receipt (or type its number, or pick it from the history),
choose what comes back, a manager approves, the money goes back and a receipt prints."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.approvals import sale_target
from ui.cashier.approval import request_approval
from ui.cashier.session import RECEIPT_RE, TillSession
from ui.widgets.dialog_base import PosDialog
from ui.widgets.i18n import tender_name


class RefundDialog(PosDialog):
    refunded = Signal(object)  # RefundResult

    def __init__(self, session: TillSession, receipt_no: str = "",
                 parent: QWidget | None = None, approve=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent, name="refundDialog")
        self.session = session
        self._approve = approve or (lambda action, then, detail="", *, target: request_approval(
            self, session, action, then, detail=detail, target=target))
        self.sale: Any = None
        self.lines: list[Any] = []
        self.spins: list[QSpinBox] = []
        self.client_uuid = str(uuid.uuid4())  # one refund, however often it is retried
        self.receipt = QLineEdit(self)
        self.receipt.setObjectName("refundReceipt")
        self.receipt.setMinimumHeight(52)
        self.receipt.returnPressed.connect(self.find)
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("findSale")
        self.find_button.setMinimumSize(120, 52)
        self.find_button.clicked.connect(self.find)
        row = QHBoxLayout()
        row.addWidget(self.receipt, 1)
        row.addWidget(self.find_button)
        self.sale_label = QLabel(self)
        self.sale_label.setObjectName("refundSale")
        self.sale_label.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("refundLines")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(52)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.body.addLayout(row)
        self.body.addWidget(self.sale_label)
        self.body.addWidget(self.table, 1)
        self.all_button = self.add_button("", self._select_all, role="refundAll")
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        session.push_scan_sink(self._scan)
        self.finished.connect(lambda _: session.pop_scan_sink(self._scan))
        self.setMinimumSize(720, 520)
        self.retranslate()
        self._update()
        if receipt_no:
            self.receipt.setText(receipt_no)
            self.find()
        self.receipt.setFocus()

    def _scan(self, code: str) -> bool:
        if RECEIPT_RE.match(code) and not self.busy:
            self.receipt.setText(code)
            self.find()
            return True
        return False

    def find(self) -> None:
        text = self.receipt.text().strip()
        till = self.session.till
        if not text or till is None or self.busy:
            return
        self.clear_error()

        def load() -> tuple[Any, list[Any]]:
            sale = till.find_sale(text)
            return sale, till.refundable_lines(sale.id)

        self.session.submit(load, self.show_sale, self.show_error)

    def show_sale(self, found: tuple[Any, list[Any]]) -> None:
        self.sale, self.lines = found
        s = self.sale
        self.sale_label.setText(self.tr("Receipt {0} · {1} · {2}").format(
            s.receipt_no, s.created_at, self.session.money(s.total))
            + (f" · {s.member_name}" if s.member_name else ""))
        if s.kind != "sale":
            self.show_error(self.tr("Receipt {0} is itself a refund or void.").format(s.receipt_no))
        elif not self.lines:
            self.show_error(self.tr("Everything on this sale has already been refunded."))
        self.table.setRowCount(len(self.lines))
        self.spins = []
        for r, line in enumerate(self.lines):
            self.table.setItem(r, 0, QTableWidgetItem(line.name))
            amount = QTableWidgetItem(self.session.money(line.total))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 1, amount)
            spin = QSpinBox(self.table)
            spin.setMinimumHeight(48)
            spin.setMinimumWidth(120)
            if line.measure == "g":  # a weighed line comes back whole
                spin.setRange(0, 1)
                spin.setSuffix(self.tr(" × {0} kg").format(f"{line.quantity / 1000:.3f}"))
            else:
                spin.setRange(0, line.quantity)
            spin.valueChanged.connect(self._update)
            self.table.setCellWidget(r, 2, spin)
            self.spins.append(spin)
        self._update()

    def chosen(self) -> dict[int, int]:
        out = {}
        for line, spin in zip(self.lines, self.spins, strict=True):
            if spin.value():
                out[line.line_id] = line.quantity if line.measure == "g" else spin.value()
        return out

    def _select_all(self) -> None:
        for spin in self.spins:
            spin.setValue(spin.maximum())

    def _update(self) -> None:
        chosen = self.chosen() if self.lines else {}
        self.ok_button.setEnabled(bool(chosen) and not self.busy)
        self.all_button.setEnabled(bool(self.lines) and not self.busy)

    def submit(self) -> None:
        lines = self.chosen()
        if not lines or self.sale is None or self.busy:
            return
        everything = all(lines.get(ln.line_id) == ln.quantity for ln in self.lines)
        detail = self.tr("Receipt {0}").format(self.sale.receipt_no)
        self._approve("refund",
                      lambda approval: self._refund(approval, None if everything else lines),
                      detail=detail, target=sale_target(self.sale.id))

    def _refund(self, approval: Any, lines: dict[int, int] | None) -> None:
        till = self.session.till
        sale_id, key = self.sale.id, self.client_uuid
        self.set_busy(True)
        self.session.submit(lambda: till.refund(sale_id, lines, approval, key),
                            self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.set_busy(False)
        if result.tender == "cash" and result.money_back:
            self.session.kick_drawer()
        self.session.print_receipt(result.sale_id)
        self.refunded.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self._update()
        self.show_error(exc)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:
            self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Refund"))
        self.heading.setText(self.tr("Refund — scan the receipt or type its number"))
        self.receipt.setPlaceholderText(self.tr("Receipt number, e.g. MA-T1-000042"))
        self.find_button.setText(self.tr("Find"))
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Refundable"),
                                              self.tr("Return")])
        self.all_button.setText(self.tr("Everything"))
        self.ok_button.setText(self.tr("Refund selected"))


def refund_summary(session: TillSession, result: Any) -> str:
    from ui.widgets.i18n import translate

    text = translate("Refund", "Refund {0}: give back {1} ({2}).").format(
        result.receipt_no, session.money(result.money_back), tender_name(result.tender))
    if result.points_reversed:
        text += " " + translate("Refund", "{0} points taken back.").format(result.points_reversed)
    if result.shortfall_deduction:
        text += " " + translate("Refund", "{0} deducted for points already spent.").format(
            session.money(result.shortfall_deduction))
    if result.points_restored:
        text += " " + translate("Refund", "{0} points returned to the member.").format(
            result.points_restored)
    return text
