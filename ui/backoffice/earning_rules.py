"""Back-office screen 4: a merchant's earning rules — base rate, tier multipliers, product and
category rules, promotions — with the precedence spelled out and a live preview computed by
the domain (app.loyalty.rules_admin.preview → app.loyalty.rules.earn, as checkout)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import to_store_time, utcnow
from app.errors import PatronError
from app.loyalty import rules_admin
from app.loyalty.rules_admin import Choice, Preview, RulesView
from app.money import format_money, parse_money
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import Page
from ui.backoffice.rule_dialogs import (
    ProductPicker,
    PromotionDialog,
    RuleDialog,
    hours_text,
    shown_name,
    weekday_text,
)
from ui.errors import user_message
from ui.widgets.i18n import is_english, translate


def cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def table(name: str, model: QStandardItemModel) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    # sized to the rows each time they are filled (fit_columns), the user may widen them
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, widest: int = 260) -> None:
    for column in range(view.model().columnCount() - 1):  # the last one takes the rest
        view.resizeColumnToContents(column)
        view.setColumnWidth(column, min(view.columnWidth(column), widest))
    view.horizontalHeader().setStretchLastSection(True)


def confirm(parent: QWidget, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Ask yes/no without blocking the event loop."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("EarningRules", "Please confirm"), text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("confirmBox")
    box.button(QMessageBox.StandardButton.Yes).setText(translate("EarningRules", "Delete"))
    box.button(QMessageBox.StandardButton.No).setText(translate("EarningRules", "Keep"))
    box.finished.connect(lambda code: on_yes() if code == QMessageBox.StandardButton.Yes else None)
    box.open()
    return box


class EarningRulesPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("earningRulesPage")
        self.view: RulesView | None = None
        self.preview_result: Preview | None = None
        self.dialog: QWidget | None = None
        self._preview_seq = 0
        self._preview_timer = QTimer(self, singleShot=True, interval=150)
        self._preview_timer.timeout.connect(self._ask_preview)

        self.heading = QLabel(objectName="pageHeading")
        self.merchant_label = QLabel()
        self.merchant = QComboBox(objectName="rulesMerchant")
        self.merchant.setMinimumWidth(240)
        self.merchant.currentIndexChanged.connect(self._merchant_chosen)
        self.precedence = QLabel(objectName="rulesPrecedence")
        self.precedence.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.merchant_label)
        top.addWidget(self.merchant)

        self.tabs = QTabWidget(objectName="rulesTabs")
        self.tabs.addTab(self._base_tab(), "")
        self.tabs.addTab(self._rules_tab(), "")
        self.tabs.addTab(self._promotions_tab(), "")
        body = QHBoxLayout()
        body.addWidget(self.tabs, 3)
        # The preview scrolls rather than squeezes its rows into each other on a short screen.
        preview_scroll = QScrollArea(objectName="rulesPreviewScroll", widgetResizable=True)
        preview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        preview_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        preview_scroll.setWidget(self._preview_box())
        preview_scroll.setMaximumWidth(560)
        body.addWidget(preview_scroll, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.precedence)
        layout.addLayout(body, 1)
        self.retranslate()

    # -- building --------------------------------------------------------------------------
    def _base_tab(self) -> QWidget:
        tab = QWidget()
        self.base_points = QSpinBox(objectName="basePoints", maximum=rules_admin.MAX_RATE)
        self.base_amount = QLineEdit(objectName="baseAmount")
        self.base_amount.setMaximumWidth(120)
        self.base_per = QLabel()
        self.base_save = QPushButton(objectName="baseSave")
        self.base_save.clicked.connect(self._save_base)
        rate = QHBoxLayout()
        for w in (self.base_points, self.base_per, self.base_amount, self.base_save):
            rate.addWidget(w)
        rate.addStretch(1)
        self.base_label = QLabel()
        self.tier_label = QLabel()
        self.tier_table = QTableWidget(0, 2, objectName="tierMultipliers")
        self.tier_table.verticalHeader().hide()
        self.tier_table.horizontalHeader().setStretchLastSection(True)
        self.tier_save = QPushButton(objectName="tierSave")
        self.tier_save.clicked.connect(self._save_multipliers)
        self.tier_hint = QLabel()
        self.tier_hint.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.base_label)
        layout.addLayout(rate)
        layout.addSpacing(12)
        layout.addWidget(self.tier_label)
        layout.addWidget(self.tier_hint)
        layout.addWidget(self.tier_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.tier_save)
        layout.addLayout(row)
        return tab

    def _rules_tab(self) -> QWidget:
        tab = QWidget()
        self.rules_model = QStandardItemModel(0, 4, self)
        self.rules_view = table("pointsRules", self.rules_model)
        self.rules_view.doubleClicked.connect(lambda _i: self._edit_rule())
        self.rule_add = QPushButton(objectName="ruleAdd", clicked=lambda: self._edit_rule(True))
        self.rule_edit = QPushButton(objectName="ruleEdit", clicked=lambda: self._edit_rule())
        self.rule_delete = QPushButton(objectName="ruleDelete", clicked=self._delete_rule)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.rules_view, 1)
        row = QHBoxLayout()
        for b in (self.rule_add, self.rule_edit, self.rule_delete):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def _promotions_tab(self) -> QWidget:
        tab = QWidget()
        self.promo_model = QStandardItemModel(0, 6, self)
        self.promo_view = table("promotions", self.promo_model)
        self.promo_view.doubleClicked.connect(lambda _i: self._edit_promotion())
        self.promo_add = QPushButton(objectName="promoAdd",
                                     clicked=lambda: self._edit_promotion(True))
        self.promo_edit = QPushButton(objectName="promoEdit",
                                      clicked=lambda: self._edit_promotion())
        self.promo_delete = QPushButton(objectName="promoDelete", clicked=self._delete_promotion)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.promo_view, 1)
        row = QHBoxLayout()
        for b in (self.promo_add, self.promo_edit, self.promo_delete):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def _preview_box(self) -> QGroupBox:
        self.preview_box = QGroupBox(objectName="rulesPreview")
        self.pv_store = QComboBox(objectName="previewStore")
        self.pv_tier = QComboBox(objectName="previewTier")
        self.pv_when = QDateTimeEdit(objectName="previewWhen", calendarPopup=True,
                                     displayFormat="yyyy-MM-dd HH:mm")
        self.pv_by_total = QRadioButton(objectName="previewByTotal")
        self.pv_by_items = QRadioButton(objectName="previewByItems")
        self.pv_mode = QButtonGroup(self)
        self.pv_mode.addButton(self.pv_by_total)
        self.pv_mode.addButton(self.pv_by_items)
        self.pv_by_total.setChecked(True)
        self.pv_total = QLineEdit("58.00", objectName="previewTotal")
        self.pv_product = ProductPicker(self.ctx, "previewProduct")
        self.pv_qty = QSpinBox(objectName="previewQty", minimum=1, maximum=100_000, value=1)
        self.pv_qty.setMaximumWidth(110)
        self.pv_add = QPushButton(objectName="previewAdd", clicked=self._add_item)
        self.pv_items = QTableWidget(0, 2, objectName="previewItems")
        self.pv_items.verticalHeader().hide()
        self.pv_items.setMinimumHeight(80)
        self.pv_items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pv_items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pv_clear = QPushButton(objectName="previewClear", clicked=self._clear_items)
        self.pv_result = QLabel(objectName="previewResult")
        self.pv_result.setWordWrap(True)
        self.pv_result.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.pv_detail = QLabel(objectName="previewDetail")
        self.pv_detail.setWordWrap(True)
        self.pv_labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.pv_labels[0], self.pv_store)
        form.addRow(self.pv_labels[1], self.pv_tier)
        form.addRow(self.pv_labels[2], self.pv_when)
        form.addRow(self.pv_by_total, self.pv_total)
        form.addRow(self.pv_by_items)
        # The product gets the box's whole width (names are long); quantity and buttons below.
        pick = QHBoxLayout()
        pick.addWidget(self.pv_qty)
        pick.addWidget(self.pv_add)
        pick.addStretch(1)
        pick.addWidget(self.pv_clear)
        layout = QVBoxLayout(self.preview_box)
        layout.addLayout(form)
        layout.addWidget(self.pv_product)
        layout.addLayout(pick)
        layout.addWidget(self.pv_items, 1)
        layout.addWidget(self.pv_result)
        layout.addWidget(self.pv_detail)
        for signal in (self.pv_store.currentIndexChanged, self.pv_tier.currentIndexChanged,
                       self.pv_when.dateTimeChanged, self.pv_total.textChanged,
                       self.pv_by_total.toggled):
            signal.connect(self.schedule_preview)
        return self.preview_box

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.call(rules_admin.merchants, on_done=self._merchants_loaded)

    def _merchants_loaded(self, merchants: list[Choice]) -> None:
        keep = self.merchant.currentData()
        self.merchant.blockSignals(True)
        self.merchant.clear()
        for m in merchants:
            self.merchant.addItem(shown_name(m), m.id)
        self.merchant.setCurrentIndex(max(0, self.merchant.findData(keep)))
        self.merchant.setEnabled(len(merchants) > 1)
        self.merchant.blockSignals(False)
        self.reload()

    def _merchant_chosen(self) -> None:
        self._clear_items()
        self.reload()

    def reload(self) -> None:
        merchant_id = self.merchant.currentData()
        if merchant_id is not None:
            self.ctx.call(rules_admin.load, merchant_id, on_done=self._show)

    def _show(self, view: RulesView) -> None:
        fresh = self.view is None or self.view.merchant_id != view.merchant_id
        self.view = view
        self.base_points.setValue(view.earn_points)
        self.base_amount.setText(format_money(view.earn_per_minor, symbol=False))
        self.tier_table.setRowCount(len(view.tiers))
        for row, tier in enumerate(view.tiers):
            self.tier_table.setItem(row, 0, cell(tier))
            self.tier_table.item(row, 0).setText(self._tier_name(tier))
            spin = QSpinBox(minimum=0, maximum=rules_admin.MAX_PERCENT, suffix=" %",
                            objectName=f"tierPercent_{tier}")
            spin.setValue(view.multipliers.get(tier, 100))
            self.tier_table.setCellWidget(row, 1, spin)
            self.tier_table.setRowHeight(row, spin.sizeHint().height() + 4)
        self.tier_table.resizeColumnToContents(0)  # tier names whole, the spin boxes take the rest
        self._fill_rules()
        self._fill_promotions()
        self._fill_preview_choices(fresh)
        self.schedule_preview()

    def _fill_rules(self) -> None:
        view = self.view
        self.rules_model.setRowCount(0)
        if view is None:
            return
        for r in view.rules:
            name = r.target_en if r.target_en and is_english() else r.target
            rate = (translate("EarningRules", "{0} points per {1}").format(r.rate_points,
                                                    format_money(r.rate_per_minor))
                    if r.rate_points is not None else translate("EarningRules", "base rate"))
            items = [QStandardItem(translate("EarningRules", "Product") if r.kind == "product" else translate("EarningRules", "Category")),
                     QStandardItem(name), QStandardItem(rate),
                     QStandardItem(str(r.bonus_per_unit))]
            items[0].setData(r.id, Qt.ItemDataRole.UserRole)
            self.rules_model.appendRow(items)
        fit_columns(self.rules_view)

    def _fill_promotions(self) -> None:
        view = self.view
        self.promo_model.setRowCount(0)
        if view is None:
            return
        for p in view.promotions:
            items = [QStandardItem(p.name), QStandardItem(f"{p.percent} %"),
                     QStandardItem(f"{p.starts_on.isoformat()} – {p.ends_on.isoformat()}"),
                     QStandardItem(weekday_text(p.weekdays)),
                     QStandardItem(hours_text(p.from_minute, p.to_minute)),
                     QStandardItem(translate("EarningRules", "yes") if p.active else translate("EarningRules", "no"))]
            items[0].setData(p.id, Qt.ItemDataRole.UserRole)
            self.promo_model.appendRow(items)
        fit_columns(self.promo_view, 210)
        self.promo_view.setColumnWidth(0, min(self.promo_view.columnWidth(0), 150))

    def _fill_preview_choices(self, fresh: bool) -> None:
        view = self.view
        for box in (self.pv_store, self.pv_tier, self.pv_product):
            box.blockSignals(True)
        keep_store, keep_tier = self.pv_store.currentData(), self.pv_tier.currentData()
        self.pv_store.clear()
        for s in view.stores:
            self.pv_store.addItem(f"{shown_name(s)} ({s.extra})", s.id)
        self.pv_store.setCurrentIndex(max(0, self.pv_store.findData(keep_store)))
        self.pv_tier.clear()
        for tier in view.tiers:
            self.pv_tier.addItem(self._tier_name(tier), tier)
        self.pv_tier.setCurrentIndex(max(0, self.pv_tier.findData(keep_tier)))
        self.pv_product.fill(view.merchant_id, view.products)
        if fresh and view.stores:
            local = to_store_time(utcnow(), view.stores[0].extra).replace(tzinfo=None)
            self.pv_when.blockSignals(True)
            self.pv_when.setDateTime(QDateTime(local.replace(second=0, microsecond=0)))
            self.pv_when.blockSignals(False)
        for box in (self.pv_store, self.pv_tier, self.pv_product):
            box.blockSignals(False)

    def _tier_name(self, code: str) -> str:
        names = self.view.tier_names.get(code) if self.view else None
        if not names:
            return code
        return names[1] if is_english() and names[1] else names[0]

    # -- the preview -----------------------------------------------------------------------
    def items(self) -> list[tuple[int, int]]:
        out = []
        for row in range(self.pv_items.rowCount()):
            item = self.pv_items.item(row, 0)
            out.append((item.data(Qt.ItemDataRole.UserRole), int(self.pv_items.item(row, 1)
                                                                  .text())))
        return out

    def _add_item(self) -> None:
        product_id = self.pv_product.chosen()
        if product_id is None:
            return
        row = self.pv_items.rowCount()
        self.pv_items.insertRow(row)
        name = cell(self.pv_product.currentText())
        name.setData(Qt.ItemDataRole.UserRole, product_id)
        self.pv_items.setItem(row, 0, name)
        self.pv_items.setItem(row, 1, cell(str(self.pv_qty.value())))
        self.pv_by_items.setChecked(True)
        self.schedule_preview()

    def _clear_items(self) -> None:
        self.pv_items.setRowCount(0)
        self.schedule_preview()

    def schedule_preview(self, *_args: object) -> None:
        self._preview_timer.start()

    def _ask_preview(self) -> None:
        view = self.view
        store_id = self.pv_store.currentData()
        if view is None or store_id is None:
            return
        self._preview_seq += 1
        seq = self._preview_seq
        local = self.pv_when.dateTime().toPython().replace(second=0, microsecond=0)
        kwargs: dict = {}
        if self.pv_by_items.isChecked():
            kwargs["items"] = self.items()
            if not kwargs["items"]:
                self._preview_done(seq, None)
                return
        else:
            try:
                kwargs["basket_total"] = parse_money(self.pv_total.text() or "0")
            except PatronError as exc:
                self._preview_failed(seq, exc)
                return
        self.ctx.call(rules_admin.preview, view.merchant_id, store_id,
                      self.pv_tier.currentData(), local,
                      on_done=lambda result: self._preview_done(seq, result),
                      on_error=lambda exc: self._preview_failed(seq, exc), **kwargs)

    def _preview_done(self, seq: int, result: Preview | None) -> None:
        if seq != self._preview_seq:
            return  # an older question answered late
        self.preview_result = result
        self._show_preview()

    def _preview_failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._preview_seq:
            return
        self.preview_result = None
        self.pv_result.setText(user_message(exc))
        self.pv_detail.setText("")

    def _show_preview(self) -> None:
        p = self.preview_result
        if p is None:
            self.pv_result.setText(translate("EarningRules", "Add products or type a basket total."))
            self.pv_detail.setText("")
            return
        if self.pv_by_items.isChecked():
            units = p.items
            self.pv_result.setText(translate("EarningRules", "A {0} basket of {1} items earns {2} points").format(
                format_money(p.basket_total), units, p.points))
        else:
            self.pv_result.setText(translate("EarningRules", "A {0} basket earns {1} points").format(
                format_money(p.basket_total), p.points))
        e = p.earned
        parts = [translate("EarningRules", "{0} points at the rates").format(e.rate_points),
                 translate("EarningRules", "× tier {0} %").format(e.tier_percent)]
        if e.promotion:
            parts.append(translate("EarningRules", "× promotion “{0}” {1} %").format(e.promotion, e.promotion_percent))
        else:
            parts.append(translate("EarningRules", "no promotion at that time"))
        if e.bonus:
            parts.append(translate("EarningRules", "+ {0} bonus points").format(e.bonus))
        self.pv_detail.setText("  ".join(parts[:2]) + " · " + " · ".join(parts[2:]))

    # -- changes ---------------------------------------------------------------------------
    def _changed(self, _result: object = None) -> None:
        self.ctx.inform(translate("EarningRules", "Saved."))
        self.reload()

    def _save_base(self) -> None:
        if self.view is None:
            return
        try:
            per = parse_money(self.base_amount.text())
        except PatronError as exc:
            self.ctx.show_error(exc)
            return
        self.ctx.call(rules_admin.set_base_rate, self.view.merchant_id,
                      self.base_points.value(), per, on_done=self._changed)

    def _save_multipliers(self) -> None:
        view = self.view
        if view is None:
            return
        wanted = {}
        for row in range(self.tier_table.rowCount()):
            tier = self.view.tiers[row]
            percent = self.tier_table.cellWidget(row, 1).value()
            if percent != view.multipliers.get(tier, 100):
                wanted[tier] = None if percent == 100 else percent

        def save(actor):  # one call per changed tier, each audited
            for tier, percent in wanted.items():
                rules_admin.set_tier_multiplier(actor, view.merchant_id, tier, percent)

        self.ctx.call(save, on_done=self._changed)

    def _selected_id(self, view: QTableView, model: QStandardItemModel) -> int | None:
        rows = view.selectionModel().selectedRows()
        if not rows:
            return None
        return model.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self._changed)
        dialog.open()

    def _edit_rule(self, new: bool = False) -> None:
        if self.view is None:
            return
        rule = None
        if not new:
            rule_id = self._selected_id(self.rules_view, self.rules_model)
            rule = next((r for r in self.view.rules if r.id == rule_id), None)
            if rule is None:
                return
        self._open(RuleDialog(self.ctx, self.view, rule, self))

    def _delete_rule(self) -> None:
        rule_id = self._selected_id(self.rules_view, self.rules_model)
        if rule_id is not None:
            self.dialog = confirm(self, translate("EarningRules", "Delete this points rule?"), lambda: self.ctx.call(
                rules_admin.delete_points_rule, rule_id, on_done=self._changed))

    def _edit_promotion(self, new: bool = False) -> None:
        if self.view is None:
            return
        promo = None
        if not new:
            promo_id = self._selected_id(self.promo_view, self.promo_model)
            promo = next((p for p in self.view.promotions if p.id == promo_id), None)
            if promo is None:
                return
        self._open(PromotionDialog(self.ctx, self.view.merchant_id, promo, self))

    def _delete_promotion(self) -> None:
        promo_id = self._selected_id(self.promo_view, self.promo_model)
        if promo_id is not None:
            self.dialog = confirm(self, translate("EarningRules", "Delete this promotion?"), lambda: self.ctx.call(
                rules_admin.delete_promotion, promo_id, on_done=self._changed))

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(translate("EarningRules", "Earning rules"))
        self.merchant_label.setText(translate("EarningRules", "Merchant"))
        self.precedence.setText(translate("EarningRules",
            "How a sale's points are worked out: money paid with points earns nothing. Each "
            "line earns at its product's rule, else its category's rule, else the base rate. "
            "The total is rounded down, then multiplied by the member's tier and by the single "
            "best promotion in force at the store's local time (promotions do not add up), and "
            "rounded down again. Bonus points per unit are added last and are not multiplied."))
        self.tabs.setTabText(0, translate("EarningRules", "Base rate and tiers"))
        self.tabs.setTabText(1, translate("EarningRules", "Product and category rules"))
        self.tabs.setTabText(2, translate("EarningRules", "Promotions"))
        self.base_label.setText(translate("EarningRules", "Base rate: points for every amount spent"))
        self.base_per.setText(translate("EarningRules", "points per ¥"))
        self.base_save.setText(translate("EarningRules", "Save base rate"))
        self.tier_label.setText(translate("EarningRules", "Tier multipliers"))
        self.tier_hint.setText(translate("EarningRules", "A member's points here are multiplied by their tier's "
                                  "percentage (100 % = unchanged)."))
        self.tier_table.setHorizontalHeaderLabels([translate("EarningRules", "Tier"), translate("EarningRules", "Multiplier")])
        self.tier_save.setText(translate("EarningRules", "Save multipliers"))
        self.rules_model.setHorizontalHeaderLabels([translate("EarningRules", "Applies to"), translate("EarningRules", "Name"), translate("EarningRules", "Rate"),
                                                    translate("EarningRules", "Bonus per unit")])
        self.rule_add.setText(translate("EarningRules", "New rule…"))
        self.rule_edit.setText(translate("EarningRules", "Edit…"))
        self.rule_delete.setText(translate("EarningRules", "Delete"))
        self.promo_model.setHorizontalHeaderLabels([translate("EarningRules", "Name"), translate("EarningRules", "Multiplier"), translate("EarningRules", "Days"),
                                                    translate("EarningRules", "Weekdays"), translate("EarningRules", "Hours"), translate("EarningRules", "Active")])
        self.promo_add.setText(translate("EarningRules", "New promotion…"))
        self.promo_edit.setText(translate("EarningRules", "Edit…"))
        self.promo_delete.setText(translate("EarningRules", "Delete"))
        self.preview_box.setTitle(translate("EarningRules", "Preview"))
        for label, text in zip(self.pv_labels, (translate("EarningRules", "Store"), translate("EarningRules", "Member tier"),
                                                translate("EarningRules", "Store time")), strict=True):
            label.setText(text)
        self.pv_by_total.setText(translate("EarningRules", "Basket total (¥)"))
        self.pv_by_items.setText(translate("EarningRules", "Or products (grams if weighed):"))
        self.pv_add.setText(translate("EarningRules", "Add"))
        self.pv_clear.setText(translate("EarningRules", "Clear products"))
        self.pv_items.setHorizontalHeaderLabels([translate("EarningRules", "Product"), translate("EarningRules", "Quantity")])
        self._fill_rules()
        self._fill_promotions()
        self._show_preview()
