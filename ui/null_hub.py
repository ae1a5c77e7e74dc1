"""A device hub with no devices: the till still sells (typed codes, search, tiles) when the
hub cannot be built, and the status bar says why."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class NullHub(QObject):
    scanned = Signal(str)
    card_read = Signal(object)
    weight = Signal(int, bool)
    stable_weight = Signal(int)
    status_changed = Signal(str, str, str)
    printed = Signal(str)
    print_failed = Signal(str, str)

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = reason
        self.simulators: dict[str, object] = {}

    def start(self) -> None:
        self.status_changed.emit("devices", "error", self.reason)

    def stop(self) -> None:
        pass

    def statuses(self) -> dict[str, tuple[str, str]]:
        return {"devices": ("error", self.reason)}

    def submit_print(self, job: dict) -> None:
        self.print_failed.emit(str(job.get("job_id", "")), self.reason)

    def kick_drawer(self) -> None:
        pass

    def report(self, timeout_s: float) -> list[tuple[str, bool, str]]:
        return [("devices", False, self.reason)]
