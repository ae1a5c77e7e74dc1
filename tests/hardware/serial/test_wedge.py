"""The keyboard-wedge detector: scanner bursts become one ``scanned`` event and never reach
the focused widget; people typing slowly are not disturbed; card-reader bursts are routed to
``card_read``. Keys are delivered as the window system does: to the top-level window."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from hardware.cardreader import CardKind, WedgeCardReader, make_card_reader
from hardware.wedge import WedgeDetector, make_wedge

PAN = "4111111111111111"
SWIPE_T1 = f"%B{PAN}^DOE/JOHN^2512101000000000?"
SWIPE_T2 = f";{PAN}=25121010000000000?"


class KeyCounter(QObject):
    """Counts key events that reach a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            self.count += 1
        return False


class Till:
    """A window with a text field that has the focus, and a keyboard that types into it."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.window = QWidget()
        layout = QVBoxLayout(self.window)
        self.edit = QLineEdit()
        self.button = QPushButton("Pay")
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.window.activateWindow()
        self.edit.setFocus()
        self.returns = 0
        self.edit.returnPressed.connect(self._returned)
        self.reached = KeyCounter()
        self.edit.installEventFilter(self.reached)
        self.clock = 100_000  # event timestamps, ms

    def _returned(self) -> None:
        self.returns += 1

    def key(
        self, key: int, text: str, *, shift: bool = False, gap_ms: int = 2, wait: bool = False
    ) -> None:
        self.clock += gap_ms
        mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        target = self.window.windowHandle()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            ev = QKeyEvent(kind, key, mods, text)
            ev.setTimestamp(self.clock)
            QCoreApplication.sendEvent(target, ev)
        if wait:  # a person typing: the gap is real time, which the detector measures too
            self.qtbot.wait(gap_ms)

    def type(self, text: str, *, gap_ms: int = 2, enter: bool = False, wait: bool = False) -> None:
        for ch in text:
            self.key(ord(ch.upper()), ch, shift=ch.isupper(), gap_ms=gap_ms, wait=wait)
        if enter:
            self.key(Qt.Key.Key_Return, "\r", gap_ms=gap_ms, wait=wait)

    def settle(self, detector: WedgeDetector) -> None:
        """Wait until the detector has decided every burst typed so far (a scan, a card, or
        keys given back to the text field): what reached the window is then final."""
        self.qtbot.waitUntil(lambda: detector.idle, timeout=3000)


@pytest.fixture
def till(qtbot: Any) -> Till:
    return Till(qtbot)


@pytest.fixture
def wedge(qapp: Any) -> Iterator[WedgeDetector]:
    detector = WedgeDetector()
    detector.start(qapp)
    yield detector
    detector.stop()


class Events:
    def __init__(self, detector: WedgeDetector) -> None:
        self.scans: list[str] = []
        self.cards: list[Any] = []
        detector.scanned.connect(self.scans.append)
        detector.card_read.connect(self.cards.append)


def test_fast_burst_is_one_scan_and_swallowed(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    till.type("4006381333931", enter=True)
    till.settle(wedge)
    assert ev.scans == ["4006381333931"]
    assert till.edit.text() == ""
    assert till.returns == 0
    assert till.reached.count == 0  # not one press or release reached the text field


def test_slow_typing_passes_through(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    till.type("abc", gap_ms=120, wait=True)
    till.settle(wedge)
    assert till.edit.text() == "abc"
    till.key(Qt.Key.Key_Return, "\r", gap_ms=150, wait=True)
    till.settle(wedge)
    assert till.returns == 1
    assert ev.scans == []


def test_typing_a_percent_sign_slowly_is_not_a_card(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    till.type("%;5", gap_ms=100, wait=True)
    till.settle(wedge)
    assert till.edit.text() == "%;5"
    assert ev.cards == [] and ev.scans == []


def test_fast_but_short_burst_is_typing(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    till.type("12", enter=True)
    till.settle(wedge)
    assert ev.scans == []
    assert till.edit.text() == "12" and till.returns == 1


def test_other_keys_end_a_burst(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    till.type("abcd")
    till.key(Qt.Key.Key_Backspace, "\b")
    till.settle(wedge)
    assert till.edit.text() == "abc"
    assert ev.scans == []


def test_uppercase_with_shift_presses_in_between(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    for ch in "AB-12":
        if ch.isupper():
            till.key(Qt.Key.Key_Shift, "")
        till.key(ord(ch), ch, shift=ch.isupper())
    till.key(Qt.Key.Key_Tab, "\t")
    till.settle(wedge)
    assert ev.scans == ["AB-12"]
    assert till.edit.text() == ""


def test_scan_wherever_focus_is(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    till.button.setFocus()
    clicked: list[bool] = []
    till.button.clicked.connect(lambda: clicked.append(True))
    till.type("9 87654 32", enter=True)  # spaces would press the button if they got through
    till.settle(wedge)
    assert ev.scans == ["9 87654 32"]
    assert clicked == []


def test_scans_back_to_back_and_between_typing(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    till.type("x", gap_ms=200, wait=True)
    till.type("11111111", enter=True)
    till.type("22222222", enter=True)
    till.type("y", gap_ms=200, wait=True)
    till.settle(wedge)
    assert ev.scans == ["11111111", "22222222"]
    assert till.edit.text() == "xy"


def test_prefix_and_suffix_stripped(till: Till, qapp: Any) -> None:
    detector = make_wedge({"prefix": "]E0", "suffix": "#", "min_length": 8})
    detector.start(qapp)
    try:
        ev = Events(detector)
        till.type("]E04006381333931#", enter=True)
        till.type("]E096385074", enter=True)  # suffix absent: only the prefix goes
        till.settle(detector)
        assert ev.scans == ["4006381333931", "96385074"]
        assert till.edit.text() == ""
    finally:
        detector.stop()


def test_no_terminator_mode(till: Till, qapp: Any) -> None:
    detector = make_wedge({"terminator_required": False})
    detector.start(qapp)
    try:
        ev = Events(detector)
        till.type("12345678")
        till.settle(detector)
        assert ev.scans == ["12345678"]
        assert till.edit.text() == ""
    finally:
        detector.stop()


def test_card_swipe_is_routed_to_card_read(
    till: Till, wedge: WedgeDetector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ev = Events(wedge)
    till.type(SWIPE_T1, enter=True)
    till.type(SWIPE_T2, enter=True)  # a reader that sends Enter after each track
    till.settle(wedge)
    assert ev.scans == []
    assert len(ev.cards) == 1
    read = ev.cards[0]
    assert read.kind == CardKind.PAYMENT and read.last4 == "1111" and read.number is None
    assert till.edit.text() == "" and till.reached.count == 0
    assert PAN not in caplog.text and PAN not in repr(read)


def test_card_swipe_without_enter_and_unreadable_marker(till: Till, wedge: WedgeDetector) -> None:
    ev = Events(wedge)
    till.type("%E?;E?")
    till.settle(wedge)
    assert [c.kind for c in ev.cards] == [CardKind.UNREADABLE]
    assert till.edit.text() == ""


def test_wedge_card_reader_classifies_members(till: Till, wedge: WedgeDetector) -> None:
    reader = make_card_reader(
        {"kind": "wedge", "member_ranges": [["880000", "889999"]]}, wedge=wedge
    )
    assert isinstance(reader, WedgeCardReader)
    reads: list[Any] = []
    reader.card_read.connect(reads.append)
    statuses: list[str] = []
    reader.status_changed.connect(lambda st, _d: statuses.append(st))
    reader.start()
    try:
        till.type(";8800001234567?", enter=True)
        till.settle(wedge)
        assert [(r.kind, r.number) for r in reads] == [(CardKind.MEMBER, "8800001234567")]
        assert statuses == ["connected"]
    finally:
        reader.stop()


def test_nfc_prefix(till: Till, qapp: Any) -> None:
    detector = make_wedge({"nfc_prefix": "N:"})
    detector.start(qapp)
    try:
        ev = Events(detector)
        till.type("N:04A224B2", enter=True)
        till.settle(detector)
        assert [(c.kind, c.number) for c in ev.cards] == [(CardKind.NFC, "04A224B2")]
        assert ev.scans == []
    finally:
        detector.stop()


def test_stop_gives_back_held_keys(till: Till, qapp: Any) -> None:
    detector = WedgeDetector(max_gap_ms=500)
    detector.start(qapp)
    till.type("ab")
    detector.stop()
    assert till.edit.text() == "ab"
    till.type("cd", enter=True)  # uninstalled: keys go straight through
    assert till.edit.text() == "abcd"


def test_config_errors() -> None:
    with pytest.raises(ValueError, match="unknown key"):
        make_wedge({"gap": 30})
    with pytest.raises(ValueError, match="terminators"):
        make_wedge({"terminators": ["space"]})
