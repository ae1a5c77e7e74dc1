"""The member dialogs (new member, identify) on the real cashier window: nothing overlaps
when the error line shows, they stay between the top bar and the status bar, and the name is
typed on the on-screen keyboard (pinyin) while the mobile number keeps the keypad."""

from __future__ import annotations

import pytest

SIZES = [(1024, 768), (1920, 1080)]


@pytest.fixture(autouse=True)
def theme(qapp):
    """The till's real style sheet: its padded keys are what made the dialog overflow."""
    from ui.app import RESOURCES

    before = qapp.styleSheet()
    qapp.setStyleSheet((RESOURCES / "theme.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet(before)


def _open_register(role, qtbot, size):
    w = role.window
    w.resize(*size)
    qtbot.waitUntil(lambda: (w.width(), w.height()) == size, timeout=3000)
    w.flows.register()
    dialog = w.flows.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=3000)
    return dialog


def _leaves(dialog):
    """The visible controls and texts of the dialog, in global coordinates."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

    out = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QAbstractButton | QLabel | QLineEdit) and widget.isVisible() \
                and widget.width() > 0 and widget.height() > 0:
            top_left = widget.mapToGlobal(widget.rect().topLeft())
            out.append((widget, QRect(top_left, widget.size())))
    return out


def _overlaps(dialog):
    leaves = _leaves(dialog)
    bad = []
    for i, (a, ra) in enumerate(leaves):
        for b, rb in leaves[i + 1:]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            if ra.intersects(rb):
                bad.append((a.objectName() or a.text(), b.objectName() or b.text()))
    return bad


def _no_overlaps(qtbot, dialog) -> None:
    try:  # the layout settles on the next events
        qtbot.waitUntil(lambda: not _overlaps(dialog), timeout=3000)
    except Exception:
        raise AssertionError(_overlaps(dialog)) from None


def _inside_the_work_area(role, dialog) -> None:
    w = role.window
    top_bottom = w.top.mapToGlobal(w.top.rect().bottomLeft()).y()
    status_top = w.status.mapToGlobal(w.status.rect().topLeft()).y()
    frame = dialog.frameGeometry()
    assert frame.top() > top_bottom, (frame, top_bottom)  # the top bar is not covered
    assert frame.bottom() < status_top, (frame, status_top)
    assert w.geometry().contains(dialog.geometry())
    for widget, rect in _leaves(dialog):
        assert dialog.geometry().contains(rect), widget.objectName()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_overlaps_with_the_error_line_and_the_top_bar_stays_visible(
        make_role, qtbot, language, size):
    role = make_role(language=language)
    dialog = _open_register(role, qtbot, size)
    dialog.phone.setText("1380013")
    dialog.submit()  # too short: the reason shows in red under the number
    qtbot.waitUntil(lambda: dialog.phone_state.isVisible()
                    and "1380013" in dialog.phone_state.text(), timeout=3000)
    _no_overlaps(qtbot, dialog)
    _inside_the_work_area(role, dialog)
    dialog.phone.setText("13912345678")
    dialog.submit()  # the terms not agreed: the error line appears under the keys
    qtbot.waitUntil(dialog.error.isVisible, timeout=3000)
    _no_overlaps(qtbot, dialog)
    _inside_the_work_area(role, dialog)
    # the same with the on-screen keyboard in place of the keypad
    dialog.name.setFocus()
    qtbot.waitUntil(lambda: dialog.inputs.currentWidget() is dialog.keyboard, timeout=3000)
    _no_overlaps(qtbot, dialog)
    _inside_the_work_area(role, dialog)


def test_the_name_is_typed_in_pinyin_the_mobile_on_the_keypad(make_role, qtbot):
    from PySide6.QtCore import Qt

    from app.models import Member

    role = make_role(language="zh_CN")
    dialog = _open_register(role, qtbot, (1024, 768))
    dialog.phone.setFocus()
    qtbot.waitUntil(lambda: dialog.inputs.currentWidget() is not dialog.keyboard, timeout=3000)
    for digit in "13912345679":
        dialog.keypad.buttons[digit].click()
    assert dialog.phone.text() == "13912345679"
    dialog.name.setFocus()
    qtbot.waitUntil(lambda: dialog.inputs.currentWidget() is dialog.keyboard, timeout=3000)
    for key in "wang":
        dialog.keyboard.buttons[key].click()
    assert "王" in dialog.keyboard.shown_candidates()[:3]
    next(b for b in dialog.keyboard.candidate_buttons if b.text() == "王").click()
    for key in "ming":
        dialog.keyboard.buttons[key].click()
    next(b for b in dialog.keyboard.candidate_buttons if b.text() == "明").click()
    assert dialog.name.text() == "王明" and dialog.phone.text() == "13912345679"
    qtbot.mouseClick(dialog.consent_texts[dialog.terms], Qt.MouseButton.LeftButton)
    assert dialog.terms.isChecked()  # the wording is part of the touch target
    dialog.submit()
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    assert Member.get(Member.phone == "13912345679").name == "王明"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_identify_dialog_grows_for_its_error_line(make_role, qtbot, language, size):
    role = make_role(language=language)
    w = role.window
    w.resize(*size)
    qtbot.waitUntil(lambda: (w.width(), w.height()) == size, timeout=3000)
    w.flows.identify()
    dialog = w.flows.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=3000)
    dialog.edit.setText("1380013")
    dialog.submit()  # too short, and no card: the error line appears under the keys
    qtbot.waitUntil(dialog.error.isVisible, timeout=5000)
    _no_overlaps(qtbot, dialog)
    _inside_the_work_area(role, dialog)
