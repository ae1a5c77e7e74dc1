"""Arrival notices on the till: members the store's greeter recognised at the door.

Polls the database (app.reception.till_notices: one indexed query on Visit) every couple of
seconds, so a greeter in another process reaches every till of the store. No face code is
imported here: the till's cold start stays light.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from app.clock import utcnow
from app.reception.till_notices import arrivals_since
from ui.widgets.i18n import tier_name, translate

POLL_MS = 2000


def arrival_text(notice: Any) -> str:
    return translate("Arrivals", "{0} arrived ({1}, {2} points)").format(
        notice.name, tier_name(notice.tier), f"{notice.points:,}".replace(",", " "))


class ArrivalWatcher(QObject):
    def __init__(self, session: Any, banner: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.banner = banner
        self.seen: int | None = None  # newest visit id looked at; None until the first look
        self.started_at = utcnow()
        self.waiting: list[Any] = []  # notices held while the banner shows a problem
        self.shown: list[str] = []
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.started_at = utcnow()  # arrivals from now on are announced
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        till = self.session.till
        if till is None or self._busy or self.session.runner.pending:
            self._show_waiting()
            return  # a sale in flight goes first; the next tick catches up
        store_id, seen, since = till.store_id, self.seen, self.started_at
        self._busy = True
        self.session.submit(lambda: arrivals_since(store_id, seen, since), self._arrived,
                            self._failed)

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False  # the session's own database check reports an outage

    def _arrived(self, result: tuple[list[Any], int]) -> None:
        self._busy = False
        notices, self.seen = result
        self.waiting.extend(notices)
        self._show_waiting()

    def _show_waiting(self) -> None:
        if not self.waiting:
            return
        if self.banner.isVisible() and self.banner.level in ("error", "warning"):
            return  # never hide a problem the cashier has to see; shown once it is dismissed
        text = "  ·  ".join(arrival_text(n) for n in self.waiting[-3:])
        self.waiting.clear()
        self.shown.append(text)
        self.banner.show_message("info", text)
