"""``--role guide``: the guide-mode window, its devices (a scanner) and its operation runner.
The config's terminal (optional) says where the scans happen; it must be registered."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from app.config import TerminalConfig
from app.pointcodes import guide_desk
from ui.app import show_on_screen
from ui.devices import make_hub
from ui.guide.window import GuideWindow
from ui.ops import OpRunner
from ui.widgets.i18n import current_language

log = logging.getLogger(__name__)


class GuideRole:
    def __init__(self, cfg: TerminalConfig, *, demo: bool = False, hub: Any = None,
                 state_dir: Path | None = None) -> None:
        self.cfg = cfg
        self.demo = demo
        terminal = guide_desk.terminal_id(cfg.terminal)
        self._owns_hub = hub is None
        self.hub = hub if hub is not None else make_hub(cfg, state_dir)
        self.runner = OpRunner("guide")
        self.window = GuideWindow(self.runner, self.hub, terminal,
                                  guide_desk.store_name(terminal))
        self.window.language_requested.connect(self.toggle_language)
        self._started = False

    def show(self) -> None:
        if not self._started and self._owns_hub:
            self._started = True
            try:
                self.hub.start()
            except Exception:  # typed codes still work; the scanner's status says why not
                log.exception("guide screen devices failed to start")
        show_on_screen(self.window, self.cfg.fullscreen)
        self.window.code.setFocus()

    def shutdown(self) -> None:
        self.window.close()
        self.window.deleteLater()  # on the GUI thread, not whenever (wherever) Python collects it
        if self._owns_hub and self._started:
            try:
                self.hub.stop()
            except Exception:
                log.exception("guide screen devices did not stop cleanly")
        self.runner.shutdown()

    def self_check(self) -> tuple[bool, str]:
        if not self.window.isVisible():
            return False, "guide window not shown"
        return True, "guide screen up" + (f" at {self.window.place}" if self.window.place
                                          else "")

    def device_report(self, timeout_s: float) -> list[tuple[str, bool, str]]:
        try:
            return list(self.hub.report(timeout_s))
        except Exception as exc:
            return [("devices", False, str(exc))]

    def toggle_language(self) -> None:
        from ui.app import set_language

        set_language("zh_CN" if current_language() == "en" else "en")
