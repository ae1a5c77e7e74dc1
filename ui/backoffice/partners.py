"""Conversion partners (operator only): the partners, converting a member's points to one,
the conversions waiting for an answer, and the per-period settlement owed to each partner
with its CSV export."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from app.rewards import partners
from app.rewards.partners import (
    ConversionResult,
    PartnerInput,
    PartnerOwed,
    PartnerRow,
)
from ui.backoffice.context import BackofficeContext
from ui.backoffice.error_line import ErrorLine
from ui.backoffice.page import Page
from ui.backoffice.rows_model import RowsModel, make_table, utc_midnight
from ui.widgets.i18n import is_english, translate


def _kind(kind: str) -> str:
    return {"bank": translate("Partners", "Bank stored value"), "insurance": translate("Partners", "Insurance premium")}.get(kind,
                                                                                         kind)


def _status(status: str) -> str:
    return {"pending": translate("Partners", "waiting for the partner"), "accepted": translate("Partners", "accepted"),
            "refused": translate("Partners", "refused, points given back")}.get(status, status)


def _name(row: PartnerRow) -> str:
    return (row.name_en or row.name) if is_english() else row.name


class PartnerDialog(ErrorLine, QDialog):
    def __init__(self, ctx: BackofficeContext, row: PartnerRow | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerDialog")
        self.ctx, self.row = ctx, row
        self.setWindowTitle(translate("Partners", "Change partner") if row else translate("Partners", "New partner"))
        self.code = QLineEdit(objectName="partnerCode")
        self.name = QLineEdit(objectName="partnerName")
        self.name_en = QLineEdit(objectName="partnerNameEn")
        self.kind = QComboBox(objectName="partnerKind")
        for kind in partners.KINDS:
            self.kind.addItem(_kind(kind), kind)
        self.rate = QSpinBox(objectName="partnerRate", minimum=1, maximum=1_000_000, value=100)
        self.folder = QLineEdit(objectName="partnerFolder")
        self.browse = QPushButton(translate("Partners", "Choose…"))
        self.browse.clicked.connect(self._choose_folder)
        self.auto_accept = QCheckBox(translate("Partners", "Accept on delivery (no response file)"),
                                     objectName="partnerAutoAccept")
        self.active = QCheckBox(translate("Partners", "Members may convert to this partner"),
                                objectName="partnerActive")
        self.active.setChecked(True)
        self.error = QLabel(objectName="dialogError", wordWrap=True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(translate("Partners", "Code"), self.code)
        form.addRow(translate("Partners", "Name (Chinese)"), self.name)
        form.addRow(translate("Partners", "Name (English)"), self.name_en)
        form.addRow(translate("Partners", "Kind"), self.kind)
        form.addRow(translate("Partners", "Cents credited for 100 points"), self.rate)
        form.addRow(translate("Partners", "Exchange folder"), folder_row)
        form.addRow("", self.auto_accept)
        form.addRow("", self.active)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(translate("Partners", "Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Partners", "Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if row is not None:
            self.code.setText(row.code)
            self.name.setText(row.name)
            self.name_en.setText(row.name_en)
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
            self.rate.setValue(row.minor_per_100_points)
            self.folder.setText(row.folder)
            self.auto_accept.setChecked(row.auto_accept)
            self.active.setChecked(row.active)
        self.resize(620, self.sizeHint().height())

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, translate("Partners", "Exchange folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def data(self) -> PartnerInput:
        return PartnerInput(self.code.text(), self.name.text(), self.name_en.text(),
                            self.kind.currentData(), self.rate.value(), self.folder.text(),
                            self.auto_accept.isChecked(), self.active.isChecked())

    def save(self) -> None:
        self.buttons.setEnabled(False)
        self.ctx.call(partners.save_partner, self.row.id if self.row else None, self.data(),
                      on_done=lambda _id: self.accept(), on_error=self.show_error)


class PartnersPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("partnersPage")
        self.client_uuid = str(uuid.uuid4())
        self.owed: list[PartnerOwed] = []
        self.heading = QLabel(objectName="pageHeading")
        self.tabs = QTabWidget(objectName="partnersTabs")

        # partners and converting
        self.partners = RowsModel([
            (lambda: translate("Partners", "Code"), lambda r: r.code),
            (lambda: translate("Partners", "Name"), _name),
            (lambda: translate("Partners", "Kind"), lambda r: _kind(r.kind)),
            (lambda: translate("Partners", "Cents per 100 points"), lambda r: r.minor_per_100_points),
            (lambda: translate("Partners", "Exchange folder"), lambda r: r.folder),
            (lambda: translate("Partners", "Active"), lambda r: translate("Partners", "Yes") if r.active else translate("Partners", "No")),
        ], self)
        self.partner_table = make_table(self.partners, stretch=4)
        self.partner_table.setObjectName("partnersTable")
        self.partner_table.doubleClicked.connect(lambda _i: self.edit())
        self.new_button = QPushButton(objectName="partnerNew")
        self.edit_button = QPushButton(objectName="partnerEdit")
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(self.edit)
        self.convert_box = QGroupBox(objectName="partnerConvertBox")
        self.partner_choice = QComboBox(objectName="convertPartner")
        self.member = QLineEdit(objectName="convertMember")
        self.points = QSpinBox(objectName="convertPoints", minimum=1, maximum=100_000_000, value=100)
        self.account = QLineEdit(objectName="convertAccount")
        self.convert_button = QPushButton(objectName="convertButton")
        self.convert_button.clicked.connect(self.convert)
        self.preview = QLabel(objectName="convertPreview")
        self.points.valueChanged.connect(self._preview)
        self.partner_choice.currentIndexChanged.connect(self._preview)
        form = QFormLayout(self.convert_box)
        self.form = form
        form.addRow("", self.partner_choice)
        form.addRow("", self.member)
        form.addRow("", self.points)
        form.addRow("", self.account)
        form.addRow(self.preview, self.convert_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        first = QWidget()
        col = QVBoxLayout(first)
        col.addLayout(buttons)
        col.addWidget(self.partner_table, 1)
        col.addWidget(self.convert_box)

        # conversions
        self.conversions = RowsModel([
            (lambda: translate("Partners", "When (UTC)"), lambda c: c.created_at.strftime("%Y-%m-%d %H:%M")),
            (lambda: translate("Partners", "Partner"), lambda c: c.partner_code),
            (lambda: translate("Partners", "Member"), lambda c: c.member_number),
            (lambda: translate("Partners", "Points"), lambda c: c.points),
            (lambda: translate("Partners", "Amount"), lambda c: format_money(c.amount)),
            (lambda: translate("Partners", "Status"), lambda c: _status(c.status)),
            (lambda: translate("Partners", "Partner reference"), lambda c: c.partner_ref),
            (lambda: translate("Partners", "Reason"), lambda c: c.reason),
        ], self)
        self.conversion_table = make_table(self.conversions)
        self.conversion_table.setObjectName("conversionsTable")
        self.poll_button = QPushButton(objectName="pollButton")
        self.poll_button.clicked.connect(self.poll)
        second = QWidget()
        col2 = QVBoxLayout(second)
        row2 = QHBoxLayout()
        row2.addStretch(1)
        row2.addWidget(self.poll_button)
        col2.addLayout(row2)
        col2.addWidget(self.conversion_table, 1)

        # settlement
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1), objectName="settleStart",
                               calendarPopup=True)
        self.end = QDateEdit(today.addDays(1), objectName="settleEnd", calendarPopup=True)
        self.show_button = QPushButton(objectName="settleShow")
        self.export_button = QPushButton(objectName="settleExport")
        self.show_button.clicked.connect(self.show_settlement)
        self.export_button.clicked.connect(self.export_csv)
        self.settlement = RowsModel([
            (lambda: translate("Partners", "Partner"), lambda o: f"{o.partner_code} {o.partner_name}"),
            (lambda: translate("Partners", "Conversions"), lambda o: o.conversions),
            (lambda: translate("Partners", "Points"), lambda o: o.points),
            (lambda: translate("Partners", "Owed to the partner"), lambda o: format_money(o.amount)),
            (lambda: translate("Partners", "Whose points"), lambda o: ", ".join(
                f"{code} {pts}" for code, pts in o.funded_by.items())),
        ], self)
        self.settlement_table = make_table(self.settlement)
        self.settlement_table.setObjectName("settlementTable")
        third = QWidget()
        col3 = QVBoxLayout(third)
        period = QHBoxLayout()
        self.from_label, self.to_label = QLabel(), QLabel()
        period.addWidget(self.from_label)
        period.addWidget(self.start)
        period.addWidget(self.to_label)
        period.addWidget(self.end)
        period.addWidget(self.show_button)
        period.addStretch(1)
        period.addWidget(self.export_button)
        col3.addLayout(period)
        col3.addWidget(self.settlement_table, 1)
        self.tabs.addTab(first, "")
        self.tabs.addTab(second, "")
        self.tabs.addTab(third, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.dialog: QDialog | None = None
        self.last_export: Path | None = None
        self.retranslate()

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.call(partners.list_partners, on_done=self._show_partners)
        self.ctx.call(partners.list_conversions, on_done=self.conversions.set_rows)
        self.show_settlement()

    def _show_partners(self, rows: list[PartnerRow]) -> None:
        self.partners.set_rows(rows)
        chosen = self.partner_choice.currentData()
        self.partner_choice.blockSignals(True)
        self.partner_choice.clear()
        for r in rows:
            if r.active:
                self.partner_choice.addItem(f"{r.code} {_name(r)}", r.code)
        self.partner_choice.setCurrentIndex(max(0, self.partner_choice.findData(chosen)))
        self.partner_choice.blockSignals(False)
        self._preview()

    def _period(self) -> tuple:
        return utc_midnight(self.start.date()), utc_midnight(self.end.date())

    def show_settlement(self) -> None:
        start, end = self._period()
        self.ctx.call(partners.settlement, start, end, on_done=self._show_owed)

    def _show_owed(self, owed: list[PartnerOwed]) -> None:
        self.owed = owed
        self.settlement.set_rows(owed)

    # -- actions ------------------------------------------------------------------------
    def selected(self) -> PartnerRow | None:
        rows = self.partner_table.selectionModel().selectedRows()
        return self.partners.row(rows[0].row()) if rows else None

    def new(self) -> None:
        self._open(PartnerDialog(self.ctx, None, self))

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(PartnerDialog(self.ctx, row, self))

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:  # the last one is done with: do not keep them all
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def _rate(self) -> int:
        code = self.partner_choice.currentData()
        found = next((r for r in self.partners.rows if r.code == code), None)
        return found.minor_per_100_points if found else 0

    def _preview(self) -> None:
        self.preview.setText(translate("Partners", "= {0} to the partner (rounded down to the cent)").format(
            format_money(self.points.value() * self._rate() // 100)))

    def convert(self) -> None:
        code = self.partner_choice.currentData()
        if not code:
            return
        self.convert_button.setEnabled(False)
        self.ctx.call(partners.convert_for_number, code, self.member.text(),
                      self.points.value(), self.account.text(), self.client_uuid,
                      on_done=self._converted, on_error=self._failed)

    def _converted(self, result: ConversionResult) -> None:
        self.convert_button.setEnabled(True)
        self.client_uuid = str(uuid.uuid4())
        self.ctx.inform(translate("Partners", "{0} points → {1}: {2}.").format(
            result.points, format_money(result.amount), _status(result.status)))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.convert_button.setEnabled(True)
        self.ctx.show_error(exc)

    def poll(self) -> None:
        self.ctx.call(partners.poll, on_done=self._polled)

    def _polled(self, decided: int) -> None:
        self.ctx.inform(translate("Partners", "Partners answered {0} conversion(s).").format(decided))
        self.refresh()

    def export_csv(self) -> None:
        start, end = self._period()
        name = f"partner-settlement-{start.date()}-{(end - timedelta(days=1)).date()}.csv"
        path, _ = QFileDialog.getSaveFileName(self, translate("Partners", "Export CSV"), name, "CSV (*.csv)")
        if path:
            self.write_csv(Path(path))

    def write_csv(self, path: Path) -> None:
        start, end = self._period()

        def done(text: str) -> None:
            path.write_text(text, encoding="utf-8")
            self.last_export = path
            self.ctx.inform(translate("Partners", "Saved {0}.").format(str(path)))

        self.ctx.call(partners.settlement_csv, start, end, on_done=done)

    def retranslate(self) -> None:
        self.heading.setText(translate("BackofficePages", "Conversion partners"))
        self.tabs.setTabText(0, translate("Partners", "Partners"))
        self.tabs.setTabText(1, translate("Partners", "Conversions"))
        self.tabs.setTabText(2, translate("Partners", "Settlement with partners"))
        self.new_button.setText(translate("Partners", "New partner…"))
        self.edit_button.setText(translate("Partners", "Change…"))
        self.convert_box.setTitle(translate("Partners", "Convert a member's points"))
        for row, text in enumerate((translate("Partners", "Partner"), translate("Partners", "Member"), translate("Partners", "Points"),
                                    translate("Partners", "Account or policy number"))):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and label.widget() is not None:
                label.widget().setText(text)  # type: ignore[attr-defined]
            else:
                self.form.setWidget(row, QFormLayout.ItemRole.LabelRole, QLabel(text))
        self.member.setPlaceholderText(translate("Partners", "number, card or phone"))
        self.convert_button.setText(translate("Partners", "Convert"))
        self.poll_button.setText(translate("Partners", "Ask the partners again"))
        self.from_label.setText(translate("Partners", "From"))
        self.to_label.setText(translate("Partners", "until (not included)"))
        self.show_button.setText(translate("Partners", "Show"))
        self.export_button.setText(translate("Partners", "Export CSV…"))
        for model in (self.partners, self.conversions, self.settlement):
            model.retranslate()
        self._preview()
