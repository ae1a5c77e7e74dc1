"""Keyboard-wedge detection: telling a barcode scanner (or card reader) from a person typing.

A USB scanner in keyboard mode "types" a whole code in a few milliseconds and ends it with
Enter or Tab; a person leaves 50-300 ms between keys. :class:`WedgeDetector` is an event filter
on the application object (QtCore only: it reads ``event.type()``, ``event.key()``,
``event.text()``). It holds back each printable key press for at most ``max_gap_ms``:

* if the keys keep coming faster than ``max_gap_ms`` and end with a terminator, and there are
  at least ``min_length`` of them, the burst is a scan: the keystrokes are swallowed (they
  never reach the focused text field), prefix/suffix are stripped, and one ``scanned(str)``
  is emitted, wherever the focus is;
* otherwise (a pause longer than ``max_gap_ms``, another key such as Backspace, too short) the
  held keys are replayed, unchanged and in order, to the object that would have received
  them: slow typing passes through, ``max_gap_ms`` late at most.

Bursts that start with a magstripe sentinel (``%`` track 1, ``;`` track 2) — or with the
configured ``nfc_prefix`` — come from a card reader: they are classified by ``card_classifier``
and emitted as ``card_read(CardRead)`` instead; the raw track text is never emitted or logged.
A track-2 burst that follows a track-1 burst at once is merged into the same swipe.

Install one detector per application (``start()``), before any window takes keyboard focus.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

from hardware.cardreader.card import CardClassifier, CardKind, CardRead

log = logging.getLogger(__name__)

_TERMINATOR_KEYS = {
    "enter": (Qt.Key.Key_Return, Qt.Key.Key_Enter),
    "tab": (Qt.Key.Key_Tab,),
}
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_CARD_SENTINELS = ("%", ";")
_KEY_PRESS = QEvent.Type.KeyPress
_KEY_RELEASE = QEvent.Type.KeyRelease


class WedgeDetector(QObject):
    """Application-wide event filter separating scanner bursts from typing."""

    scanned = Signal(str)
    card_read = Signal(object)  # CardRead

    def __init__(
        self,
        *,
        max_gap_ms: int = 30,
        min_length: int = 4,
        terminators: tuple[str, ...] | list[str] = ("enter", "tab"),
        terminator_required: bool = True,
        prefix: str = "",
        suffix: str = "",
        nfc_prefix: str = "",
        use_event_timestamps: bool = True,
        card_classifier: CardClassifier | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if max_gap_ms <= 0:
            raise ValueError("max_gap_ms must be positive")
        if min_length < 1:
            raise ValueError("min_length must be >= 1")
        unknown = set(terminators) - set(_TERMINATOR_KEYS)
        if unknown:
            raise ValueError(f"unknown terminators {sorted(unknown)}; use enter and/or tab")
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.terminator_required = terminator_required
        self.prefix = prefix
        self.suffix = suffix
        self.nfc_prefix = nfc_prefix
        self.use_event_timestamps = use_event_timestamps
        self.card_classifier = card_classifier or CardClassifier()
        self._term_keys = frozenset(k for name in terminators for k in _TERMINATOR_KEYS[name])
        self._max_gap = max_gap_ms / 1000
        self._installed_on: QCoreApplication | None = None
        self._replaying = False
        # the burst being held back
        self._held: list[Any] = []  # cloned key events, presses and releases, in order
        self._chars: list[str] = []
        self._down: Counter[int] = Counter()  # held presses whose release has not come yet
        self._target: QObject | None = None
        self._last_mono = 0.0
        self._last_stamp = 0
        self._rearmed = False
        self._swallow_release: Counter[int] = Counter()
        self._gap_timer = QTimer(self)
        self._gap_timer.setSingleShot(True)
        self._gap_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._gap_timer.timeout.connect(self._on_gap_timeout)
        # a card swipe waiting for a possible next track
        self._card_text: str | None = None
        self._card_timer = QTimer(self)
        self._card_timer.setSingleShot(True)
        self._card_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._card_timer.timeout.connect(self._emit_card)

    def __repr__(self) -> str:
        return f"WedgeDetector(max_gap_ms={self.max_gap_ms}, min_length={self.min_length}, installed={self.installed})"

    # -- life cycle --------------------------------------------------------------------------
    @property
    def installed(self) -> bool:
        return self._installed_on is not None

    @property
    def idle(self) -> bool:
        """Holding no keys and waiting for no card track: every burst so far is decided
        (delivered as a scan or card, or replayed as typing)."""
        return not self._held and not self._gap_timer.isActive() and self._card_text is None

    def start(self, app: QCoreApplication | None = None) -> None:
        """Install on the application (idempotent)."""
        if self._installed_on is not None:
            return
        app = app or QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before starting the wedge detector")
        app.installEventFilter(self)
        self._installed_on = app

    def stop(self, timeout_s: float = 0.0) -> None:
        """Uninstall; keys still held are replayed, a pending card is emitted."""
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None
        self._gap_timer.stop()
        if self._held:
            self._replay()
        if self._card_text is not None:
            self._emit_card()

    # -- the filter ----------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        etype = event.type()
        if (etype != _KEY_PRESS and etype != _KEY_RELEASE) or self._replaying:
            return False
        try:
            if etype == _KEY_PRESS:
                return self._on_press(obj, event)
            return self._on_release(event)
        except Exception:  # a bug here must never eat the keyboard
            log.exception("wedge detector failed; passing the key through")
            self._reset_burst()
            return False

    def _on_press(self, obj: QObject, ev: Any) -> bool:
        key = int(ev.key())
        if key in _MODIFIER_KEYS:
            return False  # Shift between the characters of a scan: neither breaks nor joins
        if ev.isAutoRepeat():
            if self._held:
                self._replay()
            return False
        mono, stamp = time.monotonic(), self._stamp(ev)
        if self._held and self._gap(mono, stamp) > self._max_gap:
            self._replay()  # a person: the pause was too long
        if key in self._term_keys:
            if self._held:
                return self._finish(ev, terminated=True)
            return False
        text = ev.text()
        if len(text) == 1 and text.isprintable() and not (ev.modifiers() & _COMMAND_MODIFIERS):
            if not self._held:
                self._begin(obj, text, mono, stamp)
            self._held.append(_copy_key_event(ev))
            self._chars.append(text)
            self._down[key] += 1
            self._last_mono, self._last_stamp = mono, stamp
            self._rearmed = False
            self._gap_timer.start(self.max_gap_ms)
            return True
        if self._held:  # Backspace, arrows, Ctrl+C...: a person at the keyboard
            self._replay()
        return False

    def _on_release(self, ev: Any) -> bool:
        key = int(ev.key())
        if self._held and self._down[key] > 0:
            self._down[key] -= 1
            self._held.append(_copy_key_event(ev))
            return True
        if self._swallow_release[key] > 0:
            self._swallow_release[key] -= 1
            return True
        return False

    # -- bursts --------------------------------------------------------------------------------
    def _stamp(self, ev: Any) -> int:
        if not self.use_event_timestamps:
            return 0
        try:
            return int(ev.timestamp())
        except (AttributeError, TypeError):
            return 0

    def _gap(self, mono: float, stamp: int) -> float:
        if stamp > 0 and self._last_stamp > 0 and stamp >= self._last_stamp:
            return (stamp - self._last_stamp) / 1000
        return mono - self._last_mono

    def _begin(self, obj: QObject, first: str, mono: float, stamp: int) -> None:
        self._target = obj
        obj.destroyed.connect(self._target_destroyed)
        if self._card_text is not None:
            follows = first in (";", "+") and self._card_timer.isActive()
            if follows:
                self._card_timer.stop()  # the next track of the same swipe is coming
            else:
                self._emit_card()

    def _target_destroyed(self) -> None:
        self._target = None

    def _release_target(self) -> QObject | None:
        target, self._target = self._target, None
        if target is not None:
            try:
                target.destroyed.disconnect(self._target_destroyed)
            except (RuntimeError, TypeError):
                pass
        return target

    def _reset_burst(self) -> None:
        self._gap_timer.stop()
        self._held.clear()
        self._chars.clear()
        self._down.clear()
        self._release_target()

    def _on_gap_timeout(self) -> None:
        if not self._held:
            return
        late = time.monotonic() - self._last_mono
        if late > 2 * self._max_gap + 0.02 and not self._rearmed:
            # the GUI thread was busy: keys may be queued behind this timer; look once more
            self._rearmed = True
            self._gap_timer.start(self.max_gap_ms)
            return
        raw = "".join(self._chars)
        card_complete = raw.startswith(_CARD_SENTINELS) and raw.endswith("?") and len(raw) >= 3
        if card_complete or not self.terminator_required:
            self._finish(None, terminated=False)
        else:
            self._replay()

    def _finish(self, terminator: Any, *, terminated: bool) -> bool:
        """End of a fast burst: deliver it as a scan/card, or replay it as typing."""
        raw = "".join(self._chars)
        text = self._strip(raw)
        is_card = text.startswith(_CARD_SENTINELS) or (
            bool(self.nfc_prefix) and raw.startswith(self.nfc_prefix)
        )
        long_enough = len(text) >= (3 if is_card else self.min_length)
        if not long_enough:
            self._replay()
            return False  # the terminator follows the replayed keys
        self._swallow_release.update(+self._down)
        if terminator is not None:
            self._swallow_release[int(terminator.key())] += 1
        self._reset_burst()
        if self.nfc_prefix and raw.startswith(self.nfc_prefix):
            uid = raw[len(self.nfc_prefix) :]
            if self.suffix and uid.endswith(self.suffix):
                uid = uid[: -len(self.suffix)]
            self._deliver_card(self.card_classifier.classify_uid(uid))
        elif text.startswith(_CARD_SENTINELS):
            self._card_text = (self._card_text or "") + text
            self._card_timer.start(2 * self.max_gap_ms)
        else:
            if self._card_text is not None:
                self._emit_card()
            self.scanned.emit(text)
        return True

    def _strip(self, raw: str) -> str:
        text = raw
        if self.prefix and text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        if self.suffix and text.endswith(self.suffix):
            text = text[: -len(self.suffix)]
        return text

    def _replay(self) -> None:
        """Give held keys back to where they were going: this was a person typing."""
        events = list(self._held)
        target = self._target
        self._reset_burst()
        if self._card_text is not None:
            self._emit_card()
        if target is None:
            return
        self._replaying = True
        try:
            for ev in events:
                QCoreApplication.sendEvent(target, ev)
        finally:
            self._replaying = False

    def _emit_card(self) -> None:
        self._card_timer.stop()
        text, self._card_text = self._card_text, None
        if text is not None:
            self._deliver_card(self.card_classifier.classify_swipe(text))

    def _deliver_card(self, read: CardRead) -> None:
        if read.kind is CardKind.UNREADABLE:
            log.info("wedge card read unreadable: %s", read.detail)
        self.card_read.emit(read)


def _copy_key_event(ev: Any) -> Any:
    """A Python-owned copy of a key event, to replay later. ``QEvent.clone()`` would return a
    copy Python does not own (leaked); building one through the event's own class needs no
    QtGui import here."""
    copy = type(ev)(
        ev.type(),
        ev.key(),
        ev.modifiers(),
        ev.nativeScanCode(),
        ev.nativeVirtualKey(),
        ev.nativeModifiers(),
        ev.text(),
        ev.isAutoRepeat(),
        ev.count(),
    )
    copy.setTimestamp(ev.timestamp())
    return copy


WEDGE_KEYS = frozenset(
    {
        "max_gap_ms",
        "min_length",
        "terminators",
        "terminator_required",
        "prefix",
        "suffix",
        "nfc_prefix",
        "use_event_timestamps",
    }
)


def make_wedge(
    cfg: dict[str, object] | None = None, card_classifier: CardClassifier | None = None
) -> WedgeDetector:
    """``{"max_gap_ms": 30, "min_length": 4, "terminators": ["enter", "tab"],
    "terminator_required": true, "prefix": "", "suffix": "", "nfc_prefix": ""}`` -> a detector
    (call ``start()`` once the QApplication exists)."""
    cfg = dict(cfg or {})
    cfg.pop("kind", None)
    unknown = sorted(set(cfg) - WEDGE_KEYS)
    if unknown:
        raise ValueError(f"wedge config: unknown key(s) {unknown}; known: {sorted(WEDGE_KEYS)}")
    terminators = cfg.get("terminators", ("enter", "tab"))
    if not isinstance(terminators, list | tuple):
        raise ValueError('terminators must be a list such as ["enter", "tab"]')
    return WedgeDetector(
        max_gap_ms=int(str(cfg.get("max_gap_ms", 30))),
        min_length=int(str(cfg.get("min_length", 4))),
        terminators=tuple(str(t) for t in terminators),
        terminator_required=bool(cfg.get("terminator_required", True)),
        prefix=str(cfg.get("prefix", "")),
        suffix=str(cfg.get("suffix", "")),
        nfc_prefix=str(cfg.get("nfc_prefix", "")),
        use_event_timestamps=bool(cfg.get("use_event_timestamps", True)),
        card_classifier=card_classifier,
    )
