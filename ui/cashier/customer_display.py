"""The customer-facing window (a second screen, where configured): the cart as it grows,
the total, the change due, the member's name and points earned, and, while the till is
idle, a slideshow of offers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.cashier.cart_model import quantity_text
from ui.cashier.session import CartChange, SaleDone, TillSession
from ui.widgets.i18n import product_name

SLIDE_MS = 6000
THANKS_MS = 20000
OFFER_REFRESH_MS = 5 * 60 * 1000


class CustomerDisplay(QWidget):
    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("customerDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.session = session
        self.last_sale: SaleDone | None = None
        self.header = QLabel(self)
        self.header.setObjectName("cdHeader")
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)

        # page 0: the idle slideshow
        self.slide = QLabel(self)
        self.slide.setObjectName("cdSlide")
        self.slide.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slide.setWordWrap(True)
        self.slide_index = 0
        self.pages.addWidget(self.slide)

        # page 1: the cart
        cart = QWidget(self)
        self.lines = QTableWidget(0, 3, cart)
        self.lines.setObjectName("cdLines")
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setShowGrid(False)
        self.lines.horizontalHeader().hide()
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(44)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.member = QLabel(cart)
        self.member.setObjectName("cdMember")
        self.total = QLabel(cart)
        self.total.setObjectName("cdTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        lay = QVBoxLayout(cart)
        lay.addWidget(self.lines, 1)
        lay.addWidget(self.member)
        lay.addWidget(self.total)
        self.pages.addWidget(cart)

        # page 2: thank you, change due
        self.thanks = QLabel(self)
        self.thanks.setObjectName("cdThanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setWordWrap(True)
        self.pages.addWidget(self.thanks)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.pages, 1)
        self._slides = QTimer(self)
        self._slides.timeout.connect(self._next_slide)
        self._slides.start(SLIDE_MS)
        # The merchant's current offers, refreshed so new ones appear without a restart.
        self.offers: list[str] = []
        self._offer_timer = QTimer(self)
        self._offer_timer.timeout.connect(self.load_offers)
        self._offer_timer.start(OFFER_REFRESH_MS)
        self.load_offers()
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.timeout.connect(self._end_thanks)
        session.cart_changed.connect(self._cart_changed)
        session.member_changed.connect(lambda _: self.refresh())
        session.sale_completed.connect(self._sale_done)
        self.resize(800, 600)
        self.retranslate()

    def place(self) -> None:
        """On the second screen when there is one, full screen; else a window."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            geo = screens[1].geometry()
            self.move(geo.topLeft())
            self.showFullScreen()
        else:
            self.show()

    def load_offers(self) -> None:
        till = self.session.till
        if till is None:  # the till is still opening
            QTimer.singleShot(2000, self, self.load_offers)
            return
        self.session.submit(till.offers, self._offers_loaded, lambda _exc: None)

    def _offers_loaded(self, offers: list) -> None:
        english = QLocale().language() == QLocale.Language.English
        self.offers = [
            f"{(o.title_en if english and o.title_en else o.title)}\n{o.description}".strip()
            for o in offers
        ]

    def slides(self) -> list[str]:
        return self.offers + [
            self.tr("Members earn points at every store of the coalition."),
            self.tr("Not a member yet? Register at the till with your mobile number."),
            self.tr("Pay with points: ask the cashier."),
            self.tr("Today's offers are waiting at the kiosk by the door."),
        ]

    def _next_slide(self) -> None:
        slides = self.slides()
        self.slide_index = (self.slide_index + 1) % len(slides)
        self.slide.setText(slides[self.slide_index])

    def _cart_changed(self, change: CartChange) -> None:
        if self.session.cart.lines:
            self._thanks_timer.stop()
            self.last_sale = None
        if change.kind == "insert" and not self.session.cart.cart_discount:
            self._add_line(change.row)
            self._update_totals()
            self.pages.setCurrentIndex(1)
        else:
            self.refresh()

    def _add_line(self, row: int) -> None:
        line = self.session.cart.lines[row]
        total = self.session.cart.totals().lines[row].total
        self.lines.insertRow(row)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for col, text in enumerate((product_name(line.product), quantity_text(line),
                                    self.session.money(total))):
            item = QTableWidgetItem(text)
            if col:
                item.setTextAlignment(right)
            self.lines.setItem(row, col, item)
        self.lines.scrollToBottom()

    def _update_totals(self) -> None:
        s = self.session
        self.total.setText(self.tr("Total {0}").format(s.money(s.cart.totals().total)))
        m = s.member
        self.member.setText(self.tr("Welcome, {0} — {1} points").format(
            m.name or m.phone_masked, f"{m.points:,}") if m else "")

    def refresh(self) -> None:
        s = self.session
        if self.last_sale is not None and not s.cart.lines:
            self.pages.setCurrentIndex(2)
            return
        self.lines.setRowCount(0)
        for row in range(len(s.cart.lines)):
            self._add_line(row)
        self._update_totals()
        self.pages.setCurrentIndex(1 if s.cart.lines or s.member else 0)

    def _sale_done(self, done: SaleDone) -> None:
        self.last_sale = done
        r = done.result
        text = self.tr("Thank you!") + "\n" + self.tr("Paid {0}").format(self.session.money(r.total))
        if r.change:
            text += "\n" + self.tr("Your change: {0}").format(self.session.money(r.change))
        if done.member is not None:
            text += "\n" + self.tr("{0}, you earned {1} points").format(
                done.member.name or done.member.phone_masked, r.points_earned)
            if r.member_balance is not None:
                text += "\n" + self.tr("Balance: {0} points").format(f"{r.member_balance:,}")
        self.thanks.setText(text)
        self.pages.setCurrentIndex(2)
        self._thanks_timer.start(THANKS_MS)

    def _end_thanks(self) -> None:
        self.last_sale = None
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Customer display"))
        self.header.setText(self.tr("Welcome"))
        self.slide.setText(self.slides()[self.slide_index])
        if self.last_sale is not None:
            self._sale_done(self.last_sale)
        else:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
