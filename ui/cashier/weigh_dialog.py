"""Weighing a product sold by weight: waits for the scale to settle, then rings it up.

Only a stable weight counts (the scale's own motion flag); there is no way to type a weight.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.catalogue import ScanHit
from app.money import div_round
from ui.cashier.session import TillSession
from ui.widgets.dialog_base import PosDialog
from ui.widgets.i18n import product_name


class WeighDialog(PosDialog):
    weighed = Signal(object, int)  # ScanHit, grams

    def __init__(self, session: TillSession, hit: ScanHit, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="weighDialog")
        self.session = session
        self.hit = hit
        self.grams = 0
        self.stable = False
        self.product = QLabel(self)
        self.product.setObjectName("weighProduct")
        self.weight = QLabel(self)
        self.weight.setObjectName("weighWeight")
        self.weight.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = QLabel(self)
        self.state.setObjectName("weighState")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.product)
        self.body.addWidget(self.weight, 1)
        self.body.addWidget(self.state)
        self.ok_button = self.add_button("", self.take, role="primary", stretch=1)
        self.setMinimumWidth(420)
        session.weight_changed.connect(self._on_weight)
        self.finished.connect(self._disconnect)
        self.retranslate()

    def _disconnect(self) -> None:
        try:
            self.session.weight_changed.disconnect(self._on_weight)
        except (RuntimeError, TypeError):
            pass

    def _on_weight(self, grams: int, stable: bool) -> None:
        self.grams, self.stable = grams, stable
        self._show()
        if stable and grams > 0:
            self.take()

    def take(self) -> None:
        if not (self.stable and self.grams > 0) or not self.isVisible():
            return
        self.accept()
        self.weighed.emit(self.hit, self.grams)

    def _show(self) -> None:
        p = self.hit.product
        price = div_round(self.grams * p.price, 1000) if self.grams > 0 else 0
        self.weight.setText(f"{self.grams / 1000:.3f} kg   {self.session.money(price)}")
        self.ok_button.setEnabled(self.stable and self.grams > 0)
        if self.grams <= 0:
            self.state.setText(self.tr("Put the item on the scale."))
        elif not self.stable:
            self.state.setText(self.tr("Waiting for the scale to settle…"))
        else:
            self.state.setText(self.tr("Stable."))

    def retranslate(self) -> None:
        p = self.hit.product
        self.setWindowTitle(self.tr("Weigh"))
        self.heading.setText(self.tr("Weigh: {0}").format(product_name(p)))
        self.product.setText(self.tr("{0} per kg").format(self.session.money(p.price)))
        self.ok_button.setText(self.tr("Add"))
        self._show()
