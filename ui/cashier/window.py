"""The cashier window: composed of panels (cart, totals, member, catalogue) and dialogs.

Layout (1024×768 up to 1920×1080)::

    ┌ top bar: store · terminal · cashier · shift        [History][Refund][Drawer][Shift][EN][Lock] ┐
    ├ banner (what just happened)                                                                     ┤
    │ [code / search entry            ][Search] │ member panel                                        │
    │ cart table                                │ [Products][Search][Keypad]                          │
    │                                           │ category tiles / results / keypad                   │
    │ [−][+][Qty][Discount][Price][Remove]      │                                                     │
    │ totals ……………… TOTAL   [Discount][Void][ PAY ]│                                                     │
    └ status: database · scanner · scale · printer · card reader · weight · clock                    ┘
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.cashier.arrivals import ArrivalWatcher
from ui.cashier.cart_panel import CartPanel
from ui.cashier.category_grid import CategoryGrid
from ui.cashier.flows import Flows
from ui.cashier.member_panel import MemberPanel
from ui.cashier.search_panel import CodeEntry, SearchResults
from ui.cashier.session import TillSession
from ui.cashier.status_bar import StatusBar
from ui.cashier.top_bar import TopBar
from ui.cashier.totals_panel import TotalsPanel
from ui.widgets.banner import Banner
from ui.widgets.keypad import Keypad
from ui.widgets.scaling import px

PAGE_PRODUCTS, PAGE_SEARCH, PAGE_KEYPAD = range(3)


class CashierWindow(QMainWindow):
    language_requested = Signal()
    ready = Signal()  # the till is open and the window can take a scan

    def __init__(self, session: TillSession, hub: QObject | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cashierWindow")
        self.session = session
        self.hub = hub

        self.top = TopBar(session, self)
        self.banner = Banner(self)
        self.entry = CodeEntry(session, self)
        self.cart = CartPanel(session, self)
        self.totals = TotalsPanel(session, self)
        self.member = MemberPanel(session, self)
        self.categories = CategoryGrid(session, self)
        self.results = SearchResults(session, self)
        self.keypad = Keypad(self.entry.line, decimal=False, multiply=True, parent=self)
        self.status = StatusBar(session, hub, self)
        self.flows = Flows(self, session, self.banner)
        self.arrivals = ArrivalWatcher(session, self.banner, self)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.categories)
        self.pages.addWidget(self.results)
        keypad_page = QWidget(self)
        kp = QVBoxLayout(keypad_page)
        kp.setContentsMargins(0, 0, 0, 0)
        kp.addWidget(self.keypad, 1)
        self.pages.addWidget(keypad_page)
        self.page_buttons: list[QPushButton] = []
        group = QButtonGroup(self)
        tabs = QHBoxLayout()
        tabs.setSpacing(6)
        for i in range(3):
            b = QPushButton(self)
            b.setObjectName(f"page_{i}")
            b.setCheckable(True)
            b.setMinimumHeight(px(52))
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.setProperty("class", "tab")
            group.addButton(b, i)
            tabs.addWidget(b)
            self.page_buttons.append(b)
        group.idClicked.connect(self.show_page)
        self.page_buttons[0].setChecked(True)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.entry)
        left.addWidget(self.cart, 1)
        left.addWidget(self.totals)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.member)
        right.addLayout(tabs)
        right.addWidget(self.pages, 1)
        columns = QHBoxLayout()
        columns.setContentsMargins(10, 6, 10, 6)
        columns.setSpacing(12)
        left_box, right_box = QWidget(self), QWidget(self)
        left_box.setLayout(left)
        right_box.setLayout(right)
        left_box.setObjectName("leftColumn")
        right_box.setObjectName("rightColumn")
        left.setContentsMargins(0, 0, 0, 0)
        right.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(left_box, 3)
        columns.addWidget(right_box, 2)
        central = QWidget(self)
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.top)
        outer.addWidget(self.banner)
        outer.addLayout(columns, 1)
        outer.addWidget(self.status)
        self.setCentralWidget(central)

        self._connect()
        self._shortcuts()
        self.retranslate()
        self.entry.line.installEventFilter(self)

    # -- wiring ------------------------------------------------------------------------------
    def _connect(self) -> None:
        s, f = self.session, self.flows
        s.notice.connect(self.banner.show_message)
        s.unknown_code.connect(self._unknown_code)
        s.receipt_scanned.connect(self._receipt_scanned)
        s.coupon_scanned.connect(self.flows.coupon)
        s.weigh_needed.connect(f.weigh)
        s.opened.connect(self._opened)
        s.open_failed.connect(lambda text: self.banner.show_message("error", text))
        s.shift_changed.connect(self._shift_changed)
        s.cart_changed.connect(lambda _: self.entry.show_quantity())
        s.paying_changed.connect(self._paying)
        self.entry.search.connect(self.search)
        self.entry.to_results.connect(self._down)
        self.results.chosen.connect(self._chosen)
        self.categories.chosen.connect(self._chosen)
        self.cart.step_quantity.connect(f.step_quantity)
        self.cart.edit_quantity.connect(f.edit_quantity)
        self.cart.edit_discount.connect(f.line_discount)
        self.cart.edit_price.connect(f.override_price)
        self.cart.remove_line.connect(f.remove_line)
        self.totals.pay.connect(f.pay)
        self.totals.cart_discount.connect(f.cart_discount)
        self.totals.clear_cart.connect(f.clear_cart)
        self.member.identify.connect(f.identify)
        self.member.register.connect(f.register)
        self.member.face.connect(f.face_enrolment)
        self.top.history.connect(f.history)
        self.top.refund.connect(lambda: f.refund())
        self.top.no_sale.connect(f.no_sale)
        self.top.x_report.connect(f.x_report)
        self.top.close_shift.connect(f.close_shift)
        self.top.open_shift.connect(f.open_shift)
        self.top.devices.connect(f.devices)
        self.top.lock.connect(self.lock)
        self.top.language.connect(self.language_requested.emit)

    def _shortcuts(self) -> None:
        f = self.flows
        keys = {
            "F2": self.focus_search,
            "F3": f.identify,
            "F4": lambda: f.edit_quantity(self._row()),
            "F5": lambda: f.line_discount(self._row()),
            "F6": f.cart_discount,
            "F7": lambda: f.override_price(self._row()),
            "F8": f.history,
            "F9": lambda: f.refund(),
            "F10": lambda: f.remove_line(self._row()),
            "F12": f.pay,
            "Ctrl+L": self.lock,
            "Ctrl+P": lambda: self.show_page(PAGE_PRODUCTS),
            "Ctrl+K": lambda: self.show_page(PAGE_KEYPAD),
        }
        self.shortcuts = []
        for key, slot in keys.items():
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
            self.shortcuts.append(sc)

    def _row(self) -> int:
        row = self.cart.current_row()
        return row if row >= 0 else len(self.session.cart.lines) - 1

    # -- reacting -------------------------------------------------------------------------------
    def _opened(self) -> None:
        self.arrivals.start()
        self.categories.load()
        self.top.refresh()
        if self.session.restored_lines:
            self.banner.show_message("warning", self.tr(
                "The sale in progress was restored after a restart ({0} lines). Check it "
                "with the customer and continue.").format(self.session.restored_lines))
        if self.session.cashier is None:
            self.flows.sign_in()
        self.ready.emit()

    def _shift_changed(self, shift: object) -> None:
        if shift is None and self.session.cashier is not None and not self.flows.busy_elsewhere():
            self.flows.open_shift()

    def _paying(self, paying: bool) -> None:
        self.cart.setEnabled(not paying)
        self.entry.setEnabled(not paying)

    def _unknown_code(self, code: str, why: str) -> None:
        if why:
            text = self.tr("Barcode {0} cannot be used: {1} Search for the product by name "
                           "instead.").format(code, why)
        else:
            text = self.tr("Unknown barcode {0}: it is not in the catalogue. Search for the "
                           "product by name instead.").format(code)
        self.banner.show_message("warning", text, self.tr("Search by name"), self.focus_search)

    def _receipt_scanned(self, receipt_no: str) -> None:
        if not self.flows.busy_elsewhere():
            self.flows.refund(receipt_no)

    def _chosen(self, product: object) -> None:
        self.session.add_product(product)  # type: ignore[arg-type]
        self.focus_entry()

    def search(self, text: str) -> None:
        self.show_page(PAGE_SEARCH)
        self.results.run(text)

    def _down(self) -> None:
        if self.pages.currentIndex() == PAGE_SEARCH and self.results.list.count():
            self.results.list.setFocus()
        else:
            self.cart.select_row(min(self._row() + 1, len(self.session.cart.lines) - 1))

    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.page_buttons[index].setChecked(True)
        if index != PAGE_SEARCH:
            self.focus_entry()

    def focus_entry(self) -> None:
        self.entry.line.setFocus()

    def focus_search(self) -> None:
        self.show_page(PAGE_SEARCH)
        self.entry.line.setFocus()
        self.entry.line.selectAll()

    def lock(self) -> None:
        if self.flows.busy_elsewhere() or self.session.paying:
            return
        self.session.sign_out()
        self.flows.sign_in()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys in the code entry: +/- change the selected line, Up moves the selection."""
        if watched is self.entry.line and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if not self.entry.line.text():
                if key == Qt.Key.Key_Plus:
                    self.flows.step_quantity(self._row(), 1)
                    return True
                if key == Qt.Key.Key_Minus:
                    self.flows.step_quantity(self._row(), -1)
                    return True
            if key == Qt.Key.Key_Up:
                self.cart.select_row(max(0, self._row() - 1))
                return True
            if key == Qt.Key.Key_Escape:
                self.entry.line.clear()
                self.session.set_pending_quantity(1)
                self.entry.show_quantity()
                return True
        return super().eventFilter(watched, event)

    # -- language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Patron — till"))
        self.page_buttons[PAGE_PRODUCTS].setText(self.tr("Products"))
        self.page_buttons[PAGE_SEARCH].setText(self.tr("Search"))
        self.page_buttons[PAGE_KEYPAD].setText(self.tr("Keypad"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.paying:  # never close in the middle of committing a sale
            event.ignore()
            return
        super().closeEvent(event)
