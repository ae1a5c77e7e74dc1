"""Member identification and registration, staff sign-in and PIN lockout."""

from __future__ import annotations

import pytest

from app import members, staff
from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import Consent, Member, Staff


def test_identify_by_card_phone_number_and_signed_qr(world):
    m = world.member
    assert members.identify("880000000001").id == m.id
    assert members.identify("13800138000").id == m.id
    assert members.identify("+86 138 0013 8000").id == m.id
    assert members.identify(m.number).id == m.id
    assert members.identify(members.member_qr(m)).id == m.id


def test_forged_qr_unknown_card_and_short_phone_get_clear_errors(world):
    qr = members.member_qr(world.member)
    with pytest.raises(ValidationError, match="not genuine"):
        members.identify(qr[:-2] + ("AA" if not qr.endswith("AA") else "BB"))
    with pytest.raises(NotFound, match="no member"):
        members.identify("13900000000")
    with pytest.raises(ValidationError, match="too short"):
        members.identify("1380013")
    with pytest.raises(NotFound):
        members.identify("CARD-UNKNOWN")


@pytest.mark.parametrize("phone", ["1380013800", "138001380000", "23800138000", "1380013800a", ""])
def test_bad_phone_numbers_are_refused(world, phone):
    with pytest.raises(ValidationError):
        members.register(phone, "x")
    assert Member.select().count() == 1


def test_registration_records_consent_and_is_idempotent_by_phone(world):
    a = members.register("13912345678", "新会员", store=world.store_a, staff=world.cashier_a,
                         marketing_consent=True, card_number="880000000099")
    b = members.register("139 1234 5678", "again")
    assert a.id == b.id
    consent = Consent.get(Consent.member == a)
    assert consent.kind == "marketing" and consent.recorded_by_id == world.cashier_a.id
    assert members.identify("880000000099").id == a.id
    summary = members.summary(a)
    assert summary.points == 0 and summary.phone_masked == "139****5678"
    with pytest.raises(ValidationError, match="already belongs"):
        members.issue_card(world.member, "880000000099")


def test_pins_are_salted_hashes_and_lock_after_wrong_attempts(world):
    row = Staff.get(Staff.code == "c1")
    assert b"1111" not in bytes(row.pin_hash) and len(bytes(row.pin_salt)) == 16
    other = Staff.get(Staff.code == "c2")
    assert bytes(other.pin_hash) != bytes(row.pin_hash)  # same PIN rules, different salt
    assert staff.sign_in("c1", "1111").id == row.id
    for _ in range(staff.MAX_FAILED_ATTEMPTS):
        with pytest.raises(PermissionDenied):
            staff.sign_in("c1", "0000")
    with pytest.raises(PermissionDenied, match="locked"):
        staff.sign_in("c1", "1111")
    with pytest.raises(NotFound):
        staff.sign_in("nobody", "1111")
    with pytest.raises(ValidationError):
        staff.create_staff("x1", "X", "cashier", "12")
