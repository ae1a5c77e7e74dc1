"""A serial card reader on a pty: ``swipe(text)`` types a magstripe swipe, ``tap(uid)`` an
NFC UID, both as a real serial reader sends them (a line ended by CR LF)."""

from __future__ import annotations

import os

from hardware.sim.pty import PtySimulator


class CardReaderSimulator(PtySimulator):
    def __init__(
        self,
        name: str = "card-reader",
        link_path: str | os.PathLike[str] | None = None,
        *,
        terminator: bytes = b"\r\n",
    ) -> None:
        super().__init__(name, link_path)
        self.terminator = terminator

    def __repr__(self) -> str:  # never show what was swiped
        return f"CardReaderSimulator({self.path!r}, {'plugged' if self.plugged else 'unplugged'})"

    def swipe(self, text: str, *, tracks_on_separate_lines: bool = False) -> bool:
        """Send a swipe such as ``%B...?;...?``. With ``tracks_on_separate_lines`` each track
        ends with its own terminator, as some readers do."""
        if tracks_on_separate_lines:
            parts = [p for p in _split_tracks(text)]
            data = b"".join(p.encode("ascii") + self.terminator for p in parts)
        else:
            data = text.encode("ascii") + self.terminator
        return self.write(data)

    def tap(self, uid_text: str) -> bool:
        """An NFC/RFID tag as the reader prints it (hex or decimal, per its configuration)."""
        return self.write(uid_text.encode("ascii") + self.terminator)

    def scan(self, text: str) -> bool:
        """Alias of :meth:`swipe` (the common simulator vocabulary)."""
        return self.swipe(text)


def _split_tracks(text: str) -> list[str]:
    parts: list[str] = []
    current = ""
    for ch in text:
        if ch in "%;+" and current.endswith("?"):
            parts.append(current)
            current = ""
        current += ch
    if current:
        parts.append(current)
    return parts
