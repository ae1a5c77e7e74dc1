"""What every back-office page is given: who is signed in, and a way to ask the domain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.backoffice.actor import Actor
from ui.errors import user_message
from ui.ops import OpRunner


class BackofficeContext(QObject):
    """The signed-in actor and the window's operation runner.

    ``run`` sends a domain call to the worker thread; its result comes back on the GUI thread.
    An error is shown in the window's banner unless the caller handles it (``on_error``).
    """

    message = Signal(str, str)  # level (info | warning | error), text: shown in the banner
    actor_changed = Signal(object)  # Actor | None
    data_changed = Signal(str)  # a page changed something others may show ("merchants", ...)

    def __init__(self, runner: OpRunner | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner or OpRunner("backoffice", timeout_s=120.0)
        self.actor: Actor | None = None

    def set_actor(self, actor: Actor | None) -> None:
        self.actor = actor
        self.actor_changed.emit(actor)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        self.runner.submit(fn, on_done, on_error or self.show_error)

    def call(self, fn: Callable[..., Any], *args: Any,
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, **kwargs: Any) -> None:
        """``fn(actor, *args, **kwargs)`` on the worker: a back-office service, scoped to the
        signed-in actor."""
        actor = self.actor
        if actor is None:
            return
        self.run(lambda: fn(actor, *args, **kwargs), on_done, on_error)

    def show_error(self, exc: BaseException) -> None:
        self.message.emit("error", user_message(exc))

    def inform(self, text: str) -> None:
        self.message.emit("info", text)

    def shutdown(self) -> None:
        self.runner.shutdown()
