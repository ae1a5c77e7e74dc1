"""The point-code page's dialogs: generate a batch (product picker, count, points, follow-up
question) with a progress bar, print its labels (stock, preview of the first sheet, save the
PDF with a progress bar), and the guides' linkage rule.

Long work runs on the back office's worker thread; its progress callback is called there and
reaches the bar through a queued signal (:class:`ProgressRelay`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.documents.labels import STOCKS
from app.pointcodes import batches, label_sheets, linkage, products
from app.pointcodes.batches import BatchInfo
from app.pointcodes.products import ProductChoice
from ui.backoffice.context import BackofficeContext
from ui.backoffice.form_dialog import FormDialog
from ui.backoffice.page import while_alive
from ui.errors import user_message
from ui.widgets.i18n import translate


class ProgressRelay(QObject):
    """Called on the worker thread, heard on the GUI thread (a queued signal)."""

    step = Signal(int, int)  # done, total

    def __call__(self, done: int, total: int) -> None:
        self.step.emit(done, total)


def _spin(name: str, low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox(objectName=name)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setGroupSeparatorShown(True)
    return spin


def question_kind_text(kind: str) -> str:
    return {"none": translate("PointCodeDialogs", "No question"), "choice": translate("PointCodeDialogs", "Single choice"),
            "rating": translate("PointCodeDialogs", "Rating, 1 to 5 stars"), "text": translate("PointCodeDialogs", "Free text")}.get(kind, kind)


class GenerateBatchDialog(FormDialog):
    """Fields: product (search + list), count, points, question kind, question (中文 and
    English), choices (one per line, "中文 | English"), feedback reward."""

    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "generateBatchDialog", parent)
        self.setMinimumWidth(640)
        self.search = self.add_line("search", max_length=60)
        self.search.returnPressed.connect(self.find)
        self.product = self.add_combo("product", [])
        self.count = _spin("countField", 1, batches.MAX_BATCH, 1000)
        self._add("count", self.count)
        self.points = _spin("pointsField", 1, 1_000_000, 10)
        self._add("points", self.points)
        self.kind = self.add_combo("kind", [(question_kind_text(k), k)
                                            for k in ("none", "choice", "rating", "text")])
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.question = self.add_line("question", max_length=200)
        self.question_en = self.add_line("question_en", max_length=200)
        self.choices = QPlainTextEdit(objectName="choicesField")
        self.choices.setFixedHeight(96)
        self._add("choices", self.choices)
        self.reward = _spin("rewardField", 0, 100_000, 0)
        self._add("reward", self.reward)
        self.progress = QProgressBar(objectName="generateProgress")
        self.progress.hide()
        self.layout().insertWidget(2, self.progress)
        self.relay = ProgressRelay(self)
        self.relay.step.connect(self._step)
        self.found: list[ProductChoice] = []
        self.retranslate()
        self._kind_changed()
        self.find()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("PointCodeDialogs", "Generate a batch of point codes"))
        self.heading.setText(translate("PointCodeDialogs", "Generate a batch of point codes: one signed code per unit of "
                                "the product, printed on its label."))
        self.set_labels({"search": translate("PointCodeDialogs", "Find product:"), "product": translate("PointCodeDialogs", "Product:"),
                         "count": translate("PointCodeDialogs", "Number of codes:"), "points": translate("PointCodeDialogs", "Points per code:"),
                         "kind": translate("PointCodeDialogs", "Follow-up question:"), "question": translate("PointCodeDialogs", "Question (中文):"),
                         "question_en": translate("PointCodeDialogs", "Question (English):"),
                         "choices": translate("PointCodeDialogs", "Answers, one per line\n(中文 | English):"),
                         "reward": translate("PointCodeDialogs", "Feedback reward (points):")})
        self.search.setPlaceholderText(translate("PointCodeDialogs", "Name, SKU or pinyin initials, then Enter"))
        self.retranslate_buttons()
        self.save_button.setText(translate("PointCodeDialogs", "Generate"))

    def _kind_changed(self, *_: object) -> None:
        kind = self.kind.currentData()
        for key in ("question", "question_en", "reward"):
            self.fields[key].setEnabled(kind != "none")
        self.fields["choices"].setEnabled(kind == "choice")

    def find(self) -> None:
        self.ctx.call(products.find_products, self.search.text(),
                      on_done=while_alive(self, self._found),
                      on_error=while_alive(self, self.failed))

    def _found(self, rows: list[ProductChoice]) -> None:
        self.found = rows
        self.product.clear()
        for p in rows:
            self.product.addItem(f"{p.merchant_code}  {p.sku}  {p.name}", p.id)
        if not rows:
            self.product.addItem(translate("PointCodeDialogs", "No product matches"), None)

    def question_value(self) -> batches.Question:
        kind = self.kind.currentData()
        if kind == "none":
            return batches.Question("none", "")
        choices = []
        for line in self.choices.toPlainText().splitlines() if kind == "choice" else []:
            if line.strip():
                zh, _, en = line.partition("|")
                choices.append((zh.strip(), en.strip()))
        return batches.Question(kind, self.question.text().strip(),
                                self.question_en.text().strip(), tuple(choices),
                                self.reward.value())

    def save(self) -> None:
        product = self.product.currentData()
        if product is None:
            self.failed(translate("PointCodeDialogs", "Choose a product first (type part of its name and press Enter)."))
            return
        self.progress.setRange(0, self.count.value())
        self.progress.setValue(0)
        self.progress.show()
        self.run(batches.generate_batch, product, self.count.value(), self.points.value(),
                 self.question_value(), self.relay)

    def _step(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def failed(self, exc: BaseException | str) -> None:
        self.progress.hide()
        super().failed(exc)


def render_preview(pdf: bytes, width: int) -> QPixmap:
    """The first page of ``pdf`` as a picture ``width`` pixels wide (A4's proportions)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    size = document.pagePointSize(0)
    height = round(width * size.height() / size.width()) if size.width() else round(width * 1.414)
    image = document.render(0, QSize(width, height))
    document.close()
    return QPixmap.fromImage(image)


def stock_text(key: str) -> str:
    s = STOCKS[key]
    return translate("PointCodeDialogs", "A4, {0} × {1} = {2} labels of {3} × {4} mm").format(
        s.columns, s.rows, s.per_sheet, f"{s.width:g}", f"{s.height:g}")


class PrintLabelsDialog(QDialog):
    """Choose the stock, see the first sheet, save the PDF (``save_to(path)`` skips the file
    chooser; tests use it)."""

    saved = Signal(str)  # the PDF's path

    PREVIEW_WIDTH = 360

    def __init__(self, ctx: BackofficeContext, batch: BatchInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.batch = batch
        self.setObjectName("printLabelsDialog")
        self.setModal(True)
        self.heading = QLabel(objectName="dialogHeading")
        self.heading.setWordWrap(True)
        self.stock_label = QLabel()
        self.stock = QComboBox(objectName="stockField")
        for key in STOCKS:
            self.stock.addItem(stock_text(key), key)
        self.stock.currentIndexChanged.connect(self.load_preview)
        self.preview = QLabel(objectName="labelPreview")
        self.preview.setFixedSize(self.PREVIEW_WIDTH,
                                  round(self.PREVIEW_WIDTH * 297 / 210))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: white; border: 1px solid #999;")
        self.sheets = QLabel(objectName="sheetCount")
        self.progress = QProgressBar(objectName="labelsProgress")
        self.progress.hide()
        self.error = QLabel(objectName="dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(objectName="savePdfButton")
        self.save_button.clicked.connect(self.choose_file)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.stock_label, self.stock)
        form.addRow(self.sheets)
        side = QVBoxLayout()
        side.addWidget(self.heading)
        side.addLayout(form)
        side.addStretch(1)
        side.addWidget(self.progress)
        side.addWidget(self.error)
        side.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addWidget(self.preview)
        self.relay = ProgressRelay(self)
        self.relay.step.connect(self._step)
        self.path: str | None = None
        self.previewed: str | None = None  # the stock whose preview is shown
        self.retranslate()
        self.load_preview()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("PointCodeDialogs", "Print labels"))
        self.heading.setText(translate("PointCodeDialogs", "Labels of batch {0}: {1}, {2} codes of {3} points.").format(
            self.batch.id, self.batch.product_name, self.batch.count, self.batch.points))
        self.stock_label.setText(translate("PointCodeDialogs", "Label stock:"))
        self.save_button.setText(translate("PointCodeDialogs", "Save PDF…"))
        self.close_button.setText(translate("PointCodeDialogs", "Close"))
        self._sheet_count()

    def _sheet_count(self) -> None:
        s = STOCKS[self.stock.currentData()]
        sheets = -(-self.batch.count // s.per_sheet)
        self.sheets.setText(translate("PointCodeDialogs", "{0} sheets of {1} labels").format(sheets, s.per_sheet))

    def load_preview(self, *_: object) -> None:
        self._sheet_count()
        key = self.stock.currentData()
        self.ctx.call(label_sheets.preview_pdf, self.batch.id, key,
                      on_done=while_alive(self, lambda pdf: self._show_preview(key, pdf)),
                      on_error=while_alive(self, self.failed))

    def _show_preview(self, key: str, pdf: bytes) -> None:
        if key != self.stock.currentData():
            return  # the stock changed meanwhile; its own preview is on the way
        self.preview.setPixmap(render_preview(pdf, self.PREVIEW_WIDTH - 2))
        self.previewed = key

    def choose_file(self) -> None:
        name = f"pointcodes-batch{self.batch.id}-{self.stock.currentData()}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, translate("PointCodeDialogs", "Save labels as PDF"),
                                              str(Path.home() / name), "PDF (*.pdf)")
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        self.error.hide()
        self.save_button.setEnabled(False)
        self.progress.setRange(0, self.batch.count)
        self.progress.setValue(0)
        self.progress.show()
        self.ctx.call(label_sheets.save_labels, self.batch.id, self.stock.currentData(), path,
                      self.relay, on_done=while_alive(self, lambda _pages: self._saved(path)),
                      on_error=while_alive(self, self.failed))

    def _step(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _saved(self, path: str) -> None:
        self.path = path
        self.save_button.setEnabled(True)
        self.ctx.inform(translate("PointCodeDialogs", "Labels saved to {0}.").format(path))
        self.saved.emit(path)

    def failed(self, exc: BaseException | str) -> None:
        self.save_button.setEnabled(True)
        self.progress.hide()
        self.error.setText(exc if isinstance(exc, str) else user_message(exc))
        self.error.show()


class LinkRuleDialog(FormDialog):
    """Fields: merchant (the operator chooses; a manager has theirs), kind, value."""

    def __init__(self, ctx: BackofficeContext, merchants: list[tuple[str, int]],
                 merchant_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "linkRuleDialog", parent)
        self.merchant = self.add_combo("merchant", merchants)
        self.merchant.setEnabled(len(merchants) > 1)
        self.merchant.currentIndexChanged.connect(self.load)
        self.kind = self.add_combo("kind", [])
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.value = _spin("valueField", 0, 1_000_000, 0)
        self._add("value", self.value)
        self.hint = QLabel(objectName="ruleHint")
        self.hint.setWordWrap(True)
        self.form.addRow(self.hint)
        self.retranslate()
        if merchant_id is not None:
            self.choose("merchant", merchant_id)
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("PointCodeDialogs", "Guide linkage rule"))
        self.heading.setText(translate("PointCodeDialogs", "What a shopping guide earns when a member redeems a unit the "
                                "guide marked."))
        self.set_labels({"merchant": translate("PointCodeDialogs", "Merchant:"), "kind": translate("PointCodeDialogs", "Rule:"),
                         "value": translate("PointCodeDialogs", "Value:")})
        kind = self.kind.currentData()
        self.kind.clear()
        self.kind.addItem(translate("PointCodeDialogs", "Fixed points per unit"), "fixed")
        self.kind.addItem(translate("PointCodeDialogs", "Share of the code's points"), "percent")
        self.choose("kind", kind or "fixed")
        self.retranslate_buttons()
        self._kind_changed()

    def _kind_changed(self, *_: object) -> None:
        percent = self.kind.currentData() == "percent"
        self.value.setMaximum(10_000 if percent else 1_000_000)
        self.value.setSuffix(" ‱" if percent else "")
        self.hint.setText(translate("PointCodeDialogs", "In basis points: 1000 ‱ = 10 % of the code's points, rounded "
                             "down.") if percent else translate("PointCodeDialogs", "Points credited to the guide per "
                                                         "redeemed unit (0: none)."))

    def load(self, *_: object) -> None:
        merchant = self.merchant.currentData()
        if merchant is not None:
            self.ctx.call(linkage.rule_of, merchant, on_done=while_alive(self, self._show),
                          on_error=while_alive(self, self.failed))

    def _show(self, rule: linkage.LinkRule) -> None:
        self.choose("kind", rule.kind)
        self.value.setValue(rule.value)

    def save(self) -> None:
        self.run(linkage.set_rule, self.merchant.currentData(), self.kind.currentData(),
                 self.value.value())


def choices_text(batch: BatchInfo) -> str:
    q = batch.question
    if q.kind == "none":
        return question_kind_text("none")
    return f"{question_kind_text(q.kind)}: {q.text}"

