"""Scanning a point code at the kiosk: an identified member scans (hub) or types a unit's
code, sees the points and the product, answers the follow-up (choice buttons, stars, free
text) and sees the reward; a typo is refused before any database call; a used code gets the
uniform message; the idle wipe forgets it all."""

import pytest
from PySide6.QtCore import Qt

from app import ledger
from app.backoffice.actor import sign_in
from app.config import TerminalConfig
from app.demo import DEMO_PINS
from app.models import FeedbackAnswer, PointCode, Product, Terminal
from app.pointcodes import batches
from ui.kiosk.flows import FLOWS
from ui.kiosk.role import KioskRole
from ui.kiosk.screens import point_code
from ui.null_hub import NullHub

FLOW = next(f for f in FLOWS if f.key == "point_code")


class QuietHub(NullHub):
    def start(self) -> None:
        pass



@pytest.fixture(autouse=True)
def chinese(qapp):
    """These screens are read in Chinese (whatever language an earlier test left)."""
    from ui.app import set_language

    set_language("zh_CN")
    yield
    set_language("en")

@pytest.fixture
def role(world, qtbot, tmp_path):
    Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
    r = KioskRole(TerminalConfig(role="kiosk"), hub=QuietHub("test"), state_dir=tmp_path,
                  idle_s=60)
    r.show()
    yield r
    r.shutdown()


def batch_codes(kind, choices=(), count=4):
    manager = sign_in("m1", DEMO_PINS["manager"])
    question = batches.Question(kind, "您觉得怎么样？", "How do you like it?", choices,
                                feedback_points=15 if kind != "none" else 0)
    batch = batches.generate_batch(manager, Product.get(Product.sku == "A001").id, count, 40,
                                   question)
    return [c.code for c in batches.batch_codes(manager, batch.id)]


def at_screen(role, world, qtbot):
    win = role.window
    win.start_session()
    role.ctx.identify(world.member.id, world.member.name)
    win.open_flow(FLOW)
    screen = win.top()
    assert isinstance(screen, point_code.PointCodeScreen)
    return screen


def test_a_scan_credits_points_and_a_choice_answer_earns_the_reward(role, world, qtbot):
    codes = batch_codes("choice", (("很好", "Great"), ("一般", "OK")))
    screen = at_screen(role, world, qtbot)
    before = ledger.balance(world.member.id)
    role.hub.scanned.emit(codes[0])
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == point_code.RESULT)
    assert "+40" in screen.credited.text() and "可口可乐" in screen.credited.text()
    assert ledger.balance(world.member.id) == before + 40
    assert [b.text() for b in screen.answer_buttons] == ["很好", "一般"]
    qtbot.mouseClick(screen.answer_buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == point_code.THANKS)
    assert "+15" in screen.thanks.text()
    assert ledger.balance(world.member.id) == before + 55
    assert FeedbackAnswer.get().answer == "1"

    # the same code again (scanned): the uniform refusal, nothing credited twice
    qtbot.mouseClick(screen.thanks_another, Qt.MouseButton.LeftButton)
    role.hub.scanned.emit(codes[0])
    qtbot.waitUntil(lambda: screen.error.isVisible())
    assert screen.pages.currentIndex() == point_code.SCAN
    assert "已领取" in screen.error_text
    assert ledger.balance(world.member.id) == before + 55

    # the next unit of the same batch: points, but the question was answered already
    screen.code.setText(codes[1].lower())
    screen.submit_typed()
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == point_code.RESULT)
    assert not screen.question.isVisibleTo(screen) and not screen.answer_buttons


def test_a_typo_is_caught_before_any_database_call(role, world, qtbot, monkeypatch):
    codes = batch_codes("none")
    screen = at_screen(role, world, qtbot)
    asked = []
    monkeypatch.setattr(point_code.scans, "member_redeem",
                        lambda *a: asked.append(a))  # would be the database round trip
    code = codes[0]
    typo = code[:8] + ("2" if code[8] != "2" else "3") + code[9:]
    screen.code.setText(typo)
    screen.submit_typed()
    assert screen.error.isVisible() and asked == []
    assert screen.error_text
    screen.code.setText("https://example.com/not-ours")
    screen.submit_typed()
    assert screen.error.isVisible() and asked == []
    assert PointCode.get(PointCode.serial == code).redeemed_at is None


def test_stars_and_free_text(role, world, qtbot):
    stars = batch_codes("rating")
    screen = at_screen(role, world, qtbot)
    role.hub.scanned.emit(stars[0])
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == point_code.RESULT)
    assert [b.text() for b in screen.answer_buttons] == ["★" * n for n in range(1, 6)]
    screen.answer_buttons[3].click()
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == point_code.THANKS)
    assert FeedbackAnswer.get().answer == "4"
    text = batch_codes("text")
    screen.scan_another()
    role.hub.scanned.emit(text[0])
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == point_code.RESULT)
    assert screen.text_answer.isVisibleTo(screen)
    screen.submit_text()  # empty: refused, stays
    qtbot.waitUntil(lambda: screen.answer_error.isVisible())
    screen.text_answer.setText("味道不错")
    screen.submit_text()
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == point_code.THANKS)
    assert FeedbackAnswer.select().where(FeedbackAnswer.answer == "味道不错").exists()
    role.window.end_session()
    assert screen.redeemed is None and screen.pages.currentIndex() == point_code.SCAN
