"""Opening a shift with a float, closing it with a denomination count, and the X / Z
reports previewed on screen, printed (ESC/POS) and saved as PDF."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.config import data_dir
from app.errors import PatronError
from app.money import parse_money
from app.shifts import DENOMINATIONS
from ui.cashier.job_preview import JobPreview
from ui.cashier.session import TillSession
from ui.widgets.dialog_base import PosDialog
from ui.widgets.i18n import current_language
from ui.widgets.keypad import Keypad


class OpenShiftDialog(PosDialog):
    opened = Signal(object)  # ShiftInfo

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="openShiftDialog")
        self.session = session
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("floatEdit")
        self.amount.setMinimumHeight(56)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setValidator(QRegularExpressionValidator(r"\d{0,7}(\.\d{0,2})?", self.amount))
        self.amount.returnPressed.connect(self.submit)
        self.keypad = Keypad(self.amount, enter=False, parent=self)  # "Open shift" confirms
        self.keypad.setMinimumHeight(240)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.amount)
        self.body.addWidget(self.keypad, 1)
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        self.setMinimumWidth(400)
        self.retranslate()
        self.amount.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        try:
            amount = parse_money(self.amount.text() or "0")
        except PatronError as exc:
            self.show_error(exc)
            return
        self.set_busy(True)
        self.session.open_shift(amount, self._done, self._failed)

    def _done(self, shift: Any) -> None:
        self.set_busy(False)
        self.opened.emit(shift)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(exc)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open shift"))
        self.heading.setText(self.tr("Open a shift"))
        self.hint.setText(self.tr("Count the float put in the drawer and enter it."))
        self.amount.setPlaceholderText(self.tr("Opening float, e.g. 500.00"))
        self.ok_button.setText(self.tr("Open shift"))


class CloseShiftDialog(PosDialog):
    """The drawer is counted note by note; the expected figure is not shown (a blind count).
    Tap a denomination and type its count on the keypad (Enter goes to the next one); the
    running total follows. A manager approves the closing; the Z report follows."""

    counted = Signal(object)  # {denomination minor: count}

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="closeShiftDialog")
        self.session = session
        self.rows: dict[int, QPushButton] = {}  # tap to count this denomination
        self.count_edits: dict[int, QLineEdit] = {}
        self.subtotals: dict[int, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self.denominations = DENOMINATIONS.get(session.currency, DENOMINATIONS["CNY"])
        for r, denom in enumerate(self.denominations):
            row = QPushButton(session.money(denom), self)
            row.setObjectName(f"denomination_{denom}")
            row.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.setMinimumSize(120, 48)
            row.clicked.connect(lambda _=False, d=denom: self.choose_denomination(d))
            edit = QLineEdit(self)
            edit.setObjectName(f"count_{denom}")
            edit.setMinimumSize(110, 48)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.setValidator(QRegularExpressionValidator(r"\d{0,5}", edit))
            edit.textChanged.connect(self._update)
            edit.returnPressed.connect(lambda d=denom: self._next(d))
            subtotal = QLabel(self)
            subtotal.setMinimumWidth(110)
            subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(row, r, 0)
            grid.addWidget(QLabel("×", self), r, 1)
            grid.addWidget(edit, r, 2)
            grid.addWidget(subtotal, r, 3)
            self.rows[denom], self.count_edits[denom], self.subtotals[denom] = row, edit, subtotal
        self.keypad = Keypad(None, decimal=False, enter_text="↵", parent=self)
        self.keypad.setMinimumWidth(260)
        self.keypad.follow_focus(*self.count_edits.values())
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.total = QLabel(self)
        self.total.setObjectName("countedTotal")
        self.total.setStyleSheet("font-size: 24px; font-weight: bold;")  # the figure counted
        counting = QHBoxLayout()
        counting.addLayout(grid, 3)
        counting.addWidget(self.keypad, 2)
        self.body.addWidget(self.hint)
        self.body.addLayout(counting, 1)
        self.body.addWidget(self.total)
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        self.setMinimumWidth(640)
        self.retranslate()
        self.choose_denomination(self.denominations[0])

    def choose_denomination(self, denom: int) -> None:
        """Count ``denom`` next: the keypad types into its row."""
        edit = self.count_edits[denom]
        self.keypad.set_target(edit)
        edit.setFocus()
        edit.selectAll()
        for d, row in self.rows.items():
            row.setProperty("class", "primary" if d == denom else "")
            row.style().unpolish(row)
            row.style().polish(row)

    def _next(self, denom: int) -> None:
        i = self.denominations.index(denom)
        if i + 1 < len(self.denominations):
            self.choose_denomination(self.denominations[i + 1])

    def counts(self) -> dict[int, int]:
        out = {}
        for d, edit in self.count_edits.items():
            if edit.text().isdigit() and int(edit.text()):
                out[d] = int(edit.text())
        return out

    def _update(self) -> None:
        counts = self.counts()
        for d, label in self.subtotals.items():
            label.setText(self.session.money(d * counts[d]) if d in counts else "")
        total = sum(d * c for d, c in counts.items())
        self.total.setText(self.tr("Counted: {0}").format(self.session.money(total)))

    def submit(self) -> None:
        counts = self.counts()
        self.accept()
        self.counted.emit(counts)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Close shift"))
        self.heading.setText(self.tr("Close the shift — count the drawer"))
        self.hint.setText(self.tr("Tap a note or coin, type how many are in the drawer on the "
                                  "keypad (↵ goes to the next one). A manager approves the "
                                  "closing."))
        self.ok_button.setText(self.tr("Close shift"))
        self._update()


class ReportDialog(PosDialog):
    """An X or Z report on screen, with Print and Save PDF."""

    def __init__(self, session: TillSession, report: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="reportDialog")
        self.session = session
        self.report = report
        self.job: dict[str, Any] | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.preview = JobPreview(self)
        self.preview.setMinimumHeight(360)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.preview, 1)
        self.print_button = self.add_button("", self.print_report, role="print")
        self.pdf_button = self.add_button("", self.save_pdf, role="pdf")
        self.print_button.setEnabled(False)
        self.setMinimumSize(640, 640)
        self.retranslate()
        till = session.till
        language = current_language()
        self.session.submit(lambda: till.shift_report_job(report, session.paper_mm(), language),
                            self._show_job, self.show_error)

    def _show_job(self, job: dict[str, Any]) -> None:
        self.job = job
        self.preview.show_job(job)
        self.print_button.setEnabled(True)

    def print_report(self) -> None:
        if self.job is not None:
            self.session.print_job(self.job)
            self.show_error(self.tr("Sent to the printer."))

    def save_pdf(self) -> None:
        till = self.session.till
        report = self.report
        folder = data_dir() / "reports"
        language = current_language()
        self.session.submit(lambda: till.shift_report_pdf(report, folder, language),
                            lambda path: self.show_error(self.tr("Saved {0}").format(path)),
                            self.show_error)

    def retranslate(self) -> None:
        r = self.report
        m = self.session.money
        if r.kind == "Z":
            title = self.tr("Z report {0} — shift closed").format(r.z_number)
        else:
            title = self.tr("X report — shift so far")
        self.setWindowTitle(title)
        self.heading.setText(title)
        text = self.tr("Net sales {0} · {1} transactions · cash expected {2}").format(
            m(r.net), r.transaction_count, m(r.cash.expected))
        if r.cash.counted is not None:
            text += "\n" + self.tr("Counted {0} · difference {1}").format(
                m(r.cash.counted), m(r.cash.difference or 0))
        self.summary.setText(text)
        self.print_button.setText(self.tr("Print"))
        self.pdf_button.setText(self.tr("Save PDF"))
        self.cancel_button.setText(self.tr("Close"))

    def retranslate_base(self) -> None:
        """The cancel button reads "Close" here (set in retranslate)."""
