"""The cashier window shows domain errors in its language, translated by code (issue 7,
point 9): the banner for a bad scan and the register dialog's phone check."""

from __future__ import annotations

BAD_CHECK_DIGIT = "6900000000001"


def test_a_bad_scan_reads_in_chinese_with_the_code_filled_in(make_role, qtbot):
    role = make_role(language="zh_CN")
    role.rig.scan(BAD_CHECK_DIGIT)
    qtbot.waitUntil(lambda: BAD_CHECK_DIGIT in role.window.banner.message(), timeout=5000)
    assert f"条码“{BAD_CHECK_DIGIT}”校验位错误。" in role.window.banner.message()
    assert role.window.banner.level == "warning"


def test_a_bad_scan_reads_as_an_english_sentence(make_role, qtbot):
    role = make_role(language="en")
    role.rig.scan(BAD_CHECK_DIGIT)
    qtbot.waitUntil(lambda: BAD_CHECK_DIGIT in role.window.banner.message(), timeout=5000)
    sentence = f"Barcode “{BAD_CHECK_DIGIT}” has a wrong check digit."
    assert sentence in role.window.banner.message()


def test_the_phone_check_of_the_register_dialog_reads_in_chinese(make_role):
    role = make_role(language="zh_CN")
    role.window.flows.register()
    dialog = role.window.flows.dialog
    dialog.phone.setText("1391234")
    assert dialog.phone_state.text() == "手机号为 11 位；“1391234”是 7 位。"
    dialog.phone.setText("12345678901")
    assert dialog.phone_state.text() == "“12345678901”不是手机号（须以 13–19 开头）。"
