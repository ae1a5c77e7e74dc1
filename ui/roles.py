"""Which window(s) each role opens. A role object owns its windows, devices and workers."""

from __future__ import annotations

from typing import Protocol

from app.config import TerminalConfig


class Role(Protocol):
    def show(self) -> None: ...
    def shutdown(self) -> None: ...
    def self_check(self) -> tuple[bool, str]: ...
    def device_report(self, timeout_s: float) -> list[tuple[str, bool, str]]: ...


def build_role(cfg: TerminalConfig, *, demo: bool) -> Role:
    if cfg.role == "cashier":
        from ui.cashier.role import CashierRole

        return CashierRole(cfg, demo=demo)
    if cfg.role == "backoffice":
        from ui.backoffice.role import BackofficeRole

        return BackofficeRole(cfg, demo=demo)
    if cfg.role == "kiosk":
        from ui.kiosk.role import KioskRole

        return KioskRole(cfg, demo=demo)
    if cfg.role == "guide":
        from ui.guide.role import GuideRole

        return GuideRole(cfg, demo=demo)
    if cfg.role == "greeter":
        from ui.greeter.role import GreeterRole

        return GreeterRole(cfg, demo=demo)
    if cfg.role == "devices":
        from ui.devices_screen import DevicesRole

        return DevicesRole(cfg, demo=demo)
    raise RuntimeError(f"the {cfg.role} role is not part of this release yet")
