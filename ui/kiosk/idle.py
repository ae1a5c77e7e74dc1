"""The kiosk's idle watcher: any touch, click or key resets it; after ``idle_s`` it asks
"still there?" with a ``countdown_s`` countdown, then the session ends."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
             QEvent.Type.TabletPress, QEvent.Type.Wheel}


class IdleWatcher(QObject):
    ask = Signal(int)  # seconds left: show or update the "still there?" question
    resumed = Signal()  # the shopper touched the screen while asked
    expired = Signal()  # nobody answered: wipe the session

    def __init__(self, idle_s: int = 60, countdown_s: int = 15,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_s, self.countdown_s = idle_s, countdown_s
        self.left = 0
        self.armed = False
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self._start_countdown)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count)
        QApplication.instance().installEventFilter(self)

    def arm(self) -> None:
        """Watch from now on (a shopper's session started)."""
        self.armed = True
        self.poke()

    def disarm(self) -> None:
        """Stop watching (back on the attract screen)."""
        self.armed = False
        self._idle.stop()
        self._tick.stop()
        self.left = 0

    def asking(self) -> bool:
        return self._tick.isActive()

    def poke(self) -> None:
        if not self.armed:
            return
        if self._tick.isActive():
            self._tick.stop()
            self.resumed.emit()
        self._idle.start(self.idle_s * 1000)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self.armed and event.type() in _ACTIVITY:
            self.poke()
        return False

    def _start_countdown(self) -> None:
        self.left = self.countdown_s
        self.ask.emit(self.left)
        self._tick.start()

    def _count(self) -> None:
        self.left -= 1
        if self.left > 0:
            self.ask.emit(self.left)
            return
        self._tick.stop()
        self.armed = False
        self.expired.emit()

    def shutdown(self) -> None:
        self.disarm()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
