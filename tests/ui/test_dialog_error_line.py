"""Every till dialog grows when its error line appears (ui/widgets/dialog_base.py), so a long
message never squeezes the keys under it — the fault first seen in the new-member dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

LONG = ("The database refused this change; nothing was saved. Call the manager, who can check "
        "the approval and try again from the history screen.")


@pytest.fixture(autouse=True)
def theme(qapp):
    """The till's real style sheet: its padded keys are what overflowed."""
    from ui.app import RESOURCES

    before = qapp.styleSheet()
    qapp.setStyleSheet((RESOURCES / "theme.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet(before)


def _overlapping(dialog: QWidget) -> list[tuple[str, str]]:
    leaves = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QAbstractButton | QLabel | QLineEdit) and w.isVisible() and w.height():
            leaves.append((w, QRect(w.mapToGlobal(w.rect().topLeft()), w.size())))
    bad = []
    for i, (a, ra) in enumerate(leaves):
        for b, rb in leaves[i + 1:]:
            if not (a.isAncestorOf(b) or b.isAncestorOf(a)) and ra.intersects(rb):
                bad.append((a.objectName() or a.text(), b.objectName() or b.text()))
    return bad


def _pin_pad(parent):
    from ui.widgets.pin_pad import PinDialog

    return PinDialog(lambda pin, done, failed: None, "refund", "Receipt MA-T1-000001", parent)


def _quantity(parent):
    from ui.cashier.entry_dialog import EntryDialog

    return EntryDialog("Quantity", "Coca-Cola 330ml", "quantity", parent=parent)


def _discount(parent):
    from ui.cashier.discount_dialog import DiscountDialog

    return DiscountDialog("Coca-Cola 330ml", 350, 35, lambda v: f"¥{v / 100:.2f}", parent=parent)


@pytest.mark.parametrize("make", [_pin_pad, _quantity, _discount],
                         ids=["pin_pad", "quantity", "discount"])
def test_an_error_line_never_squeezes_the_keys(qtbot, make):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1024, 768)
    parent.show()
    dialog = make(parent)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert not _overlapping(dialog)
    dialog.show_error(LONG)
    try:  # the layout settles on the next events
        qtbot.waitUntil(lambda: not _overlapping(dialog), timeout=3000)
    except AssertionError:
        raise AssertionError(_overlapping(dialog)) from None
    assert dialog.error.isVisible() and dialog.error.height() > 0
    dialog.close()
