"""The code entry (typed codes, quantity prefix, search text) and the search results."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.catalogue import ProductInfo
from ui.cashier.session import TillSession
from ui.cashier.tiles import PickList
from ui.widgets.i18n import product_name

QUANTITY_PREFIX = re.compile(r"^\s*(\d{1,4})\s*[*xX×]\s*(.*)$")


class CodeLine(QLineEdit):
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class CodeEntry(QWidget):
    """Typing a barcode and Enter rings it up; ``3*`` sets the quantity of the next item;
    anything else searches by name, pinyin initials or SKU."""

    search = Signal(str)
    to_results = Signal()

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeEntry")
        self.session = session
        self.line = CodeLine(self)
        self.line.setObjectName("codeLine")
        self.line.setMinimumHeight(52)
        self.line.setClearButtonEnabled(True)
        self.line.returnPressed.connect(self.submit)
        self.line.down.connect(self.to_results.emit)
        self.quantity_chip = QLabel(self)
        self.quantity_chip.setObjectName("quantityChip")
        self.quantity_chip.hide()
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("searchButton")
        self.search_button.setMinimumSize(96, 52)
        self.search_button.clicked.connect(self._search_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.quantity_chip)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.search_button)
        self.retranslate()

    def submit(self) -> None:
        text = self.line.text().strip()
        if not text:
            return
        m = QUANTITY_PREFIX.match(text)
        if m:
            self.set_quantity(int(m.group(1)))
            text = m.group(2).strip()
            if not text:
                self.line.clear()
                return
        self.line.clear()
        if text.isdigit() and len(text) >= 8 or text.startswith("PM1."):
            self.session.handle_scan(text)
        else:
            self.search.emit(text)

    def _search_clicked(self) -> None:
        text = self.line.text().strip()
        if text:
            self.line.clear()
            self.search.emit(text)
        else:
            self.line.setFocus()

    def set_quantity(self, quantity: int) -> None:
        self.session.set_pending_quantity(quantity)
        self.show_quantity()

    def show_quantity(self) -> None:
        qty = self.session.pending_quantity
        self.quantity_chip.setText(f"× {qty}")
        self.quantity_chip.setVisible(qty > 1)

    def retranslate(self) -> None:
        self.line.setPlaceholderText(self.tr("Scan or type a barcode, a name or pinyin "
                                             "initials — 3* sets the quantity"))
        self.search_button.setText(self.tr("Search"))
        self.search_button.setToolTip(self.tr("Search the catalogue (F2)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SearchResults(QWidget):
    chosen = Signal(object)  # ProductInfo

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.session = session
        self.query = ""
        self.title = QLabel(self)
        self.title.setObjectName("searchTitle")
        self.title.setWordWrap(True)
        self.list = PickList(self)
        self.list.setObjectName("searchList")
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.picked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self.products: list[ProductInfo] = []
        self.retranslate()

    def run(self, text: str) -> None:
        self.query = text
        self.title.setText(self.tr("Searching “{0}”…").format(text))
        till = self.session.till
        if till is None:
            return
        self.session.submit(lambda: till.search(text), self.show_results)

    def show_results(self, products: list[ProductInfo]) -> None:
        self.products = products
        self.list.clear()
        money = self.session.money
        for p in products:
            unit = "/kg" if p.weighed else ""
            item = QListWidgetItem(f"{product_name(p)}    {money(p.price)}{unit}    {p.sku}")
            item.setSizeHint(QSize(100, 48))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.list.addItem(item)
        if products:
            self.list.setCurrentRow(0)
            self.title.setText(self.tr("{0} result(s) for “{1}” — tap one, or ↓ and Enter")
                               .format(len(products), self.query))
        else:
            self.title.setText(self.tr("Nothing found for “{0}”.").format(self.query))

    def _activated(self, item: QListWidgetItem) -> None:
        product = item.data(Qt.ItemDataRole.UserRole)
        if product is not None:
            self.chosen.emit(product)

    def retranslate(self) -> None:
        if not self.query:
            self.title.setText(self.tr("Type a name, pinyin initials (e.g. kkkl) or a code "
                                       "above and press Enter."))
        elif self.products:
            self.show_results(self.products)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
