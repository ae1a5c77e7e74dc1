"""Categories and their products as large tiles: tap (or arrows + Enter) to ring one up."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QVBoxLayout, QWidget

from app.catalogue import CategoryInfo, ProductInfo
from ui.cashier.session import TillSession
from ui.cashier.tiles import tile_list
from ui.widgets.i18n import product_name
from ui.widgets.scaling import px


class CategoryGrid(QWidget):
    chosen = Signal(object)  # ProductInfo

    TILE = QSize(164, 100)  # at 1024×768; scaled with the screen (px)
    CATEGORY = QSize(124, 56)
    TILE_MIN_WIDTH = 140
    TILE_GROWTH = 1.8  # a short category's tiles grow up to this much taller to fill the panel

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryGrid")
        self.session = session
        self.categories: list[CategoryInfo] = []
        self.products: list[ProductInfo] = []
        self.category_height = px(self.CATEGORY.height())
        self.tile_height = px(self.TILE.height())
        self.category_list = tile_list(self, "categoryList",
                                       QSize(px(self.CATEGORY.width()), self.category_height))
        self.category_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.category_list.setFixedHeight(self.category_height + 8)
        self.category_list.currentRowChanged.connect(self._category_changed)
        self.product_list = tile_list(self, "productTiles",
                                      QSize(px(self.TILE.width()), self.tile_height))
        self.product_list.picked.connect(self._activated)
        self.product_list.viewport().installEventFilter(self)
        self.category_list.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.category_list)
        layout.addWidget(self.product_list, 1)

    def load(self) -> None:
        till = self.session.till
        if till is not None:
            self.session.submit(till.categories, self.show_categories)

    def show_categories(self, categories: list[CategoryInfo]) -> None:
        self.categories = categories
        self.category_list.blockSignals(True)
        self.category_list.clear()
        for c in categories:
            item = QListWidgetItem(self._category_text(c))
            grid = self.category_list.gridSize()
            item.setSizeHint(QSize(grid.width() - px(6), grid.height() - px(6)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.category_list.addItem(item)
        self.category_list.blockSignals(False)
        self._fit_categories()
        if categories:
            self.category_list.setCurrentRow(0)
            self._category_changed(0)

    def _fit_categories(self) -> None:
        """One row of category tiles, two when they do not fit; more scroll."""
        width = (self.category_list.viewport().width() or self.width()) - px(24)
        per_row = max(2, width // px(150))
        grid = QSize(max(px(100), width // per_row), self.category_height)
        if grid != self.category_list.gridSize():
            self.category_list.setGridSize(grid)
            for i in range(self.category_list.count()):
                self.category_list.item(i).setSizeHint(
                    QSize(grid.width() - px(6), grid.height() - px(6)))
        rows = 1 if len(self.categories) <= per_row else 2
        frame = 2 * self.category_list.frameWidth()
        self.category_list.setFixedHeight(rows * self.category_height + frame)

    def _fit_tiles(self) -> None:
        """As many tile columns as fit at >= 140 px (scaled) each, sharing the width evenly;
        the rows grow taller to use the panel's height: a short category's up to TILE_GROWTH,
        a long one's so that whole rows fill the panel."""
        viewport = self.product_list.viewport()
        width = viewport.width() - px(24)  # room for a scroll bar
        if width <= 0:
            return
        cols = max(2, width // px(self.TILE_MIN_WIDTH))
        rows = max(1, -(-len(self.products) // cols))
        room = viewport.height() - 2
        fitting = max(1, room // self.tile_height)
        if rows > fitting:  # it scrolls: whole rows fill the panel, none cut in half
            height = room // fitting
        else:
            height = max(self.tile_height,
                         min(room // rows, round(self.tile_height * self.TILE_GROWTH)))
        grid = QSize(width // cols, height)
        if grid != self.product_list.gridSize():
            self.product_list.setGridSize(grid)
            for i in range(self.product_list.count()):
                self.product_list.item(i).setSizeHint(self._tile_size())

    def _tile_size(self) -> QSize:
        grid = self.product_list.gridSize()
        return QSize(grid.width() - px(8), grid.height() - px(8))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.product_list.viewport():
                self._fit_tiles()
            elif watched is self.category_list.viewport():
                self._fit_categories()
        return super().eventFilter(watched, event)

    @staticmethod
    def _category_text(c: CategoryInfo) -> str:
        return product_name(c)

    def _category_changed(self, row: int) -> None:
        if not 0 <= row < len(self.categories):
            return
        till = self.session.till
        cid = self.categories[row].id
        if till is not None:
            self.session.submit(lambda: till.products_in(cid), self.show_products)

    def show_products(self, products: list[ProductInfo]) -> None:
        self.products = products
        self.product_list.clear()
        self._fit_tiles()
        for p in products:
            item = QListWidgetItem(self._tile_text(p))
            item.setSizeHint(self._tile_size())
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(f"{p.name}\n{p.name_en}\n{p.sku}")
            self.product_list.addItem(item)

    def _tile_text(self, p: ProductInfo) -> str:
        price = self.session.money(p.price) + ("/kg" if p.weighed else "")
        return f"{product_name(p)}\n{price}"

    def _activated(self, item: QListWidgetItem) -> None:
        product = item.data(Qt.ItemDataRole.UserRole)
        if product is not None:
            self.chosen.emit(product)

    def retranslate(self) -> None:
        for i, c in enumerate(self.categories):
            if item := self.category_list.item(i):
                item.setText(self._category_text(c))
        for i, p in enumerate(self.products):
            if item := self.product_list.item(i):
                item.setText(self._tile_text(p))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
