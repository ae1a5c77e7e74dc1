"""Identifying a shopper at the kiosk: the SMS code (hashed, expiring, few tries, few sends),
stores that ask for no code, cards and member QRs, wrong numbers."""

import re
from datetime import timedelta

import pytest

from app import members
from app.clock import pinned_at, utcnow
from app.errors import NotFound, PermissionDenied, ValidationError
from app.kiosk import identify
from app.kiosk.terminal import open_kiosk
from app.models import OutboxMessage, PhoneChallenge, Store, Terminal


@pytest.fixture
def kiosk(world):
    Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
    return open_kiosk()


def sms_code(phone):
    row = (OutboxMessage.select().where((OutboxMessage.recipient == phone)
                                        & (OutboxMessage.kind == "kiosk_code"))
           .order_by(OutboxMessage.id.desc()).first())
    return re.search(r"\d{6}", row.body).group(0)


def test_a_member_confirms_their_phone_with_the_sms_code(world, kiosk):
    start = identify.start_phone(kiosk, "138 0013 8000")
    assert start.phone == "13800138000" and start.member_exists and start.challenge_id
    code = sms_code("13800138000")
    assert code not in PhoneChallenge.get_by_id(start.challenge_id).code_hash
    shopper = identify.confirm_phone(kiosk, start.challenge_id, code)
    assert shopper.member_id == world.member.id
    with pytest.raises(ValidationError) as info:  # used once
        identify.confirm_phone(kiosk, start.challenge_id, code)
    assert info.value.code == "kiosk.code_expired"


def test_a_new_phone_is_confirmed_without_a_member(world, kiosk):
    start = identify.start_phone(kiosk, "13912345678")
    assert not start.member_exists
    shopper = identify.confirm_phone(kiosk, start.challenge_id, sms_code("13912345678"))
    assert shopper.member_id is None and shopper.phone == "13912345678"


def test_wrong_codes_run_out_and_old_codes_expire(world, kiosk):
    start = identify.start_phone(kiosk, "13800138000")
    right = sms_code("13800138000")
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(ValidationError) as info:
            identify.confirm_phone(kiosk, start.challenge_id, wrong)
        assert info.value.params["left"] == left
    with pytest.raises(PermissionDenied):
        identify.confirm_phone(kiosk, start.challenge_id, right)
    later = identify.start_phone(kiosk, "13800138000")
    with pinned_at(utcnow() + timedelta(minutes=6)):
        with pytest.raises(ValidationError) as info:
            identify.confirm_phone(kiosk, later.challenge_id, sms_code("13800138000"))
    assert info.value.code == "kiosk.code_expired"
    for bad in ("12345", "abcdef", "1234567"):
        with pytest.raises(ValidationError) as info:
            identify.confirm_phone(kiosk, later.challenge_id, bad)
        assert info.value.code == "kiosk.code_format"


def test_a_phone_gets_few_codes_and_wrong_numbers_are_refused(world, kiosk):
    for _ in range(identify.MAX_SENDS):
        identify.start_phone(kiosk, "13800138000")
    with pytest.raises(PermissionDenied):
        identify.start_phone(kiosk, "13800138000")
    for bad, code in (("1380013800", "member.phone_length"), ("1380013800a", "member.phone_not_digits"),
                      ("23800138000", "member.phone_not_mobile")):
        with pytest.raises(ValidationError) as info:
            identify.start_phone(kiosk, bad)
        assert info.value.code == code
    assert OutboxMessage.select().count() == identify.MAX_SENDS


def test_another_kiosks_challenge_is_not_accepted(world, kiosk):
    start = identify.start_phone(kiosk, "13800138000")
    Terminal.create(store=world.store_b, code="MB-K1", role="kiosk")
    other = open_kiosk("MB-K1")
    with pytest.raises(NotFound):
        identify.confirm_phone(other, start.challenge_id, sms_code("13800138000"))


def test_stores_may_ask_for_no_code_and_cards_identify(world, kiosk):
    with pytest.raises(PermissionDenied):
        identify.phone_without_code(kiosk, "13800138000")
    Store.update(kiosk_sms_code=False).where(Store.id == world.store_a.id).execute()
    start = identify.start_phone(kiosk, "13800138000")
    assert start.challenge_id is None and OutboxMessage.select().count() == 0
    assert identify.phone_without_code(kiosk, "13800138000").member_id == world.member.id
    assert identify.by_card_or_qr("880000000001").member_id == world.member.id
    qr = members.member_qr(world.member)
    assert identify.by_card_or_qr(qr).member_id == world.member.id
    for unknown in ("999999999999", "PM1.t1.x.AAAAAAAAAAAAAAAA", "NOPE"):
        with pytest.raises((NotFound, ValidationError)):
            identify.by_card_or_qr(unknown)
