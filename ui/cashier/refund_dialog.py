"""Refunding a sale: scan the receipt (or type its number, or pick it from the history),
choose what comes back with touch steppers, see where the money goes (card, wallet, cash —
by the original tenders unless the manager chooses cash), a manager approves, the money goes
back and a receipt prints."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.approvals import sale_target
from ui.cashier.approval import request_approval
from ui.cashier.session import RECEIPT_RE, TillSession
from ui.widgets.dialog_base import PosDialog
from ui.widgets.i18n import product_name, tender_name, translate
from ui.widgets.keypad import Keypad
from ui.widgets.stepper import Stepper

ROW = 60  # px per line: a stepper's 48 px buttons and a margin


def kg(grams: int) -> str:
    return f"{grams / 1000:.3f} kg"


def split_text(money, tenders) -> str:  # type: ignore[no-untyped-def]
    """Where the money goes, e.g. "¥12.00 back to card (approval A1), ¥3.50 in cash"."""
    parts = []
    for t in tenders:
        if t.tender == "card":
            text = translate("Refund", "{0} back to card (approval {1})").format(
                money(t.amount), t.reference)
            if t.refund_reference:
                text += " " + translate("Refund", "· refund ref {0}").format(t.refund_reference)
        elif t.tender == "qr":
            text = translate("Refund", "{0} back to the QR wallet").format(money(t.amount))
        elif t.tender == "wallet":
            text = translate("Refund", "{0} back to the member's wallet").format(money(t.amount))
        elif t.tender == "cash":
            text = translate("Refund", "{0} in cash").format(money(t.amount))
        else:
            text = f"{money(t.amount)} {tender_name(t.tender)}"
        parts.append(text)
    return translate("Refund", ", ").join(parts) if parts else money(0)


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
        self.spins: list[Stepper] = []
        self.preview: Any = None  # the split shown for the current choice
        self._shown_for: Any = None
        self._asked = 0  # previews asked; an answer to an older one is dropped
        self.card_edits: dict[str, QLineEdit] = {}
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
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("refundLines")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(ROW)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)  # one line per item; the full name is its tooltip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(3, 200)
        self.split_label = QLabel(self)
        self.split_label.setObjectName("refundSplit")
        self.split_label.setWordWrap(True)
        self.split_label.setStyleSheet("font-size: 18px; font-weight: bold;")  # what is paid back
        self.cards = QGridLayout()
        self.cards.setHorizontalSpacing(8)
        self.cash_button = QPushButton(self)
        self.cash_button.setObjectName("refundAllCash")
        self.cash_button.setCheckable(True)
        self.cash_button.setMinimumHeight(48)
        self.cash_button.toggled.connect(lambda _: self._update())
        self.keypad = Keypad(None, decimal=False, enter_text="↵", parent=self)
        self.keypad.setFixedSize(240, 300)
        self.keypad.key.connect(lambda _: self._update_ok())
        self.keypad.hide()  # shown when a card refund reference is to be typed
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        money_row = QHBoxLayout()
        money_row.addLayout(self.cards, 1)
        money_row.addWidget(self.cash_button, 0, Qt.AlignmentFlag.AlignRight)
        self.body.addLayout(row)
        self.body.addWidget(self.sale_label)
        self.body.addLayout(middle, 1)
        self.body.addWidget(self.split_label)
        self.body.addLayout(money_row)
        self.all_button = self.add_button("", self._select_all, role="refundAll")
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        session.push_scan_sink(self._scan)
        self.finished.connect(lambda _: session.pop_scan_sink(self._scan))
        self.retranslate()
        self._update()
        if receipt_no:
            self.receipt.setText(receipt_no)
            self.find()
        self.receipt.setFocus()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Sized from the screen: at 1920×1080 every line of a long receipt shows.
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.setMinimumSize(min(int(screen.width() * 0.92), 1280),
                                min(int(screen.height() * 0.94), 1000))
        super().showEvent(event)

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
        self.client_uuid = str(uuid.uuid4())  # another sale, another refund
        self.cash_button.setChecked(False)
        self._show_sale_label()
        s = self.sale
        if s.kind != "sale":
            self.show_error(self.tr("Receipt {0} is itself a refund or void.").format(s.receipt_no))
        elif not self.lines:
            self.show_error(self.tr("Everything on this sale has already been refunded."))
        self.table.setRowCount(len(self.lines))
        self.spins = []
        for r, line in enumerate(self.lines):
            weighed = line.measure == "g"
            spin = Stepper(self.table, maximum=1 if weighed else line.quantity)
            spin.setObjectName(f"refundQty{r}")
            spin.valueChanged.connect(self._update)
            self.table.setCellWidget(r, 3, spin)
            self.spins.append(spin)
        self._fill_rows()
        self._update()

    def _fill_rows(self) -> None:
        """Texts of the lines, in the current language."""
        for r, line in enumerate(self.lines):
            weighed = line.measure == "g"
            name = QTableWidgetItem(product_name(line))
            name.setToolTip(f"{line.name}\n{line.name_en}".strip())
            self.table.setItem(r, 0, name)
            sold = QTableWidgetItem(kg(line.sold) if weighed else str(line.sold))
            still = kg(line.quantity) if weighed else str(line.quantity)
            left = QTableWidgetItem(f"{still} · {self.session.money(line.total)}")
            for col, item in ((1, sold), (2, left)):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, item)
            if weighed:  # comes back whole: the stepper reads the weight, not "0 × 1.234 kg"
                self.spins[r].set_text(lambda v, g=line.quantity: kg(g) if v else "—")

    def _show_sale_label(self) -> None:
        s = self.sale
        if s is not None:
            self.sale_label.setText(self.tr("Receipt {0} · {1} · {2}").format(
                s.receipt_no, s.created_at, self.session.money(s.total))
                + (f" · {s.member_name}" if s.member_name else ""))

    def chosen(self) -> dict[int, int]:
        out = {}
        for line, spin in zip(self.lines, self.spins, strict=True):
            if spin.value():
                out[line.line_id] = line.quantity if line.measure == "g" else spin.value()
        return out

    def _request(self) -> tuple[dict[int, int] | None, str | None]:
        """(lines, or None for everything left; the manager's choice, or None)."""
        lines = self.chosen()
        everything = all(lines.get(ln.line_id) == ln.quantity for ln in self.lines)
        return (None if everything else lines), ("cash" if self.cash_button.isChecked() else None)

    def _select_all(self) -> None:
        for spin in self.spins:
            spin.setValue(spin.maximum())

    def _update(self) -> None:
        """The choice changed: ask the domain where the money would go."""
        self.all_button.setEnabled(bool(self.lines) and not self.busy)
        self.cash_button.setEnabled(bool(self.lines) and not self.busy)
        self.preview = None
        chosen = self.chosen() if self.lines else {}
        if not chosen or self.sale is None:
            self._show_split(None)
            return
        till, sale_id, request = self.session.till, self.sale.id, self._request()
        self._asked += 1
        asked = self._asked
        self.split_label.setText(self.tr("Working out where the money goes…"))
        self.session.submit(lambda: till.preview_refund(sale_id, *request),
                            lambda result: self._previewed(asked, request, result),
                            lambda exc: self._preview_failed(asked, exc))
        self._update_ok()

    def _previewed(self, asked: int, request: Any, result: Any) -> None:
        if asked == self._asked:
            self.preview, self._shown_for = result, request
            self._show_split(result)

    def _preview_failed(self, asked: int, exc: BaseException) -> None:
        if asked == self._asked:
            self._show_split(None)
            self.show_error(exc)

    def _show_split(self, result: Any) -> None:
        while self.cards.count():
            item = self.cards.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        old = self.card_edits
        self.card_edits = {}
        if result is None:
            self.split_label.setText(self.tr("Choose what comes back."))
            self.keypad.hide()
            self._update_ok()
            return
        text = self.tr("Give back {0}: {1}").format(
            self.session.money(result.money_back), split_text(self.session.money, result.tenders))
        if result.points_restored:
            text += "\n" + translate("Refund", "{0} points returned to the member.").format(
                result.points_restored)
        if result.shortfall_deduction:
            text += "\n" + translate("Refund", "{0} deducted for points already spent.").format(
                self.session.money(result.shortfall_deduction))
        text += coupon_text(self.session, result, "\n")
        self.split_label.setText(text)
        for r, t in enumerate(t for t in result.tenders if t.tender == "card"):
            label = QLabel(self.tr("Card {0}: the card terminal's refund reference").format(
                t.reference), self)
            edit = QLineEdit(self)
            edit.setObjectName(f"cardRefundRef{r}")
            edit.setMinimumHeight(48)
            edit.setMaxLength(32)
            edit.setPlaceholderText(self.tr("Refund reference"))
            if t.reference in old:
                edit.setText(old[t.reference].text())
            edit.textChanged.connect(self._update_ok)
            self.cards.addWidget(label, r, 0)
            self.cards.addWidget(edit, r, 1)
            self.card_edits[t.reference] = edit
        edits = list(self.card_edits.values())
        self.keypad.setVisible(bool(edits))
        if edits:
            self.keypad.set_target(edits[0])
            self.keypad.follow_focus(*edits)
        self._update_ok()

    def card_references(self) -> dict[str, str]:
        return {ref: edit.text().strip() for ref, edit in self.card_edits.items()}

    def _update_ok(self) -> None:
        ready = (self.preview is not None and not self.busy
                 and all(self.card_references().values()))
        self.ok_button.setEnabled(ready)
        money = self.session.money(self.preview.money_back) if self.preview else ""
        self.ok_button.setText(self.tr("Refund {0}").format(money) if money
                               else self.tr("Refund selected"))

    def submit(self) -> None:
        if self.preview is None or self.sale is None or self.busy:
            return
        lines, refund_to = self._shown_for
        refs = self.card_references()
        if not all(refs.values()):
            return
        detail = self.tr("Receipt {0}").format(self.sale.receipt_no) + " · " + split_text(
            self.session.money, self.preview.tenders)
        self._approve("refund", lambda approval: self._refund(approval, lines, refund_to, refs),
                      detail=detail, target=sale_target(self.sale.id))

    def _refund(self, approval: Any, lines: dict[int, int] | None, refund_to: str | None,
                refs: dict[str, str]) -> None:
        till = self.session.till
        sale_id, key = self.sale.id, self.client_uuid
        self.set_busy(True)
        self.session.submit(lambda: till.refund(sale_id, lines, approval, key,
                                                refund_to=refund_to, card_references=refs),
                            self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.set_busy(False)
        if result.amount_to("cash"):
            self.session.kick_drawer()
        self.session.print_receipt(result.sale_id)
        self.refunded.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(exc)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:  # the base enabled every button; steppers and OK know better
            for spin in self.spins:
                spin.refresh()
            self.all_button.setEnabled(bool(self.lines))
            self.cash_button.setEnabled(bool(self.lines))
            self._update_ok()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Refund"))
        self.heading.setText(self.tr("Refund — scan the receipt or type its number"))
        self.receipt.setPlaceholderText(self.tr("Receipt number, e.g. MA-T1-000042"))
        self.find_button.setText(self.tr("Find"))
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Sold"),
                                              self.tr("Refundable"), self.tr("Return")])
        self.cash_button.setText(self.tr("Manager's choice: all in cash"))
        self.all_button.setText(self.tr("Everything"))
        self._show_sale_label()
        if self.lines:
            self._fill_rows()
        self._show_split(self.preview)


