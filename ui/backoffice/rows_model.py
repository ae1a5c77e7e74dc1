"""A read-only table model over a list of rows, for back-office lists (QTableView)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex


Column = tuple[Callable[[], str], Callable[[Any], object]]


def text_columns(headers: Sequence[Callable[[], str]]) -> list[Column]:
    """Columns for rows that are already sequences of display values, one per header."""
    return [(header, lambda row, i=i: row[i]) for i, header in enumerate(headers)]


class RowsModel(QAbstractTableModel):
    """Columns are (header function, cell function); headers are functions so they follow a
    language change. Numbers, and the columns in ``align_right``, align right."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None,
                 align_right: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.align_right = set(align_right)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self.rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt)
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.columns[index.column()][1](self.rows[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) and value:
            return value  # a cell too narrow for its text ends in "…": hovering shows it whole
        if role == Qt.ItemDataRole.TextAlignmentRole and (
                isinstance(value, int) or index.column() in self.align_right):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]()
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))


def make_table(model: RowsModel, stretch: int = -1) -> QTableView:
    """A read-only list: whole rows selected one at a time, columns sized to their content,
    column ``stretch`` (default: the last) taking the spare width."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    if stretch < 0:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    return view


def utc_midnight(day: QDate) -> datetime:
    """The start of ``day`` as the naive UTC datetime the domain stores."""
    return datetime.combine(day.toPython(), time(0))
