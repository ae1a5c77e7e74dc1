"""Face enrolment at the till (issue 10): consent first, frames from the till's camera with
their quality checked (a photo with no face or several faces refused with its reason), the
templates bound to the member and that consent; withdrawal deletes them all. Real dlib on the
shared test faces."""

from __future__ import annotations

import cv2
import pytest

from app.models import Consent, FaceTemplate, Member
from tests.conftest import TESTDATA

FACES = TESTDATA / "faces"
PHOTO = FACES / "people" / "barack_obama" / "obama.jpg"


class StillCamera:
    """A till camera showing one picture (the member steps in front of it)."""

    def __init__(self, path) -> None:
        self.frame = cv2.imread(str(path))

    def latest(self):
        return self.frame


@pytest.fixture
def hub(qapp, tmp_path, cashier_cfg):
    """The real hub with a simulated till camera showing the member's photo."""
    from app.config import SIMULATED_DEVICES
    from ui.devices import DeviceHub

    devices = {k: dict(v) for k, v in SIMULATED_DEVICES.items()}
    devices["printer"] = {"kind": "capture", "paper_mm": 80}
    devices["camera"] = {"kind": "simulator", "source": str(PHOTO), "fps": 10}
    cashier_cfg.devices = devices
    device_hub = DeviceHub(devices, data_dir=tmp_path / "devices")
    yield device_hub
    device_hub.stop()


def open_enrolment(qtbot, role, phone="13800138000"):
    w = role.window
    role.session.identify(phone)
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    qtbot.waitUntil(lambda: w.member.face_button.isVisible(), timeout=2000)
    w.member.face_button.click()
    qtbot.waitUntil(lambda: w.flows.dialog is not None
                    and w.flows.dialog.objectName() == "faceEnrolmentDialog", timeout=5000)
    return w.flows.dialog


def capture(qtbot, dialog) -> None:
    before = len(dialog.encodings) + len(dialog.refusals)
    dialog.capture_button.click()
    qtbot.waitUntil(lambda: len(dialog.encodings) + len(dialog.refusals) > before,
                    timeout=30000)


def test_no_member_no_face_button(make_role):
    role = make_role()
    assert not role.window.member.face_button.isVisible()


def test_consent_then_checked_frames_then_templates(make_role, qtbot):
    role = make_role()
    dialog = open_enrolment(qtbot, role)
    assert "365 days" in dialog.consent.text() and "withdraw" in dialog.consent.text()
    assert FaceTemplate.select().count() == 0 and Consent.select().where(
        Consent.kind == "face").count() == 0
    dialog.agree_button.click()
    qtbot.waitUntil(lambda: dialog.consent_id is not None, timeout=5000)
    [consent] = Consent.select().where(Consent.kind == "face")

    # refused frames say why and are not kept
    dialog.camera = StillCamera(FACES / "noface" / "coffee.png")
    capture(qtbot, dialog)
    assert dialog.refusals == ["faces.none"] and "no face" in dialog.error.text().lower()
    dialog.camera = StillCamera(FACES / "multi" / "two_people.jpg")
    capture(qtbot, dialog)
    assert dialog.refusals[-1] == "faces.several" and "more than one face" in dialog.error.text().lower()
    assert dialog.encodings == []

    dialog.camera = role.hub.devices["camera"]  # the till camera shows the member
    qtbot.waitUntil(lambda: dialog.camera.latest() is not None, timeout=5000)
    for _ in range(3):
        capture(qtbot, dialog)
    assert len(dialog.encodings) == 3 and dialog.save_button.isVisible()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: role.window.flows.dialog is None, timeout=10000)
    member = Member.get(Member.phone == "13800138000")
    templates = list(FaceTemplate.select().where(FaceTemplate.member == member.id))
    assert len(templates) == 3 and {t.consent_id for t in templates} == {consent.id}
    assert "enrolled" in role.window.banner.message()


def test_withdrawal_at_the_till_deletes_every_template(make_role, qtbot):
    from app.faces import templates
    from app.members import identify

    member = identify("13800138000")
    consent = templates.grant_consent(member)
    templates.enrol(member, consent, [[0.01] * 128, [0.02] * 128])
    role = make_role()
    dialog = open_enrolment(qtbot, role)
    dialog.withdraw_button.click()
    qtbot.waitUntil(lambda: role.window.flows.dialog is None, timeout=5000)
    assert FaceTemplate.select().count() == 0
    assert Consent.get_by_id(consent.id).withdrawn_at is not None
    assert "2 templates deleted" in role.window.banner.message()


def test_the_member_agrees_on_the_customer_display(make_role, qtbot):
    role = make_role(customer_display=True)
    display = role.customer_display
    dialog = open_enrolment(qtbot, role)
    qtbot.waitUntil(lambda: display.consent_asked, timeout=5000)
    assert "365" in display.consent_text.text() and display.consent_agree.isVisible()
    display.consent_agree.click()
    qtbot.waitUntil(lambda: dialog.consent_id is not None, timeout=5000)
    assert not display.consent_asked
    assert Consent.select().where(Consent.kind == "face").count() == 1