def refund_summary(session: TillSession, result: Any) -> str:
    text = translate("Refund", "Refund {0}: give back {1} ({2}).").format(
        result.receipt_no, session.money(result.money_back),
        split_text(session.money, result.tenders) if result.tenders
        else tender_name(result.tender))
    if result.points_reversed:
        text += " " + translate("Refund", "{0} points taken back.").format(result.points_reversed)
    if result.shortfall_deduction:
        text += " " + translate("Refund", "{0} deducted for points already spent.").format(
            session.money(result.shortfall_deduction))
    if result.points_restored:
        text += " " + translate("Refund", "{0} points returned to the member.").format(
            result.points_restored)
    return text + coupon_text(session, result, " ")


def coupon_text(session: TillSession, result: Any, sep: str) -> str:
    """What happened to the sale's coupons: given back to the member, or their share kept
    (a partial refund; the coupon comes back when the rest of the sale is returned)."""
    restored = len(getattr(result, "coupons_restored", ()))
    kept = getattr(result, "coupon_value", 0)
    if restored == 1:
        return sep + translate("Refund", "The coupon is given back to the member and can be "
                               "used again.")
    if restored:
        return sep + translate("Refund", "{0} coupons are given back to the member and can be "
                               "used again.").format(restored)
    if kept:
        return sep + translate("Refund", "The coupon's share {0} is not paid back; the coupon "
                               "returns when the whole sale is refunded.").format(
            session.money(kept))
    return ""
