"""The earning-rules page's edit dialogs: a product or category rule, and a promotion."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from app.errors import ValidationError
from app.loyalty import rules_admin
from app.loyalty.rules_admin import Choice, PromotionInput, PromotionRow, RuleRow, RulesView
from app.money import format_money, parse_money
from ui.backoffice.context import BackofficeContext
from ui.backoffice.form_dialog import FormDialog
from ui.widgets.i18n import is_english, translate

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _weekdays_for_translation() -> None:  # pragma: no cover - read by the translation build
    for _ in (translate("RuleDialogs", "Mon"), translate("RuleDialogs", "Tue"),
              translate("RuleDialogs", "Wed"), translate("RuleDialogs", "Thu"),
              translate("RuleDialogs", "Fri"), translate("RuleDialogs", "Sat"),
              translate("RuleDialogs", "Sun")):
        pass


def shown_name(choice: Choice) -> str:
    return choice.name_en if is_english() and choice.name_en else choice.name


class ProductPicker(QComboBox):
    """An editable product choice: the merchant's first products listed, and what the user
    types searched in the whole catalogue (app.loyalty.rules_admin.find_products)."""

    def __init__(self, ctx: BackofficeContext, name: str) -> None:
        super().__init__(objectName=name)
        self.ctx = ctx
        self.merchant_id: int | None = None
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.setMinimumWidth(200)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._search)
        self.lineEdit().textEdited.connect(lambda _t: self._timer.start())
        self._asked = 0

    def fill(self, merchant_id: int, choices: list[Choice]) -> None:
        self.merchant_id = merchant_id
        self.blockSignals(True)
        self.clear()
        for c in choices:
            self.addItem(f"{c.extra}  {shown_name(c)}", c.id)
        self.blockSignals(False)

    def chosen(self) -> int | None:
        """The product whose entry the text names, or None."""
        index = self.findText(self.currentText())
        return self.itemData(index) if index >= 0 else None

    def _search(self) -> None:
        text = self.currentText().strip()
        if not text or self.merchant_id is None or self.findText(text) >= 0:
            return
        self._asked += 1
        asked = self._asked
        self.ctx.call(rules_admin.find_products, self.merchant_id, text,
                      on_done=lambda found: self._found(asked, text, found),
                      on_error=lambda _exc: None)

    def _found(self, asked: int, text: str, found: list[Choice]) -> None:
        if asked != self._asked or not found:
            return
        known = {self.itemData(i) for i in range(self.count())}
        self.blockSignals(True)
        for c in found:
            if c.id not in known:
                self.addItem(f"{c.extra}  {shown_name(c)}", c.id)
        self.blockSignals(False)
        self.setEditText(text)
        if self.completer() is not None:
            self.completer().setCompletionPrefix(text)
            self.completer().complete()


def weekday_text(days: str) -> str:
    if days == "1234567":
        return translate("RuleDialogs", "every day")
    return " ".join(translate("RuleDialogs", WEEKDAY_NAMES[int(d) - 1]) for d in days)


def hours_text(low: int, high: int) -> str:
    if (low, high) == (0, 1440):
        return translate("RuleDialogs", "all day")
    return f"{low // 60:02d}:{low % 60:02d}–{high // 60:02d}:{high % 60:02d}"


class RuleDialog(FormDialog):
    """A points rule for one product or one category: its own rate and/or a bonus per unit."""

    def __init__(self, ctx: BackofficeContext, view: RulesView, rule: RuleRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "ruleDialog", parent)
        self.view, self.rule = view, rule
        self.kind = QComboBox(objectName="ruleKind")
        self.kind.addItem("", "product")
        self.kind.addItem("", "category")
        self.target = ProductPicker(ctx, "ruleTarget")
        self.own_rate = QCheckBox(objectName="ruleOwnRate")
        self.rate_points = QSpinBox(objectName="ruleRatePoints", maximum=rules_admin.MAX_RATE)
        self.rate_amount = QLineEdit("1.00", objectName="ruleRateAmount")
        self.bonus = QSpinBox(objectName="ruleBonus", maximum=100_000)
        rate_row = QHBoxLayout()
        self.per_label = QLabel()
        for w in (self.rate_points, self.per_label, self.rate_amount):
            rate_row.addWidget(w)
        self.row_labels = [QLabel() for _ in range(4)]
        self.form.addRow(self.row_labels[0], self.kind)
        self.form.addRow(self.row_labels[1], self.target)
        self.form.addRow(self.own_rate)
        self.form.addRow(self.row_labels[2], rate_row)
        self.form.addRow(self.row_labels[3], self.bonus)
        self.kind.currentIndexChanged.connect(self._fill_targets)
        self.own_rate.toggled.connect(self._rate_enabled)
        if rule is not None:
            self.kind.setCurrentIndex(0 if rule.kind == "product" else 1)
            self.kind.setEnabled(False)
        self._fill_targets()
        if rule is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(rule.target_id)))
            self.target.setEnabled(False)
            self.own_rate.setChecked(rule.rate_points is not None)
            if rule.rate_points is not None:
                self.rate_points.setValue(rule.rate_points)
                self.rate_amount.setText(format_money(rule.rate_per_minor, symbol=False))
            self.bonus.setValue(rule.bonus_per_unit)
        else:
            self.own_rate.setChecked(True)
            self.rate_points.setValue(2)
        self._rate_enabled(self.own_rate.isChecked())
        self.retranslate()

    def _fill_targets(self) -> None:
        kind = self.kind.currentData()
        if kind == "product":
            self.target.fill(self.view.merchant_id, self.view.products)
        else:
            self.target.fill(self.view.merchant_id, [])
            self.target.merchant_id = None  # categories are few: all listed, none searched
            for c in self.view.categories:
                self.target.addItem(shown_name(c), c.id)

    def _rate_enabled(self, on: bool) -> None:
        self.rate_points.setEnabled(on)
        self.rate_amount.setEnabled(on)

    def save_call(self):
        kind = self.kind.currentData()
        target = self.target.chosen()
        if target is None:
            raise ValidationError("rules.target", "a rule is for one product or one category")
        rate_points = rate_per = None
        if self.own_rate.isChecked():
            rate_points, rate_per = self.rate_points.value(), parse_money(self.rate_amount.text())
        kwargs = {"rule_id": self.rule.id if self.rule else None,
                  "product_id": target if kind == "product" else None,
                  "category_id": target if kind == "category" else None,
                  "rate_points": rate_points, "rate_per_minor": rate_per,
                  "bonus_per_unit": self.bonus.value()}
        return rules_admin.save_points_rule, (self.view.merchant_id,), kwargs

    def retranslate(self) -> None:
        self.setWindowTitle(translate("RuleDialogs", "Edit points rule") if self.rule else translate("RuleDialogs", "New points rule"))
        self.kind.setItemText(0, translate("RuleDialogs", "Product"))
        self.kind.setItemText(1, translate("RuleDialogs", "Category"))
        for label, text in zip(self.row_labels, (translate("RuleDialogs", "Applies to"), translate("RuleDialogs", "Which"), translate("RuleDialogs", "Rate"),
                                             translate("RuleDialogs", "Bonus points per unit")), strict=True):
            label.setText(text)
        self.own_rate.setText(translate("RuleDialogs", "Its own rate instead of the base rate"))
        self.per_label.setText(translate("RuleDialogs", "points per ¥"))
        self.retranslate_buttons()


class PromotionDialog(FormDialog):
    """A promotion: a multiplier on certain days, weekdays and hours of the store's clock."""

    def __init__(self, ctx: BackofficeContext, merchant_id: int,
                 promo: PromotionRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "promotionDialog", parent)
        self.setMinimumWidth(760)  # seven weekday boxes with their names in one row
        self.merchant_id, self.promo = merchant_id, promo
        self.name = QLineEdit(objectName="promoName")
        self.percent = QSpinBox(objectName="promoPercent", minimum=100,
                                maximum=rules_admin.MAX_PERCENT, singleStep=50, suffix=" %")
        self.first = QDateEdit(objectName="promoFirst", calendarPopup=True,
                               displayFormat="yyyy-MM-dd")
        self.last = QDateEdit(objectName="promoLast", calendarPopup=True,
                              displayFormat="yyyy-MM-dd")
        self.days = [QCheckBox(objectName=f"promoDay{i + 1}") for i in range(7)]
        days_row = QHBoxLayout()
        for box in self.days:
            days_row.addWidget(box)
        self.from_time = QTimeEdit(objectName="promoFrom", displayFormat="HH:mm")
        self.until_time = QTimeEdit(objectName="promoUntil", displayFormat="HH:mm")
        hours_row = QHBoxLayout()
        self.to_label = QLabel()
        for w in (self.from_time, self.to_label, self.until_time):
            hours_row.addWidget(w)
        self.active = QCheckBox(objectName="promoActive")
        self.hint = QLabel(objectName="promoHint")
        self.hint.setWordWrap(True)
        self.row_labels = [QLabel() for _ in range(6)]
        self.form.addRow(self.row_labels[0], self.name)
        self.form.addRow(self.row_labels[1], self.percent)
        self.form.addRow(self.row_labels[2], self.first)
        self.form.addRow(self.row_labels[3], self.last)
        self.form.addRow(self.row_labels[4], days_row)
        self.form.addRow(self.row_labels[5], hours_row)
        self.form.addRow(self.active)
        self.form.addRow(self.hint)
        if promo is not None:
            self.name.setText(promo.name)
            self.percent.setValue(promo.percent)
            self.first.setDate(QDate(promo.starts_on))
            self.last.setDate(QDate(promo.ends_on))
            for i, box in enumerate(self.days):
                box.setChecked(str(i + 1) in promo.weekdays)
            self.from_time.setTime(QTime(promo.from_minute // 60, promo.from_minute % 60))
            until = promo.to_minute % 1440
            self.until_time.setTime(QTime(until // 60, until % 60))
            self.active.setChecked(promo.active)
        else:
            self.percent.setValue(200)
            today = QDate.currentDate()
            self.first.setDate(today)
            self.last.setDate(today.addMonths(1))
            for box in self.days:
                box.setChecked(True)
            self.active.setChecked(True)
        self.retranslate()

    def value(self) -> PromotionInput:
        low = self.from_time.time()
        high = self.until_time.time()
        to_minute = high.hour() * 60 + high.minute() or 1440  # until 00:00: to the day's end
        first: date = self.first.date().toPython()
        last: date = self.last.date().toPython()
        return PromotionInput(
            self.name.text(), self.percent.value(), first, last,
            "".join(str(i + 1) for i, box in enumerate(self.days) if box.isChecked()),
            low.hour() * 60 + low.minute(), to_minute, self.active.isChecked())

    def save_call(self):
        return (rules_admin.save_promotion, (self.merchant_id, self.value()),
                {"promotion_id": self.promo.id if self.promo else None})

    def retranslate(self) -> None:
        self.setWindowTitle(translate("RuleDialogs", "Edit promotion") if self.promo else translate("RuleDialogs", "New promotion"))
        for label, text in zip(self.row_labels, (translate("RuleDialogs", "Name"), translate("RuleDialogs", "Points multiplier"), translate("RuleDialogs", "First day"),
                                             translate("RuleDialogs", "Last day"), translate("RuleDialogs", "Weekdays"), translate("RuleDialogs", "Hours")),
                               strict=True):
            label.setText(text)
        for box, day in zip(self.days, WEEKDAY_NAMES, strict=True):
            box.setText(translate("RuleDialogs", day))
        self.to_label.setText(translate("RuleDialogs", "until"))
        self.active.setText(translate("RuleDialogs", "Active"))
        self.hint.setText(translate("RuleDialogs", "Days and hours are each store's own clock. 200 % doubles the "
                            "points. Until 00:00 means to the end of the day."))
        self.retranslate_buttons()
