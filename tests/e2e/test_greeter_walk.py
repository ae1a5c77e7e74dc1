"""The door greeter's walk, end to end (issue 10): the cashier enrols a member's face at the
till (consent, frames from the till's simulated camera showing the member's photos); the
member walks in (the greeter's real pipeline fed frames of the shared door video, which shows
a photo never enrolled); the greeter shows the welcome card, the visit is recorded, the offer
is queued, the till shows the arrival; the member withdraws at the till and the running
greeter stops recognising them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.clock import utcnow
from app.config import TerminalConfig
from app.models import Consent, FaceTemplate, Member, Offer, OutboxMessage, Store, Visit
from hardware.camera.frames import LatestFrame
from tests.app.face_rig import video_frames
from tests.conftest import TESTDATA

FACES = TESTDATA / "faces"
MEMBER_PHONE = "13800138000"  # 刘洋 in the demo world
# the till camera shows these photos; the door video shows obama2.jpg (never enrolled)
ENROL_PHOTOS = ("obama.jpg", "obama3.jpg", "obama-720p.jpg")
WALK_IN = (12, 81)


class DoorCamera:
    """The greeter's camera, fed frame by frame by the test (the camera thread's part)."""

    status = "connected"
    status_detail = "test frames"

    def __init__(self) -> None:
        self.frames = LatestFrame()

    def latest(self):
        return self.frames.get()[1]

    def start(self) -> None: ...

    def stop(self) -> None:
        self.frames.wake()


@pytest.fixture
def hub(qapp, tmp_path, cashier_cfg):
    """The till's real hub; its simulated camera plays the member's enrolment photos (linked
    from the shared test data for this run, never copied into the repository)."""
    from app.config import SIMULATED_DEVICES
    from ui.devices import DeviceHub

    shots = tmp_path / "till-camera"
    shots.mkdir()
    for name in ENROL_PHOTOS:
        (shots / name).symlink_to(FACES / "people" / "barack_obama" / name)
    devices = {k: dict(v) for k, v in SIMULATED_DEVICES.items()}
    devices["printer"] = {"kind": "capture", "paper_mm": 80}
    devices["camera"] = {"kind": "simulator", "source": str(shots), "fps": 3}
    cashier_cfg.devices = devices
    device_hub = DeviceHub(devices, data_dir=tmp_path / "devices")
    yield device_hub
    device_hub.stop()


def enrol_at_the_till(qtbot, till) -> None:
    w = till.window
    till.session.identify(MEMBER_PHONE)
    qtbot.waitUntil(lambda: w.member.face_button.isVisible(), timeout=5000)
    w.member.face_button.click()
    qtbot.waitUntil(lambda: w.flows.dialog is not None
                    and w.flows.dialog.objectName() == "faceEnrolmentDialog", timeout=5000)
    dialog = w.flows.dialog
    dialog.agree_button.click()
    qtbot.waitUntil(lambda: dialog.capture_button.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: dialog.camera.latest() is not None, timeout=5000)
    while not dialog.save_button.isVisible():
        tries = len(dialog.encodings) + len(dialog.refusals)
        assert tries < 8, dialog.refusals
        dialog.capture_button.click()
        qtbot.waitUntil(lambda n=tries: len(dialog.encodings) + len(dialog.refusals) > n,
                        timeout=30000)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: w.flows.dialog is None, timeout=10000)


def walk_in(qtbot, greeter, camera: DoorCamera) -> None:
    """Show the door video's frames to the greeter at the pace its pipeline analyses them."""
    engine = greeter.engine
    p = engine.pipeline

    def analysed() -> bool:
        return p._done_seq >= p._seq and not p._requests

    for _, frame in video_frames(*WALK_IN, step=2):
        fed = engine.frames_fed
        camera.frames.put(frame)
        qtbot.waitUntil(lambda n=fed: engine.frames_fed > n, timeout=10000)
        qtbot.waitUntil(analysed, timeout=30000)


@pytest.mark.slow
@pytest.mark.both_databases
def test_enrol_greet_notice_offer_and_withdraw(make_role, qtbot, seeded_url):
    from ui.greeter.role import GreeterRole

    member = Member.get(Member.phone == MEMBER_PHONE)
    Consent.create(member=member, kind="marketing", purpose="offers by SMS")
    Store.update(greeting_mode="passive").execute()
    now = utcnow()
    Offer.create(merchant=Store.get(Store.code == "MA-S1").merchant, title="满50减5",
                 title_en="¥5 off ¥50", valid_from=now - timedelta(days=1),
                 valid_until=now + timedelta(days=7))
    till = make_role()
    enrol_at_the_till(qtbot, till)
    assert FaceTemplate.select().where(FaceTemplate.member == member.id).count() == 3

    camera = DoorCamera()
    greeter = GreeterRole(TerminalConfig(role="greeter", terminal="MA-T1"), camera=camera)
    greeter.fullscreen = False
    greeter.show()
    qtbot.addWidget(greeter.window)
    try:
        qtbot.waitUntil(lambda: greeter.engine.pipeline is not None
                        and greeter.engine.pipeline.status() == "running", timeout=120000)
        qtbot.waitUntil(lambda: member.id in greeter.engine.pipeline.index.members(),
                        timeout=5000)
        walk_in(qtbot, greeter, camera)
        cards = greeter.window.cards.cards
        qtbot.waitUntil(lambda: len(cards) == 1, timeout=10000)
        assert cards[0].card.member_id == member.id
        assert cards[0].title.text() == "Welcome, 刘洋!"
        [visit] = Visit.select().where(Visit.member == member.id)
        assert visit.store_id == Store.get(Store.code == "MA-S1").id
        assert visit.confidence_milli > 400
        [offer] = OutboxMessage.select().where(OutboxMessage.kind.in_(
            ["visit_offer", "visit_favourite"]))
        assert offer.recipient == MEMBER_PHONE and "满50减5" in offer.body
        qtbot.waitUntil(lambda: any("刘洋 arrived" in t for t in till.window.arrivals.shown),
                        timeout=8000)

        # the member withdraws at the till; the running greeter forgets them within 5 s
        w = till.window
        w.member.face_button.click()
        qtbot.waitUntil(lambda: w.flows.dialog is not None
                        and w.flows.dialog.objectName() == "faceEnrolmentDialog", timeout=5000)
        w.flows.dialog.withdraw_button.click()
        qtbot.waitUntil(lambda: w.flows.dialog is None, timeout=5000)
        index = greeter.engine.pipeline.index
        qtbot.waitUntil(lambda: member.id not in index.members(), timeout=5000)
        before = greeter.window.greeting_errors
        walk_in(qtbot, greeter, camera)
        assert len(cards) == 1 and greeter.window.greeting_errors == before
        labels = greeter.window.preview.shown_labels()
        assert labels and all(label == "" for _, label in labels)  # boxed, never named
        assert Visit.select().count() == 1
    finally:
        greeter.shutdown()
