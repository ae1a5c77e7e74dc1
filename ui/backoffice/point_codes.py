"""Back-office page: per-unit point codes (SPEC §4). Batches with their generated / marked /
redeemed figures, generating a batch, printing its labels, voiding it; the guides' linkage rule,
the guides' board, redemptions per store and the feedback answers of the selected batch.
A manager sees their merchant's codes, the operator every merchant's (the services decide)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.backoffice.actor import Actor
from app.orgadmin import merchants
from app.pointcodes import batches, reports
from app.pointcodes.batches import BatchInfo
from app.pointcodes.reports import BatchFigures, GuideFigures, StoreFigures
from ui.backoffice.context import BackofficeContext
from ui.backoffice.org_words import local_time_text
from ui.backoffice.page import Page
from ui.backoffice.point_code_dialogs import (
    GenerateBatchDialog,
    LinkRuleDialog,
    PrintLabelsDialog,
    choices_text,
)
from ui.backoffice.table import Column, RowsModel, RowsView
from ui.widgets.i18n import is_english, translate


@dataclass(frozen=True)
class BatchRow:
    info: BatchInfo
    figures: BatchFigures | None


@dataclass(frozen=True)
class PointCodesData:
    batches: list[BatchRow]
    guides: list[GuideFigures]
    stores: list[StoreFigures]
    merchants: list[tuple[str, int]]  # (code  name, id) the actor may set a rule for


def load_point_codes(actor: Actor) -> PointCodesData:
    figures = {f.batch_id: f for f in reports.by_batch(actor)}
    rows = [BatchRow(b, figures.get(b.id)) for b in batches.list_batches(actor)]
    return PointCodesData(rows, reports.by_guide(actor), reports.by_store(actor),
                          [(f"{m.code}  {m.name}", m.id) for m in merchants.list_merchants(actor)])


def choice_text(choices: tuple[tuple[str, str], ...], stored: str) -> str:
    """A single-choice answer (stored as its index) in the UI language."""
    if not stored.isdigit() or int(stored) >= len(choices):
        return stored
    zh, en = choices[int(stored)]
    return en if is_english() and en else zh


def status_text(row: BatchRow) -> str:
    return translate("PointCodesPage", "Voided") if row.info.voided_at is not None else translate("PointCodesPage", "Live")


class PointCodesPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("pointCodesPage")
        self.data: PointCodesData | None = None
        self.dialog: GenerateBatchDialog | PrintLabelsDialog | LinkRuleDialog | None = None
        self.confirm: QMessageBox | None = None
        self.heading = QLabel(objectName="pageHeading")
        self.batch_model = RowsModel([
            Column(lambda: translate("PointCodesPage", "Batch"), lambda r: r.info.id),
            Column(lambda: translate("PointCodesPage", "Merchant"), lambda r: r.info.merchant_name),
            Column(lambda: translate("PointCodesPage", "Product"), lambda r: r.info.product_name, stretch=True),
            Column(lambda: translate("PointCodesPage", "Points"), lambda r: r.info.points),
            Column(lambda: translate("PointCodesPage", "Generated"), lambda r: r.figures.generated if r.figures else 0),
            Column(lambda: translate("PointCodesPage", "Marked"), lambda r: r.figures.marked if r.figures else 0),
            Column(lambda: translate("PointCodesPage", "Redeemed"), lambda r: r.figures.redeemed if r.figures else 0),
            Column(lambda: translate("PointCodesPage", "Follow-up"), lambda r: choices_text(r.info)),
            Column(lambda: translate("PointCodesPage", "Created"), lambda r: local_time_text(r.info.created_at)),
            Column(lambda: translate("PointCodesPage", "Status"), status_text),
        ], self)
        self.batch_view = RowsView(self.batch_model, "batchTable")
        self.batch_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.guide_model = RowsModel([
            Column(lambda: translate("PointCodesPage", "Rank"), lambda r: self._rank(r)),
            Column(lambda: translate("PointCodesPage", "Guide"), lambda r: r.name, stretch=True),
            Column(lambda: translate("PointCodesPage", "Units marked"), lambda r: r.marked),
            Column(lambda: translate("PointCodesPage", "Units redeemed"), lambda r: r.redeemed),
            Column(lambda: translate("PointCodesPage", "Linked points"), lambda r: r.linked_points),
        ], self)
        self.guide_view = RowsView(self.guide_model, "guideTable")
        self.store_model = RowsModel([
            Column(lambda: translate("PointCodesPage", "Store"), lambda r: r.name, stretch=True),
            Column(lambda: translate("PointCodesPage", "Units redeemed"), lambda r: r.redeemed),
        ], self)
        self.store_view = RowsView(self.store_model, "storeTable")
        self.answer_model = RowsModel([
            Column(lambda: translate("PointCodesPage", "When"), lambda r: r[0]),
            Column(lambda: translate("PointCodesPage", "Answer"), lambda r: r[1], stretch=True),
        ], self)
        self.answer_view = RowsView(self.answer_model, "answerTable")
        self.answers_heading = QLabel(objectName="answersHeading")
        self.answers_heading.setWordWrap(True)
        answers = QWidget()
        answers_layout = QVBoxLayout(answers)
        answers_layout.addWidget(self.answers_heading)
        answers_layout.addWidget(self.answer_view, 1)
        self.tabs = QTabWidget(objectName="pointCodeTabs")
        self.tabs.addTab(self.batch_view, "")
        self.tabs.addTab(self.guide_view, "")
        self.tabs.addTab(self.store_view, "")
        self.tabs.addTab(answers, "")
        bar = QHBoxLayout()
        self.generate_button = self._button(bar, "generateBatch", self.generate_dialog)
        self.print_button = self._button(bar, "printLabels", self.print_dialog)
        self.void_button = self._button(bar, "voidBatch", self.void_dialog)
        bar.addStretch(1)
        self.rule_button = self._button(bar, "linkRule", self.rule_dialog)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.answers: list[tuple[str, str]] = []
        self.retranslate()
        self._update_buttons()

    def _button(self, bar: QHBoxLayout, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(objectName=name)
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    def _rank(self, row: GuideFigures) -> int:
        return self.guide_model.rows.index(row) + 1

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        self.call(load_point_codes, on_done=self._show)

    def _show(self, data: PointCodesData) -> None:
        keep = self.selected()
        self.data = data
        self.batch_model.set_rows(data.batches)
        self.guide_model.set_rows(data.guides)
        self.store_model.set_rows(data.stores)
        if keep is not None:
            self.batch_view.select_where(lambda r: r.info.id == keep.info.id)
        elif data.batches:
            self.batch_view.selectRow(0)
        self._update_buttons()

    def selected(self) -> BatchRow | None:
        return self.batch_view.selected()

    def select_batch(self, batch_id: int) -> bool:
        return self.batch_view.select_where(lambda r: r.info.id == batch_id)

    def _selection_changed(self, *_: object) -> None:
        self._update_buttons()
        row = self.selected()
        self.answers = []
        self.answer_model.set_rows([])
        self._answers_heading()
        if row is not None and row.info.question.kind != "none":
            batch_id = row.info.id
            self.call(reports.answers, batch_id,
                      on_done=lambda rows: self._show_answers(batch_id, rows))

    def _show_answers(self, batch_id: int, rows: list[tuple[str, str]]) -> None:
        row = self.selected()
        if row is None or row.info.id != batch_id:
            return
        q = row.info.question
        if q.kind == "choice":  # stored as the answer's index
            rows = [(when, choice_text(q.choices, a)) for when, a in rows]
        elif q.kind == "rating":
            rows = [(when, "★" * int(a) if a.isdigit() else a) for when, a in rows]
        self.answers = rows
        self.answer_model.set_rows(rows)
        self._answers_heading()

    def _answers_heading(self) -> None:
        row = self.selected()
        if row is None:
            self.answers_heading.setText(translate("PointCodesPage", "Select a batch to see its feedback answers."))
        elif row.info.question.kind == "none":
            self.answers_heading.setText(translate("PointCodesPage", "Batch {0} asks no follow-up question.").format(
                row.info.id))
        else:
            q = row.info.question
            self.answers_heading.setText(translate("PointCodesPage", "Batch {0}: “{1}” — {2} answers").format(
                row.info.id, q.text_en if is_english() and q.text_en else q.text,
                len(self.answers)))

    def _update_buttons(self, *_: object) -> None:
        row = self.selected()
        live = row is not None and row.info.voided_at is None
        self.print_button.setEnabled(live)  # a voided batch's labels would only be refused
        self.void_button.setEnabled(live)

    # -- actions --------------------------------------------------------------------------
    def _changed(self, *_: object) -> None:
        self.ctx.data_changed.emit("point_codes")
        self.refresh()

    def generate_dialog(self) -> GenerateBatchDialog:
        """Fields: search, product, count, points, kind, question, question_en, choices,
        reward; ``dialog.find()`` searches, ``dialog.submit()`` generates."""
        dialog = GenerateBatchDialog(self.ctx, self)
        dialog.saved.connect(self._generated)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _generated(self, info: BatchInfo) -> None:
        self.ctx.inform(translate("PointCodesPage", "Batch {0}: {1} codes for {2} generated.").format(
            info.id, info.count, info.product_name))
        self.call(load_point_codes, on_done=lambda data: (self._show(data),
                                                         self.select_batch(info.id)))
        self.ctx.data_changed.emit("point_codes")

    def print_dialog(self) -> PrintLabelsDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = PrintLabelsDialog(self.ctx, row.info, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def void_dialog(self) -> QMessageBox | None:
        """Asks first; ``page.confirm`` is the question (Yes voids)."""
        row = self.selected()
        if row is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, translate("PointCodesPage", "Void batch"), translate("PointCodesPage",
            "Void batch {0} ({1})? Its {2} codes not yet redeemed stop working at once; this "
            "cannot be undone.").format(row.info.id, row.info.product_name,
                                        (row.figures.generated - row.figures.redeemed)
                                        if row.figures else row.info.count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("voidConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(translate("PointCodesPage", "Void batch"))
        box.button(QMessageBox.StandardButton.Cancel).setText(translate("PointCodesPage", "Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        batch_id = row.info.id
        box.finished.connect(lambda result: self._void_answered(batch_id, result))
        self.confirm = box
        box.open()
        return box

    def _void_answered(self, batch_id: int, result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self.call(batches.void_batch, batch_id, on_done=self._voided)

    def _voided(self, info: BatchInfo) -> None:
        self.ctx.inform(translate("PointCodesPage", "Batch {0} voided.").format(info.id))
        self._changed()

    def rule_dialog(self) -> LinkRuleDialog:
        """Fields: merchant, kind, value."""
        choices = self.data.merchants if self.data else []
        row = self.selected()
        merchant = row.info.merchant_id if row else (self.ctx.actor.merchant_id
                                                     if self.ctx.actor else None)
        dialog = LinkRuleDialog(self.ctx, choices, merchant, self)
        dialog.saved.connect(lambda _rule: self.ctx.inform(translate("PointCodesPage", "Guide linkage rule saved.")))
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(translate("PointCodesPage", "Point codes"))
        self.generate_button.setText(translate("PointCodesPage", "Generate batch…"))
        self.print_button.setText(translate("PointCodesPage", "Print labels…"))
        self.void_button.setText(translate("PointCodesPage", "Void batch…"))
        self.rule_button.setText(translate("PointCodesPage", "Guide linkage rule…"))
        for i, title in enumerate((translate("PointCodesPage", "Batches"), translate("PointCodesPage", "Guides' board"), translate("PointCodesPage", "Stores"),
                                   translate("PointCodesPage", "Feedback answers"))):
            self.tabs.setTabText(i, title)
        for model in (self.batch_model, self.guide_model, self.store_model, self.answer_model):
            model.retranslate()
        self._answers_heading()
