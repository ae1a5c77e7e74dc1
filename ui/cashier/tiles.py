"""A list that picks an item on a tap or on Enter — exactly once either way."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget


class PickList(QListWidget):
    picked = Signal(QListWidgetItem)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemClicked.connect(self.picked.emit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            item = self.currentItem()
            if item is not None:
                self.picked.emit(item)
            return
        super().keyPressEvent(event)


def tile_list(parent: QWidget, name: str, grid: QSize) -> PickList:
    lst = PickList(parent)
    lst.setObjectName(name)
    lst.setViewMode(QListView.ViewMode.IconMode)
    lst.setFlow(QListView.Flow.LeftToRight)
    lst.setWrapping(True)
    lst.setResizeMode(QListView.ResizeMode.Adjust)
    lst.setMovement(QListView.Movement.Static)
    lst.setGridSize(grid)
    lst.setUniformItemSizes(True)
    lst.setWordWrap(True)
    lst.setSpacing(0)
    lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return lst
