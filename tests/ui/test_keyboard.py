"""The shared on-screen keyboard: pinyin candidates from pypinyin's dictionaries (surnames
first, words and whole names for several syllables), English letters, and touch-sized keys."""

from __future__ import annotations

import pytest


@pytest.fixture
def edit(qtbot):
    from PySide6.QtWidgets import QLineEdit

    line = QLineEdit()
    qtbot.addWidget(line)
    return line


@pytest.fixture
def keyboard(qtbot, edit):
    from ui.widgets.keyboard import PINYIN, Keyboard

    board = Keyboard(edit, mode=PINYIN)
    qtbot.addWidget(board)
    board.resize(640, 300)
    board.show()
    qtbot.waitExposed(board)
    return board


def type_keys(board, text: str) -> None:
    for ch in text:
        board.press("space" if ch == " " else ch)


def test_one_syllable_offers_the_surname_first():
    from ui.widgets.pinyin_input import default_index

    index = default_index()
    wang = [c.text for c in index.candidates("wang")]
    assert wang[0] == "王" and "汪" in wang[:3]
    assert [c.text for c in index.candidates("li")][0] == "李"
    assert [c.text for c in index.candidates("lv")][0] == "吕"  # ü typed as v
    xian = [c.text for c in index.candidates("xian")]
    assert "先" in xian[:5] and xian.index("见") > 10  # 见 is "jian"; "xian" only rarely


def test_several_syllables_offer_the_name_and_the_words():
    from ui.widgets.pinyin_input import default_index

    index = default_index()
    assert index.split("zhangsan") == index.split("zhang san") == ["zhang", "san"]
    assert index.split("xianggang") == ["xiang", "gang"]
    assert index.split("zh") == ["zh"]  # an unfinished syllable stays as typed
    assert index.split("qqq") == []
    zhang_san = index.candidates("zhang san")
    assert zhang_san[0].text == "张三" and zhang_san[0].syllables == 2
    assert "香港" in [c.text for c in index.candidates("xianggang")][:3]  # a dictionary word
    assert "北京" in [c.text for c in index.candidates("beijing")][:5]
    single = next(c for c in zhang_san if c.text == "张")
    assert single.syllables == 1  # picking one character leaves "san" to pick next


def test_tapping_wang_puts_the_character_in_the_field(keyboard, edit):
    type_keys(keyboard, "wang")
    assert edit.text() == ""  # letters wait in the candidate row
    assert keyboard.composing_label.text() == "wang"
    assert "王" in keyboard.shown_candidates()[:3]
    button = next(b for b in keyboard.candidate_buttons if b.text() == "王")
    button.click()
    assert edit.text() == "王"
    assert keyboard.composing == "" and keyboard.shown_candidates() == []


def test_zhang_san_then_one_character_at_a_time(keyboard, edit):
    type_keys(keyboard, "zhang san")
    assert keyboard.shown_candidates()[0] == "张三"
    keyboard.candidate_buttons[0].click()
    assert edit.text() == "张三"
    edit.clear()
    type_keys(keyboard, "zhangsan")
    next(b for b in keyboard.candidate_buttons if b.text() == "张").click()
    assert edit.text() == "张" and keyboard.composing == "san"
    assert keyboard.shown_candidates()[0] == "三"
    keyboard.candidate_buttons[0].click()
    assert edit.text() == "张三"


def test_candidates_page_and_backspace_edits_the_pinyin_first(keyboard, edit):
    edit.setText("李")
    type_keys(keyboard, "zhi")
    first_page = keyboard.shown_candidates()
    assert len(first_page) == 6 and keyboard.next_page.isEnabled()
    keyboard.next_page.click()
    assert keyboard.shown_candidates() != first_page and keyboard.prev_page.isEnabled()
    keyboard.press("back")
    assert keyboard.composing == "zh" and edit.text() == "李"
    keyboard.press("back")
    keyboard.press("back")
    assert keyboard.composing == "" and edit.text() == "李"
    keyboard.press("back")
    assert edit.text() == ""


def test_enter_puts_the_letters_in_and_english_mode_types_them(keyboard, edit, qtbot):
    from ui.widgets.keyboard import ENGLISH

    type_keys(keyboard, "ok")
    keyboard.press("enter")  # the pinyin as letters, not a submit
    assert edit.text() == "ok" and keyboard.composing == ""
    edit.clear()
    keyboard.press("mode")
    assert keyboard.mode == ENGLISH and not keyboard.bar.isVisible()
    keyboard.press("shift")
    type_keys(keyboard, "li wei")
    assert edit.text() == "Li wei"  # shift is for one letter
    with qtbot.waitSignal(edit.returnPressed, timeout=1000):
        keyboard.press("enter")


def test_switching_mode_keeps_typed_pinyin_as_letters(keyboard, edit):
    type_keys(keyboard, "wang")
    keyboard.press("mode")
    assert edit.text() == "wang" and keyboard.composing == ""


def test_english_ui_starts_in_english_letters(qtbot, edit):
    from ui.app import set_language
    from ui.widgets.keyboard import ENGLISH, PINYIN, Keyboard

    set_language("en")
    assert Keyboard(edit).mode == ENGLISH
    set_language("zh_CN")
    try:
        board = Keyboard(edit)
        assert board.mode == PINYIN
        assert board.buttons["space"].text() == "空格"
    finally:
        set_language("en")


def test_every_key_is_a_touch_target(keyboard):
    from PySide6.QtWidgets import QPushButton

    keyboard.resize(keyboard.minimumSizeHint())
    type_keys(keyboard, "wang")
    for button in keyboard.findChildren(QPushButton):
        if button.isVisible():
            assert button.width() >= 48 and button.height() >= 48, button.objectName()
