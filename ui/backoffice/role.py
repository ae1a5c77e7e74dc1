"""``--role backoffice``: the back-office window and its operation runner."""

from __future__ import annotations

import logging

from app.config import TerminalConfig
from ui.app import show_on_screen
from ui.backoffice.context import BackofficeContext
from ui.backoffice.window import BackofficeWindow
from ui.message_dispatch import message_dispatch
from ui.widgets.i18n import current_language

log = logging.getLogger(__name__)


class BackofficeRole:
    def __init__(self, cfg: TerminalConfig, *, demo: bool = False) -> None:
        self.cfg = cfg
        self.demo = demo
        self.ctx = BackofficeContext()
        self.window = BackofficeWindow(self.ctx)
        self.window.language_requested.connect(self.toggle_language)
        self.messages = message_dispatch()  # the outbox, when this terminal has providers

    def show(self) -> None:
        if self.messages is not None:
            self.messages.start()
        show_on_screen(self.window, self.cfg.fullscreen)
        self.window.sign_in.code.setFocus()

    def shutdown(self) -> None:
        if self.messages is not None:
            self.messages.stop()
        self.window.close()
        self.ctx.shutdown()

    def self_check(self) -> tuple[bool, str]:
        if not self.window.isVisible():
            return False, "back-office window not shown"
        from ui.backoffice.pages import PAGES

        broken = []
        for spec in PAGES:  # every page's module imports (a broken one fails here, not later)
            try:
                spec.load()
            except Exception as exc:
                broken.append(f"{spec.key}: {exc}")
        if broken:
            return False, "pages that cannot open: " + "; ".join(broken)
        return True, f"back office up, {len(PAGES)} pages"

    def device_report(self, timeout_s: float) -> list[tuple[str, bool, str]]:
        return []  # the back office uses no store devices

    def toggle_language(self) -> None:
        from ui.app import set_language

        set_language("zh_CN" if current_language() == "en" else "en")
