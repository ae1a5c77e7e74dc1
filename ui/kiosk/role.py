"""``--role kiosk``: the kiosk window, its devices and its operation runner."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from app.config import TerminalConfig
from app.kiosk.terminal import open_kiosk
from ui.devices import make_hub
from ui.kiosk.context import KioskContext
from ui.kiosk.window import KioskWindow
from ui.widgets.i18n import current_language

log = logging.getLogger(__name__)


class KioskRole:
    def __init__(self, cfg: TerminalConfig, *, demo: bool = False, hub: Any = None,
                 state_dir: Path | None = None, idle_s: int = 60, countdown_s: int = 15) -> None:
        self.cfg = cfg
        self.demo = demo
        self.kiosk = open_kiosk(cfg.terminal)
        self._owns_hub = hub is None
        if demo and hub is None:  # the demo kiosk hands out cards from a simulated dispenser
            cfg.devices.setdefault("card_dispenser", {"kind": "simulator"})
        self.hub = hub if hub is not None else make_hub(cfg, state_dir)
        self.ctx = KioskContext(self.kiosk, self.hub)
        self.window = KioskWindow(self.ctx, idle_s=idle_s, countdown_s=countdown_s)
        self.window.language_requested.connect(self.toggle_language)
        self.window.leave_requested.connect(self.leave)
        self._started = False

    def show(self) -> None:
        if not self._started:
            self._started = True
            if self._owns_hub:
                try:
                    self.hub.start()
                except Exception:  # the out-of-order screen tells the shopper; staff see why
                    log.exception("kiosk devices failed to start")
            self.ctx.offers.start()  # type: ignore[attr-defined]
        self.window.showFullScreen()  # always: a kiosk has no desktop behind it
        self.window.raise_()
        self.window.activateWindow()

    def leave(self) -> None:
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        self.window.shutdown()
        self.window.may_close = True
        self.window.close()
        self.window.deleteLater()  # not left for interpreter exit, after the QApplication
        if self._owns_hub:
            try:
                self.hub.stop()
            except Exception:
                log.exception("kiosk devices did not stop cleanly")
        self.ctx.shutdown()

    def self_check(self) -> tuple[bool, str]:
        if not self.window.isVisible():
            return False, "kiosk window not shown"
        from ui.kiosk.flows import FLOWS

        broken = []
        for spec in FLOWS:
            try:
                spec.load()
            except Exception as exc:
                broken.append(f"{spec.key}: {exc}")
        if broken:
            return False, "flows that cannot open: " + "; ".join(broken)
        return True, (f"kiosk {self.kiosk.terminal_code} at {self.kiosk.store_name}, "
                      f"{len(FLOWS)} flows")

    def device_report(self, timeout_s: float) -> list[tuple[str, bool, str]]:
        try:
            return list(self.hub.report(timeout_s))
        except Exception as exc:
            return [("devices", False, str(exc))]

    def toggle_language(self) -> None:
        from ui.app import set_language

        set_language("zh_CN" if current_language() == "en" else "en")
