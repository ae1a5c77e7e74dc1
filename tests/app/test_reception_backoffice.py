"""Face consent in the back office (issue 10): withdrawal by the operator or the member's
merchant's manager deletes every template, audited with before and after; another
merchant's manager is refused and nothing changes."""

from __future__ import annotations

import json

import pytest

from app.backoffice.actor import sign_in
from app.demo import DEMO_PINS
from app.errors import PermissionDenied
from app.faces import templates
from app.models import AuditEntry, Consent, FaceTemplate
from app.reception.backoffice import face_status, withdraw_face_consent


@pytest.fixture
def enrolled(world):
    consent = templates.grant_consent(world.member)
    templates.enrol(world.member, consent, [[0.01] * 128, [0.02] * 128, [0.03] * 128])
    return consent


def test_the_members_merchant_withdraws_and_it_is_audited(world, enrolled):
    manager = sign_in("m1", DEMO_PINS["manager"])  # 刘洋 joined at MA
    assert face_status(manager, world.member.id).templates == 3
    assert withdraw_face_consent(manager, world.member.id) == 3
    assert FaceTemplate.select().count() == 0
    assert Consent.get_by_id(enrolled.id).withdrawn_at is not None
    entry = (AuditEntry.select().where(AuditEntry.action == "backoffice.face_consent_withdrawn",
                                       AuditEntry.actor == manager.staff_id).get())
    detail = json.loads(entry.detail)
    assert detail["before"] == {"templates": 3, "consent": True}
    assert detail["after"] == {"templates": 0, "consent": False}
    assert withdraw_face_consent(manager, world.member.id) == 0  # repeating deletes nothing


def test_another_merchants_manager_is_refused(world, enrolled):
    other = sign_in("m2", DEMO_PINS["manager"])
    for call in (face_status, withdraw_face_consent):
        with pytest.raises(PermissionDenied) as err:
            call(other, world.member.id)
        assert err.value.code == "reception.not_your_member"
    assert FaceTemplate.select().count() == 3
    operator = sign_in("op", DEMO_PINS["operator"])
    assert withdraw_face_consent(operator, world.member.id) == 3
