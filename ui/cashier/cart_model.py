"""The cart as a Qt table model: one row per cart line, totals cached per change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.cart import CartTotals
from ui.cashier.session import CartChange, TillSession
from ui.widgets.i18n import product_name, translate

COL_NAME, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_TOTAL = range(5)
Index = QModelIndex | QPersistentModelIndex


def quantity_text(line: Any) -> str:
    if line.fixed_total is not None and not line.weighed:
        return "1"
    if line.weighed:
        if line.fixed_total is not None and line.quantity <= 1:
            return "—"
        return f"{line.quantity / 1000:.3f} kg"
    return str(line.quantity)


class CartModel(QAbstractTableModel):
    def __init__(self, session: TillSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.totals: CartTotals = session.cart.totals()
        session.cart_changed.connect(self.apply)

    @property
    def cart(self):  # type: ignore[no-untyped-def]
        return self.session.cart

    # -- keeping in step with the cart -------------------------------------------------------
    def apply(self, change: CartChange) -> None:
        rows_before = len(self.totals.lines)
        self.totals = self.cart.totals()
        rows = len(self.cart.lines)
        if change.kind == "insert" and rows == rows_before + 1:
            self.beginInsertRows(QModelIndex(), change.row, change.row)
            self.endInsertRows()
            if self.cart.cart_discount:
                self._all_changed()
        elif change.kind == "remove" and rows == rows_before - 1:
            self.beginRemoveRows(QModelIndex(), change.row, change.row)
            self.endRemoveRows()
            self._all_changed()
        elif change.kind == "update" and rows == rows_before and 0 <= change.row < rows:
            if self.cart.cart_discount:
                self._all_changed()
            else:
                self.dataChanged.emit(self.index(change.row, 0),
                                      self.index(change.row, COL_TOTAL))
        else:
            self.beginResetModel()
            self.endResetModel()

    def _all_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, COL_TOTAL))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COL_TOTAL)
        self._all_changed()

    # -- the model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.totals.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                translate("CartModel", "Item"), translate("CartModel", "Qty"),
                translate("CartModel", "Price"), translate("CartModel", "Discount"),
                translate("CartModel", "Amount"),
            ][section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != COL_NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.totals.lines):
            return None
        line = self.cart.lines[index.row()]
        totals = self.totals.lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            money = self.session.money
            if col == COL_NAME:
                return product_name(line.product)
            if col == COL_QTY:
                return quantity_text(line)
            if col == COL_PRICE:
                if line.fixed_total is not None:
                    return money(line.fixed_total)
                price = money(line.unit_price)
                return f"{price}/kg" if line.weighed else price
            if col == COL_DISCOUNT:
                return f"-{money(totals.discount)[0:]}" if totals.discount else ""
            if col == COL_TOTAL:
                return money(totals.total)
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            if col != COL_NAME:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME:
            p = line.product
            return f"{p.name} / {p.name_en}\nSKU {p.sku} {line.barcode}".strip()
        return None
