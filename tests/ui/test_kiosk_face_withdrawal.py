"""Withdrawing face consent at the kiosk (issue 10): an enrolled member sees the action on
their account screen, two taps delete every template; a member not enrolled never sees it."""

import pytest

from app.config import TerminalConfig
from app.faces import templates
from app.models import Consent, FaceTemplate, Terminal
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


def open_account(role, qtbot, world):
    win = role.window
    win.start_session()
    role.ctx.identify(world.member.id, world.member.name)
    win.open_flow(ACCOUNT)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "AccountScreen")
    screen = win.top()
    qtbot.waitUntil(lambda: screen.data is not None)
    return screen


def test_an_enrolled_member_withdraws_with_two_taps(role, world, qtbot):
    consent = templates.grant_consent(world.member)
    templates.enrol(world.member, consent, [[0.01] * 128, [0.03] * 128])
    screen = open_account(role, qtbot, world)
    qtbot.waitUntil(lambda: screen.face.isVisible())
    screen.face.click()
    assert screen.face_state == "confirming" and FaceTemplate.select().count() == 2
    screen.face.click()
    qtbot.waitUntil(lambda: screen.face_state == "withdrawn")
    assert FaceTemplate.select().count() == 0 and not screen.face.isVisible()
    assert Consent.get_by_id(consent.id).withdrawn_at is not None


def test_a_member_not_enrolled_is_not_offered_it(role, world, qtbot):
    screen = open_account(role, qtbot, world)
    done = []  # the kiosk's worker runs calls in order: after this, is_enrolled has answered
    role.ctx.run(lambda: None, done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert screen.face_state == "hidden" and not screen.face.isVisible()
