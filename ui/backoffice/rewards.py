"""Points use beyond the till: the rewards catalogue and the members' stored-value wallet.

A manager sees and changes their merchant's rewards, the operator everyone's (the services
refuse anything else). Redeeming for a member and converting points into a member's wallet
use a client UUID made when the dialog or form opens, so a retry never spends twice.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.money import format_money
from app.rewards import catalogue, wallet
from app.rewards.catalogue import OfferChoice, Redemption, RewardInput, RewardRow
from app.rewards.wallet import Conversion, WalletView
from ui.backoffice.context import BackofficeContext
from ui.backoffice.error_line import ErrorLine
from ui.backoffice.page import Page
from ui.backoffice.rows_model import RowsModel, make_table, utc_midnight
from ui.widgets.i18n import is_english, translate


def _title(row: RewardRow | OfferChoice) -> str:
    return (row.title_en or row.title) if is_english() else row.title


def _kind(kind: str) -> str:
    return {"gift": translate("Rewards", "Gift"), "coupon": translate("Rewards", "Coupon")}.get(kind, kind)


def _entry_kind(kind: str) -> str:
    return {"convert": translate("Rewards", "Points converted"), "pay": translate("Rewards", "Paid at a till"),
            "refund": translate("Rewards", "Refunded")}.get(kind, kind)


def _day(moment: datetime) -> QDate:
    return QDate(moment.year, moment.month, moment.day)


class RewardDialog(ErrorLine, QDialog):
    """Create or change one reward. Stays open with the reason when the service refuses."""

    def __init__(self, ctx: BackofficeContext, merchants: list[tuple[int, str, str, str]],
                 offers: list[OfferChoice], row: RewardRow | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rewardDialog")
        self.ctx, self.row, self.offers = ctx, row, offers
        self.setWindowTitle(translate("Rewards", "Change reward") if row else translate("Rewards", "New reward"))
        self.merchant = QComboBox(objectName="rewardMerchant")
        for mid, code, name, name_en in merchants:
            self.merchant.addItem(f"{code} {(name_en or name) if is_english() else name}", mid)
        self.kind = QComboBox(objectName="rewardKind")
        for kind in catalogue.KINDS:
            self.kind.addItem(_kind(kind), kind)
        self.title = QLineEdit(objectName="rewardTitle")
        self.title_en = QLineEdit(objectName="rewardTitleEn")
        self.points = QSpinBox(objectName="rewardPoints", minimum=1, maximum=10_000_000)
        self.unlimited = QCheckBox(translate("Rewards", "Unlimited stock"), objectName="rewardUnlimited")
        self.stock = QSpinBox(objectName="rewardStock", minimum=0, maximum=10_000_000)
        self.unlimited.toggled.connect(lambda on: self.stock.setEnabled(not on))
        today = QDate.currentDate()
        self.starts = QDateEdit(today, objectName="rewardStarts", calendarPopup=True)
        self.ends = QDateEdit(today.addDays(30), objectName="rewardEnds", calendarPopup=True)
        self.offer = QComboBox(objectName="rewardOffer")
        self.active = QCheckBox(translate("Rewards", "Available to members"), objectName="rewardActive")
        self.active.setChecked(True)
        self.error = QLabel(objectName="dialogError", wordWrap=True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        stock_row = QHBoxLayout()
        stock_row.addWidget(self.stock)
        stock_row.addWidget(self.unlimited)
        form = QFormLayout()
        form.addRow(translate("Rewards", "Merchant"), self.merchant)
        form.addRow(translate("Rewards", "Kind"), self.kind)
        form.addRow(translate("Rewards", "Title (Chinese)"), self.title)
        form.addRow(translate("Rewards", "Title (English)"), self.title_en)
        form.addRow(translate("Rewards", "Price in points"), self.points)
        form.addRow(translate("Rewards", "Stock"), stock_row)
        form.addRow(translate("Rewards", "Available from"), self.starts)
        form.addRow(translate("Rewards", "Available until"), self.ends)
        form.addRow(translate("Rewards", "Coupon offer"), self.offer)
        form.addRow("", self.active)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(translate("Rewards", "Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Rewards", "Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.merchant.currentIndexChanged.connect(self._fill_offers)
        self.kind.currentIndexChanged.connect(self._fill_offers)
        if row is not None:
            self._load(row)
        self._fill_offers()
        self.resize(560, self.sizeHint().height())

    def _load(self, row: RewardRow) -> None:
        self.merchant.setCurrentIndex(max(0, self.merchant.findData(row.merchant_id)))
        self.merchant.setEnabled(False)  # a reward stays with its sponsor
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
        self.title.setText(row.title)
        self.title_en.setText(row.title_en)
        self.points.setValue(row.points_price)
        self.unlimited.setChecked(row.stock is None)
        self.stock.setValue(row.stock or 0)
        self.starts.setDate(_day(row.starts_at))
        self.ends.setDate(_day(row.ends_at))
        self.active.setChecked(row.active)

    def _fill_offers(self) -> None:
        chosen = self.row.offer_id if self.row else None
        self.offer.clear()
        mid = self.merchant.currentData()
        for offer in self.offers:
            if offer.merchant_id == mid:
                self.offer.addItem(_title(offer), offer.id)
        if chosen is not None:
            self.offer.setCurrentIndex(max(0, self.offer.findData(chosen)))
        self.offer.setEnabled(self.kind.currentData() == "coupon")

    def data(self) -> RewardInput:
        coupon = self.kind.currentData() == "coupon"
        return RewardInput(
            merchant_id=self.merchant.currentData(), kind=self.kind.currentData(),
            title=self.title.text(), title_en=self.title_en.text(),
            points_price=self.points.value(),
            stock=None if self.unlimited.isChecked() else self.stock.value(),
            starts_at=utc_midnight(self.starts.date()), ends_at=utc_midnight(self.ends.date()),
            offer_id=self.offer.currentData() if coupon else None,
            active=self.active.isChecked())

    def save(self) -> None:
        self.buttons.setEnabled(False)
        self.ctx.call(catalogue.save_reward, self.row.id if self.row else None, self.data(),
                      on_done=lambda _id: self.accept(), on_error=self.show_error)


class RedeemDialog(ErrorLine, QDialog):
    """Redeem one unit of a reward for a member, by member number."""

    def __init__(self, ctx: BackofficeContext, row: RewardRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redeemDialog")
        self.ctx, self.row = ctx, row
        self.client_uuid = str(uuid.uuid4())  # one per dialog: a retry cannot spend twice
        self.result: Redemption | None = None
        self.setWindowTitle(translate("Rewards", "Redeem for a member"))
        self.what = QLabel(translate("Rewards", "{0} for {1} points").format(_title(row), row.points_price))
        self.member = QLineEdit(objectName="redeemMember")
        self.member.setPlaceholderText(translate("Rewards", "number, card or phone"))
        self.error = QLabel(objectName="dialogError", wordWrap=True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Rewards", "Redeem"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Rewards", "Cancel"))
        self.buttons.accepted.connect(self.redeem)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(translate("Rewards", "Reward"), self.what)
        form.addRow(translate("Rewards", "Member"), self.member)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def redeem(self) -> None:
        self.buttons.setEnabled(False)
        self.ctx.call(catalogue.redeem_for_number, self.row.id, self.member.text(),
                      self.client_uuid, on_done=self._done, on_error=self.show_error)

    def _done(self, result: Redemption) -> None:
        self.result = result
        self.accept()


class WalletPanel(QWidget):
    """Look a member up, convert their points into wallet money, see the wallet's entries."""

    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: WalletView | None = None
        self.client_uuid = str(uuid.uuid4())
        self.member = QLineEdit(objectName="walletMember")
        self.look_up = QPushButton(objectName="walletLookUp")
        self.look_up.clicked.connect(self.load)
        self.member.returnPressed.connect(self.load)
        self.info = QLabel(objectName="walletInfo", wordWrap=True)
        self.points = QSpinBox(objectName="walletPoints", minimum=1, maximum=100_000_000,
                              value=100)
        self.points.valueChanged.connect(self._preview)
        self.preview = QLabel(objectName="walletPreview")
        self.convert_button = QPushButton(objectName="walletConvert")
        self.convert_button.clicked.connect(self.convert)
        self.rate = QSpinBox(objectName="walletRate", minimum=1, maximum=1_000_000)
        self.set_rate_button = QPushButton(objectName="walletSetRate")
        self.set_rate_button.clicked.connect(self.set_rate)
        self.entries = RowsModel([
            (lambda: translate("Rewards", "When (UTC)"), lambda e: e[0]),
            (lambda: translate("Rewards", "Movement"), lambda e: _entry_kind(e[1])),
            (lambda: translate("Rewards", "Amount"), lambda e: format_money(e[2])),
            (lambda: translate("Rewards", "Points"), lambda e: e[3] or ""),
            (lambda: translate("Rewards", "Merchant"), lambda e: e[4]),
        ], self)
        self.table = make_table(self.entries)
        self.table.setObjectName("walletEntries")

        find = QHBoxLayout()
        self.member_label = QLabel()
        find.addWidget(self.member_label)
        find.addWidget(self.member, 1)
        find.addWidget(self.look_up)
        self.convert_box = QGroupBox(objectName="walletConvertBox")
        conv = QHBoxLayout(self.convert_box)
        self.points_label = QLabel()
        conv.addWidget(self.points_label)
        conv.addWidget(self.points)
        conv.addWidget(self.preview, 1)
        conv.addWidget(self.convert_button)
        self.rate_box = QGroupBox(objectName="walletRateBox")
        rate_row = QHBoxLayout(self.rate_box)
        self.rate_label = QLabel()
        rate_row.addWidget(self.rate_label)
        rate_row.addWidget(self.rate)
        rate_row.addStretch(1)
        rate_row.addWidget(self.set_rate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(find)
        layout.addWidget(self.info)
        layout.addWidget(self.convert_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rate_box)
        self._enable()

    def refresh(self) -> None:
        actor = self.ctx.actor
        self.rate_box.setVisible(bool(actor and actor.is_operator))
        self.ctx.run(wallet.rate, on_done=self._show_rate)
        if self.view is not None:
            self.load()

    def _show_rate(self, value: int) -> None:
        self.rate.setValue(value)
        self._preview()

    def load(self) -> None:
        if self.member.text().strip():
            self.ctx.call(wallet.wallet_view, self.member.text(), on_done=self._show)

    def _show(self, view: WalletView) -> None:
        self.view = view
        self.rate.setValue(view.rate)
        self.entries.set_rows(view.entries)
        self.retranslate()

    def _enable(self) -> None:
        self.convert_button.setEnabled(self.view is not None)
        self.points.setEnabled(self.view is not None)

    def _preview(self) -> None:
        rate = self.view.rate if self.view else self.rate.value()
        money = self.points.value() * rate // 100
        self.preview.setText(translate("Rewards", "= {0} into the wallet (rounded down to the cent)").format(
            format_money(money)))

    def convert(self) -> None:
        if self.view is None:
            return
        self.convert_button.setEnabled(False)
        self.ctx.call(wallet.convert_for_number, self.view.member_number, self.points.value(),
                      self.client_uuid, on_done=self._converted,
                      on_error=self._convert_failed)

    def _converted(self, result: Conversion) -> None:
        self.client_uuid = str(uuid.uuid4())  # the next conversion is a new one
        self.ctx.inform(translate("Rewards", "{0} points converted into {1}; the wallet holds {2}.").format(
            result.points, format_money(result.amount), format_money(result.balance)))
        self.load()

    def _convert_failed(self, exc: BaseException) -> None:
        self._enable()
        self.ctx.show_error(exc)

    def set_rate(self) -> None:
        self.ctx.call(wallet.set_rate, self.rate.value(),
                      on_done=lambda _: self.ctx.inform(translate("Rewards", "Conversion rate saved.")))

    def retranslate(self) -> None:
        self.member_label.setText(translate("Rewards", "Member"))
        self.member.setPlaceholderText(translate("Rewards", "number, card or phone"))
        self.look_up.setText(translate("Rewards", "Look up"))
        self.convert_box.setTitle(translate("Rewards", "Convert points into wallet money"))
        self.points_label.setText(translate("Rewards", "Points"))
        self.convert_button.setText(translate("Rewards", "Convert"))
        self.rate_box.setTitle(translate("Rewards", "Conversion rate (whole coalition)"))
        self.rate_label.setText(translate("Rewards", "Cents credited for 100 points"))
        self.set_rate_button.setText(translate("Rewards", "Save rate"))
        v = self.view
        self.info.setText("" if v is None else translate("Rewards",
            "{0} ({1}): {2} points, wallet {3}; 100 points convert into {4}.").format(
            v.member_name, v.member_number, v.points, format_money(v.balance),
            format_money(v.rate)))
        self.entries.retranslate()
        self._preview()
        self._enable()


class RewardsPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("rewardsPage")
        self.rows: list[RewardRow] = []
        self.merchants: list[tuple[int, str, str, str]] = []
        self.offers: list[OfferChoice] = []
        self.heading = QLabel(objectName="pageHeading")
        self.tabs = QTabWidget(objectName="rewardsTabs")
        self.model = RowsModel([
            (lambda: translate("Rewards", "Merchant"), lambda r: r.merchant_code),
            (lambda: translate("Rewards", "Kind"), lambda r: _kind(r.kind)),
            (lambda: translate("Rewards", "Title"), _title),
            (lambda: translate("Rewards", "Points"), lambda r: r.points_price),
            (lambda: translate("Rewards", "Stock"), lambda r: translate("Rewards", "Unlimited") if r.stock is None else r.stock),
            (lambda: translate("Rewards", "From"), lambda r: r.starts_at.date().isoformat()),
            (lambda: translate("Rewards", "Until"), lambda r: r.ends_at.date().isoformat()),
            (lambda: translate("Rewards", "Available"), lambda r: translate("Rewards", "Yes") if r.active else translate("Rewards", "No")),
            (lambda: translate("Rewards", "Redeemed"), lambda r: r.redeemed),
        ], self)
        self.table = make_table(self.model, stretch=2)
        self.table.setObjectName("rewardsTable")
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.new_button = QPushButton(objectName="rewardNew")
        self.edit_button = QPushButton(objectName="rewardEdit")
        self.toggle_button = QPushButton(objectName="rewardToggle")
        self.redeem_button = QPushButton(objectName="rewardRedeem")
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(self.edit)
        self.toggle_button.clicked.connect(self.toggle)
        self.redeem_button.clicked.connect(self.redeem)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.toggle_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.redeem_button)
        catalogue_tab = QWidget()
        col = QVBoxLayout(catalogue_tab)
        col.addLayout(buttons)
        col.addWidget(self.table, 1)
        self.wallet = WalletPanel(ctx)
        self.tabs.addTab(catalogue_tab, "")
        self.tabs.addTab(self.wallet, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.dialog: QDialog | None = None
        self.retranslate()

    def refresh(self) -> None:
        self.ctx.call(catalogue.list_rewards, on_done=self._show)
        self.ctx.call(catalogue.merchant_choices, on_done=self._set_merchants)
        self.ctx.call(catalogue.list_offers, on_done=self._set_offers)
        self.wallet.refresh()

    def _show(self, rows: list[RewardRow]) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        self._enable()

    def _set_merchants(self, merchants: list[tuple[int, str, str, str]]) -> None:
        self.merchants = merchants

    def _set_offers(self, offers: list[OfferChoice]) -> None:
        self.offers = offers

    def selected(self) -> RewardRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _enable(self) -> None:
        row = self.selected()
        for b in (self.edit_button, self.toggle_button, self.redeem_button):
            b.setEnabled(row is not None)
        self.redeem_button.setEnabled(row is not None and row.active)
        self.toggle_button.setText(translate("Rewards", "Withdraw") if row is None or row.active
                                   else translate("Rewards", "Make available"))

    def new(self) -> None:
        self._open(RewardDialog(self.ctx, self.merchants, self.offers, None, self))

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(RewardDialog(self.ctx, self.merchants, self.offers, row, self))

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:  # the last one is done with: do not keep them all
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(self._saved)
        dialog.open()

    def _saved(self) -> None:
        dialog = self.dialog
        if isinstance(dialog, RedeemDialog) and dialog.result is not None:
            r = dialog.result
            text = translate("Rewards", "Redeemed for {0} points; the member now holds {1}.").format(
                r.points, r.member_balance)
            if r.coupon_code:
                text += " " + translate("Rewards", "Coupon code: {0}").format(r.coupon_code)
            self.ctx.inform(text)
        self.refresh()

    def toggle(self) -> None:
        row = self.selected()
        if row is not None:
            self.ctx.call(catalogue.set_active, row.id, not row.active,
                          on_done=lambda _: self.refresh())

    def redeem(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(RedeemDialog(self.ctx, row, self))

    def retranslate(self) -> None:
        self.heading.setText(translate("BackofficePages", "Rewards and wallet"))
        self.tabs.setTabText(0, translate("Rewards", "Rewards catalogue"))
        self.tabs.setTabText(1, translate("Rewards", "Stored-value wallet"))
        self.new_button.setText(translate("Rewards", "New reward…"))
        self.edit_button.setText(translate("Rewards", "Change…"))
        self.redeem_button.setText(translate("Rewards", "Redeem for a member…"))
        self.model.retranslate()
        self.wallet.retranslate()
        self._enable()
