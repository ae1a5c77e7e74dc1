"""Asking a manager to approve a till action: the shared PIN pad, bound to this till's
session and to the action's target (``sale:<id>``, ``cart:<uuid>``, ``shift:<id>``…)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.cashier.session import TillSession
from ui.widgets.pin_pad import PinDialog


def request_approval(parent: QWidget, session: TillSession, action: str,
                     on_approved: Callable[[Any], None], *, detail: str = "",
                     target: str = "") -> PinDialog:
    """Open the PIN pad for ``action`` on ``target``; ``on_approved(approval)`` runs once a
    manager approved it (the approval is used up by the service that does the action)."""

    def approve(pin: str, on_done: Callable[[Any], None],
                on_error: Callable[[BaseException], None]) -> None:
        session.approve(action, pin, target, on_done, on_error)

    dialog = PinDialog(approve, action, detail, parent)
    dialog.approved.connect(on_approved)
    dialog.open()
    return dialog
