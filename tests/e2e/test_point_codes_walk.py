"""Per-unit point codes, end to end through the windows (issue 11, "Done when").

The manager generates a batch in the back office (product picked by typing, a follow-up
question with a feedback reward), sets the guides' linkage rule and saves the label PDF; the
unit's code is read back from the rendered label sheet with zxing-cpp, as a scanner would.
A shopping guide signs in on the guide screen and marks that unit with the scanner. A new
shopper scans it at the kiosk: the kiosk asks who they are, they give a new phone number,
confirm the SMS code read from the outbox, join (terms), get the registration reward and the
code's points, answer the question and get the feedback reward. The guide's screen shows the
linked points. The same code scanned again — at the kiosk by another shopper, at the till for
the member attached there — is refused, and nothing is counted twice.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt

pytestmark = pytest.mark.both_databases

NEW_PHONE = "13912345678"
MEMBER_CARD = ";880000000001?"  # 刘洋 at the till


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName() or button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sms_code(phone: str) -> str:
    from app.models import OutboxMessage

    row = (OutboxMessage.select().where(OutboxMessage.recipient == phone)
           .order_by(OutboxMessage.id.desc()).first())
    return re.search(r"\d{6}", row.body).group(0)


def codes_on_sheet(pdf, tmp_path) -> set[str]:
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", "-singlefile",
                    str(pdf), str(tmp_path / "sheet")], check=True)
    return {r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "sheet.png"))}


@pytest.fixture
def backoffice(make_role, qtbot):
    from ui.backoffice.context import BackofficeContext
    from ui.backoffice.window import BackofficeWindow

    make_role(sign_in=False)  # binds the seeded database; the till itself comes later
    ctx = BackofficeContext()
    win = BackofficeWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    ctx.shutdown()


@pytest.fixture
def quiet_hub():
    from ui.null_hub import NullHub

    class QuietHub(NullHub):
        def start(self) -> None:
            pass

        def stop(self) -> None:
            pass

        def statuses(self):
            return {"printer": ("connected", "")}

    return QuietHub


def test_point_codes_walk(backoffice, make_role, quiet_hub, qtbot, tmp_path):
    from app import ledger
    from app.config import TerminalConfig
    from app.models import Member, PointCode, Setting, Transfer
    from app.registration import REGISTRATION_POINTS_KEY
    from ui.guide.role import GuideRole
    from ui.kiosk.flows import FLOWS
    from ui.kiosk.role import KioskRole
    from ui.kiosk.screens.point_code import RESULT, THANKS, PointCodeScreen

    Setting.delete().where(Setting.key == REGISTRATION_POINTS_KEY).execute()
    Setting.create(key=REGISTRATION_POINTS_KEY, value="88")

    # -- the back office: generate, link rule, labels --------------------------------------
    win = backoffice
    win.sign_in.code.setText("m1")
    win.sign_in.pin.setText("9999")
    click(qtbot, win.sign_in.button)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main)
    page = win.open_page("point_codes")
    qtbot.waitUntil(lambda: page.data is not None)
    click(qtbot, page.generate_button)
    dialog = page.dialog
    dialog.search.setText("可口")  # (the till's keyboard-wedge filter holds typed bursts)
    dialog.search.returnPressed.emit()
    qtbot.waitUntil(lambda: dialog.product.currentData() is not None)
    dialog.count.setValue(24)
    dialog.points.setValue(50)
    dialog.fill(kind="choice", question="您在哪里买到的？", question_en="Where did you buy it?")
    dialog.choices.setPlainText("超市 | Supermarket\n网上 | Online")
    dialog.reward.setValue(20)
    with qtbot.waitSignal(dialog.saved, timeout=30000) as generated:
        click(qtbot, dialog.save_button)
    batch = generated.args[0]
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().info.id == batch.id)
    assert page.selected().figures.generated == 24

    click(qtbot, page.rule_button)
    rule = page.dialog
    rule.choose("kind", "fixed")
    rule.value.setValue(5)
    with qtbot.waitSignal(rule.saved, timeout=10000):
        click(qtbot, rule.save_button)

    click(qtbot, page.print_button)
    printing = page.dialog
    qtbot.waitUntil(lambda: printing.previewed is not None)
    pdf = tmp_path / "labels.pdf"
    with qtbot.waitSignal(printing.saved, timeout=30000):
        printing.save_to(str(pdf))
    on_sheet = codes_on_sheet(pdf, tmp_path)
    assert len(on_sheet) == 24
    assert on_sheet == {p.serial for p in PointCode.select().where(PointCode.batch == batch.id)}
    code = sorted(on_sheet)[0]  # the unit on the shelf
    printing.close()

    # -- the guide marks the unit ----------------------------------------------------------
    guide_role = GuideRole(TerminalConfig(role="guide", terminal="MA-T1"), hub=quiet_hub("g"),
                           state_dir=tmp_path / "guide")
    guide_role.show()
    guide = guide_role.window
    try:
        guide.code.setText("g1")
        guide.pin.setText("2222")
        click(qtbot, guide.sign_in_button)
        qtbot.waitUntil(lambda: guide.board is not None)
        with qtbot.waitSignal(guide.result_shown, timeout=10000) as shown:
            guide_role.hub.scanned.emit(code)
        assert shown.args[0] == "ok"
        assert guide.board.balance == 0

        # -- a new shopper at the kiosk -----------------------------------------------------
        from app.models import Terminal

        if not Terminal.select().where(Terminal.role == "kiosk").exists():
            Terminal.create(store=Terminal.get(Terminal.code == "MA-T1").store, code="MA-K1",
                            role="kiosk")
        kiosk_role = KioskRole(TerminalConfig(role="kiosk"), hub=quiet_hub("k"),
                               state_dir=tmp_path / "kiosk", idle_s=120)
        kiosk_role.show()
        kiosk = kiosk_role.window
        try:
            kiosk.start_session()
            flow = next(f for f in FLOWS if f.key == "point_code")
            click(qtbot, kiosk.home_screen.tile(flow))
            identify = kiosk.top()
            assert type(identify).__name__ == "IdentifyScreen"
            identify.phone.setText(NEW_PHONE)
            click(qtbot, identify.next_button)
            qtbot.waitUntil(lambda: identify.pages.currentIndex() == 1)
            identify.code.setText(sms_code(NEW_PHONE))
            identify.confirm()
            qtbot.waitUntil(lambda: type(kiosk.top()).__name__ == "JoinScreen")
            join = kiosk.top()
            join.name.setText("新顾客")
            join.terms.setChecked(True)
            click(qtbot, join.join_button)
            qtbot.waitUntil(lambda: isinstance(kiosk.top(), PointCodeScreen))
            member = Member.get(Member.phone == NEW_PHONE)
            assert ledger.balance(member.id) == 88  # the registration reward
            screen = kiosk.top()
            kiosk_role.hub.scanned.emit(code)
            qtbot.waitUntil(lambda: screen.pages.currentIndex() == RESULT)
            assert "+50" in screen.credited.text()
            assert ledger.balance(member.id) == 88 + 50
            click(qtbot, screen.answer_buttons[0])
            qtbot.waitUntil(lambda: screen.pages.currentIndex() == THANKS)
            assert "+20" in screen.thanks.text()
            assert ledger.balance(member.id) == 88 + 50 + 20

            # the guide's account shows the linked points
            guide.refresh_board()
            qtbot.waitUntil(lambda: guide.board.balance == 5)
            assert guide.board.redeemed == 1 and "5" in guide.figures.text()

            # the same code by another shopper at the kiosk: refused
            kiosk.end_session()
            kiosk.start_session()
            click(qtbot, kiosk.home_screen.tile(flow))
            identify = kiosk.top()
            identify.phone.setText("13800138000")  # 刘洋, a member already
            click(qtbot, identify.next_button)
            qtbot.waitUntil(lambda: identify.pages.currentIndex() == 1)
            identify.code.setText(sms_code("13800138000"))
            identify.confirm()
            qtbot.waitUntil(lambda: isinstance(kiosk.top(), PointCodeScreen))
            screen = kiosk.top()
            other = kiosk_role.ctx.session.member_id
            other_before = ledger.balance(other)
            kiosk_role.hub.scanned.emit(code)
            qtbot.waitUntil(lambda: screen.error.isVisible())
            assert screen.pages.currentIndex() != RESULT
            assert ledger.balance(other) == other_before
        finally:
            kiosk_role.shutdown()
    finally:
        guide_role.shutdown()

    # -- and at the till, for the member attached there ------------------------------------
    till = make_role()
    till.rig.swipe(MEMBER_CARD)
    qtbot.waitUntil(lambda: till.session.member is not None, timeout=5000)
    till.rig.scan(code)
    qtbot.waitUntil(lambda: "cannot be used" in till.window.banner.message(), timeout=5000)
    assert ledger.balance(till.session.member.id) == other_before
    assert Transfer.select().where((Transfer.source == "code")
                                   & (Transfer.source_ref == code)).count() == 1
    assert Transfer.select().where(Transfer.source == "guide").count() == 1
    assert ledger.verify() == []
