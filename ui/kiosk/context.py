"""What every kiosk screen is given: the kiosk, the devices, a way to ask the domain, and the
shopper's session (wiped on idle)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.kiosk.terminal import KioskInfo
from ui.errors import user_message
from ui.ops import OpRunner


@dataclass
class ShopperSession:
    """Who is at the kiosk now. Only ids and what is on screen; wiped when they leave."""

    member_id: int | None = None
    member_name: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # a flow's own state, by flow key


class KioskContext(QObject):
    wiped = Signal()
    message = Signal(str, str)  # level, text: the window shows it
    session_changed = Signal()

    def __init__(self, kiosk: KioskInfo, hub: QObject, runner: OpRunner | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.hub = hub
        self.runner = runner or OpRunner("kiosk")
        self.session = ShopperSession()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        self.runner.submit(fn, on_done, on_error or self.show_error)

    def show_error(self, exc: BaseException) -> None:
        self.message.emit("error", user_message(exc))

    def identify(self, member_id: int, name: str) -> None:
        self.session.member_id, self.session.member_name = member_id, name
        self.session_changed.emit()

    def wipe(self) -> None:
        """Forget the shopper: a new, empty session; screens clear what they show."""
        self.session = ShopperSession()
        self.wiped.emit()
        self.session_changed.emit()

    def shutdown(self) -> None:
        self.runner.shutdown()
