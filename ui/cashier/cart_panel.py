"""The cart table and the actions on its selected line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.cashier.cart_model import COL_DISCOUNT, COL_NAME, COL_PRICE, COL_QTY, COL_TOTAL, CartModel
from ui.cashier.cart_name_delegate import MARGIN as NAME_MARGIN
from ui.cashier.cart_name_delegate import NameDelegate
from ui.cashier.session import CartChange, TillSession
from ui.widgets.i18n import product_name
from ui.widgets.scaling import px

NUMBER_COLUMNS = (COL_QTY, COL_PRICE, COL_DISCOUNT, COL_TOTAL)
NUMBERS_SHARE = 0.6  # the figures' columns give way to the name beyond this share of the width
SHORTEN_FIRST = (COL_DISCOUNT, COL_PRICE, COL_QTY, COL_TOTAL)


class CartPanel(QWidget):
    step_quantity = Signal(int, int)  # row, +1 / -1
    edit_quantity = Signal(int)
    edit_discount = Signal(int)
    edit_price = Signal(int)
    remove_line = Signal(int)

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cartPanel")
        self.session = session
        self.model = CartModel(session, self)
        self.view = QTableView(self)
        self.view.setObjectName("cartView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        # a long name goes on two lines before anything is cut (cart_name_delegate.py)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.names = NameDelegate(self.view)
        self.view.setItemDelegateForColumn(COL_NAME, self.names)
        self.view.verticalHeader().setDefaultSectionSize(px(48))
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setMinimumWidth(px(36))
        self.view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in NUMBER_COLUMNS:  # sized by _fit_columns: the name takes what is left
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.setMinimumSectionSize(px(40))
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setHighlightSections(False)
        self.view.activated.connect(lambda index: self.edit_quantity.emit(index.row()))
        header.sectionResized.connect(lambda *_: self._show_detail())
        # an empty cart says how to begin, in the middle of the table
        self.hint = QLabel(self.view.viewport())
        self.hint.setObjectName("cartHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.view.viewport().installEventFilter(self)
        # the selected line's full name and SKU, while the table has had to shorten a name
        self.detail = QLabel(self)
        self.detail.setObjectName("cartDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for name, handler in (
            ("minus", lambda r: self.step_quantity.emit(r, -1)),
            ("plus", lambda r: self.step_quantity.emit(r, 1)),
            ("quantity", self.edit_quantity.emit),
            ("discount", self.edit_discount.emit),
            ("price", self.edit_price.emit),
            ("remove", self.remove_line.emit),
        ):
            button = QPushButton(self)
            button.setObjectName(f"line_{name}")
            button.setMinimumHeight(px(52))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, h=handler: self._on_line_action(h))
            bar.addWidget(button, 2 if name not in ("minus", "plus") else 1)
            self.buttons[name] = button
        self.buttons["remove"].setProperty("class", "danger")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self.detail.hide()
        layout.addLayout(bar)

        session.cart_changed.connect(self._follow)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.retranslate()
        self._update_buttons()

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectRow(row)  # single selection of whole rows: clears the previous one
            self.view.scrollTo(self.model.index(row, 0))
        self._update_buttons()

    def _follow(self, change: CartChange) -> None:
        rows = self.model.rowCount()
        if change.kind in ("insert", "update") and change.row >= 0:
            self.select_row(change.row)
        elif change.kind == "remove" and rows:
            self.select_row(min(change.row, rows - 1))
        else:
            self._update_buttons()

    def _on_line_action(self, handler) -> None:  # type: ignore[no-untyped-def]
        row = self.current_row()
        if row < 0 and self.model.rowCount():
            row = self.model.rowCount() - 1
        if row >= 0:
            handler(row)

    def _update_buttons(self, *_: object) -> None:
        has_lines = self.model.rowCount() > 0
        for button in self.buttons.values():
            button.setEnabled(has_lines)
        self.hint.setVisible(not has_lines)
        self._place_hint()
        # a Discount column with nothing in it only takes room from the names
        discounted = any(t.discount for t in self.model.totals.lines)
        self.view.setColumnHidden(COL_DISCOUNT, not discounted)
        self._fit_columns()
        self._show_detail()

    def _fit_columns(self) -> None:
        """The figures' columns as wide as their headings and figures; when that takes more
        than NUMBERS_SHARE of the table, headings are shortened down to the figures' width
        (Discount first, Amount last): the product name is what tells the lines apart."""
        view, header = self.view, self.view.horizontalHeader()
        cols = [c for c in NUMBER_COLUMNS if not view.isColumnHidden(c)]
        padding = px(6)
        figures = {c: max(px(40), view.sizeHintForColumn(c) + padding) for c in cols}
        headed = {c: max(figures[c], header.sectionSizeHint(c)) for c in cols}
        excess = sum(headed.values()) - view.viewport().width() * NUMBERS_SHARE
        widths = dict(headed)
        for c in SHORTEN_FIRST:  # headings give way one by one, the Amount's last
            if excess <= 0:
                break
            if c in widths:
                cut = min(excess, widths[c] - figures[c])
                widths[c] -= cut
                excess -= cut
        for c in cols:
            if header.sectionSize(c) != widths[c]:
                header.resizeSection(c, widths[c])

    def _names_cut(self) -> bool:
        """Whether the name column is too narrow for one of the names on one line."""
        metrics = self.view.fontMetrics()
        room = self.view.columnWidth(COL_NAME) - 2 * NAME_MARGIN
        return any(metrics.horizontalAdvance(product_name(line.product)) > room
                   for line in self.session.cart.lines)

    def _show_detail(self) -> None:
        """The selected line's full name under the table — only while some name is cut short,
        so the line takes a cart row's room only when it is needed."""
        row = self.current_row()
        lines = self.session.cart.lines
        if not 0 <= row < len(lines) or not self._names_cut():
            self.detail.clear()
            self.detail.hide()
            return
        product = lines[row].product
        text = f"{row + 1}. {product_name(product)} · {product.sku}"
        width = max(0, self.width() - px(8))
        self.detail.setText(self.detail.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, width))
        self.detail.setToolTip(text)
        self.detail.show()

    def _place_hint(self) -> None:
        viewport = self.view.viewport()
        margin = px(24)
        self.hint.setGeometry(margin, 0, max(0, viewport.width() - 2 * margin),
                              viewport.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._place_hint()
            self._fit_columns()
        return super().eventFilter(watched, event)


    def retranslate(self) -> None:
        b = self.buttons
        b["minus"].setText("−")
        b["minus"].setToolTip(self.tr("One less (-)"))
        b["plus"].setText("+")
        b["plus"].setToolTip(self.tr("One more (+)"))
        b["quantity"].setText(self.tr("Quantity"))
        b["quantity"].setToolTip(self.tr("Change the quantity (F4)"))
        b["discount"].setText(self.tr("Discount"))
        b["discount"].setToolTip(self.tr("Discount on this line (F5)"))
        b["price"].setText(self.tr("Price"))
        b["price"].setToolTip(self.tr("Change the price (manager, F7)"))
        b["remove"].setText(self.tr("Remove"))
        b["remove"].setToolTip(self.tr("Remove this line (manager, F10)"))
        self.hint.setText(self.tr("Scan a barcode or tap a product to start the sale."))
        self.model.retranslate()
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
