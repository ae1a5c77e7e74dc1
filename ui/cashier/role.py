"""The cashier role: one till window (plus the customer display where configured), its
database worker, its devices and its cart journal."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer

from app.config import TerminalConfig, data_dir
from ui.app import show_on_screen
from ui.background_jobs import BackgroundJobs, on_terminal
from ui.cashier.journal import CartJournal
from ui.cashier.session import TillSession
from ui.cashier.window import CashierWindow
from ui.devices import make_hub
from ui.message_dispatch import message_dispatch
from ui.ops import OpRunner
from ui.widgets.i18n import current_language, translate

log = logging.getLogger(__name__)


def journal_path(cfg: TerminalConfig, folder: Path | None = None) -> Path:
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in (cfg.terminal or "default"))
    return (folder or data_dir()) / "till" / f"cart-{name}.json"


class CashierRole:
    def __init__(self, cfg: TerminalConfig, *, demo: bool = False, hub: QObject | None = None,
                 state_dir: Path | None = None) -> None:
        self.cfg = cfg
        self.demo = demo
        self.runner = OpRunner("cashier")
        self.hub = hub if hub is not None else make_hub(cfg, state_dir)
        self.journal = CartJournal(journal_path(cfg, state_dir))
        self.session = TillSession(cfg, self.runner, self.journal, self.hub)
        self.window = CashierWindow(self.session, self.hub)
        self.window.language_requested.connect(self.toggle_language)
        # Points expiry and its notices, off the GUI thread, on the designated till only.
        self.jobs = BackgroundJobs(on_terminal(
            lambda: self.session.till.terminal_code if self.session.till else ""))
        self.messages = message_dispatch()  # the outbox, when this till has providers
        self.customer_display: Any = None
        if cfg.customer_display:
            from ui.cashier.customer_display import CustomerDisplay

            self.customer_display = CustomerDisplay(self.session)
        self._old_hook: Any = None
        self._started = False

    # -- the Role protocol ------------------------------------------------------------------
    def show(self) -> None:
        self._install_excepthook()
        if not self._started:
            self._started = True
            try:
                self.hub.start()
            except Exception as exc:  # devices reconnect by themselves; never block selling
                log.exception("devices failed to start")
                self.window.banner.show_message("error", translate(
                    "Role", "The devices could not start: {0}").format(exc))
            self.session.open()
            self.jobs.start()
            if self.messages is not None:
                self.messages.start()
        show_on_screen(self.window, self.cfg.fullscreen)
        self.window.focus_entry()
        if self.customer_display is not None:
            self.customer_display.place()

    def shutdown(self) -> None:
        self.journal.close()
        self.jobs.stop()
        if self.messages is not None:
            self.messages.stop()
        try:
            self.hub.stop()
        except Exception:
            log.exception("devices did not stop cleanly")
        self.runner.shutdown()
        if self.customer_display is not None:
            self.customer_display.close()
        self.window.close()
        if self._old_hook is not None:
            sys.excepthook = self._old_hook
            self._old_hook = None

    def self_check(self, timeout_s: float = 5.0) -> tuple[bool, str]:
        if not self.window.isVisible():
            return False, "window not shown"
        model = self.window.cart.model
        try:
            model.rowCount()
        except RuntimeError as exc:
            return False, f"cart model gone: {exc}"
        if not self._wait(lambda: self.session.ready or bool(self.session.open_error), timeout_s) \
                or not self.session.ready:
            return False, f"the till could not open: {self.session.open_error or 'no answer'}"
        result: dict[str, Any] = {}
        till = self.session.till
        self.runner.submit(till.categories, lambda v: result.setdefault("ok", v),
                           lambda e: result.setdefault("error", e))
        if not self._wait(lambda: bool(result), timeout_s):
            return False, "catalogue did not answer"
        if "error" in result:
            return False, f"catalogue not reachable: {result['error']}"
        return True, (f"cashier window up, {len(self.session.cart.lines)} cart lines, "
                      f"{len(result['ok'])} categories")

    def device_report(self, timeout_s: float) -> list[tuple[str, bool, str]]:
        try:
            return list(self.hub.report(timeout_s))
        except Exception as exc:
            return [("devices", False, str(exc))]

    # -- language ----------------------------------------------------------------------------
    def toggle_language(self) -> None:
        from ui.app import set_language

        language = "zh_CN" if current_language() == "en" else "en"
        if not set_language(language) and language != "en":
            self.window.banner.show_message("warning", "中文翻译文件缺失 (patron_zh_CN.qm) — "
                                            "run scripts/build_translations.py")

    # -- helpers -----------------------------------------------------------------------------
    @staticmethod
    def _wait(predicate, timeout_s: float) -> bool:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.005)
        return True

    def _install_excepthook(self) -> None:
        if self._old_hook is not None:
            return
        self._old_hook = sys.excepthook
        banner = self.window.banner

        def hook(kind, value, tb):  # type: ignore[no-untyped-def]
            log.error("unexpected error in the till", exc_info=(kind, value, tb))
            try:
                from ui.errors import user_message

                QTimer.singleShot(0, lambda: banner.show_message("error", user_message(value)))
            except Exception:  # pragma: no cover - last resort
                pass

        sys.excepthook = hook
