"""The code entry (typed codes, quantity prefix, search text) and the search results."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.catalogue import ProductInfo
from ui.cashier.session import TillSession, looks_like_coupon
from ui.cashier.tiles import PickList
from ui.widgets.i18n import is_english, product_name, translate

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
        if text.isdigit() and len(text) >= 8 or text.startswith("PM1.") \
                or looks_like_coupon(text):  # a coupon's code typed from its slip
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


# Roles of a result row: its second line (what tells look-alikes apart) and its price.
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
PRICE_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_HEIGHT = 64


def result_detail(product: ProductInfo) -> str:
    """What tells two results with the same name and price apart: the SKU, how the product
    is sold and its category ("A004 · by weight · Fruit")."""
    unit = (translate("SearchResults", "by weight") if product.weighed
            else translate("SearchResults", "by the piece"))
    category = product.category_en if is_english() and product.category_en else product.category
    return " · ".join(part for part in (product.sku, unit, category) if part)


class ResultDelegate(QStyledItemDelegate):
    """Two lines per result: the name and price, then the SKU, unit and category in grey.
    The name is elided in the middle so two long look-alike names keep their different
    ends."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        # As narrow as can be: the view gives each row its full width, and a wider hint
        # would push the price under the scroll bar.
        return QSize(1, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = opt.rect.adjusted(12, 6, -12, -6)
        half = rect.height() // 2
        painter.save()
        big = QFont(opt.font)
        if opt.font.pixelSize() > 0:  # the theme sizes fonts in pixels
            big.setPixelSize(round(opt.font.pixelSize() * 1.1))
        else:
            big.setPointSizeF(opt.font.pointSizeF() * 1.1)
        big.setBold(True)
        price = str(index.data(PRICE_ROLE) or "")
        painter.setFont(big)
        price_width = painter.fontMetrics().horizontalAdvance(price) + 16
        top = QRect(rect.left(), rect.top(), rect.width(), half)
        painter.setPen(QColor("#1d2430"))
        painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, price)
        name_rect = top.adjusted(0, 0, -price_width, 0)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle,
                                                          name_rect.width()))
        painter.setFont(opt.font)
        painter.setPen(QColor("#5b6678"))
        bottom = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        detail = str(index.data(DETAIL_ROLE) or "")
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideRight,
                                                          bottom.width()))
        painter.restore()


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
        self.list.setItemDelegate(ResultDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
            price = money(p.price) + ("/kg" if p.weighed else "")
            detail = result_detail(p)
            item = QListWidgetItem(product_name(p))
            item.setSizeHint(QSize(1, ROW_HEIGHT))
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setData(DETAIL_ROLE, detail)
            item.setData(PRICE_ROLE, price)
            item.setToolTip(f"{product_name(p)}\n{price} · {detail}")
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
            # Added: the search is done. Clearing it keeps the next scan from landing on a
            # list that still offers the product just added.
            self.clear()
            self.chosen.emit(product)

    def clear(self) -> None:
        """Back to the hint, with no results and no query."""
        self.query = ""
        self.products = []
        self.list.clear()
        self.retranslate()

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
