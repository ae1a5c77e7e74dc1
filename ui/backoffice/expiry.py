"""Back-office screen 9: points expiry. What is due now, the notice period members get before
their points expire, and a button that runs the expiry (off the GUI thread) and shows what it
moved to breakage, per issuing merchant. The operator's page: expiry is coalition-wide."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.loyalty import expiry
from ui.backoffice.context import BackofficeContext
from ui.backoffice.members import RowsModel, table
from ui.backoffice.page import Page
from ui.widgets.i18n import translate


class ExpiryPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("expiryPage")
        self.heading = QLabel(objectName="pageHeading")
        self.explain = QLabel(objectName="expiryExplain")
        self.explain.setWordWrap(True)
        self.due = QLabel(objectName="expiryDue")
        self.days = QSpinBox(objectName="noticeDays")
        self.days.setRange(0, 365)
        self.days.setValue(expiry.DEFAULT_NOTICE_DAYS)
        self.save_days = QPushButton(objectName="saveNoticeDays")
        self.save_days.clicked.connect(self.save_notice_days)
        self.run_button = QPushButton(objectName="runExpiry")
        self.run_button.clicked.connect(self.run_expiry)
        self.run_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.progress = QProgressBar(objectName="expiryProgress")
        self.progress.setRange(0, 0)  # busy: the run reports when it is done
        self.progress.hide()
        self.result = QLabel(objectName="expiryResult")
        self.result.setWordWrap(True)
        self.breakage = RowsModel(lambda: (
            translate("Expiry", "Merchant code"), translate("Expiry", "Merchant"),
            translate("Expiry", "Lots"), translate("Expiry", "Points to breakage")), self,
            right_aligned=(2, 3))
        self.days_label = QLabel()
        days_row = QHBoxLayout()
        days_row.addWidget(self.days)
        days_row.addWidget(self.save_days)
        days_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.days_label, days_row)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.progress, 1)
        run_row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.due)
        layout.addLayout(run_row)
        layout.addWidget(self.result)
        layout.addWidget(table(self.breakage, "breakageTable"), 1)
        self.preview: tuple[int, int, int] | None = None
        self.outcome: expiry.ExpiryOutcome | None = None
        self.running = False
        self.retranslate()

    def refresh(self) -> None:
        self.ctx.call(expiry.preview, on_done=self._previewed)

    def _previewed(self, preview: tuple[int, int, int]) -> None:
        self.preview = preview
        self.days.setValue(preview[2])
        self.retranslate()

    def save_notice_days(self) -> None:
        self.ctx.call(expiry.set_notice_days, self.days.value(), on_done=lambda days: (
            self.ctx.inform(translate("Expiry", "Members now hear of expiring points {0} days "
                                      "ahead.").format(days)), self.refresh()))

    def run_expiry(self) -> None:
        if self.running:
            return
        self.running = True
        self.run_button.setEnabled(False)
        self.progress.show()
        self.ctx.call(expiry.run_from_backoffice, on_done=self._ran, on_error=self._failed)

    def _ran(self, outcome: expiry.ExpiryOutcome) -> None:
        self.outcome = outcome
        self._stop()
        self.breakage.set_rows([(b.code, b.name, str(b.lots), str(b.points))
                                for b in outcome.per_merchant], list(outcome.per_merchant))
        self.retranslate()
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        self.ctx.show_error(exc)

    def _stop(self) -> None:
        self.running = False
        self.run_button.setEnabled(True)
        self.progress.hide()

    def retranslate(self) -> None:
        self.heading.setText(translate("Expiry", "Points expiry"))
        self.explain.setText(translate(
            "Expiry", "Points expire lot by lot, oldest first, at the end of their validity. "
            "The unspent rest of each lot moves once to the coalition's breakage account, which "
            "ends the issuing merchant's liability for it; running the expiry again changes "
            "nothing. It also runs by itself every night, on the till chosen for the "
            "coalition's scheduled jobs."))
        self.days_label.setText(translate("Expiry", "Notice to members (days before expiry)"))
        self.save_days.setText(translate("Expiry", "Save"))
        self.run_button.setText(translate("Expiry", "Run expiry now"))
        if self.preview is None:
            self.due.setText("")
        else:
            self.due.setText(translate("Expiry", "Due now: {0} points in {1} lots.").format(
                self.preview[1], self.preview[0]))
        o = self.outcome
        if o is None:
            self.result.setText("")
        elif not o.ran:
            self.result.setText(translate("Expiry", "Another terminal is running the expiry "
                                          "right now; nothing was done here."))
        elif o.lots == 0:
            self.result.setText(translate("Expiry", "Nothing was due: no points expired."))
        else:
            self.result.setText(translate(
                "Expiry", "Expired: {0} points from {1} lots of {2} members, moved to "
                "breakage.").format(o.points, o.lots, o.holders))
        self.breakage.retranslate()
