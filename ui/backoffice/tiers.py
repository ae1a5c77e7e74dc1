"""Back-office screen 5: the coalition's tiers, the rolling window they are measured over, an
"evaluate now" that moves members between tiers (app.loyalty.tiers.evaluate_now, off the GUI
thread) and the latest tier changes. Changing tiers is the coalition operator's; a manager
sees them and their own members' changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.clock import DEFAULT_TIMEZONE, store_time_text
from app.loyalty import tiers
from app.loyalty.tiers import Evaluation, TierRow, TiersView
from ui.backoffice.context import BackofficeContext
from ui.backoffice.earning_rules import confirm, fit_columns, table
from ui.backoffice.form_dialog import FormDialog
from ui.backoffice.page import Page
from ui.widgets.i18n import is_english, translate


class TierDialog(FormDialog):
    def __init__(self, ctx: BackofficeContext, tier: TierRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "tierDialog", parent)
        self.tier = tier
        self.code = QLineEdit(objectName="tierCode")
        self.name = QLineEdit(objectName="tierName")
        self.name_en = QLineEdit(objectName="tierNameEn")
        self.threshold = QSpinBox(objectName="tierThreshold", maximum=2_000_000_000,
                                  singleStep=100)
        self.row_labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.row_labels, (self.code, self.name, self.name_en,
                                              self.threshold), strict=True):
            self.form.addRow(label, field)
        if tier is not None:
            self.code.setText(tier.code)
            self.name.setText(tier.name)
            self.name_en.setText(tier.name_en)
            self.threshold.setValue(tier.threshold)
        self.retranslate()

    def save_call(self):
        return (tiers.save_tier, (self.code.text(), self.name.text(), self.name_en.text(),
                                  self.threshold.value()),
                {"tier_id": self.tier.id if self.tier else None})

    def retranslate(self) -> None:
        self.setWindowTitle(translate("Tiers", "Edit tier") if self.tier else translate("Tiers", "New tier"))
        for label, text in zip(self.row_labels, (translate("Tiers", "Code"), translate("Tiers", "Name (Chinese)"),
                                             translate("Tiers", "Name (English)"),
                                             translate("Tiers", "Points earned to reach it")), strict=True):
            label.setText(text)
        self.retranslate_buttons()


class TiersPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("tiersPage")
        self.data: TiersView | None = None
        self.evaluation: Evaluation | None = None
        self.dialog: QWidget | None = None
        self.heading = QLabel(objectName="pageHeading")
        self.explain = QLabel(objectName="tiersExplain")
        self.explain.setWordWrap(True)
        self.window_label = QLabel()
        self.window_days = QSpinBox(objectName="tierWindow", minimum=1, maximum=3660)
        self.window_save = QPushButton(objectName="tierWindowSave", clicked=self._save_window)
        window_row = QHBoxLayout()
        for w in (self.window_label, self.window_days, self.window_save):
            window_row.addWidget(w)
        window_row.addStretch(1)
        self.tiers_model = QStandardItemModel(0, 4, self)
        self.tiers_view = table("tiersTable", self.tiers_model)
        # The code is the program's key for a tier (shown in its edit dialog); the list names it.
        self.tiers_view.setColumnHidden(0, True)
        self.tiers_view.doubleClicked.connect(lambda _i: self._edit())
        self.add = QPushButton(objectName="tierAdd", clicked=lambda: self._edit(True))
        self.edit = QPushButton(objectName="tierEdit", clicked=lambda: self._edit())
        self.delete = QPushButton(objectName="tierDelete", clicked=self._delete)
        self.evaluate = QPushButton(objectName="tierEvaluate", clicked=self._evaluate)
        self.busy = QProgressBar(objectName="tierBusy", minimum=0, maximum=0)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.result = QLabel(objectName="tierResult")
        buttons = QHBoxLayout()
        for w in (self.add, self.edit, self.delete):
            buttons.addWidget(w)
        buttons.addStretch(1)
        for w in (self.result, self.busy, self.evaluate):
            buttons.addWidget(w)
        self.changes_label = QLabel()
        self.changes_model = QStandardItemModel(0, 6, self)
        self.changes_view = table("tierChanges", self.changes_model)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addLayout(window_row)
        layout.addWidget(self.tiers_view, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.changes_label)
        layout.addWidget(self.changes_view, 3)
        self.retranslate()

    def refresh(self) -> None:
        self.ctx.call(tiers.load, on_done=self._show)

    def _show(self, data: TiersView) -> None:
        self.data = data
        self.window_days.setValue(data.window_days)
        for w in (self.window_days, self.window_save, self.add, self.edit, self.delete,
                  self.evaluate):
            w.setEnabled(data.may_change)
        self._fill()

    def _fill(self) -> None:
        self.tiers_model.setRowCount(0)
        self.changes_model.setRowCount(0)
        data = self.data
        if data is None:
            return
        for t in data.tiers:
            items = [QStandardItem(t.code), QStandardItem(self._name(t)),
                     QStandardItem(f"{t.threshold:,}"), QStandardItem(str(t.members))]
            items[0].setData(t.id, Qt.ItemDataRole.UserRole)
            items[1].setToolTip(t.code)
            items[2].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tiers_model.appendRow(items)
        fit_columns(self.tiers_view)
        names = {t.code: self._name(t) for t in data.tiers}
        for c in data.changes:
            self.changes_model.appendRow([
                QStandardItem(store_time_text(c.at, DEFAULT_TIMEZONE, "%Y-%m-%d %H:%M")),
                QStandardItem(c.member_number), QStandardItem(c.member_name),
                QStandardItem(f"{names.get(c.from_tier, c.from_tier)} → "
                              f"{names.get(c.to_tier, c.to_tier)}"),
                QStandardItem(f"{c.points:,}"),
                QStandardItem(c.by or translate("Tiers", "the daily evaluation"))])
        fit_columns(self.changes_view)

    @staticmethod
    def _name(t: TierRow) -> str:
        return t.name_en if is_english() and t.name_en else t.name

    def _selected(self) -> TierRow | None:
        rows = self.tiers_view.selectionModel().selectedRows()
        if not rows or self.data is None:
            return None
        tier_id = self.tiers_model.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((t for t in self.data.tiers if t.id == tier_id), None)

    def _changed(self, _result: object = None) -> None:
        self.ctx.inform(translate("Tiers", "Saved."))
        self.refresh()

    def _edit(self, new: bool = False) -> None:
        tier = None if new else self._selected()
        if not new and tier is None:
            return
        self.dialog = TierDialog(self.ctx, tier, self)
        self.dialog.accepted.connect(self._changed)
        self.dialog.open()

    def _delete(self) -> None:
        tier = self._selected()
        if tier is not None:
            self.dialog = confirm(self, translate("Tiers", "Delete tier “{0}”?").format(self._name(tier)),
                                  lambda: self.ctx.call(tiers.delete_tier, tier.id,
                                                        on_done=self._changed))

    def _save_window(self) -> None:
        self.ctx.call(tiers.set_window_days, self.window_days.value(), on_done=self._changed)

    def _evaluate(self) -> None:
        self.evaluate.setEnabled(False)
        self.busy.show()
        self.result.setText(translate("Tiers", "Evaluating…"))
        self.ctx.call(tiers.evaluate_now, on_done=self._evaluated, on_error=self._failed)

    def _evaluated(self, result: Evaluation) -> None:
        self.evaluation = result
        self.busy.hide()
        self.evaluate.setEnabled(True)
        self._show_result()
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.busy.hide()
        self.evaluate.setEnabled(True)
        self.result.setText("")
        self.ctx.show_error(exc)

    def _show_result(self) -> None:
        r = self.evaluation
        self.result.setText("" if r is None else translate("Tiers",
            "{0} members evaluated: {1} upgrades, {2} downgrades").format(
            r.evaluated, r.upgrades, r.downgrades))

    def retranslate(self) -> None:
        self.heading.setText(translate("Tiers", "Tiers"))
        self.explain.setText(translate("Tiers",
            "A member holds the highest tier whose threshold their points earned reach. Points "
            "earned = points awarded for purchases in the window, minus the points refunds took "
            "back in the window. Points from codes, rewards or adjustments, points spent and "
            "points expired do not count. Members are evaluated once a day and whenever you "
            "press “Evaluate now”; every change is recorded and the member gets a message."))
        self.window_label.setText(translate("Tiers", "Rolling window (days)"))
        self.window_save.setText(translate("Tiers", "Save window"))
        self.tiers_model.setHorizontalHeaderLabels([translate("Tiers", "Code"), translate("Tiers", "Name"),
                                                    translate("Tiers", "Points earned to reach it"),
                                                    translate("Tiers", "Members")])
        self.add.setText(translate("Tiers", "New tier…"))
        self.edit.setText(translate("Tiers", "Edit…"))
        self.delete.setText(translate("Tiers", "Delete"))
        self.evaluate.setText(translate("Tiers", "Evaluate now"))
        self.changes_label.setText(translate("Tiers", "Latest tier changes"))
        self.changes_model.setHorizontalHeaderLabels([translate("Tiers", "When"), translate("Tiers", "Member no."), translate("Tiers", "Name"),
                                                      translate("Tiers", "Change"), translate("Tiers", "Points earned"),
                                                      translate("Tiers", "Evaluated by")])
        self._fill()
        self._show_result()
