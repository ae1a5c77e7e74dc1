"""The back-office main window: sign-in, then a navigation list and one page at a time."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.backoffice.actor import Actor
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import Page
from ui.backoffice.pages import PAGES, PageSpec
from ui.backoffice.sign_in import SignInPage
from ui.widgets.banner import Banner
from ui.widgets.i18n import translate


class BackofficeWindow(QMainWindow):
    language_requested = Signal()

    def __init__(self, ctx: BackofficeContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("backofficeWindow")
        self.setMinimumSize(1024, 700)
        self.stack = QStackedWidget()
        self.sign_in = SignInPage(ctx)
        self.sign_in.signed_in.connect(self._signed_in)
        self.stack.addWidget(self.sign_in)
        self.main = QWidget(objectName="backofficeMain")
        self.stack.addWidget(self.main)
        self.setCentralWidget(self.stack)

        self.who = QLabel(objectName="signedInAs")
        self.language = QPushButton(objectName="languageButton")
        self.language.clicked.connect(self.language_requested)
        self.sign_out_button = QPushButton(objectName="signOutButton")
        self.sign_out_button.clicked.connect(self.sign_out)
        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(self.language)
        top.addWidget(self.sign_out_button)
        self.banner = Banner()
        ctx.message.connect(self.banner.show_message)
        self.nav = QListWidget(objectName="backofficeNav")
        self.nav.setFixedWidth(220)
        self.nav.currentRowChanged.connect(self._open_row)
        self.pages = QStackedWidget(objectName="backofficePages")
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        outer = QVBoxLayout(self.main)
        outer.addLayout(top)
        outer.addWidget(self.banner)
        outer.addLayout(body, 1)
        self.specs: list[PageSpec] = []
        self.opened: dict[str, Page] = {}
        self.retranslate()

    # -- signing in and out -------------------------------------------------------------------
    def _signed_in(self, actor: Actor) -> None:
        self.ctx.set_actor(actor)
        self.specs = [s for s in PAGES if actor.is_operator or not s.operator_only]
        self.nav.clear()
        for spec in self.specs:
            self.nav.addItem(QListWidgetItem(spec.shown_title()))
        self.stack.setCurrentWidget(self.main)
        self.retranslate()
        self.nav.setCurrentRow(0)

    def sign_out(self) -> None:
        """Forget the actor and every page (nothing of theirs stays on screen)."""
        self.ctx.set_actor(None)
        for page in self.opened.values():
            self.pages.removeWidget(page)
            page.deleteLater()
        self.opened.clear()
        self.specs = []  # clearing the list moves its current row: open nothing meanwhile
        self.nav.clear()
        self.banner.dismiss()
        self.stack.setCurrentWidget(self.sign_in)
        self.sign_in.code.setFocus()

    # -- pages --------------------------------------------------------------------------------
    def open_page(self, key: str) -> Page:
        """Show the page ``key`` (building it the first time) and return it."""
        index = next(i for i, s in enumerate(self.specs) if s.key == key)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        return self.opened[key]

    def current_page(self) -> Page | None:
        widget = self.pages.currentWidget()
        return widget if isinstance(widget, Page) else None

    def _open_row(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        spec = self.specs[row]
        page = self.opened.get(spec.key)
        if page is None:
            page = spec.load()(self.ctx)
            self.opened[spec.key] = page
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self.banner.dismiss()
        page.refresh()

    # -- language -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(translate("Backoffice", "Patron back office"))
        actor = self.ctx.actor
        if actor is not None:
            role = (translate("Backoffice", "coalition operator") if actor.is_operator
                    else translate("Backoffice", "merchant manager"))
            self.who.setText(translate("Backoffice", "{0} ({1})").format(actor.name, role))
        self.language.setText(translate("Backoffice", "English"))
        self.sign_out_button.setText(translate("Backoffice", "Sign out"))
        for i, spec in enumerate(self.specs):
            item = self.nav.item(i)
            if item is not None:
                item.setText(spec.shown_title())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
