"""The customer-facing window (a second screen, where configured): the store's name and
logo, the cart as it grows (item, quantity × unit price, discount, amount), the totals, the
member, and once paid the same change-due figures as the cashier's screen; while the till is
idle, a slideshow of offers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.cart import CartLine
from app.points_preview import points_preview
from ui.cashier.cart_model import quantity_text
from ui.cashier.change_due import ChangeDueView
from ui.cashier.session import CartChange, SaleDone, TillSession
from ui.widgets.i18n import is_english, product_name

SLIDE_MS = 6000
THANKS_MS = 20000
OFFER_REFRESH_MS = 5 * 60 * 1000
POINTS_DEBOUNCE_MS = 200  # a burst of scans asks the database once
LOGO_NAMES = ("logo.png", "logo.svg")
LOGO_HEIGHT = 72
ROW_HEIGHT = 44
# Type sizes (px) on a 1024×768 screen; the display scales them to its own, since the
# customer reads it from across the counter.
REFERENCE_SIZE = (1024, 768)
TYPE_PX = {
    "QLabel#cdHeader": 30,
    "QLabel#cdStore": 34,
    "QLabel#cdIdleStore": 64,
    "QLabel#cdSlide": 40,
    "QLabel#cdThanks": 40,
    "QLabel#cdTotal": 54,
    "QLabel#cdMember": 24,
    "QLabel#cdPoints": 24,
    'QLabel[class="cdSumLabel"], QLabel[class="cdSumValue"]': 24,
    "QTableWidget#cdLines": 26,
    "QTableWidget#cdLines QHeaderView::section": 20,
    "QLabel#changeDueLabel": 34,
    "QLabel#changeDueAmount": 110,
    "QLabel#changeDuePaidLabel, QLabel#changeDuePaid": 34,
    "QLabel#changeDueTenderedLabel, QLabel#changeDueTendered": 28,
    'QLabel[class="changeDueTender"]': 26,
    "QLabel#changeDuePoints": 26,
    "QLabel#changeDueReceipt": 20,
}
COL_NAME, COL_QTY, COL_DISCOUNT, COL_AMOUNT = range(4)
PAGE_IDLE, PAGE_CART, PAGE_PAID, PAGE_CONSENT = range(4)


def find_logo(folder: Path | None = None) -> Path | None:
    """The store's logo, when the installation put one in resources/."""
    folder = folder or Path(__file__).resolve().parents[2] / "resources"
    return next((folder / n for n in LOGO_NAMES if (folder / n).is_file()), None)


def type_scale(width: int, height: int) -> float:
    """How much larger than on a 1024×768 screen the display's type is drawn."""
    scale = min(width / REFERENCE_SIZE[0], height / REFERENCE_SIZE[1])
    return round(max(0.75, min(scale, 2.5)), 2)


def type_sheet(scale: float) -> str:
    return "\n".join(f"{sel} {{ font-size: {round(px * scale)}px; }}"
                     for sel, px in TYPE_PX.items())


def qty_price_text(line: CartLine, money) -> str:  # type: ignore[no-untyped-def]
    """"2 × ¥3.50", "0.732 kg × ¥6.98/kg"; a price-labelled item shows its quantity only."""
    if line.fixed_total is not None and not (line.weighed and line.quantity > 1):
        return quantity_text(line)
    if line.weighed:
        return f"{quantity_text(line)} × {money(line.unit_price)}/kg"
    return f"{line.quantity} × {money(line.unit_price)}"


