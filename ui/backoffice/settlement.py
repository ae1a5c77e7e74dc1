"""Settlement: the periods and their state, running a closed period, each merchant's
statement (saved as PDF and CSV), and the ledger entries behind any statement line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.clock import store_time_text
from app.money import format_money
from app.settlement.mailing import save_all_statements, save_statement
from app.settlement.runs import PeriodState, RunOutcome, list_periods, run_merchants, run_settlement
from app.settlement.statements import Drilldown, Statement, entries, statement
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import Page
from ui.widgets.i18n import is_english, translate

PERIODS_SHOWN = 12



def _item(value: object, align_right: bool = False, tip: bool = False) -> QStandardItem:
    item = QStandardItem(str(value))
    item.setEditable(False)
    if tip:  # a sentence may be cut at the column's edge
        item.setToolTip(str(value))
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(object_name: str) -> QTableView:
    view = QTableView(objectName=object_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def owes_text(stmt: Statement, amount_minor: int, counterparty: str) -> str:
    amount = format_money(abs(amount_minor), stmt.currency)
    # Said from the statement's merchant, as the PDF does: "茶语轩 应收 百联超市 ¥1.20".
    if amount_minor > 0:
        return translate("SettlementPage", "{0} is owed {2} by {1}").format(
            stmt.merchant_name, counterparty, amount)
    if amount_minor < 0:
        return translate("SettlementPage", "{0} owes {1} {2}").format(
            stmt.merchant_name, counterparty, amount)
    return translate("SettlementPage", "square")


class SettlementPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("settlementPage")
        self.periods: list[PeriodState] = []
        self.statement: Statement | None = None
        self.merchants: list[tuple[int, str, str]] = []

        self.heading = QLabel(objectName="pageHeading")
        self.rule = QLabel(objectName="settlementRule")
        self.rule.setWordWrap(True)
        self.period_title = QLabel(objectName="sectionHeading")
        self.period_model = QStandardItemModel(0, 2, self)
        self.period_view = _table("settlementPeriods")
        self.period_view.setModel(self.period_model)
        self.period_view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.period_view.selectionModel().currentRowChanged.connect(self._period_chosen)
        self.run_button = QPushButton(objectName="runSettlement")
        self.run_button.clicked.connect(self.run_selected)
        self.run_button.setVisible(bool(ctx.actor and ctx.actor.is_operator))
        self.busy = QProgressBar(objectName="settlementBusy")
        self.busy.setRange(0, 0)  # a run's length is unknown: a moving bar while it works
        self.busy.setVisible(False)
        left = QVBoxLayout()
        left.addWidget(self.period_title)
        left.addWidget(self.period_view, 1)
        left.addWidget(self.run_button)
        left.addWidget(self.busy)

        self.statement_title = QLabel(objectName="sectionHeading")
        self.merchant_label = QLabel()
        self.merchant_box = QComboBox(objectName="statementMerchant")
        self.merchant_box.currentIndexChanged.connect(self._merchant_chosen)
        self.merchant_label.setBuddy(self.merchant_box)
        chooser = QHBoxLayout()
        chooser.addWidget(self.merchant_label)
        chooser.addWidget(self.merchant_box, 1)
        self.line_model = QStandardItemModel(0, 6, self)
        self.line_view = _table("statementLines")
        self.line_view.setModel(self.line_model)
        self.line_view.doubleClicked.connect(lambda index: self.show_entries(index.row()))
        self.total = QLabel(objectName="statementTotal")
        self.total.setWordWrap(True)
        self.entries_button = QPushButton(objectName="showEntries")
        self.entries_button.clicked.connect(
            lambda: self.show_entries(self.line_view.currentIndex().row()))
        self.save_button = QPushButton(objectName="saveStatement")
        self.save_button.clicked.connect(lambda: self._ask_folder(every=False))
        self.save_all_button = QPushButton(objectName="saveAllStatements")
        self.save_all_button.clicked.connect(lambda: self._ask_folder(every=True))
        self.save_all_button.setVisible(bool(ctx.actor and ctx.actor.is_operator))
        actions = QHBoxLayout()
        actions.addWidget(self.entries_button)
        actions.addStretch(1)
        actions.addWidget(self.save_all_button)
        actions.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.statement_title)
        right.addLayout(chooser)
        right.addWidget(self.line_view, 1)
        right.addWidget(self.total)
        right.addLayout(actions)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.rule)
        layout.addLayout(body, 1)
        self.dialog: DrilldownDialog | None = None
        self.saved: list[str] = []
        self._update_buttons()
        self.retranslate()

    # -- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.call(list_periods, PERIODS_SHOWN, on_done=self._show_periods)

    def _show_periods(self, periods: list[PeriodState]) -> None:
        chosen = self.selected_period()
        self.periods = periods
        self._fill_periods()
        row = next((i for i, p in enumerate(periods)
                    if chosen and p.period.first_day == chosen.period.first_day), None)
        if row is None:  # the newest settled period, else the newest closed one
            row = next((i for i, p in enumerate(periods) if p.state == "settled"),
                       next((i for i, p in enumerate(periods) if p.state == "due"), 0))
        self.period_view.selectRow(row)
        self._period_chosen()
        self._set_rule_text()

    def selected_period(self) -> PeriodState | None:
        row = self.period_view.currentIndex().row()
        return self.periods[row] if 0 <= row < len(self.periods) else None

    def _period_chosen(self, *_: object) -> None:
        chosen = self.selected_period()
        self.statement = None
        self.merchants = []
        self._fill_statement()
        self._update_buttons()
        if chosen is not None and chosen.run_id is not None:
            self.ctx.call(run_merchants, chosen.run_id, on_done=self._show_merchants)

    def _show_merchants(self, merchants: list[tuple[int, str, str]]) -> None:
        self.merchants = merchants
        self.merchant_box.blockSignals(True)
        self.merchant_box.clear()
        for _, code, name in merchants:
            self.merchant_box.addItem(f"{name} ({code})")
        self.merchant_box.blockSignals(False)
        self._update_buttons()
        self._merchant_chosen()

    def _merchant_chosen(self, *_: object) -> None:
        chosen = self.selected_period()
        index = self.merchant_box.currentIndex()
        if chosen is None or chosen.run_id is None or not 0 <= index < len(self.merchants):
            self.statement = None
            self._fill_statement()
            return
        self.ctx.call(statement, chosen.run_id, self.merchants[index][0],
                      on_done=self._show_statement)

    def _show_statement(self, stmt: Statement) -> None:
        self.statement = stmt
        self._fill_statement()
        self._update_buttons()

    # -- actions ------------------------------------------------------------------------------
    def run_selected(self) -> None:
        chosen = self.selected_period()
        if chosen is None:
            return
        self.busy.setVisible(True)
        self.run_button.setEnabled(False)
        self.ctx.call(run_settlement, chosen.period.first_day, on_done=self._ran,
                      on_error=self._run_failed)

    def _ran(self, outcome: RunOutcome) -> None:
        self.busy.setVisible(False)
        self.ctx.data_changed.emit("settlement")
        if outcome.created:
            text = translate("SettlementPage", "The period is settled (run {0}).")
        else:
            text = translate("SettlementPage",
                             "The period was already settled (run {0}); nothing changed.")
        self.ctx.inform(text.format(outcome.run_id))
        self.refresh()

    def _run_failed(self, exc: BaseException) -> None:
        self.busy.setVisible(False)
        self._update_buttons()
        self.ctx.show_error(exc)

    def _ask_folder(self, every: bool) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("SettlementPage", "Save the statement in"), str(Path.home()))
        if folder:
            self.save_to(folder, every=every)

    def save_to(self, folder: str, every: bool = False) -> None:
        """Write the shown statement's PDF and CSV into ``folder`` (with ``every``, all the
        run's statements the actor may see), in the window's language."""
        stmt = self.statement
        if stmt is None:
            return
        language = "en" if is_english() else "zh_CN"
        if every:
            self.ctx.call(save_all_statements, stmt.run_id, folder, language,
                          on_done=self._saved)
        else:
            self.ctx.call(save_statement, stmt.run_id, stmt.merchant_id, folder, language,
                          on_done=self._saved)

    def _saved(self, paths: list[str]) -> None:
        self.saved = paths
        names = ", ".join(Path(p).name for p in paths)
        self.ctx.inform(translate("SettlementPage", "Saved {0}").format(names))

    def show_entries(self, row: int) -> None:
        stmt = self.statement
        if stmt is None or not 0 <= row < len(stmt.lines):
            return
        line = stmt.lines[row]
        self.ctx.call(entries, stmt.run_id, stmt.merchant_id, line.counterparty_id,
                      on_done=self._show_entries)

    def _show_entries(self, drill: Drilldown) -> None:
        self.dialog = DrilldownDialog(drill, self)
        self.dialog.open()

    # -- texts --------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        chosen = self.selected_period()
        self.run_button.setEnabled(chosen is not None and chosen.state == "due"
                                   and not self.busy.isVisible())
        has_lines = self.statement is not None and bool(self.statement.lines)
        self.entries_button.setEnabled(has_lines)
        self.save_button.setEnabled(self.statement is not None)
        self.save_all_button.setEnabled(self.statement is not None)
        self.merchant_box.setEnabled(bool(self.merchants))

    def _fill_periods(self) -> None:
        states = {"open": translate("SettlementPage", "Open"),
                  "due": translate("SettlementPage", "To settle"),
                  "settled": translate("SettlementPage", "Settled")}
        self.period_model.setRowCount(0)
        for p in self.periods:
            state = states[p.state]
            if p.run_id is not None:
                state = translate("SettlementPage", "Settled (run {0})").format(p.run_id)
            self.period_model.appendRow([
                _item(f"{p.period.first_day.isoformat()} – {p.period.last_day.isoformat()}"),
                _item(state)])
        self.period_view.resizeColumnToContents(0)

    def _fill_statement(self) -> None:
        stmt = self.statement
        self.line_model.setRowCount(0)
        if stmt is None:
            chosen = self.selected_period()
            text = ""
            if chosen is not None and chosen.state == "open":
                text = translate("SettlementPage", "This period is still open.")
            elif chosen is not None and chosen.run_id is None:
                text = translate("SettlementPage", "This period has not been settled yet.")
            elif chosen is not None and not self.merchants:
                text = translate("SettlementPage",
                                 "No points crossed between merchants in this period.")
            self.total.setText(text)
            return
        for line in stmt.lines:
            self.line_model.appendRow([
                _item(line.counterparty_name), _item(f"{line.points_in:,}", True),
                _item(f"{line.points_out:,}", True), _item(f"{line.net_points:+,}", True),
                _item(format_money(line.amount_minor, stmt.currency), True),
                _item(owes_text(stmt, line.amount_minor, line.counterparty_name), tip=True)])
        self.line_view.resizeColumnsToContents()
        amount = format_money(abs(stmt.total_minor), stmt.currency)
        if stmt.total_minor > 0:
            net = translate("SettlementPage", "Net for the period: {0} is owed {1}.").format(
                stmt.merchant_name, amount)
        elif stmt.total_minor < 0:
            net = translate("SettlementPage", "Net for the period: {0} owes {1}.").format(
                stmt.merchant_name, amount)
        else:
            net = translate("SettlementPage", "Net for the period: nothing owed either way.")
        if not stmt.lines:
            net = translate("SettlementPage", "No points crossed between merchants in this period.")
        self.total.setText(net)

    def _set_rule_text(self) -> None:
        zone = self.periods[0].period.timezone if self.periods else ""
        kind = (self.periods[0].period.kind if self.periods else "")
        self.rule.setText(translate(
            "SettlementPage",
            "Each merchant is owed for the other merchants' points spent at it and owes for its "
            "own points spent elsewhere, at the coalition's point value. Periods: {0}, from "
            "local midnight in {1}. Double-click a line to see the entries behind it.").format(
            translate("SettlementPage", "weekly") if kind == "weekly"
            else translate("SettlementPage", "monthly"), zone or "—"))

    def retranslate(self) -> None:
        self.heading.setText(translate("SettlementPage", "Settlement"))
        self._set_rule_text()
        self.period_title.setText(translate("SettlementPage", "Periods"))
        self.period_model.setHorizontalHeaderLabels(
            [translate("SettlementPage", "Period"), translate("SettlementPage", "State")])
        self.run_button.setText(translate("SettlementPage", "Settle the selected period"))
        self.statement_title.setText(translate("SettlementPage", "Statement"))
        self.merchant_label.setText(translate("SettlementPage", "&Merchant"))
        self.line_model.setHorizontalHeaderLabels(
            [translate("SettlementPage", "Counterparty"),
             translate("SettlementPage", "Points in"),
             translate("SettlementPage", "Points out"),
             translate("SettlementPage", "Net points"),
             translate("SettlementPage", "Amount"),
             translate("SettlementPage", "Who pays whom")])
        self.line_view.resizeColumnsToContents()  # an empty statement still shows its headings
        self.entries_button.setText(translate("SettlementPage", "Show the entries…"))
        self.save_button.setText(translate("SettlementPage", "Save PDF and CSV…"))
        self.save_all_button.setText(translate("SettlementPage", "Save every statement…"))
        if self.periods:
            self._fill_periods()
        self._fill_statement()


class DrilldownDialog(QDialog):
    """The lot uses behind one statement line: when, which member, whose points, where."""

    def __init__(self, drill: Drilldown, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drilldownDialog")
        self.drill = drill
        self.setWindowTitle(translate("SettlementPage", "Entries: {0} and {1}").format(
            drill.merchant, drill.counterparty))
        self.summary = QLabel(objectName="drilldownSummary")
        self.summary.setWordWrap(True)
        shown = len(drill.entries)
        text = translate(
            "SettlementPage", "{0} points of {1} spent at {2}; {3} points of {2} spent at {1}."
        ).format(f"{drill.points_in:,}", drill.counterparty, drill.merchant,
                 f"{drill.points_out:,}")
        if shown < drill.total_entries:
            more = translate("SettlementPage", "Showing the first {0} of {1} entries.")
            text += " " + more.format(shown, drill.total_entries)
        self.summary.setText(text)
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(
            [translate("SettlementPage", "Time"), translate("SettlementPage", "Member"),
             translate("SettlementPage", "Issued by"), translate("SettlementPage", "Accepted by"),
             translate("SettlementPage", "Points"), translate("SettlementPage", "Transfer key")])
        for e in drill.entries:
            self.model.appendRow([
                _item(store_time_text(e.at, drill.timezone, "%Y-%m-%d %H:%M")),
                _item(e.member), _item(e.issuer), _item(e.acceptor),
                _item(f"{e.points:+,}", True), _item(e.transfer_key)])
        self.view = _table("drilldownEntries")
        self.view.setModel(self.model)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            translate("SettlementPage", "Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(980, 560)
