"""Back office screen 3: import a merchant's products and barcodes from a CSV or XLSX file.

Choose the merchant (a manager has only their own) and the file, run the dry run (nothing is
written: counts, the first rows, every rejected row and its reason, exportable as CSV), then
import — all of it, or, when rows were rejected and the user ticks the box, the rest. Both
steps run on their own thread with a progress bar and a Cancel button; a cancelled or failed
import writes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.catalogue_import import (
    ImportCancelled,
    ImportResult,
    MerchantChoice,
    Preview,
    import_file,
    merchant_choices,
    preview,
    rejects_csv,
)
from app.catalogue_import.columns import COLUMNS, Column
from app.loyalty import rules_admin
from app.loyalty.rules_admin import Choice
from app.money import format_money
from ui.backoffice.background import BackgroundTask
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import Page
from ui.backoffice.rows_model import RowsModel, text_columns
from ui.errors import user_message
from ui.widgets.i18n import is_english, translate


def column_meaning(key: str) -> str:
    return {
        "sku": translate("CatalogueImport", "The merchant's own product code (up to 40 characters); products are "
                  "matched by it"),
        "name": translate("CatalogueImport", "Product name as shown and printed"),
        "name_en": translate("CatalogueImport", "The product's English name, shown on English screens and receipts"),
        "price": translate("CatalogueImport", "Price in yuan with tax, e.g. 12.80 (per kg when sold by weight)"),
        "tax_rate": translate("CatalogueImport", "VAT in percent, e.g. 13 or 9%; default 13"),
        "category": translate("CatalogueImport", "Category name; a new one is created"),
        "barcodes": translate("CatalogueImport", "EAN-13, EAN-8, UPC-A or UPC-E; several separated by | or ;"),
        "sold_by": translate("CatalogueImport", "Unit or Weight; default Unit"),
        "plu": translate("CatalogueImport", "Up to 5 digits: the item code on scale labels"),
        "bonus_points": translate("CatalogueImport", "Extra points per unit sold; default 0"),
        "unit_weight_g": translate("CatalogueImport", "Weight of one unit in grams, for the scale check"),
        "weight_tolerance_g": translate("CatalogueImport", "Allowed weight difference in grams"),
        "active": translate("CatalogueImport", "Yes or No (also 1/0, true/false); default Yes"),
    }[key]


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def column_heading(key: str) -> str:
    """A heading the import reads as ``key`` (it folds case, spaces and hyphens), written
    as a person would: "Name EN" for name_en, "SKU" and "PLU" as the trade writes them."""
    if key in ("sku", "plu"):
        return key.upper()
    words = key.split("_")
    return " ".join([words[0].capitalize(), *(w.upper() if w == "en" else w for w in words[1:])])


def column_names(column: Column) -> tuple[str, str]:
    """The heading a file may use for ``column`` and the other headings it accepts, in the
    screen's language: the Chinese ones on a Chinese screen, the English ones on an English
    one (the import takes either whatever the screen shows)."""
    if is_english():
        others = [column_heading(a) for a in column.aliases if not _chinese(a)]
        return column_heading(column.key), " ".join(others)
    chinese = [a for a in column.aliases if _chinese(a)]
    return chinese[0], " ".join(chinese[1:])


def stage_text(stage: str) -> str:
    return {
        "read": translate("CatalogueImport", "Reading the file…"),
        "check": translate("CatalogueImport", "Checking every row…"),
        "compare": translate("CatalogueImport", "Comparing with the catalogue…"),
        "write": translate("CatalogueImport", "Writing products…"),
    }.get(stage, stage)


def status_text(status: str) -> str:
    return {"new": translate("CatalogueImport", "new"), "updated": translate("CatalogueImport", "updated"), "unchanged": translate("CatalogueImport", "unchanged"),
            "rejected": translate("CatalogueImport", "rejected")}.get(status, status)


class CatalogueImportPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("catalogueImportPage")
        self.path: str | None = None
        self.preview: Preview | None = None
        self.rejects: list = []  # the last dry run's, kept after an import that skipped them
        self.result: ImportResult | None = None
        self.choices: list[MerchantChoice] = []
        self._english_names: dict[int, str] = {}
        self.stage = ""
        self.task = BackgroundTask(self)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._done)
        self.task.failed.connect(self._failed)
        self._on_done = lambda value: None
        # Signing out cancels what runs: the work was the signed-out actor's.
        ctx.actor_changed.connect(lambda actor: actor is None and self.task.cancel())

        self.heading = QLabel(objectName="pageHeading")
        self.merchant = QComboBox(objectName="importMerchant")
        self.merchant.currentIndexChanged.connect(self._forget_preview)
        self.file_label = QLabel(objectName="importFile")
        self.file_label.setMinimumWidth(360)
        self.choose_button = QPushButton(objectName="chooseFileButton")
        self.choose_button.clicked.connect(self._ask_file)
        self.dry_run_button = QPushButton(objectName="dryRunButton")
        self.dry_run_button.clicked.connect(self.dry_run)
        self.file_row = QHBoxLayout()
        self.file_row.addWidget(self.file_label, 1)
        self.file_row.addWidget(self.choose_button)
        self.file_row.addWidget(self.dry_run_button)
        self.form = QFormLayout()
        self.merchant_caption = QLabel()
        self.file_caption = QLabel()
        self.form.addRow(self.merchant_caption, self.merchant)
        self.form.addRow(self.file_caption, self.file_row)

        self.stage_label = QLabel(objectName="importStage")
        self.progress = QProgressBar(objectName="importProgress")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(objectName="cancelImportButton")
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.stage_label)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)

        self.summary = QLabel(objectName="importSummary")
        self.summary.setWordWrap(True)

        self.rows_model = RowsModel(text_columns([lambda: translate("CatalogueImport", "Row"), lambda: translate("CatalogueImport", "SKU"), lambda: translate("CatalogueImport", "Name"),
                                     lambda: translate("CatalogueImport", "Price"), lambda: translate("CatalogueImport", "Result")]),
                                    self, align_right=(0, 3))
        self.rejects_model = RowsModel(text_columns([lambda: translate("CatalogueImport", "Row"), lambda: translate("CatalogueImport", "Column"),
                                        lambda: translate("CatalogueImport", "Reason")]), self, align_right=(0,))
        self.columns_model = RowsModel(text_columns([lambda: translate("CatalogueImport", "Column"), lambda: translate("CatalogueImport", "Required"),
                                        lambda: translate("CatalogueImport", "Also accepted"), lambda: translate("CatalogueImport", "Meaning")]),
                                       self)
        self.rows_view = self._table(self.rows_model, "importRowsView", stretch=2)
        self.rejects_view = self._table(self.rejects_model, "importRejectsView", stretch=2)
        self.columns_view = self._table(self.columns_model, "importColumnsView", stretch=3)
        self.tabs = QTabWidget(objectName="importTabs")
        self.tabs.addTab(self.columns_view, "")
        self.tabs.addTab(self.rows_view, "")
        self.tabs.addTab(self.rejects_view, "")

        self.skip = QCheckBox(objectName="skipRejected")
        self.skip.toggled.connect(self._update_buttons)
        self.export_button = QPushButton(objectName="exportRejectsButton")
        self.export_button.clicked.connect(self._ask_export)
        self.import_button = QPushButton(objectName="importButton")
        self.import_button.clicked.connect(self.start_import)
        actions = QHBoxLayout()
        actions.addWidget(self.skip)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addLayout(progress_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(actions)
        self._set_busy(False)
        self.retranslate()

    def _table(self, model: RowsModel, name: str, stretch: int) -> QTableView:
        view = QTableView(objectName=name)
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.call(merchant_choices, on_done=self._show_merchants)
        if not self._english_names:  # the import's choices carry the stored (Chinese) names
            self.ctx.call(rules_admin.merchants, on_done=self._names_loaded)

    def _names_loaded(self, merchants: list[Choice]) -> None:
        self._english_names = {m.id: m.name_en for m in merchants if m.name_en}
        if self.choices:
            self._show_merchants(self.choices)

    def _merchant_name(self, choice: MerchantChoice) -> str:
        return self._english_names.get(choice.id, choice.name) if is_english() else choice.name

    def _show_merchants(self, choices: list[MerchantChoice]) -> None:
        current = self.merchant_id()
        self.choices = choices
        self.merchant.blockSignals(True)
        self.merchant.clear()
        for c in choices:
            self.merchant.addItem(f"{c.code}  {self._merchant_name(c)}", c.id)
        index = self.merchant.findData(current)
        self.merchant.setCurrentIndex(max(index, 0))
        self.merchant.blockSignals(False)
        self.merchant.setEnabled(len(choices) > 1)
        self._update_buttons()

    def merchant_id(self) -> int | None:
        data = self.merchant.currentData()
        return int(data) if data is not None else None

    # -- the file -----------------------------------------------------------------------------
    def _ask_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("CatalogueImport", "Choose a catalogue file"), str(Path.home()),
            translate("CatalogueImport", "Catalogue files (*.csv *.xlsx);;All files (*)"))
        if path:
            self.choose_file(path)

    def choose_file(self, path: str | Path) -> None:
        self.path = str(path)
        self._forget_preview()

    def _forget_preview(self) -> None:
        self.preview = None
        self.rejects = []
        self.result = None
        self.rows_model.set_rows([])
        self.rejects_model.set_rows([])
        self.skip.setChecked(False)
        self.summary.setText("")
        self.summary.setProperty("error", False)
        self.progress.reset()
        self.stage_label.setText("")
        self.retranslate()

    # -- dry run and import -------------------------------------------------------------------
    def dry_run(self) -> None:
        merchant, path, actor = self.merchant_id(), self.path, self.ctx.actor
        if merchant is None or path is None or actor is None or self.task.running:
            return
        self._forget_preview()
        self._run(lambda progress, cancelled: preview(actor, merchant, path, progress=progress,
                                                      cancelled=cancelled), self._show_preview)

    def start_import(self) -> None:
        pv, path, actor = self.preview, self.path, self.ctx.actor
        if pv is None or path is None or actor is None or self.task.running:
            return
        skip = self.skip.isChecked()
        self._run(lambda progress, cancelled: import_file(
            actor, pv.merchant_id, path, skip_rejected=skip, expect_digest=pv.digest,
            progress=progress, cancelled=cancelled), self._show_result)

    def cancel(self) -> None:
        self.task.cancel()
        self.cancel_button.setEnabled(False)

    def _run(self, work, on_done) -> None:  # type: ignore[no-untyped-def]
        self._on_done = on_done
        self._set_busy(True)
        self.task.start(work)

    def _progressed(self, stage: str, done: int, total: int) -> None:
        self.stage = stage
        self.stage_label.setText(stage_text(stage))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _done(self, value: object) -> None:
        self._set_busy(False)
        self.progress.setValue(self.progress.maximum())
        self._on_done(value)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.stage_label.setText("")
        self.progress.reset()
        if isinstance(exc, ImportCancelled):
            self.summary.setText(translate("CatalogueImport", "Cancelled: nothing was imported."))
            self.ctx.inform(self.summary.text())
            return
        self.summary.setText(user_message(exc))
        self.summary.setProperty("error", True)
        self.ctx.show_error(exc)

    def _show_preview(self, pv: Preview) -> None:
        self.preview = pv
        self.rejects = pv.rejects
        self.stage_label.setText(translate("CatalogueImport", "Dry run finished: nothing was written."))
        self.rows_model.set_rows([
            (s.row, s.sku, s.name, "" if s.price is None else format_money(s.price, symbol=False),
             status_text(s.status)) for s in pv.sample])
        self.rejects_model.set_rows([(r.row, r.column, user_message(r.error))
                                     for r in pv.rejects])
        self.tabs.setCurrentWidget(self.rejects_view if pv.rejected else self.rows_view)
        self.retranslate()

    def _show_result(self, result: ImportResult) -> None:
        self.result = result
        self.preview = None
        self.stage_label.setText(translate("CatalogueImport", "Import finished."))
        self.ctx.data_changed.emit("products")
        self.retranslate()
        self.ctx.inform(self.summary.text())

    # -- the rejects report -------------------------------------------------------------------
    def _ask_export(self) -> None:
        if not self.rejects:
            return
        suggested = str(Path(self.path or "catalogue").with_suffix("")) + "-rejected.csv"
        path, _ = QFileDialog.getSaveFileName(self, translate("CatalogueImport", "Save the rejected rows"), suggested,
                                              translate("CatalogueImport", "CSV files (*.csv)"))
        if path:
            self.export_rejects(path)

    def export_rejects(self, path: str | Path) -> None:
        """Write every rejected row with its reason in the UI language (UTF-8 with BOM)."""
        if not self.rejects:
            return
        try:
            Path(path).write_bytes(rejects_csv(self.rejects,
                                               describe=lambda r: user_message(r.error)))
        except OSError as exc:
            self.ctx.message.emit("error", translate("CatalogueImport", "The report could not be saved: {0}").format(
                exc.strerror or str(exc)))
            return
        self.ctx.inform(translate("CatalogueImport", "Saved {0} rejected rows to {1}").format(
            len({r.row for r in self.rejects}), path))

    # -- state --------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy or self.progress.value() > 0)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        for widget in (self.merchant, self.choose_button):
            widget.setEnabled(not busy and (widget is not self.merchant or len(self.choices) > 1))
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = getattr(self, "_busy", False)
        pv = self.preview
        self.dry_run_button.setEnabled(not busy and self.path is not None
                                       and self.merchant_id() is not None)
        self.skip.setEnabled(not busy and pv is not None and pv.rejected > 0)
        self.export_button.setEnabled(not busy and bool(self.rejects))
        self.import_button.setEnabled(
            not busy and pv is not None and pv.importable > 0
            and (pv.rejected == 0 or self.skip.isChecked()))

    def retranslate(self) -> None:
        self.heading.setText(translate("CatalogueImport", "Catalogue import"))
        self.merchant_caption.setText(translate("CatalogueImport", "Merchant"))
        self.file_caption.setText(translate("CatalogueImport", "File"))
        self.file_label.setText(self.path or translate("CatalogueImport", "No file chosen (CSV or XLSX)"))
        self.choose_button.setText(translate("CatalogueImport", "Choose file…"))
        self.dry_run_button.setText(translate("CatalogueImport", "Dry run"))
        self.cancel_button.setText(translate("CatalogueImport", "Cancel"))
        self.skip.setText(translate("CatalogueImport", "Skip the rejected rows and import the rest"))
        self.export_button.setText(translate("CatalogueImport", "Export rejected rows…"))
        self.import_button.setText(translate("CatalogueImport", "Import"))
        self.tabs.setTabText(0, translate("CatalogueImport", "Columns"))
        self.tabs.setTabText(1, translate("CatalogueImport", "First rows"))
        rejected = len({r.row for r in self.rejects})
        self.tabs.setTabText(2, translate("CatalogueImport", "Rejected rows ({0})").format(rejected))
        self.columns_model.set_rows([
            (*column_names(c)[:1], translate("CatalogueImport", "Required") if c.required else "",
             column_names(c)[1], column_meaning(c.key)) for c in COLUMNS])
        for model in (self.rows_model, self.rejects_model, self.columns_model):
            model.retranslate()
        if self.stage and self.task.running:
            self.stage_label.setText(stage_text(self.stage))
        if self.preview is not None:
            self.summary.setText(self._preview_summary(self.preview))
        elif self.result is not None:
            self.summary.setText(self._result_summary(self.result))
        elif not self.task.running and not self.summary.property("error"):
            self.summary.setText(translate("CatalogueImport",
                "The first row names the columns (see the Columns tab). Products are matched "
                "by sku: an empty cell or a column left out keeps what the product has; "
                "barcodes listed are added. Run the dry run first: it writes nothing."))
        self._update_buttons()

    def _preview_summary(self, pv: Preview) -> str:
        kind = "XLSX" if pv.kind == "xlsx" else f"CSV ({pv.encoding.upper()})"
        text = translate("CatalogueImport", "{0}: {1} rows — {2} new, {3} updated, {4} unchanged, {5} rejected.").format(
            kind, pv.rows, pv.new, pv.updated, pv.unchanged, pv.rejected)
        if pv.new_categories:
            text += " " + translate("CatalogueImport", "New categories: {0}.").format(
                (", " if is_english() else "、").join(pv.new_categories[:10]))
        if pv.rejected:
            text += " " + translate("CatalogueImport", "A file with rejected rows imports nothing unless you choose to "
                             "skip them.")
        return text

    def _result_summary(self, r: ImportResult) -> str:
        text = translate("CatalogueImport", "Imported: {0} new, {1} updated, {2} unchanged.").format(
            r.created, r.updated, r.unchanged)
        if r.skipped:
            text += " " + translate("CatalogueImport", "{0} rejected rows were skipped.").format(r.skipped)
        return text