class CustomerDisplay(QWidget):
    def __init__(self, session: TillSession, parent: QWidget | None = None,
                 logo: Path | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("customerDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.session = session
        self.last_sale: SaleDone | None = None
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

        # the store, always on top: logo and name
        self.logo = QLabel(self)
        self.logo.setObjectName("cdLogo")
        logo = logo or find_logo()
        self.logo_pixmap = QPixmap(str(logo)) if logo is not None else QPixmap()
        self.logo.setVisible(not self.logo_pixmap.isNull())
        self.scale = 0.0
        self.store = QLabel(self)
        self.store.setObjectName("cdStore")
        self.header = QLabel(self)
        self.header.setObjectName("cdHeader")
        self.header.setAlignment(right)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.logo)
        top.addWidget(self.store, 1)
        top.addWidget(self.header)
        self.pages = QStackedWidget(self)

        # page 0: the idle slideshow, under the store's name
        idle = QWidget(self)
        self.idle_store = QLabel(idle)
        self.idle_store.setObjectName("cdIdleStore")
        self.idle_store.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_store.setWordWrap(True)
        self.slide = QLabel(idle)
        self.slide.setObjectName("cdSlide")
        self.slide.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slide.setWordWrap(True)
        self.slide_index = 0
        idle_lay = QVBoxLayout(idle)
        idle_lay.addStretch(1)
        idle_lay.addWidget(self.idle_store)
        idle_lay.addSpacing(24)
        idle_lay.addWidget(self.slide)
        idle_lay.addStretch(2)
        self.pages.addWidget(idle)

        # page 1: the cart as a table, its totals and the member
        cart = QWidget(self)
        self.lines = QTableWidget(0, 4, cart)
        self.lines.setObjectName("cdLines")
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setShowGrid(False)
        self.lines.setAlternatingRowColors(True)
        self.lines.setWordWrap(False)
        self.lines.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.lines.verticalHeader().hide()
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in (COL_QTY, COL_DISCOUNT, COL_AMOUNT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        self.member = QLabel(cart)
        self.member.setObjectName("cdMember")
        self.member.setWordWrap(True)
        self.points = QLabel(cart)
        self.points.setObjectName("cdPoints")
        self.points.setWordWrap(True)
        self.points_estimate: int | None = None
        self._points_asked = 0  # answers to older questions are dropped
        self._points_timer = QTimer(self)
        self._points_timer.setSingleShot(True)
        self._points_timer.setInterval(POINTS_DEBOUNCE_MS)
        self._points_timer.timeout.connect(self._ask_points)
        sums = QGridLayout()
        sums.setHorizontalSpacing(16)
        sums.setVerticalSpacing(0)
        self.sum_labels: dict[str, QLabel] = {}
        self.sum_values: dict[str, QLabel] = {}
        for row, key in enumerate(("items", "subtotal", "discount")):
            label, value = QLabel(cart), QLabel(cart)
            label.setProperty("class", "cdSumLabel")
            value.setProperty("class", "cdSumValue")
            label.setAlignment(right)
            value.setAlignment(right)
            sums.addWidget(label, row, 0)
            sums.addWidget(value, row, 1)
            self.sum_labels[key], self.sum_values[key] = label, value
        self.total = QLabel(cart)
        self.total.setObjectName("cdTotal")
        self.total.setAlignment(right)
        who = QVBoxLayout()
        who.addStretch(1)
        who.addWidget(self.member)
        who.addWidget(self.points)
        foot = QHBoxLayout()
        foot.addLayout(who, 1)
        foot.addLayout(sums)
        lay = QVBoxLayout(cart)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.lines, 1)
        lay.addLayout(foot)
        lay.addWidget(self.total)
        self.pages.addWidget(cart)

        # page 2: paid — the change due, as on the cashier's screen, and thanks
        paid = QWidget(self)
        self.thanks = QLabel(paid)
        self.thanks.setObjectName("cdThanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.change_due = ChangeDueView(session.money, actions=False, parent=paid)
        paid_lay = QVBoxLayout(paid)
        paid_lay.addWidget(self.thanks)
        paid_lay.addWidget(self.change_due, 1)
        self.pages.addWidget(paid)

        # page 3: the face-recognition consent, read and accepted by the member here
        consent = QWidget(self)
        self.consent_text = QLabel(consent)
        self.consent_text.setObjectName("cdConsent")
        self.consent_text.setWordWrap(True)
        self.consent_text.setTextFormat(Qt.TextFormat.PlainText)
        self.consent_agree = QPushButton(consent)
        self.consent_agree.setObjectName("cdConsentAgree")
        self.consent_agree.setMinimumHeight(96)
        self.consent_agree.clicked.connect(session.face_consent_given)
        consent_lay = QVBoxLayout(consent)
        consent_lay.addWidget(self.consent_text, 1)
        consent_lay.addWidget(self.consent_agree)
        self.pages.addWidget(consent)
        self.consent_asked = False
        session.face_consent_asked.connect(self._ask_consent)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
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
        session.opened.connect(self.retranslate)
        session.cart_changed.connect(self._cart_changed)
        session.member_changed.connect(lambda _: self.refresh())
        session.change_due_changed.connect(self._change_due)
        self.resize(800, 600)
        self._rescale()
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        scale = type_scale(self.width(), self.height())
        if scale == self.scale:
            return
        self.scale = scale
        self.setStyleSheet(type_sheet(scale))
        self.lines.verticalHeader().setDefaultSectionSize(round(ROW_HEIGHT * scale))
        if not self.logo_pixmap.isNull():
            self.logo.setPixmap(self.logo_pixmap.scaledToHeight(
                round(LOGO_HEIGHT * scale), Qt.TransformationMode.SmoothTransformation))

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

    def store_name(self) -> str:
        till = self.session.till
        if till is None:
            return ""
        return till.store_name_en if is_english() and till.store_name_en else till.store_name

    def _cart_changed(self, change: CartChange) -> None:
        if change.kind == "insert" and not self.session.cart.cart_discount \
                and self.lines.rowCount() == len(self.session.cart.lines) - 1:
            self._add_line(change.row)
            self._update_totals()
            self._show_page(PAGE_CART)
        else:
            self.refresh()

    def _add_line(self, row: int) -> None:
        s = self.session
        line = s.cart.lines[row]
        totals = s.cart.totals().lines[row]
        name = product_name(line.product)
        if line.price_overridden:
            name += "  " + self.tr("(price changed)")
        discount = f"−{s.money(totals.discount)}" if totals.discount else ""
        self.lines.insertRow(row)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        cells = {COL_NAME: name, COL_QTY: qty_price_text(line, s.money),
                 COL_DISCOUNT: discount, COL_AMOUNT: s.money(totals.total)}
        for col, text in cells.items():
            item = QTableWidgetItem(text)
            if col != COL_NAME:
                item.setTextAlignment(right)
            if col == COL_DISCOUNT and discount:
                item.setForeground(Qt.GlobalColor.red)
            self.lines.setItem(row, col, item)
        self.lines.scrollToBottom()

    def _update_totals(self) -> None:
        s = self.session
        totals = s.cart.totals()
        self.sum_values["items"].setText(str(totals.item_count))
        self.sum_values["subtotal"].setText(s.money(totals.subtotal))
        self.sum_values["discount"].setText(f"−{s.money(totals.discount)}")
        for key in ("discount",):
            self.sum_labels[key].setVisible(bool(totals.discount))
            self.sum_values[key].setVisible(bool(totals.discount))
        self.total.setText(self.tr("Total {0}").format(s.money(totals.total)))
        m = s.member
        self.member.setText(self.tr("Welcome, {0} — {1} points").format(
            m.name or m.phone_masked, f"{m.points:,}") if m else "")
        self._show_points()
        if m is not None and s.cart.lines and s.till is not None:
            self._points_timer.start()
        else:
            self._points_asked += 1
            self.points_estimate = None
            self._show_points()

    def _ask_points(self) -> None:
        s = self.session
        if s.member is None or not s.cart.lines or s.till is None:
            return
        self._points_asked += 1
        asked = self._points_asked
        merchant_id, store_id = s.till.merchant_id, s.till.store_id
        tier, cart = s.member.tier, s.cart.copy()

        def answered(points: int) -> None:
            if asked == self._points_asked:
                self.points_estimate = points
                self._show_points()

        s.submit(lambda: points_preview(merchant_id, tier, cart, store_id), answered,
                 lambda _exc: None)

    def _show_points(self) -> None:
        estimate = self.points_estimate
        self.points.setText(self.tr("This purchase earns {0} points").format(f"{estimate:,}")
                            if estimate else "")
        self.points.setVisible(bool(estimate))

    def refresh(self) -> None:
        s = self.session
        if self.consent_asked:  # the member is reading the consent: stay on it
            self._show_page(PAGE_CONSENT)
            return
        if self.last_sale is not None and not s.cart.lines and s.member is None:
            self._show_page(PAGE_PAID)
            return
        self.lines.setRowCount(0)
        for row in range(len(s.cart.lines)):
            self._add_line(row)
        self._update_totals()
        self._show_page(PAGE_CART if s.cart.lines or s.member else PAGE_IDLE)

    def _ask_consent(self, text: str) -> None:
        self.consent_asked = bool(text)
        if text:
            self.consent_text.setText(text)
            self._show_page(PAGE_CONSENT)
        else:
            self.refresh()

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        # the idle slide shows the store's name large; the other pages in the top line
        self.store.setVisible(page != PAGE_IDLE)

    def _change_due(self, done: SaleDone | None) -> None:
        self._thanks_timer.stop()
        self.last_sale = done
        if done is None:
            self.refresh()
            return
        self.change_due.show_sale(done)
        self._show_page(PAGE_PAID)
        self._thanks_timer.start(THANKS_MS)

    def _end_thanks(self) -> None:
        self.last_sale = None
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Customer display"))
        self.consent_agree.setText(self.tr("I agree"))
        store = self.store_name()
        self.store.setText(store)
        self.idle_store.setText(store)
        self.idle_store.setVisible(bool(store))
        self.header.setText(self.tr("Welcome"))
        self.lines.setHorizontalHeaderLabels([
            self.tr("Item"), self.tr("Qty × price"), self.tr("Discount"), self.tr("Amount")])
        for col in range(self.lines.columnCount()):
            side = Qt.AlignmentFlag.AlignLeft if col == COL_NAME else Qt.AlignmentFlag.AlignRight
            self.lines.horizontalHeaderItem(col).setTextAlignment(
                side | Qt.AlignmentFlag.AlignVCenter)
        self.sum_labels["items"].setText(self.tr("Items"))
        self.sum_labels["subtotal"].setText(self.tr("Subtotal"))
        self.sum_labels["discount"].setText(self.tr("You save"))
        self.slide.setText(self.slides()[self.slide_index])
        self.thanks.setText(self.tr("Thank you!"))
        if self.last_sale is not None:
            self.change_due.show_sale(self.last_sale)
        else:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
