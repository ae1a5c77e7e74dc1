"""The first page after sign-in: who is signed in and what they look after."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.backoffice.overview import Overview, overview
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import Page
from ui.widgets.i18n import translate


class OverviewPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("overviewPage")
        self.heading = QLabel(objectName="pageHeading")
        self.body = QLabel(objectName="overviewBody")
        self.body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.data: Overview | None = None
        self.retranslate()

    def refresh(self) -> None:
        self.ctx.call(overview, on_done=self._show)

    def _show(self, data: Overview) -> None:
        self.data = data
        self.retranslate()

    def retranslate(self) -> None:
        actor = self.ctx.actor
        self.heading.setText(translate("Overview", "Welcome, {0}").format(
            actor.name if actor else ""))
        if self.data is None:
            self.body.setText("")
            return
        d = self.data
        scope = (translate("Overview", "You look after the whole coalition.")
                 if d.merchant_name is None else
                 translate("Overview", "You look after {0}.").format(d.merchant_name))
        self.body.setText(scope + "\n" + translate(
            "Overview", "Merchants: {0}   Stores: {1}   Terminals: {2}   Members: {3}").format(
            d.merchants, d.stores, d.terminals, d.members))
