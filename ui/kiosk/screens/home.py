"""The home screen: one large tile per flow (ui.kiosk.flows), and "finish"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.kiosk.context import KioskContext
from ui.kiosk.flows import FLOWS, FlowSpec
from ui.kiosk.screen import KioskScreen
from ui.widgets.i18n import translate
from ui.widgets.scaling import px


class HomeScreen(KioskScreen):
    chosen = Signal(object)  # FlowSpec
    finished = Signal()

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskHome")
        self.greeting = QLabel(objectName="homeGreeting")
        self.greeting.setWordWrap(True)
        self.tiles: dict[str, QPushButton] = {}
        self.grid = QGridLayout()
        for spec in FLOWS:
            tile = QPushButton(objectName=f"flow_{spec.key}")
            tile.setProperty("class", "kioskTile")
            tile.setMinimumHeight(px(160))
            tile.clicked.connect(lambda _=False, s=spec: self.chosen.emit(s))
            self.tiles[spec.key] = tile
        self.finish = QPushButton(objectName="homeFinish")
        self.finish.setMinimumHeight(px(72))
        self.finish.clicked.connect(self.finished)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.finish)
        ctx.session_changed.connect(self.retranslate)
        self._columns = 0
        self.retranslate()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        columns = 1 if self.width() < self.height() else 2  # portrait: one column
        if columns != self._columns:
            self._columns = columns
            for i, spec in enumerate(FLOWS):
                self.grid.addWidget(self.tiles[spec.key], i // columns, i % columns)
        super().resizeEvent(event)

    def tile(self, spec: FlowSpec) -> QPushButton:
        return self.tiles[spec.key]

    def retranslate(self) -> None:
        name = self.ctx.session.member_name
        self.greeting.setText(translate("KioskHome", "Hello, {0}. What would you like to do?")
                              .format(name) if name else
                              translate("KioskHome", "What would you like to do?"))
        for spec in FLOWS:
            self.tiles[spec.key].setText(f"{spec.shown_title()}\n{spec.shown_subtitle()}")
        self.finish.setText(translate("KioskHome", "Finish"))
