"""Back-office screen 6: find a member, see their balance, open lots, history and consents,
and adjust their points (with a reason and, for a manager, a second manager's approval).

What a manager sees of other merchants is decided by app.loyalty.member_lookup; this page
shows what the service returns ("another merchant" where it hides the merchant).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.loyalty import adjustments, member_lookup
from app.reception import backoffice as reception_bo
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import Page
from ui.errors import user_message
from ui.widgets.i18n import tier_name, translate

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table of rows of display strings; headers come from a callable so they
    follow the language."""

    def __init__(self, headers: Callable[[], Sequence[str]], parent: QWidget | None = None,
                 right_aligned: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self._headers = headers
        self._right = set(right_aligned)
        self.rows: list[Sequence[str]] = []
        self.items: list[Any] = []

    def set_rows(self, rows: list[Sequence[str]], items: list[Any] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.items = items if items is not None else list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers()) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers()[section]
        return None


def table(model: QAbstractTableModel, name: str, *, fit: bool = False) -> QTableView:
    """A read-only, row-selecting table; ``fit``: columns as wide as their contents."""
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit
                                else QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    return view


def when(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def source_name(source: str) -> str:
    names = {
        "sale": translate("Members", "Sale"), "refund": translate("Members", "Refund"),
        "code": translate("Members", "Point code"), "coupon": translate("Members", "Coupon"),
        "adjustment": translate("Members", "Adjustment"),
        "expiry": translate("Members", "Expiry"),
        "settlement": translate("Members", "Settlement"),
        "registration": translate("Members", "Registration reward"),
        "feedback": translate("Members", "Feedback reward"),
        "guide": translate("Members", "Shopping guide"),
    }
    return names.get(source, source)


def reason_name(code: str) -> str:
    names = {
        "missing_points": translate("Members", "Missing points"),
        "goodwill": translate("Members", "Goodwill"),
        "correction": translate("Members", "Correction"),
        "fraud": translate("Members", "Misuse"),
        "other": translate("Members", "Other (say why in the note)"),
    }
    return names.get(code, code)


def other_merchant() -> str:
    return translate("Members", "Another merchant")


FIELD_NAMES = ("auto", "card", "phone", "name", "number")


class MembersPage(Page):
    HISTORY_PAGE = 50

    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("membersPage")
        self.heading = QLabel(objectName="pageHeading")
        self.field = QComboBox(objectName="lookupField")
        self.query = QLineEdit(objectName="lookupQuery")
        self.query.returnPressed.connect(self.search)
        self.search_button = QPushButton(objectName="lookupSearch")
        self.search_button.clicked.connect(self.search)
        self.search_button.setDefault(True)
        bar = QHBoxLayout()
        bar.addWidget(self.field)
        bar.addWidget(self.query, 1)
        bar.addWidget(self.search_button)

        self.results = RowsModel(lambda: (
            translate("Members", "Member number"), translate("Members", "Name"),
            translate("Members", "Phone"), translate("Members", "Tier")), self)
        self.results_view = table(self.results, "lookupResults", fit=True)
        self.results_view.selectionModel().currentRowChanged.connect(self._picked)
        self.results_view.activated.connect(lambda index: self._picked(index, QModelIndex()))
        self.found_label = QLabel(objectName="lookupFound")

        # The member panel
        self.summary = QLabel(objectName="memberSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.adjust_button = QPushButton(objectName="adjustPoints")
        self.adjust_button.clicked.connect(self.open_adjustment)
        self.adjust_button.setEnabled(False)
        # The member's request to stop face recognition: every template deleted at once
        self.face_button = QPushButton(objectName="withdrawFace")
        self.face_button.clicked.connect(self.ask_withdraw_face)
        self.face_button.setEnabled(False)
        self.face: reception_bo.FaceStatus | None = None

        self.lots = RowsModel(lambda: (
            translate("Members", "Issuer"), translate("Members", "Awarded"),
            translate("Members", "Points"), translate("Members", "Left"),
            translate("Members", "Expires")), self, right_aligned=(2, 3))
        self.consents = RowsModel(lambda: (
            translate("Members", "Consent"), translate("Members", "Purpose"),
            translate("Members", "Granted"), translate("Members", "Withdrawn"),
            translate("Members", "Kept (days)")), self, right_aligned=(4,))
        self.history = RowsModel(lambda: (
            translate("Members", "When"), translate("Members", "Kind"),
            translate("Members", "Points"), translate("Members", "Merchant"),
            translate("Members", "Reason"), translate("Members", "Terminal"),
            translate("Members", "Staff")), self, right_aligned=(2,))

        self.h_merchant = QComboBox(objectName="historyMerchant")
        self.h_source = QComboBox(objectName="historySource")
        self.h_use_period = QCheckBox(objectName="historyUsePeriod")
        self.h_from = QDateEdit(objectName="historyFrom", calendarPopup=True)
        self.h_to = QDateEdit(objectName="historyTo", calendarPopup=True)
        today = QDate.currentDate()
        self.h_from.setDate(today.addDays(-90))
        self.h_to.setDate(today)
        for w in (self.h_from, self.h_to):
            w.setDisplayFormat("yyyy-MM-dd")
        self.h_apply = QPushButton(objectName="historyApply")
        self.h_apply.clicked.connect(lambda: self.load_history(0))
        self.h_prev = QPushButton(objectName="historyPrev")
        self.h_next = QPushButton(objectName="historyNext")
        self.h_prev.clicked.connect(lambda: self.load_history(self.history_page - 1))
        self.h_next.clicked.connect(lambda: self.load_history(self.history_page + 1))
        self.h_pages = QLabel(objectName="historyPages")
        filters = QHBoxLayout()
        for w in (self.h_merchant, self.h_source, self.h_use_period, self.h_from, self.h_to,
                  self.h_apply):
            filters.addWidget(w)
        filters.addStretch(1)
        pager = QHBoxLayout()
        pager.addStretch(1)
        for w in (self.h_prev, self.h_pages, self.h_next):
            pager.addWidget(w)
        history_tab = QWidget()
        hl = QVBoxLayout(history_tab)
        hl.addLayout(filters)
        hl.addWidget(table(self.history, "historyTable", fit=True), 1)
        hl.addLayout(pager)

        self.tabs = QTabWidget(objectName="memberTabs")
        self.tabs.addTab(table(self.lots, "lotsTable"), "")
        self.tabs.addTab(history_tab, "")
        self.tabs.addTab(table(self.consents, "consentsTable"), "")

        panel = QWidget()
        pl = QVBoxLayout(panel)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.adjust_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.face_button, 0, Qt.AlignmentFlag.AlignTop)
        pl.addLayout(top)
        pl.addWidget(self.tabs, 1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.results_view, 1)
        ll.addWidget(self.found_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(panel)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 720])

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

        self.member: member_lookup.MemberDetail | None = None
        self.found: list[member_lookup.MemberRow] | None = None
        self.page_data: member_lookup.HistoryPage | None = None
        self.history_page = 0
        self.merchant_choices: list[tuple[int, str]] = []
        self.retranslate()

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.call(member_lookup.merchants_for_filter, on_done=self._merchants)
        if self.member is not None:
            self.open_member(self.member.id)

    def _merchants(self, choices: list[tuple[int, str]]) -> None:
        self.merchant_choices = choices
        self._fill_merchants()

    def search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        field = FIELD_NAMES[max(self.field.currentIndex(), 0)]
        self.ctx.call(member_lookup.search, text, field, on_done=self._found)

    def _found(self, rows: list[member_lookup.MemberRow]) -> None:
        self.found = rows
        self.results.set_rows([(r.number, r.name, r.phone, tier_name(r.tier))
                               for r in rows], rows)
        self._found_text()
        if len(rows) == 1:
            self.results_view.selectRow(0)

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.results.items):
            self.open_member(self.results.items[current.row()].id)

    def open_member(self, member_id: int) -> None:
        self.ctx.call(member_lookup.detail, member_id, on_done=self._show_member)

    def _show_member(self, d: member_lookup.MemberDetail) -> None:
        switching = self.member is None or self.member.id != d.id
        self.member = d
        self.adjust_button.setEnabled(True)
        self.face = None
        self.face_button.setEnabled(False)
        self.ctx.call(reception_bo.face_status, d.id, on_done=self._face_status,
                      on_error=lambda _exc: None)  # another merchant's member: no action
        self.lots.set_rows([(lot.issuer if lot.issuer is not None else other_merchant(),
                             day(lot.awarded_at), str(lot.points), str(lot.remaining),
                             day(lot.expires_at)) for lot in d.lots], list(d.lots))
        self.consents.set_rows([(c.kind, c.purpose, when(c.granted_at), when(c.withdrawn_at),
                                 str(c.retention_days)) for c in d.consents], list(d.consents))
        self._summary_text()
        self.load_history(0 if switching else self.history_page)

    def _filters(self) -> dict[str, Any]:
        merchant = self.h_merchant.currentData()
        source = self.h_source.currentData()
        args: dict[str, Any] = {"merchant_id": merchant, "source": source}
        if self.h_use_period.isChecked():
            start = self.h_from.date().toPython()
            end = self.h_to.date().toPython()
            args["start"] = datetime.combine(start, time())
            args["end"] = datetime.combine(end, time()) + timedelta(days=1)
        return args

    def load_history(self, page: int) -> None:
        if self.member is None:
            return
        page = max(page, 0)
        self.ctx.call(member_lookup.history, self.member.id, page=page,
                      page_size=self.HISTORY_PAGE, on_done=self._show_history, **self._filters())

    def _show_history(self, data: member_lookup.HistoryPage) -> None:
        self.page_data = data
        self.history_page = data.page
        self.history.set_rows([
            (when(r.at), source_name(r.source), f"{r.points:+d}",
             other_merchant() if r.hidden else r.merchant or "", r.reason, r.terminal, r.staff)
            for r in data.rows], list(data.rows))
        self.h_prev.setEnabled(data.page > 0)
        self.h_next.setEnabled(data.page + 1 < data.pages)
        self._pages_text()

    # -- face consent ------------------------------------------------------------------------
    def _face_status(self, status: reception_bo.FaceStatus) -> None:
        if self.member is None or status.member_id != self.member.id:
            return
        self.face = status
        self.face_button.setEnabled(status.templates > 0 or status.consent_in_force)
        self.face_button.setToolTip(translate(
            "Members", "{0} face templates stored").format(status.templates))

    def ask_withdraw_face(self) -> QMessageBox | None:
        if self.member is None:
            return None
        member_id = self.member.id
        box = QMessageBox(
            QMessageBox.Icon.Question, translate("Members", "Withdraw face consent"),
            translate("Members", "Delete every face template of this member now? The greeters "
                                 "stop recognising them within seconds."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmWithdrawFace")
        box.button(QMessageBox.StandardButton.Yes).setText(translate("Members", "Withdraw"))
        box.button(QMessageBox.StandardButton.No).setText(translate("Members", "Keep"))
        box.finished.connect(lambda code: self.withdraw_face(member_id)
                             if code == QMessageBox.StandardButton.Yes else None)
        box.open()
        return box

    def withdraw_face(self, member_id: int) -> None:
        self.ctx.call(reception_bo.withdraw_face_consent, member_id,
                      on_done=lambda n: self._face_withdrawn(member_id, n))

    def _face_withdrawn(self, member_id: int, deleted: int) -> None:
        self.ctx.message.emit("info", translate(
            "Members", "Face consent withdrawn: {0} templates deleted.").format(deleted))
        self.open_member(member_id)

    # -- adjusting ---------------------------------------------------------------------------
    def open_adjustment(self) -> AdjustDialog | None:
        if self.member is None or self.ctx.actor is None:
            return None
        dialog = AdjustDialog(self.ctx, self.member, self.merchant_choices, self)
        dialog.done_adjusting.connect(lambda _: self.open_member(self.member.id)
                                      if self.member else None)
        dialog.open()
        return dialog

    # -- texts -------------------------------------------------------------------------------
    def _fill_merchants(self) -> None:
        current = self.h_merchant.currentData()
        self.h_merchant.blockSignals(True)
        self.h_merchant.clear()
        self.h_merchant.addItem(translate("Members", "All merchants"), None)
        for mid, name in self.merchant_choices:
            self.h_merchant.addItem(name, mid)
        index = self.h_merchant.findData(current)
        self.h_merchant.setCurrentIndex(max(index, 0))
        self.h_merchant.blockSignals(False)

    def _found_text(self) -> None:
        if self.found is None:
            self.found_label.setText("")
        elif not self.found:
            self.found_label.setText(translate("Members", "No member found."))
        else:
            self.found_label.setText(translate("Members", "Found: {0} (at most {1} are listed)")
                                     .format(len(self.found), member_lookup.MAX_RESULTS))

    def _summary_text(self) -> None:
        d = self.member
        if d is None:
            self.summary.setText(translate("Members", "Find a member by card, phone (the whole "
                                           "number or its last four digits), name or member "
                                           "number."))
            return
        lines = [
            f"<b style='font-size:16pt'>{d.name or d.number}</b> &nbsp; "
            + translate("Members", "Balance: {0} points").format(
                f"<b style='font-size:16pt'>{d.balance}</b>"),
            translate("Members", "Member number: {0}   Phone: {1}   Tier: {2}").format(
                d.number, d.phone, tier_name(d.tier)).replace("   ", " &nbsp; "),
            translate("Members", "Home merchant: {0}   Registered: {1}   Cards: {2}").format(
                d.home_merchant or "—", day(d.registered_at), ", ".join(d.cards) or "—",
            ).replace("   ", " &nbsp; "),
        ]
        self.summary.setText("<br>".join(lines))

    def _pages_text(self) -> None:
        data = self.page_data
        if data is None:
            self.h_pages.setText("")
            return
        self.h_pages.setText(translate("Members", "Page {0} of {1} ({2} entries)").format(
            data.page + 1, data.pages, data.total))

    def retranslate(self) -> None:
        self.heading.setText(translate("Members", "Members"))
        index = self.field.currentIndex()
        self.field.clear()
        self.field.addItems([translate("Members", "Any"), translate("Members", "Card"),
                             translate("Members", "Phone"), translate("Members", "Name"),
                             translate("Members", "Member number")])
        self.field.setCurrentIndex(max(index, 0))
        self.query.setPlaceholderText(translate(
            "Members", "Card, phone or its last 4 digits, name, member number"))
        self.search_button.setText(translate("Members", "Search"))
        self.adjust_button.setText(translate("Members", "Adjust points…"))
        self.face_button.setText(translate("Members", "Withdraw face consent…"))
        for i, title in enumerate((translate("Members", "Open lots"),
                                   translate("Members", "History"),
                                   translate("Members", "Consents"))):
            self.tabs.setTabText(i, title)
        source = self.h_source.currentData()
        self.h_source.clear()
        self.h_source.addItem(translate("Members", "All kinds"), None)
        for s in member_lookup.SOURCES:
            self.h_source.addItem(source_name(s), s)
        self.h_source.setCurrentIndex(max(self.h_source.findData(source), 0))
        self.h_use_period.setText(translate("Members", "Period"))
        self.h_apply.setText(translate("Members", "Apply"))
        self.h_prev.setText(translate("Members", "‹ Newer"))
        self.h_next.setText(translate("Members", "Older ›"))
        self._fill_merchants()
        for model in (self.results, self.lots, self.consents, self.history):
            model.retranslate()
        self._found_text()
        self._summary_text()
        self._pages_text()
        if self.member is not None:
            self._show_member(self.member)


class AdjustDialog(QDialog):
    """Points to add or take back, a reason and note; for a manager, the approving second
    manager's code and PIN; for the operator, whose points an addition is."""

    done_adjusting = Signal(object)  # adjustments.AdjustmentDone

    def __init__(self, ctx: BackofficeContext, member: member_lookup.MemberDetail,
                 merchants: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjustDialog")
        self.ctx = ctx
        self.member = member
        self.client_uuid = str(uuid.uuid4())  # one request, however often it is sent
        actor = ctx.actor
        self.operator = bool(actor and actor.is_operator)
        self.points = QSpinBox(objectName="adjustPointsBox")
        self.points.setRange(-adjustments.MAX_POINTS, adjustments.MAX_POINTS)
        self.reason = QComboBox(objectName="adjustReason")
        for code in adjustments.REASONS:
            self.reason.addItem(reason_name(code), code)
        self.note = QLineEdit(objectName="adjustNote")
        self.note.setMaxLength(150)
        self.issuer = QComboBox(objectName="adjustIssuer")
        for mid, name in merchants:
            self.issuer.addItem(name, mid)
        self.manager = QLineEdit(objectName="adjustManager")
        self.pin = QLineEdit(objectName="adjustPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        form = QFormLayout()
        self.rule = QLabel(objectName="adjustRule")
        self.rule.setWordWrap(True)
        form.addRow(self.rule)
        self.points_label, self.reason_label, self.note_label = QLabel(), QLabel(), QLabel()
        self.issuer_label, self.manager_label, self.pin_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.points_label, self.points)
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.note_label, self.note)
        if self.operator:
            form.addRow(self.issuer_label, self.issuer)
        else:
            form.addRow(self.manager_label, self.manager)
            form.addRow(self.pin_label, self.pin)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def submit(self) -> None:
        self.error.hide()
        self.buttons.setEnabled(False)
        points = self.points.value()
        reason = self.reason.currentData()
        note = self.note.text()
        issuer = self.issuer.currentData() if self.operator else None

        def adjust(approval: Any = None) -> None:
            self.ctx.call(adjustments.adjust_points, self.member.id, points, reason, note,
                          client_uuid=self.client_uuid, approval=approval, issuer_id=issuer,
                          on_done=self._done, on_error=self._failed)

        if self.operator:
            adjust()
        else:
            self.ctx.call(adjustments.request_approval, self.member.id,
                          self.manager.text().strip(), self.pin.text(), on_done=adjust,
                          on_error=self._failed)

    def _done(self, done: adjustments.AdjustmentDone) -> None:
        self.buttons.setEnabled(True)
        self.ctx.inform(translate("Members", "{0:+d} points for {1}; the balance is now {2}.")
                        .format(done.points, self.member.name or self.member.number,
                                done.balance))
        self.done_adjusting.emit(done)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.pin.clear()
        self.error.setText(user_message(exc))
        self.error.show()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("Members", "Adjust points of {0}").format(
            self.member.name or self.member.number))
        self.rule.setText(
            translate("Members", "As the coalition operator you correct any member's points; "
                      "an addition names the merchant whose points they are.")
            if self.operator else
            translate("Members", "You add your merchant's points or take back points your "
                      "merchant issued. A second manager of your merchant approves with "
                      "their code and PIN."))
        self.points_label.setText(translate("Members", "Points (+ add, − take back)"))
        self.reason_label.setText(translate("Members", "Reason"))
        self.note_label.setText(translate("Members", "Note"))
        self.issuer_label.setText(translate("Members", "Merchant's points"))
        self.manager_label.setText(translate("Members", "Approving manager (code)"))
        self.pin_label.setText(translate("Members", "Their PIN"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("Members", "Adjust"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("Members", "Cancel"))
