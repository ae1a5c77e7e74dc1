"""Taking payment: split tender — cash with a change calculator and quick-cash buttons, the
external card terminal confirmed with its approval code, points at the configured rate, a
wallet charged through the payment provider (QR), and the member's coupons.

The domain checks every tender against its record when the sale commits (the wallet payment
the provider captured, the coupon's own value, the card approval code used once).

The figures come from ``app.checkout.plan_tenders`` (the same rule the sale commit applies),
so what the dialog shows is what will be saved. "Complete" is disabled while the payment is
in flight, and the cart's client UUID makes a retried payment commit one sale only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.checkout import SaleResult, Tender, plan_tenders
from app.errors import PatronError
from app.money import parse_money
from app.typable_codes import normalise
from ui.cashier.session import MEMBER_QR_PREFIX, TillSession, looks_like_coupon
from ui.errors import is_database_down, user_message
from ui.widgets.dialog_base import PosDialog
from ui.widgets.i18n import coupon_title, is_english, tender_name
from ui.widgets.keypad import Keypad

MONEY_RE = r"\d{0,7}(\.\d{0,2})?"
QR_PAGE, COUPON_PAGE, WALLET_PAGE = 3, 4, 5
# Buttons in the order shown (the wallet beside points) with their page and F-key number
# (the wallet came last: F6, so the older keys did not move).
MODES = (("cash", 0), ("card", 1), ("points", 2), ("wallet", WALLET_PAGE), ("qr", QR_PAGE),
         ("coupon", COUPON_PAGE))


def quick_cash(due: int) -> list[int]:
    """Amounts a customer is likely to hand over for ``due`` (minor units), smallest first."""
    if due <= 0:
        return []
    out = {due}
    for step in (1000, 2000, 5000, 10000):
        out.add(-(-due // step) * step)
    out.add(-(-due // 10000) * 10000 + 10000 if due > 10000 else 10000)
    return sorted(out)[:5]


def short_reference(reference: str) -> str:
    """The end of a provider's payment reference, enough to tell two payments apart in the
    narrow tender list (the whole one is the item's tooltip)."""
    return reference if len(reference) <= 12 else "…" + reference[-8:]


def labelled_fields(*rows: tuple[QLabel, QLineEdit]) -> QGridLayout:
    """Each label beside its field, not above it: on a 1024×768 till the card and QR pages
    would otherwise be taller than the screen once an error line shows."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(6)
    for row, (label, field) in enumerate(rows):
        grid.addWidget(label, row, 0)
        grid.addWidget(field, row, 1)
    grid.setColumnStretch(1, 1)
    return grid


class PaymentDialog(PosDialog):
    paid = Signal(object)  # SaleResult

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="paymentDialog")
        self.session = session
        self.total = session.cart.totals().total
        self.point_value = max(1, getattr(session.till, "point_value", 1))
        self.tenders: list[Tender] = []
        self.plan_ok = False

        # -- left: what is due and what has been tendered --------------------------------
        self.due_label = QLabel(self)
        self.due_label.setObjectName("payDueLabel")
        self.due_value = QLabel(self)
        self.due_value.setObjectName("payDueValue")
        self.tender_list = QListWidget(self)
        self.tender_list.setObjectName("tenderList")
        self.tender_list.setMinimumHeight(80)
        # A wallet payment's reference is long: wrapped, never cut off at "…"
        self.tender_list.setWordWrap(True)
        self.tender_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tender_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.tender_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.remove_tender = QPushButton(self)
        self.remove_tender.setObjectName("removeTender")
        self.remove_tender.setMinimumHeight(48)
        self.remove_tender.clicked.connect(self._remove_tender)
        self.summary = QLabel(self)
        self.summary.setObjectName("paySummary")
        self.change_label = QLabel(self)
        self.change_label.setObjectName("changeLabel")
        self.change_value = QLabel(self)
        self.change_value.setObjectName("changeValue")
        left = QVBoxLayout()
        left.addWidget(self.due_label)
        left.addWidget(self.due_value)
        left.addWidget(self.tender_list, 1)
        left.addWidget(self.remove_tender)
        left.addWidget(self.summary)
        left.addWidget(self.change_label)
        left.addWidget(self.change_value)

        # -- right: one page per tender ---------------------------------------------------
        self.page_buttons: dict[str, QPushButton] = {}
        modes = QHBoxLayout()
        group = QButtonGroup(self)
        self.pages = QStackedWidget(self)
        for kind, i in MODES:
            b = QPushButton(self)
            b.setObjectName(f"mode_{kind}")
            b.setCheckable(True)
            b.setMinimumHeight(52)
            # Six ways to pay share one row: narrower padding keeps the dialog within 1024 px.
            b.setStyleSheet("QPushButton { padding: 0px 6px; }")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            group.addButton(b, i)
            modes.addWidget(b)
            self.page_buttons[kind] = b
            QShortcut(QKeySequence(f"F{i + 1}"), self, activated=b.click)
        group.idClicked.connect(self._show_page)
        self.pages.addWidget(self._cash_page())
        self.pages.addWidget(self._card_page())
        self.pages.addWidget(self._points_page())
        self.pages.addWidget(self._qr_page())
        self.pages.addWidget(self._coupon_page())
        self.pages.addWidget(self._wallet_page())
        self._coupon_titles: dict[str, str] = {}
        self._cancel_warned = False
        right = QVBoxLayout()
        right.addLayout(modes)
        right.addWidget(self.pages, 1)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(left, 4)
        columns.addLayout(right, 5)
        self.body.addLayout(columns)
        # Shown only after an IdempotencyConflict: the cashier decides to sell this cart anew.
        self.new_sale_button = self.add_button("", self._sell_as_new_sale, stretch=1)
        self.new_sale_button.setObjectName("newSaleButton")
        self.new_sale_button.hide()
        self.complete_button = self.add_button("", self.complete, role="primary", stretch=2)
        self.complete_button.setMinimumHeight(64)
        self.setMinimumWidth(820)
        self.page_buttons["cash"].setChecked(True)
        session.push_scan_sink(self._scan)
        session.member_changed.connect(self._member_changed)
        self.finished.connect(self._finish)
        self.retranslate()
        self.cash_edit.setFocus()

    def _scan(self, code: str) -> bool:
        """While paying, a member may still be identified; a product scan would change a
        total the customer is already paying, so it is refused."""
        if code.startswith(MEMBER_QR_PREFIX) or self.session.is_member_card(code):
            return False
        if self.pages.currentIndex() == QR_PAGE and not self.busy:
            self.qr_code.setText(code)  # the customer's wallet code, scanned from the phone
            self._charge_qr()
            return True
        if (self.pages.currentIndex() == COUPON_PAGE or looks_like_coupon(code)) \
                and not self.busy:
            self.use_coupon(code)
            return True
        self.show_error(self.tr("Finish or cancel the payment before scanning more items."))
        return True

    def _member_changed(self, _member: object) -> None:
        self.retranslate()

    def _finish(self) -> None:
        self.session.pop_scan_sink(self._scan)
        try:
            self.session.member_changed.disconnect(self._member_changed)
        except (RuntimeError, TypeError):
            pass

    # -- pages ---------------------------------------------------------------------------
    def _cash_page(self) -> QWidget:
        page = QWidget(self)
        self.cash_hint = QLabel(page)
        self.cash_edit = QLineEdit(page)
        self.cash_edit.setObjectName("cashEdit")
        self.cash_edit.setMinimumHeight(56)
        self.cash_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.cash_edit.setValidator(QRegularExpressionValidator(MONEY_RE, self.cash_edit))
        self.cash_edit.textChanged.connect(self._update)
        self.cash_edit.returnPressed.connect(self.complete)
        self.quick = QGridLayout()
        self.quick.setSpacing(6)
        self.quick_buttons: list[QPushButton] = []
        keypad = Keypad(self.cash_edit, parent=page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cash_hint)
        layout.addWidget(self.cash_edit)
        layout.addLayout(self.quick)
        layout.addWidget(keypad, 1)
        return page

    def _card_page(self) -> QWidget:
        page = QWidget(self)
        self.card_hint = QLabel(page)
        self.card_hint.setWordWrap(True)
        self.card_amount = QLineEdit(page)
        self.card_amount.setObjectName("cardAmount")
        self.card_amount.setValidator(QRegularExpressionValidator(MONEY_RE, self.card_amount))
        self.card_code = QLineEdit(page)
        self.card_code.setObjectName("cardCode")
        self.card_code.setMaxLength(32)
        self.card_code.returnPressed.connect(self._add_card)
        for e in (self.card_amount, self.card_code):
            e.setMinimumHeight(52)
        self.card_amount_label = QLabel(page)
        self.card_code_label = QLabel(page)
        self.add_card_button = QPushButton(page)
        self.add_card_button.setObjectName("addCard")
        self.add_card_button.setMinimumHeight(56)
        self.add_card_button.clicked.connect(self._add_card)
        self.card_keypad = Keypad(self.card_code, parent=page)
        self.card_keypad.follow_focus(self.card_amount, self.card_code)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.card_hint)
        layout.addLayout(labelled_fields((self.card_amount_label, self.card_amount),
                                         (self.card_code_label, self.card_code)))
        layout.addWidget(self.card_keypad, 1)
        layout.addWidget(self.add_card_button)
        return page

    def _points_page(self) -> QWidget:
        page = QWidget(self)
        self.points_hint = QLabel(page)
        self.points_hint.setWordWrap(True)
        self.points_edit = QLineEdit(page)
        self.points_edit.setObjectName("pointsEdit")
        self.points_edit.setMinimumHeight(52)
        self.points_edit.setValidator(QRegularExpressionValidator(r"\d{0,9}", self.points_edit))
        self.points_edit.returnPressed.connect(self._add_points)
        self.points_value = QLabel(page)
        self.add_points_button = QPushButton(page)
        self.add_points_button.setObjectName("addPoints")
        self.add_points_button.setMinimumHeight(56)
        self.add_points_button.clicked.connect(self._add_points)
        self.points_edit.textChanged.connect(self._update_points_value)
        keypad = Keypad(self.points_edit, decimal=False, parent=page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.points_hint)
        layout.addWidget(self.points_edit)
        layout.addWidget(self.points_value)
        layout.addWidget(keypad, 1)
        layout.addWidget(self.add_points_button)
        return page

    def _qr_page(self) -> QWidget:
        page = QWidget(self)
        self.qr_hint = QLabel(page)
        self.qr_hint.setWordWrap(True)
        self.qr_amount = QLineEdit(page)
        self.qr_amount.setObjectName("qrAmount")
        self.qr_amount.setValidator(QRegularExpressionValidator(MONEY_RE, self.qr_amount))
        self.qr_code = QLineEdit(page)
        self.qr_code.setObjectName("qrCode")
        self.qr_code.setMaxLength(32)
        self.qr_code.returnPressed.connect(self._charge_qr)
        for e in (self.qr_amount, self.qr_code):
            e.setMinimumHeight(52)
        self.qr_amount_label = QLabel(page)
        self.qr_code_label = QLabel(page)
        self.qr_charge_button = QPushButton(page)
        self.qr_charge_button.setObjectName("qrCharge")
        self.qr_charge_button.setMinimumHeight(56)
        self.qr_charge_button.clicked.connect(self._charge_qr)
        keypad = Keypad(self.qr_code, parent=page)
        keypad.follow_focus(self.qr_amount, self.qr_code)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.qr_hint)
        layout.addLayout(labelled_fields((self.qr_amount_label, self.qr_amount),
                                         (self.qr_code_label, self.qr_code)))
        layout.addWidget(keypad, 1)
        layout.addWidget(self.qr_charge_button)
        return page

    def _coupon_page(self) -> QWidget:
        page = QWidget(self)
        self.coupon_hint = QLabel(page)
        self.coupon_hint.setWordWrap(True)
        self.coupon_list = QListWidget(page)
        self.coupon_list.setObjectName("couponList")
        self.coupon_list.itemClicked.connect(
            lambda item: self.coupon_code.setText(item.data(Qt.ItemDataRole.UserRole) or ""))
        self.coupon_code = QLineEdit(page)
        self.coupon_code.setObjectName("couponCode")
        self.coupon_code.setMinimumHeight(52)
        self.coupon_code.setMaxLength(64)
        self.coupon_code.returnPressed.connect(self._add_coupon)
        self.add_coupon_button = QPushButton(page)
        self.add_coupon_button.setObjectName("addCoupon")
        self.add_coupon_button.setMinimumHeight(56)
        self.add_coupon_button.clicked.connect(self._add_coupon)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.coupon_hint)
        layout.addWidget(self.coupon_list, 1)
        layout.addWidget(self.coupon_code)
        layout.addWidget(self.add_coupon_button)
        return page

    def _wallet_page(self) -> QWidget:
        """Stored value the member converted from points: any merchant's till takes it; the
        domain debits the wallet when the sale commits (nothing is taken before)."""
        page = QWidget(self)
        self.wallet_hint = QLabel(page)
        self.wallet_hint.setWordWrap(True)
        self.wallet_amount = QLineEdit(page)
        self.wallet_amount.setObjectName("walletAmount")
        self.wallet_amount.setMinimumHeight(52)
        self.wallet_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.wallet_amount.setValidator(QRegularExpressionValidator(MONEY_RE,
                                                                    self.wallet_amount))
        self.wallet_amount.returnPressed.connect(self._add_wallet)
        self.wallet_amount_label = QLabel(page)
        self.add_wallet_button = QPushButton(page)
        self.add_wallet_button.setObjectName("addWallet")
        self.add_wallet_button.setMinimumHeight(56)
        self.add_wallet_button.clicked.connect(self._add_wallet)
        keypad = Keypad(self.wallet_amount, parent=page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.wallet_hint)
        layout.addLayout(labelled_fields((self.wallet_amount_label, self.wallet_amount)))
        layout.addWidget(keypad, 1)
        layout.addWidget(self.add_wallet_button)
        return page

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.clear_error()
        if index == 1:
            self.card_amount.setText(self._fmt(self.remaining_noncash()))
            self.card_code.setFocus()
        elif index == 2:
            self.points_edit.setText(str(self.max_points()) if self.max_points() else "")
            self.points_edit.setFocus()
            self.points_edit.selectAll()
        elif index == QR_PAGE:
            self.qr_amount.setText(self._fmt(self.remaining_noncash()))
            self.qr_code.setFocus()
        elif index == COUPON_PAGE:
            self._fill_coupons()
            self.coupon_code.setFocus()
        elif index == WALLET_PAGE:
            most = self.max_wallet()
            self.wallet_amount.setText(self._fmt(most) if most else "")
            self.wallet_amount.setFocus()
            self.wallet_amount.selectAll()
        else:
            self.cash_edit.setFocus()
        self._update()

    # -- figures -----------------------------------------------------------------------------
    @staticmethod
    def _fmt(minor: int) -> str:
        return f"{minor // 100}.{minor % 100:02d}"

    def _value(self, t: Tender) -> int:
        return t.points * self.point_value if t.kind == "points" else t.amount

    def remaining_noncash(self) -> int:
        return max(0, self.total - sum(self._value(t) for t in self.tenders))

    def cash(self) -> int:
        text = self.cash_edit.text().strip()
        if not text:
            return 0
        try:
            return parse_money(text)
        except PatronError:
            return 0

    def max_points(self) -> int:
        member = self.session.member
        if member is None:
            return 0
        return max(0, min(member.points, self.remaining_noncash() // self.point_value))

    def wallet_left(self) -> int:
        """The member's wallet less what this payment already takes from it."""
        member = self.session.member
        held = getattr(member, "wallet", 0) if member is not None else 0
        return max(0, held - sum(t.amount for t in self.tenders if t.kind == "wallet"))

    def max_wallet(self) -> int:
        return min(self.wallet_left(), self.remaining_noncash())

    def all_tenders(self) -> list[Tender]:
        cash = self.cash()
        out = list(self.tenders)
        if cash > 0 or (not out and self.total == 0):
            out.append(Tender("cash", cash))
        return out

    def _update(self) -> None:
        m = self.session.money
        remaining = self.remaining_noncash()
        cash = self.cash()
        self.due_value.setText(m(self.total))
        try:
            plan = plan_tenders(self.total, self.all_tenders() or [Tender("cash", 0)],
                                self.point_value)
        except PatronError as exc:
            self.plan_ok = False
            self.summary.setText(user_message(exc))
            self.change_value.setText(m(0))
        else:
            self.plan_ok = True
            # Not "paid": nothing is paid until the sale is saved (a NOT PAID may follow).
            self.summary.setText(self.tr("Enough tendered: complete the payment."))
            self.change_value.setText(m(plan.change))
        self.cash_hint.setText(self.tr("Cash handed over (to pay {0})").format(m(remaining)))
        if not self.plan_ok and cash < remaining:
            self.summary.setText(self.tr("Still to pay: {0}").format(m(remaining - cash)))
        self.complete_button.setEnabled(self.plan_ok and not self.busy)
        self._fill_quick(remaining)
        self.remove_tender.setEnabled(bool(self.tenders) and not self.busy)
        has_member = self.session.member is not None
        self.page_buttons["points"].setEnabled(has_member and not self.busy)
        self.page_buttons["coupon"].setEnabled(has_member and not self.busy)
        self.page_buttons["wallet"].setEnabled(has_member and not self.busy)
        self._update_wallet_hint()

    def _update_wallet_hint(self) -> None:
        member = self.session.member
        if member is not None:
            self.wallet_hint.setText(self.tr("{0}'s wallet holds {1} (points converted into "
                                             "money); it pays at any merchant of the "
                                             "coalition.").format(
                member.name or member.phone_masked, self.session.money(self.wallet_left())))
        else:
            self.wallet_hint.setText(self.tr("Identify the member to pay from their wallet."))

    def _fill_quick(self, remaining: int) -> None:
        amounts = quick_cash(remaining)
        while len(self.quick_buttons) < len(amounts):
            b = QPushButton(self)
            b.setMinimumHeight(48)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setProperty("class", "quickCash")
            b.clicked.connect(lambda _=False, b=b: self._quick(b))
            i = len(self.quick_buttons)
            self.quick.addWidget(b, i // 3, i % 3)
            self.quick_buttons.append(b)
        for i, b in enumerate(self.quick_buttons):
            if i < len(amounts):
                b.setProperty("amount", amounts[i])
                label = self.tr("Exact {0}") if i == 0 else "{0}"
                b.setText(label.format(self.session.money(amounts[i])))
                b.setObjectName("quickExact" if i == 0 else f"quick{amounts[i]}")
                b.show()
            else:
                b.hide()

    def _quick(self, button: QPushButton) -> None:
        amount = int(button.property("amount"))
        self.cash_edit.setText(self._fmt(amount))
        self.cash_edit.setFocus()

    def _update_points_value(self) -> None:
        text = self.points_edit.text().strip()
        points = int(text) if text.isdigit() else 0
        self.points_value.setText(self.tr("{0} points = {1}").format(
            f"{points:,}", self.session.money(points * self.point_value)))

    # -- adding tenders ----------------------------------------------------------------------
    def _list_tenders(self) -> None:
        self.tender_list.clear()
        m = self.session.money
        for t in self.tenders:
            if t.kind == "card":
                text = self.tr("{0}  {1}  (approval {2})").format(tender_name("card"),
                                                                 m(t.amount), t.reference)
            elif t.kind == "qr":
                text = self.tr("{0}  {1}  (payment {2})").format(tender_name("qr"),
                                                                m(t.amount),
                                                                short_reference(t.reference))
            elif t.kind == "coupon":
                title = self._coupon_titles.get(t.reference, t.reference)
                text = f"{tender_name('coupon')}  {m(t.amount)}  ({title})"
            elif t.kind == "wallet":
                text = self.tr("Member wallet  {0}").format(m(t.amount))
            else:
                text = self.tr("{0}  {1}  ({2} points)").format(
                    tender_name("points"), m(self._value(t)), f"{t.points:,}")
            item = QListWidgetItem(text)
            item.setToolTip(t.reference)  # the whole reference, to look it up at the provider
            self.tender_list.addItem(item)
        self._update()

    def _add_card(self) -> None:
        try:
            amount = parse_money(self.card_amount.text() or "0")
        except PatronError as exc:
            self.show_error(exc)
            return
        code = self.card_code.text().strip()
        if amount <= 0:
            self.show_error(self.tr("Enter the amount charged on the card terminal."))
            return
        if amount > self.remaining_noncash():
            self.show_error(self.tr("The card cannot pay more than {0}.").format(
                self.session.money(self.remaining_noncash())))
            return
        if not code:
            self.show_error(self.tr("Enter the approval code printed by the card terminal."))
            self.card_code.setFocus()
            return
        self.clear_error()
        self.tenders.append(Tender("card", amount, reference=code))
        self.card_code.clear()
        self._list_tenders()
        self.page_buttons["cash"].click()

    def _add_points(self) -> None:
        text = self.points_edit.text().strip()
        points = int(text) if text.isdigit() else 0
        member = self.session.member
        if member is None:
            self.show_error(self.tr("Identify the member before paying with points."))
            return
        if points <= 0:
            return
        if points > member.points - sum(t.points for t in self.tenders):
            self.show_error(self.tr("The member holds only {0} points.").format(member.points))
            return
        if points * self.point_value > self.remaining_noncash():
            self.show_error(self.tr("At most {0} points can be used on this sale.").format(
                self.max_points()))
            return
        self.clear_error()
        self.tenders.append(Tender("points", points=points))
        self._list_tenders()
        self.page_buttons["cash"].click()

    def _add_wallet(self) -> None:
        member = self.session.member
        if member is None:
            self.show_error(self.tr("Identify the member before paying from their wallet."))
            return
        try:
            amount = parse_money(self.wallet_amount.text() or "0")
        except PatronError as exc:
            self.show_error(exc)
            return
        if amount <= 0:
            return
        if amount > self.wallet_left():
            self.show_error(self.tr("The member's wallet holds only {0}.").format(
                self.session.money(self.wallet_left())))
            return
        if amount > self.remaining_noncash():
            self.show_error(self.tr("The wallet cannot pay more than {0}.").format(
                self.session.money(self.remaining_noncash())))
            return
        self.clear_error()
        self.tenders.append(Tender("wallet", amount))
        self._list_tenders()
        self.page_buttons["cash"].click()

    def _charge_qr(self) -> None:
        if self.busy:
            return
        try:
            amount = parse_money(self.qr_amount.text() or "0")
        except PatronError as exc:
            self.show_error(exc)
            return
        code = self.qr_code.text().strip()
        if amount <= 0 or amount > self.remaining_noncash():
            self.show_error(self.tr("The wallet can pay between {0} and {1}.").format(
                self.session.money(1), self.session.money(self.remaining_noncash())))
            return
        if not code:
            self.show_error(self.tr("Scan the payment code on the customer's phone."))
            self.qr_code.setFocus()
            return
        self.clear_error()
        self.set_busy(True)

        def charged(payment) -> None:  # type: ignore[no-untyped-def]
            self.set_busy(False)
            self.tenders.append(Tender("qr", payment.amount, reference=payment.reference))
            self.qr_code.clear()
            self._list_tenders()
            self.page_buttons["cash"].click()

        def refused(exc: BaseException) -> None:
            self.set_busy(False)
            self.show_error(exc)

        self.session.charge_qr(amount, code, charged, refused)

    def _fill_coupons(self) -> None:
        self.coupon_list.clear()
        member = self.session.member
        used = {t.reference for t in self.tenders if t.kind == "coupon"}
        for coupon in (member.coupons if member is not None else []):
            code, title = coupon[0], coupon_title(coupon)
            if code in used:
                continue
            item = QListWidgetItem(f"{title}  ·  {code}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setSizeHint(item.sizeHint().expandedTo(self.remove_tender.minimumSize()))
            self.coupon_list.addItem(item)
        if not self.coupon_list.count():  # an empty white box says nothing: say why
            item = QListWidgetItem(self.tr("This member has no coupons to use.")
                                   if member is not None else
                                   self.tr("Identify the member to see their coupons."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.coupon_list.addItem(item)

    def use_coupon(self, code: str) -> None:
        """Apply a coupon scanned or typed anywhere at the till (on the coupon page)."""
        if self.pages.currentIndex() != COUPON_PAGE:
            self.page_buttons["coupon"].click()
        self.coupon_code.setText(code)
        self._add_coupon()

    def _has_coupon(self, code: str) -> bool:
        return any(t.kind == "coupon" and normalise(t.reference) == normalise(code)
                   for t in self.tenders)

    def _coupon_room(self, info) -> int:  # type: ignore[no-untyped-def]
        """What the coupon can take off here: a discount only off its own product's lines
        (the domain prices it again at commit)."""
        room = self.remaining_noncash()
        if getattr(info, "kind", "tender") == "discount":
            room = min(room, sum(ln.net for ln in self.session.cart.lines
                                 if info.product_id in (None, ln.product.id)))
        return room

    def _add_coupon(self) -> None:
        if self.busy:
            return
        code = self.coupon_code.text().strip()
        if self.session.member is None:
            self.show_error(self.tr("Identify the member to use their coupons."))
            return
        if not code:
            return
        if self._has_coupon(code):
            self.show_error(self.tr("This coupon is already on the payment."))
            return
        if self.remaining_noncash() <= 0:
            self.show_error(self.tr("Nothing is left to pay."))
            return
        self.clear_error()
        self.set_busy(True)

        def valued(info) -> None:  # type: ignore[no-untyped-def]
            self.set_busy(False)
            if self._has_coupon(info.code):  # the same coupon typed another way
                self.show_error(self.tr("This coupon is already on the payment."))
                return
            room = self._coupon_room(info)
            if room <= 0:
                name = (info.product_name_en if is_english() and info.product_name_en
                        else info.product_name)
                self.show_error(self.tr("This coupon is for {0}; add it to the sale first.")
                                .format(name or self.tr("another product")))
                return
            self._coupon_titles[info.code] = (info.title_en if is_english() and info.title_en
                                              else info.title)
            self.tenders.append(Tender("coupon", min(info.value, room), reference=info.code))
            self.coupon_code.clear()
            self._list_tenders()
            self.page_buttons["cash"].click()

        def refused(exc: BaseException) -> None:
            self.set_busy(False)
            self.show_error(exc)

        self.session.check_coupon(code, valued, refused)

    def _remove_tender(self) -> None:
        row = self.tender_list.currentRow()
        if not self.tenders:
            return
        index = row if 0 <= row < len(self.tenders) else len(self.tenders) - 1
        if self.tenders[index].kind == "qr":
            self.show_error(self.tr("A wallet payment was taken from the customer: complete "
                                    "the sale, or refund it with the payment provider."))
            return
        self.tenders.pop(index)
        self._list_tenders()

    def reject(self) -> None:
        """Cancelling after a wallet payment was taken asks twice: the money is held by the
        provider until the sale commits or the payment is refunded there."""
        if not self.busy and any(t.kind == "qr" for t in self.tenders) \
                and not self._cancel_warned:
            self._cancel_warned = True
            self.show_error(self.tr("A wallet payment was taken from the customer. Press "
                                    "Cancel again to leave it unused (refund it with the "
                                    "payment provider)."))
            return
        super().reject()

    # -- completing -------------------------------------------------------------------------
    def complete(self) -> None:
        if self.busy:
            return
        tenders = self.all_tenders()
        try:
            plan_tenders(self.total, tenders, self.point_value)
        except PatronError as exc:
            self.show_error(user_message(exc))
            return
        self.clear_error()
        self.set_busy(True)
        self.complete_button.setText(self.tr("Saving…"))
        if not self.session.pay(tenders, self._paid, self._failed):
            self.set_busy(False)
            self.retranslate()

    def _paid(self, result: SaleResult) -> None:
        self.set_busy(False)
        self.paid.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.retranslate()
        if is_database_down(exc):
            self.show_error(self.tr("NOT PAID — the database cannot be reached, nothing was "
                                    "saved. The cart is kept: try again (the customer will "
                                    "not be charged twice)."))
        elif self.session.is_key_conflict(exc):
            self.show_error(self.tr("NOT PAID — {0}. Check that receipt: if this cart is "
                                    "another sale, choose “Sell as a new sale”.").format(
                                        str(user_message(exc)).rstrip(".。")))
            self.new_sale_button.show()
        else:
            self.show_error(exc)

    def _sell_as_new_sale(self) -> None:
        """The cashier confirmed: the cart keeps its lines under a fresh key."""
        had_approvals = bool(self.session.cart.approvals)
        if self.session.sell_as_new_sale():
            self.new_sale_button.hide()
            self.clear_error()
            self.summary.setText(self.tr("This cart will be saved as a new sale."))
            if had_approvals:
                # The till's banner is behind this dialog: say it here, where the cashier looks.
                self.show_error(self.tr("The manager's approvals were for the earlier sale: "
                                        "cancel, and apply the discounts and price changes "
                                        "again with the manager's PIN."))

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Payment"))
        self.heading.setText(self.tr("Payment"))
        self.due_label.setText(self.tr("Total due"))
        self.change_label.setText(self.tr("Change"))
        self.remove_tender.setText(self.tr("Remove selected payment"))
        self.page_buttons["cash"].setText(self.tr("Cash (F1)"))
        self.page_buttons["card"].setText(self.tr("Card (F2)"))
        self.page_buttons["points"].setText(self.tr("Points (F3)"))
        self.page_buttons["qr"].setText(self.tr("QR pay (F4)"))
        self.page_buttons["coupon"].setText(self.tr("Coupon (F5)"))
        self.page_buttons["wallet"].setText(self.tr("Wallet (F6)"))
        self.wallet_amount_label.setText(self.tr("Amount from the wallet"))
        self.add_wallet_button.setText(self.tr("Use wallet"))
        self.qr_hint.setText(self.tr("Scan the payment code on the customer's phone; the "
                                     "wallet is charged at once."))
        self.qr_amount_label.setText(self.tr("Amount to charge"))
        self.qr_code_label.setText(self.tr("Customer's payment code"))
        self.qr_charge_button.setText(self.tr("Charge wallet"))
        self.coupon_hint.setText(self.tr("Choose, scan or type one of the member's coupons "
                                         "(hyphens and case do not matter); it pays its own "
                                         "value or takes it off its product."))
        self.add_coupon_button.setText(self.tr("Use coupon"))
        self.coupon_code.setPlaceholderText(self.tr("Coupon code"))
        if self.pages.currentIndex() == COUPON_PAGE:
            self._fill_coupons()
        self.card_hint.setText(self.tr("Charge the amount on the card terminal; when it "
                                       "approves, type the approval code it prints."))
        self.card_amount_label.setText(self.tr("Amount charged"))
        self.card_code_label.setText(self.tr("Approval code"))
        self.add_card_button.setText(self.tr("Add card payment"))
        member = self.session.member
        if member is not None:
            self.points_hint.setText(self.tr("{0} holds {1} points; {2} points are worth {3}.")
                                     .format(member.name or member.phone_masked,
                                             f"{member.points:,}", 100,
                                             self.session.money(100 * self.point_value)))
        else:
            self.points_hint.setText(self.tr("Identify the member to pay with points."))

        self.add_points_button.setText(self.tr("Use points"))
        self.complete_button.setText(self.tr("Complete payment (Enter)"))
        self.new_sale_button.setText(self.tr("Sell as a new sale"))
        self._update_points_value()
        self._list_tenders()
