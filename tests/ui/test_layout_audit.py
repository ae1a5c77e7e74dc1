"""The layout audit over every scene of the screenshot walk, at 1024×768 and 1920×1080, in
Chinese and English (tests/layout_audit.py says what it checks).

Each size and language is walked once in a child process whose offscreen screen has that size
(the window must fit the screen it opens on, dialogs size themselves to it); every scene is
then one test, whose failure lists each offending widget by objectName, class and text.
The checks themselves are tested first, on widgets built here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tests.layout_audit import audit, language, overlaps, touch_targets, visible_widgets

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import screenshots  # noqa: E402

from tests.layout_walks import walk_reports  # noqa: E402


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """``walked(size, language)``: the audit report of that walk, made once per module."""
    return walk_reports(tmp_path_factory, None, screenshots.SIZES, "the audit walk",
                        timeout=240)


@pytest.mark.parametrize("lang", screenshots.LANGUAGES)
@pytest.mark.parametrize("size", list(screenshots.SIZES))
@pytest.mark.parametrize("scene", screenshots.SCENES)
def test_scene_fits_reads_and_touches(walked, scene, size, lang):
    report = walked(size, lang)
    assert scene in report, f"the walk never showed {scene}"
    problems = report[scene]
    assert not problems, f"{scene} at {size} in {lang}, {len(problems)} problems:\n  " + \
        "\n  ".join(problems)


# -- the checks, on widgets built here -------------------------------------------------------
def _panel(qtbot, *widgets: QWidget, size=(400, 300)) -> QWidget:
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    for w in widgets:
        layout.addWidget(w)
    top.resize(*size)
    top.show()
    qtbot.waitExposed(top)
    return top


def test_overlapping_siblings_are_named_hidden_ones_are_not(qtbot):
    top = _panel(qtbot)
    a = QPushButton("Pay", top)
    a.setObjectName("payButton")
    a.setGeometry(10, 10, 100, 60)
    b = QPushButton("Void", top)
    b.setGeometry(60, 40, 100, 60)
    hidden = QPushButton("Hidden", top)
    hidden.setGeometry(10, 10, 100, 60)
    a.show()
    b.show()  # a child added to a shown window stays hidden until shown; ``hidden`` does
    problems = overlaps(top)
    assert len(problems) == 1, problems
    assert "payButton (QPushButton) 'Pay'" in problems[0] and "'Void'" in problems[0]
    b.move(120, 10)
    assert overlaps(top) == []


def test_rows_scrolled_out_of_a_viewport_are_not_seen(qtbot):
    inner = QWidget()
    rows = QVBoxLayout(inner)
    for i in range(40):
        rows.addWidget(QLabel(f"line {i}"))
    area = QScrollArea()
    area.setWidget(inner)
    top = _panel(qtbot, area, size=(300, 200))
    seen = [w.text() for w in visible_widgets(top) if isinstance(w, QLabel)]
    assert "line 0" in seen and "line 39" not in seen


def test_window_larger_than_the_screen_lists_what_falls_off(qtbot):
    from PySide6.QtCore import QRect

    right = QPushButton("Lock")
    right.setObjectName("top_lock")
    right.setMinimumHeight(56)
    row = QWidget()
    QHBoxLayout(row).addWidget(right)
    top = _panel(qtbot, row, size=(600, 200))
    top.move(0, 0)
    problems = audit([top], "en", QRect(0, 0, 300, 768), [])
    assert any("off screen" in p and "top_lock (QPushButton) 'Lock'" in p for p in problems)
    assert audit([top], "en", QRect(0, 0, 1024, 768), []) == []


def test_chinese_in_english_and_english_in_chinese(qtbot):
    names = {"刘洋"}  # a member's name has no English
    mixed = QLabel("Member: 刘洋 · 积分 120")
    mixed.setObjectName("memberDetails")
    clean = QLabel("Member: 刘洋 · 120 points")
    top = _panel(qtbot, mixed, clean)
    problems = language(top, "en", names)
    assert len(problems) == 1 and "memberDetails" in problems[0] and "积分" in problems[0]

    codes = QLabel("收银员：王芳 · MA-T1-000012 · F3 · 0.732 kg · ¥3.50 · PIN")
    english = QLabel("纸宽 Paper width")
    english.setObjectName("settingKey")
    query = QLabel("“xj”共 2 个结果")  # the cashier's search, quoted back
    typed = QLineEdit("xiangjiao")  # what the cashier typed is theirs
    top = _panel(qtbot, codes, english, query, typed)
    problems = language(top, "zh_CN", {"王芳"})
    assert len(problems) == 1 and "settingKey" in problems[0] and "Paper width" in problems[0]


def test_small_touch_targets_and_spin_arrows(qtbot):
    small = QPushButton("✕")
    small.setObjectName("removeMemberButton")
    small.setFixedSize(44, 58)
    big = QLineEdit()
    big.setFixedHeight(56)
    spin = QSpinBox()
    spin.setObjectName("count_100")
    spin.setFixedHeight(56)
    top = _panel(qtbot, small, big, spin)
    problems = touch_targets(top)
    assert any("44×58 px: removeMemberButton" in p for p in problems)
    assert any("arrow of count_100" in p for p in problems)
    assert not any("QLineEdit" in p for p in problems)
    spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
    assert not any("arrow" in p for p in touch_targets(top))


def test_a_one_line_label_narrower_than_its_text_is_cut(qtbot):
    from tests.layout_audit import cut_texts

    label = QLabel("Scan or type a barcode, a name or pinyin initials")
    label.setObjectName("hint")
    wrapped = QLabel("Charge the amount on the card terminal; when it approves, type the code")
    wrapped.setWordWrap(True)
    top = _panel(qtbot, label, wrapped, size=(400, 300))
    label.setMaximumWidth(120)
    wrapped.setMaximumWidth(120)
    top.layout().activate()
    problems = cut_texts(top)
    assert len(problems) == 1 and "hint (QLabel)" in problems[0], problems
    label.setMaximumWidth(10000)
    top.resize(900, 300)
    top.layout().activate()
    assert cut_texts(top) == []


def test_config_keys_action_names_and_json_are_raw_text(qtbot):
    key = QLabel("paper_mm")
    key.setObjectName("settingKey")
    what = QLabel("devices\nA manager enters their PIN to approve.")
    what.setObjectName("pinWhat")
    ranges = QLabel('[["880000000000", "889999999999"]]')
    fine = QLabel("Paper width 80 mm\n0.732 kg")
    top = _panel(qtbot, key, what, ranges, fine)
    problems = [p for p in language(top, "en", set()) if p.startswith("raw text")]
    assert len(problems) == 3, problems
    assert any("settingKey" in p and "paper_mm" in p for p in problems)
    assert any("pinWhat" in p and "devices" in p for p in problems)


def test_a_keypad_enter_next_to_the_dialogs_confirm_is_two_confirm_buttons(qtbot):
    from tests.layout_audit import confirm_buttons

    enter = QPushButton("Enter")
    enter.setObjectName("keypadEnter")
    ok = QPushButton("OK")
    ok.setObjectName("primaryButton")
    top = _panel(qtbot, QLineEdit(), enter, ok)
    problems = confirm_buttons(top)
    assert problems == ["two confirm buttons: keypadEnter (QPushButton) 'Enter' and "
                        "primaryButton (QPushButton) 'OK'"]
    second = QLineEdit(top)  # Enter may move on to the next input: not the same as OK
    top.layout().addWidget(second)
    second.show()
    assert confirm_buttons(top) == []
    second.hide()
    enter.hide()
    assert confirm_buttons(top) == []


@pytest.mark.parametrize("kind", ["entry", "discount"])
def test_entry_and_discount_dialogs_confirm_with_their_keypads_enter_alone(qtbot, kind):
    from tests.layout_audit import confirm_buttons
    from ui.cashier.discount_dialog import DiscountDialog
    from ui.cashier.entry_dialog import EntryDialog

    if kind == "entry":
        dialog = EntryDialog("Quantity", "Coca-Cola 330ml", "quantity", "2")
    else:
        dialog = DiscountDialog("Coca-Cola 330ml", 700, 350, lambda m: f"¥{m / 100:.2f}")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.edit.setText("3")
    assert confirm_buttons(dialog) == []
    assert not [b for b in dialog.findChildren(QPushButton)
                if b.objectName() == "primaryButton" and b.isVisible()]
    assert dialog.ok_button.text() == ("OK" if kind == "entry" else "Apply")
    with qtbot.waitSignal(dialog.entered) as entered:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert entered.args == [3 if kind == "entry" else 300]


def test_names_as_stored_depend_on_the_language(db):
    """On a Chinese screen every product's Chinese name is right, Latin letters and all; on an
    English one only a name without an English version may stay Chinese."""
    from app.demo import seed_minimal
    from app.models import Merchant, Product
    from tests.layout_audit import names_as_they_are

    seed_minimal()
    merchant = Merchant.get(Merchant.code == "MA")
    Product.create(merchant=merchant, sku="X001", name="iPhone 保护壳", name_en="iPhone case",
                   price=3900)
    Product.create(merchant=merchant, sku="X002", name="老干妈", name_en="", price=1050)
    zh, en = names_as_they_are("zh_CN"), names_as_they_are("en")
    assert {"iPhone 保护壳", "老干妈", "刘洋"} <= zh
    assert "老干妈" in en and "刘洋" in en and "iPhone 保护壳" not in en
