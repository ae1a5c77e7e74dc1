"""Identifying at the kiosk through the screens: phone + SMS code for a member, joining for a
new phone (reward once), a member card swipe; the idle wipe forgets them."""

import re
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from app import ledger
from app.config import TerminalConfig
from app.models import Member, OutboxMessage, Setting, Terminal
from ui.kiosk.flows import FLOWS
from ui.kiosk.role import KioskRole
from ui.null_hub import NullHub

ACCOUNT = next(f for f in FLOWS if f.key == "account")


class QuietHub(NullHub):
    def start(self) -> None:
        pass


@pytest.fixture
def role(world, qtbot, tmp_path):
    Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
    r = KioskRole(TerminalConfig(role="kiosk"), hub=QuietHub("test"), state_dir=tmp_path,
                  idle_s=60)
    r.show()
    yield r
    r.shutdown()


def sms_code(phone):
    row = (OutboxMessage.select().where(OutboxMessage.recipient == phone)
           .order_by(OutboxMessage.id.desc()).first())
    return re.search(r"\d{6}", row.body).group(0)


def type_on(qtbot, screen, digits):
    for d in digits:
        keypad_button = next(b for b in screen.findChildren(type(screen.next_button))
                             if b.text() == d and b.isVisible())
        qtbot.mouseClick(keypad_button, Qt.MouseButton.LeftButton)


def test_a_member_identifies_by_phone_and_sms_code(role, world, qtbot):
    win = role.window
    win.start_session()
    qtbot.mouseClick(win.home_screen.tile(ACCOUNT), Qt.MouseButton.LeftButton)
    screen = win.top()
    assert type(screen).__name__ == "IdentifyScreen"
    type_on(qtbot, screen, "13800138000")
    assert screen.phone.text() == "13800138000"
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == 1)
    assert "138****8000" in screen.code_hint.text()
    screen.code.setText("000000" if sms_code("13800138000") != "000000" else "111111")
    screen.confirm()
    qtbot.waitUntil(lambda: screen.error.isVisible())
    screen.code.setText(sms_code("13800138000"))
    screen.confirm()
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "AccountScreen")
    account = win.top()
    qtbot.waitUntil(lambda: account.data is not None)
    assert role.ctx.session.member_id == world.member.id
    win.end_session()
    assert role.ctx.session.member_id is None and account.data is None


def test_a_new_phone_joins_and_gets_the_reward_once(role, world, qtbot):
    Setting.create(key="registration_points", value="66")
    win = role.window
    win.start_session()
    win.open_flow(ACCOUNT)
    screen = win.top()
    screen.phone.setText("13912340000")
    screen.send()
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == 1)
    screen.code.setText(sms_code("13912340000"))
    screen.confirm()
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "JoinScreen")
    join = win.top()
    assert not join.join_button.isEnabled()  # terms first
    join.name.setText("新顾客")
    qtbot.mouseClick(join.terms, Qt.MouseButton.LeftButton)
    join.terms.setChecked(True)
    qtbot.mouseClick(join.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "AccountScreen")
    member = Member.get(Member.phone == "13912340000")
    assert member.name == "新顾客" and ledger.balance(member) == 66
    assert "66" in win.banner.message()
    assert {c.kind for c in member.consents} == {"terms"}


def test_a_member_card_swipe_identifies(role, world, qtbot):
    win = role.window
    win.start_session()
    win.open_flow(ACCOUNT)
    role.hub.card_read.emit(SimpleNamespace(number="880000000001", kind="magstripe"))
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "AccountScreen")
    assert role.ctx.session.member_id == world.member.id
