"""The shift's sales: reprint a receipt, save it as PDF, refund or void a sale."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.config import data_dir
from ui.cashier.session import TillSession
from ui.widgets.dialog_base import PosDialog
from ui.widgets.i18n import current_language, kind_name


class HistoryDialog(PosDialog):
    refund_requested = Signal(object)  # SaleSummary
    void_requested = Signal(object)  # SaleSummary

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="historyDialog")
        self.session = session
        self.sales: list[Any] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("historyTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(48)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.body.addWidget(self.table, 1)
        self.reprint_button = self.add_button("", self.reprint, role="reprint")
        self.pdf_button = self.add_button("", self.save_pdf, role="pdf")
        self.refund_button = self.add_button("", self._refund, role="refund")
        self.void_button = self.add_button("", self._void, role="void")
        self.void_button.setProperty("class", "danger")
        self.setMinimumSize(760, 520)
        self.retranslate()
        self.load()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Sized from the screen, like the refund dialog: at 1920×1080 a shift's sales show.
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.setMinimumSize(min(int(screen.width() * 0.8), 1280),
                                min(int(screen.height() * 0.85), 1000))
        super().showEvent(event)

    def load(self) -> None:
        till = self.session.till
        if till is not None:
            self.session.submit(lambda: till.recent_sales(200), self.show_sales, self.show_error)

    def show_sales(self, sales: list[Any]) -> None:
        self.sales = sales
        self.table.setRowCount(len(sales))
        for row, s in enumerate(sales):
            values = [s.receipt_no, s.created_at[11:16] if len(s.created_at) > 15 else s.created_at,
                      kind_name(s.kind), self.session.money(s.total), s.member_name]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        if sales:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.sales[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        sale = self.selected()
        for b in (self.reprint_button, self.pdf_button):
            b.setEnabled(sale is not None)
        is_sale = sale is not None and sale.kind == "sale"
        self.refund_button.setEnabled(is_sale)
        self.void_button.setEnabled(is_sale)

    def reprint(self) -> None:
        sale = self.selected()
        if sale is not None:
            self.session.print_receipt(sale.id, copy=True)
            self.show_error(self.tr("Receipt {0} sent to the printer.").format(sale.receipt_no))

    def save_pdf(self) -> None:
        sale = self.selected()
        till = self.session.till
        if sale is None or till is None:
            return
        folder = data_dir() / "receipts"
        language = current_language()
        self.session.submit(lambda: till.receipt_pdf(sale.id, folder, language),
                            lambda path: self.show_error(self.tr("Saved {0}").format(path)),
                            self.show_error)

    def _refund(self) -> None:
        sale = self.selected()
        if sale is not None:
            self.accept()
            self.refund_requested.emit(sale)

    def _void(self) -> None:
        sale = self.selected()
        if sale is not None:
            self.accept()
            self.void_requested.emit(sale)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sales history"))
        self.heading.setText(self.tr("Sales in this shift"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Receipt"), self.tr("Time"), self.tr("Kind"), self.tr("Total"),
            self.tr("Member")])
        self.reprint_button.setText(self.tr("Reprint"))
        self.pdf_button.setText(self.tr("Save PDF"))
        self.refund_button.setText(self.tr("Refund…"))
        self.void_button.setText(self.tr("Void sale…"))
        if self.sales:
            self.show_sales(self.sales)
