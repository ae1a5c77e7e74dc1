"""Check in with your face at the kiosk (issue 10): offered only in check-in stores with a
camera; the tap arms recognition, a recognised member is identified and their visit recorded
(source check-in); nobody recognised in time is told to use the phone or card."""

import cv2
import numpy as np
import pytest

from app.config import TerminalConfig
from app.models import Store, Terminal, Visit
from hardware.camera.simulator import SimulatedCamera
from tests.ui.test_greeter_window import ScriptedPipeline
from ui.kiosk import face_checkin
from ui.kiosk.flows import FLOWS
from ui.kiosk.role import KioskRole
from ui.null_hub import NullHub

ACCOUNT = next(f for f in FLOWS if f.key == "account")


class CameraHub(NullHub):
    def __init__(self, camera) -> None:
        super().__init__("test")
        self.devices = {"camera": camera}

    def start(self) -> None:
        pass


@pytest.fixture
def kiosk(world, qtbot, tmp_path, monkeypatch):
    roles, cameras = [], []

    def make(mode: str, pipeline: ScriptedPipeline, look_s: int = 10):
        Store.update(greeting_mode=mode).where(Store.id == world.store_a.id).execute()
        Terminal.create(store=world.store_a, code=f"MA-K{len(roles) + 1}", role="kiosk")
        monkeypatch.setattr(face_checkin, "make_pipeline", lambda: pipeline)
        monkeypatch.setattr(face_checkin, "LOOK_S", look_s)
        path = tmp_path / "kiosk.png"
        cv2.imwrite(str(path), np.full((480, 640, 3), 80, np.uint8))
        camera = SimulatedCamera(path, fps=20)
        camera.start()
        cameras.append(camera)
        r = KioskRole(TerminalConfig(role="kiosk", terminal=f"MA-K{len(roles) + 1}"),
                      hub=CameraHub(camera), state_dir=tmp_path, idle_s=60)
        r.show()
        roles.append(r)
        r.window.start_session()
        r.window.open_flow(ACCOUNT)
        screen = r.window.top()
        assert type(screen).__name__ == "IdentifyScreen"
        return r, screen

    yield make
    for r in roles:
        r.shutdown()
    for c in cameras:
        c.stop()


def test_a_member_checks_in_with_their_face(kiosk, world, qtbot):
    from app.faces import templates

    templates.enrol(world.member, templates.grant_consent(world.member), [[0.01] * 128])
    pipeline = ScriptedPipeline(world.member.id)
    role, screen = kiosk("check-in", pipeline)
    qtbot.waitUntil(lambda: screen.face_button.isVisible())
    screen.face_button.click()
    assert screen.checkin.looking
    qtbot.waitUntil(lambda: pipeline.check_ins == 1, timeout=5000)
    pipeline.greet()
    qtbot.waitUntil(lambda: role.ctx.session.member_id == world.member.id, timeout=5000)
    qtbot.waitUntil(lambda: type(role.window.top()).__name__ == "AccountScreen")
    [visit] = Visit.select()
    assert visit.source == "check-in" and visit.member_id == world.member.id
    assert not screen.checkin.looking and pipeline.closed


def test_nobody_recognised_in_time_is_sent_to_phone_or_card(kiosk, world, qtbot):
    pipeline = ScriptedPipeline(world.member.id)
    role, screen = kiosk("check-in", pipeline, look_s=1)
    qtbot.waitUntil(lambda: screen.face_button.isVisible())
    screen.face_button.click()
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=5000)
    assert "mobile number" in screen.error.text()
    assert role.ctx.session.member_id is None and Visit.select().count() == 0


def test_a_passive_store_does_not_offer_it(kiosk, world, qtbot):
    role, screen = kiosk("passive", ScriptedPipeline(world.member.id))
    done = []
    role.ctx.run(lambda: None, done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert not screen.face_offered and not screen.face_button.isVisible()
