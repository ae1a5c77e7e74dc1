"""The messages page (coalition operator): the outbox — queued, sent, failing with the last
error, parked — each channel's provider and whether it works, "send again" for the chosen
messages, "send now", and a test e-mail or SMS through this terminal's provider."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.messaging import admin
from app.messaging.admin import ChannelStatus, MessageRow, OutboxView
from app.messaging.dispatcher import DispatchResult
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import Page
from ui.errors import user_message
from ui.widgets.i18n import current_language, translate

_Index = QModelIndex | QPersistentModelIndex


def shown_time(moment: datetime | None) -> str:
    """A stored UTC time in this computer's time zone (the year only when not this one)."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=UTC).astimezone()
    return local.strftime("%m-%d %H:%M" if local.year == datetime.now().year else "%Y-%m-%d %H:%M")


def channel_name(channel: str) -> str:
    return {"email": translate("OutboxPage", "E-mail"), "sms": translate("OutboxPage", "SMS"),
            "merchant": translate("OutboxPage", "Merchants (e-mail)"),
            "operator": translate("OutboxPage", "Operator (e-mail)")}.get(channel, channel)


def kind_name(kind: str) -> str:
    return {
        "balance_changed": translate("OutboxPage", "Balance change"),
        "points_expiring": translate("OutboxPage", "Points expiring"),
        "tier_changed": translate("OutboxPage", "Tier change"),
        "merchant_statement": translate("OutboxPage", "Merchant statement"),
        "test_message": translate("OutboxPage", "Test message"),
        "kiosk_code": translate("OutboxPage", "Kiosk sign-in code"),
        "coupon_sms": translate("OutboxPage", "Coupon by SMS"),
        "coupon_order": translate("OutboxPage", "Coupon order"),
        "card_booked": translate("OutboxPage", "Card booked"),
        "reward_redeemed": translate("OutboxPage", "Reward redeemed"),
        "wallet_converted": translate("OutboxPage", "Points to wallet"),
        "partner_accepted": translate("OutboxPage", "Partner conversion done"),
        "partner_refused": translate("OutboxPage", "Partner conversion refused"),
    }.get(kind, kind)


def state_name(state: str) -> str:
    return {
        "all": translate("OutboxPage", "All"),
        "queued": translate("OutboxPage", "Queued"),
        "failing": translate("OutboxPage", "Failing"),
        "failed": translate("OutboxPage", "Failed"),
        "sent": translate("OutboxPage", "Sent"),
        "ok": translate("OutboxPage", "Working"),
        "idle": translate("OutboxPage", "Ready, nothing sent yet"),
        "unconfigured": translate("OutboxPage", "Not set up on this terminal"),
    }.get(state, state)


AUTO_REFRESH_MS = 30_000
STATE_COLOURS = {"failing": "#b45309", "failed": "#b91c1c", "sent": "#15803d", "ok": "#15803d"}


class _Table(QAbstractTableModel):
    """Rows of dataclasses, one column per (header, cell function)."""

    def __init__(
        self,
        columns: list[tuple[Callable[[], str], Callable[[Any], str]]],
        state_of: Callable[[Any], str] | None = None,
    ) -> None:
        super().__init__()
        self.columns = columns
        self.state_of = state_of
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](row)
        if role == Qt.ItemDataRole.ForegroundRole and self.state_of is not None:
            colour = STATE_COLOURS.get(self.state_of(row))
            return QColor(colour) if colour else None
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][0]()
        return None


def _error_text(row: MessageRow | ChannelStatus) -> str:
    return user_message(row.error) if row.error is not None else ""


def _subject(row: MessageRow) -> str:
    # Quoted: the subject as it was sent, in the member's language, not the screen's.
    return f"“{row.subject}”" if row.subject else ""


def _when(row: MessageRow) -> str:
    if row.sent_at is not None:
        return shown_time(row.sent_at)
    if row.state == "failed":
        return translate("OutboxPage", "Parked")
    return shown_time(row.next_attempt_at) or translate("OutboxPage", "Due now")


class MessagesPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("messagesPage")
        self.view: OutboxView | None = None
        self.heading = QLabel(objectName="pageHeading")

        # each channel's provider and how it is doing
        self.providers_box = QGroupBox()
        self.channels = _Table(
            [
                (lambda: translate("OutboxPage", "Channel"), lambda c: channel_name(c.channel)),
                (
                    lambda: translate("OutboxPage", "Provider on this terminal"),
                    lambda c: c.provider or "—",
                ),
                (lambda: translate("OutboxPage", "Status"), lambda c: state_name(c.state)),
                (
                    lambda: translate("OutboxPage", "Last sent"),
                    lambda c: shown_time(c.last_sent_at),
                ),
                (lambda: translate("OutboxPage", "Last error"), _error_text),
            ],
            state_of=lambda c: c.state,
        )
        self.channel_table = self._table(self.channels, "channelTable")
        self.channel_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.channel_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QVBoxLayout(self.providers_box)
        box.addWidget(self.channel_table)
        test_row = QHBoxLayout()
        self.test_channel = QComboBox(objectName="testChannel")
        self.test_channel.addItems(["", ""])
        self.test_to = QLineEdit(objectName="testRecipient")
        self.test_button = QPushButton(objectName="sendTest")
        self.test_button.clicked.connect(self.send_test)
        self.test_to.returnPressed.connect(self.send_test)
        self.test_result = QLabel(objectName="testResult")
        self.test_result.setWordWrap(True)
        self.test_result.hide()
        test_row.addWidget(self.test_channel)
        test_row.addWidget(self.test_to, 1)
        test_row.addWidget(self.test_button)
        box.addLayout(test_row)
        box.addWidget(self.test_result)
        # Where the operator's own notices go (merchants' go to their e-mail on file).
        operator_row = QHBoxLayout()
        self.operator_label = QLabel()
        self.operator_email = QLineEdit(objectName="operatorEmail")
        self.operator_email.setMaxLength(254)
        self.operator_save = QPushButton(objectName="saveOperatorEmail")
        self.operator_save.clicked.connect(self.save_operator_email)
        self.operator_email.returnPressed.connect(self.save_operator_email)
        self.operator_result = QLabel(objectName="operatorEmailResult")
        operator_row.addWidget(self.operator_label)
        operator_row.addWidget(self.operator_email, 1)
        operator_row.addWidget(self.operator_save)
        operator_row.addWidget(self.operator_result)
        box.addLayout(operator_row)

        # the outbox
        self.state = QComboBox(objectName="stateFilter")
        # Wide enough for the counts it gains once the outbox is read ("全部 (239)").
        self.state.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for state in admin.STATES:
            self.state.addItem("", state)
        self.state.currentIndexChanged.connect(self.refresh)
        self.retry_button = QPushButton(objectName="retry")
        self.retry_button.clicked.connect(self.retry)
        self.send_now_button = QPushButton(objectName="sendNow")
        self.send_now_button.clicked.connect(self.send_now)
        self.refresh_button = QPushButton(objectName="refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.summary = QLabel(objectName="outboxSummary")
        controls = QHBoxLayout()
        self.state_label = QLabel()
        controls.addWidget(self.state_label)
        controls.addWidget(self.state)
        controls.addWidget(self.summary, 1)
        controls.addWidget(self.retry_button)
        controls.addWidget(self.send_now_button)
        controls.addWidget(self.refresh_button)
        self.messages = _Table(
            [
                (lambda: translate("OutboxPage", "Queued at"), lambda r: shown_time(r.created_at)),
                (lambda: translate("OutboxPage", "Message"), lambda r: kind_name(r.kind)),
                (lambda: translate("OutboxPage", "To"), lambda r: r.recipient),
                (lambda: translate("OutboxPage", "Subject"), _subject),
                (lambda: translate("OutboxPage", "State"), lambda r: state_name(r.state)),
                (lambda: translate("OutboxPage", "Attempts"), lambda r: str(r.attempts)),
                (lambda: translate("OutboxPage", "Sent / next attempt"), _when),
                (lambda: translate("OutboxPage", "Last error"), _error_text),
            ],
            state_of=lambda r: r.state,
        )
        self.table = self._table(self.messages, "outboxTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.detail = QLabel(objectName="messageDetail")  # the chosen message's error in full
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.providers_box)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        # The outbox moves by itself (tills queue, dispatchers send): look again now and then
        # while the page is on screen.
        self.auto_refresh = QTimer(self, interval=AUTO_REFRESH_MS)
        self.auto_refresh.timeout.connect(self._tick)
        self.auto_refresh.start()
        self.retranslate()
        self._update_buttons()

    def _tick(self) -> None:
        if self.isVisible() and self.ctx.actor is not None and not self.ctx.runner.pending:
            self.refresh()

    @staticmethod
    def _table(model: _Table, name: str) -> QTableView:
        table = QTableView(objectName=name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.call(admin.outbox, self.state.currentData() or "all", on_done=self._show)

    def _show(self, view: OutboxView) -> None:
        chosen = {self.messages.rows[i.row()].id
                  for i in self.table.selectionModel().selectedRows()}
        self.view = view
        if not self.operator_email.hasFocus() and not self.operator_email.isModified():
            self.operator_email.setText(view.operator_email)  # not over what is being typed
        self.channels.set_rows(view.channels)
        self.messages.set_rows(view.rows)
        selection = self.table.selectionModel()
        for row, message in enumerate(view.rows):  # the choice survives a refresh
            if message.id in chosen:
                selection.select(self.messages.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        self.retranslate()

    def _fit(self) -> None:
        """Columns as wide as their texts (long ones capped; the error column takes the rest),
        the channel table as tall as its rows."""
        for table, cap in ((self.channel_table, 360), (self.table, 180)):
            table.resizeColumnsToContents()
            last = table.model().columnCount() - 1
            for column in range(last):
                table.setColumnWidth(column, min(table.columnWidth(column), cap))
            table.setColumnWidth(last, 80)  # then stretched over what is left
        rows = self.channels.rowCount()
        height = (
            self.channel_table.horizontalHeader().height() + 2 * self.channel_table.frameWidth()
        )
        height += sum(self.channel_table.rowHeight(r) for r in range(rows))
        self.channel_table.setFixedHeight(max(height, 60))

    def selected_ids(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [
            self.messages.rows[r].id for r in sorted(rows) if self.messages.rows[r].state != "sent"
        ]

    def _update_buttons(self) -> None:
        self.retry_button.setEnabled(bool(self.selected_ids()))
        current = self.table.selectionModel().selectedRows()
        row = self.messages.rows[current[0].row()] if current else None
        if row is None:
            self.detail.setText(
                translate("OutboxPage", "Choose a message to see its last error in full.")
            )
        elif row.error is None:
            self.detail.setText(f"{row.key}: {state_name(row.state)}")
        else:
            self.detail.setText(
                translate("OutboxPage", "{0}: {1} (code {2})").format(
                    row.key, user_message(row.error), row.error_code
                )
            )

    def retry(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.ctx.call(admin.retry, ids, on_done=self._retried)

    def _retried(self, count: int) -> None:
        self.ctx.inform(
            translate("OutboxPage", "{0} messages will be sent again at the next dispatch.").format(
                count
            )
        )
        self.refresh()

    def send_now(self) -> None:
        self.send_now_button.setEnabled(False)
        self.ctx.call(admin.dispatch_now, on_done=self._sent_now, on_error=self._send_now_failed)

    def _sent_now(self, result: DispatchResult) -> None:
        self.send_now_button.setEnabled(True)
        self.ctx.inform(
            translate("OutboxPage", "Sent {0}; {1} to try again; {2} parked as failed.").format(
                result.sent, result.failed, result.parked
            )
        )
        self.refresh()

    def _send_now_failed(self, exc: BaseException) -> None:
        self.send_now_button.setEnabled(True)
        self.ctx.show_error(exc)

    def send_test(self) -> None:
        channel = "email" if self.test_channel.currentIndex() == 0 else "sms"
        language = current_language()  # the test arrives in the operator's language
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(translate("OutboxPage", "Sending…"))
        self.test_result.show()
        self.ctx.call(
            admin.send_test,
            channel,
            self.test_to.text(),
            language,
            on_done=self._test_sent,
            on_error=self._test_failed,
        )

    def save_operator_email(self) -> None:
        self.operator_save.setEnabled(False)
        self.ctx.call(admin.set_operator_email, self.operator_email.text(),
                      on_done=self._operator_email_saved, on_error=self._operator_email_failed)

    def _operator_email_saved(self, address: str) -> None:
        self.operator_save.setEnabled(True)
        self.operator_email.setText(address)
        self.operator_email.setModified(False)
        self.operator_result.setStyleSheet("color: #15803d;")
        self.operator_result.setText(translate("OutboxPage", "Saved"))

    def _operator_email_failed(self, exc: BaseException) -> None:
        self.operator_save.setEnabled(True)
        self.operator_result.setStyleSheet("color: #b91c1c;")
        self.operator_result.setText(user_message(exc))

    def _test_sent(self, provider: str) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #15803d;")
        self.test_result.setText(
            translate("OutboxPage", "Sent through {0}. Check that it arrived.").format(provider)
        )

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #b91c1c;")
        self.test_result.setText(user_message(exc))

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(translate("OutboxPage", "Messages"))
        self.providers_box.setTitle(translate("OutboxPage", "Providers"))
        self.test_channel.setItemText(0, translate("OutboxPage", "Test e-mail to"))
        self.test_channel.setItemText(1, translate("OutboxPage", "Test SMS to"))
        self.test_to.setPlaceholderText(translate("OutboxPage", "address or phone number"))
        self.test_button.setText(translate("OutboxPage", "Send a test message"))
        self.operator_label.setText(translate("OutboxPage", "Operator's notices to"))
        self.operator_email.setPlaceholderText(translate("OutboxPage", "e-mail address"))
        self.operator_save.setText(translate("OutboxPage", "Save"))
        self.state_label.setText(translate("OutboxPage", "Show:"))
        counts = self.view.counts if self.view else {}
        for i, state in enumerate(admin.STATES):
            label = state_name(state)
            self.state.setItemText(i, f"{label} ({counts[state]})" if state in counts else label)
        if self.view is not None:
            c = self.view.counts
            self.summary.setText(
                translate("OutboxPage", "{0} queued · {1} failing · {2} failed · {3} sent").format(
                    c["queued"], c["failing"], c["failed"], c["sent"]
                )
            )
        self.retry_button.setText(translate("OutboxPage", "Send again"))
        self.retry_button.setToolTip(
            translate(
                "OutboxPage",
                "Send the chosen unsent messages at the next dispatch, failed ones included",
            )
        )
        self.send_now_button.setText(translate("OutboxPage", "Send now"))
        self.refresh_button.setText(translate("OutboxPage", "Refresh"))
        self.channels.retranslate()
        self.messages.retranslate()
        self._fit()
        self._update_buttons()
