"""Conversion partners on SQLite and PostgreSQL: the local file provider, idempotent
conversions, refusals given back by a reversal, bad input refused before any points move,
and the per-period partner settlement with its CSV."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import timedelta

import pytest

from app import ledger
from app.backoffice.actor import sign_in
from app.clock import utcnow
from app.db import write_tx
from app.demo import DEMO_PINS
from app.errors import (
    ConfigError,
    IdempotencyConflict,
    InsufficientPoints,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from app.models import AuditEntry, Lot, OutboxMessage, PartnerConversion, Transfer
from app.rewards import partners
from app.rewards.partners import PartnerInput
from app.settlement import point_positions


def bank(folder, **over) -> PartnerInput:
    values = dict(code="ICBC", name="工商银行储值", name_en="ICBC stored value", kind="bank",
                  minor_per_100_points=50, folder=str(folder))
    values.update(over)
    return PartnerInput(**values)


@pytest.fixture
def setup(world, tmp_path):
    op = sign_in("op", DEMO_PINS["operator"])
    folder = tmp_path / "icbc"
    folder.mkdir()
    partners.save_partner(op, None, bank(folder))
    with write_tx():
        for issuer, points in ((world.merchant_a, 600), (world.merchant_b, 400)):
            ledger.award(ledger.member_account(world.member), issuer, points,
                         key=f"sale:{uuid.uuid4()}", reason="test", source="sale")
    return world, op, folder


def respond(folder, key: str, status: str, **extra) -> None:
    (folder / f"{key}.response.json").write_text(json.dumps({"status": status, **extra}))


def test_a_conversion_drops_one_request_file_and_waits_for_the_answer(setup):
    world, op, folder = setup
    key = str(uuid.uuid4())
    first = partners.convert(op, "icbc", world.member.id, 700, "6222 0000 1111", key)
    assert (first.status, first.points, first.amount) == ("pending", 700, 350)  # 0.5 ¢/point
    assert ledger.balance(world.member) == 300  # spent before the partner is asked
    request = json.loads((folder / f"{key}.request.json").read_text())
    assert request["amount"] == 350 and request["member_number"] == world.member.number
    assert not list(folder.glob(".tmp-*"))  # written atomically: no half-written leftovers
    again = partners.convert(op, "ICBC", world.member.id, 700, "6222 0000 1111", key)
    assert again.status == "pending" and PartnerConversion.select().count() == 1
    assert ledger.balance(world.member) == 300
    respond(folder, key, "accepted", reference="ICBC-778")
    assert partners.poll(op) == 1
    row = PartnerConversion.get()
    assert (row.status, row.partner_ref) == ("accepted", "ICBC-778")
    assert partners.convert(op, "ICBC", world.member.id, 700, "x", key).replayed
    with pytest.raises(IdempotencyConflict):
        partners.convert(op, "ICBC", world.member.id, 600, "x", key)
    # The points went back to their issuers, oldest expiry first: no merchant accepted them.
    now = utcnow()
    assert point_positions(now - timedelta(hours=1), now + timedelta(hours=1)) == {}
    assert ledger.verify() == []
    assert AuditEntry.select().where(AuditEntry.action == "partner.convert").count() == 1


def test_a_refusal_after_the_spend_gives_the_points_back_by_a_reversal(setup):
    world, op, folder = setup
    key = str(uuid.uuid4())
    respond(folder, key, "refused", reason="账户不存在")
    result = partners.convert(op, "ICBC", world.member.id, 1000, "0000", key)
    assert (result.status, result.reason) == ("refused", "账户不存在")
    assert ledger.balance(world.member) == 1000
    spent = Transfer.select().where(Transfer.idempotency_key.startswith(f"partner:{key}:")
                                    & Transfer.reverses.is_null()).count()
    back = Transfer.select().where(Transfer.reverses.is_null(False)
                                   & (Transfer.source == "partner")).count()
    assert spent == back == 2  # one per issuer, each reversed — nothing deleted
    restored = {lot.issuer_id: lot.points for lot in Lot.select().where(
        Lot.restored_from.is_null(False))}
    assert restored == {world.merchant_a.id: 600, world.merchant_b.id: 400}
    assert partners.convert(op, "ICBC", world.member.id, 1000, "0000", key).replayed
    assert ledger.balance(world.member) == 1000 and ledger.verify() == []
    note = OutboxMessage.get(OutboxMessage.kind == "partner_refused")
    assert "账户不存在" in note.body and "1000" in note.body


def test_bad_input_is_refused_before_any_points_move(setup, tmp_path):
    world, op, folder = setup
    with pytest.raises(NotFound) as info:
        partners.convert(op, "NOPE", world.member.id, 100, "1", str(uuid.uuid4()))
    assert info.value.code == "partner.unknown"
    with pytest.raises(InsufficientPoints):
        partners.convert(op, "ICBC", world.member.id, 1001, "1", str(uuid.uuid4()))
    with pytest.raises(ValidationError) as info:
        partners.convert(op, "ICBC", world.member.id, 100, " ", str(uuid.uuid4()))
    assert info.value.code == "partner.no_account"
    with pytest.raises(ValidationError):
        partners.convert(op, "ICBC", world.member.id, 1, "1", str(uuid.uuid4()))  # 0.5 ¢
    m2 = sign_in("m2", DEMO_PINS["manager"])
    with pytest.raises(PermissionDenied):  # the member belongs to MA
        partners.convert(m2, "ICBC", world.member.id, 100, "1", str(uuid.uuid4()))
    folder.rmdir()
    with pytest.raises(ConfigError) as info:
        partners.convert(op, "ICBC", world.member.id, 100, "1", str(uuid.uuid4()))
    assert info.value.code == "partner.folder_missing"
    assert PartnerConversion.select().count() == 0 and ledger.balance(world.member) == 1000
    assert Transfer.select().where(Transfer.source == "partner").count() == 0


def test_only_the_operator_manages_partners(setup, tmp_path):
    world, op, folder = setup
    m1 = sign_in("m1", DEMO_PINS["manager"])
    with pytest.raises(PermissionDenied):
        partners.save_partner(m1, None, bank(folder, code="PICC", kind="insurance"))
    with pytest.raises(ValidationError) as info:
        partners.save_partner(op, None, bank(folder))
    assert info.value.code == "partner.duplicate_code"
    with pytest.raises(ValidationError):
        partners.save_partner(op, None, bank(folder, code="X", minor_per_100_points=0))
    assert [p.folder for p in partners.list_partners(m1)] == [""]  # no paths for managers
    with pytest.raises(PermissionDenied):
        partners.settlement(m1, utcnow() - timedelta(days=1), utcnow())


def test_partner_settlement_sums_accepted_conversions_per_period_with_csv(setup, tmp_path):
    world, op, folder = setup
    insurer = tmp_path / "picc"
    insurer.mkdir()
    partners.save_partner(op, None, bank(insurer, code="PICC", name="人保保费",
                                         kind="insurance", minor_per_100_points=80,
                                         auto_accept=True))
    a, b, c = (str(uuid.uuid4()) for _ in range(3))
    respond(folder, a, "accepted")
    respond(folder, b, "refused")
    partners.convert(op, "ICBC", world.member.id, 500, "1", a)
    partners.convert(op, "ICBC", world.member.id, 100, "1", b)
    assert partners.convert(op, "PICC", world.member.id, 300, "P-9", c).status == "accepted"
    now = utcnow()
    owed = {o.partner_code: o for o in partners.settlement(op, now - timedelta(hours=1),
                                                           now + timedelta(hours=1))}
    assert (owed["ICBC"].conversions, owed["ICBC"].points, owed["ICBC"].amount) == (1, 500, 250)
    assert owed["ICBC"].funded_by == {"MA": 500}
    assert (owed["PICC"].points, owed["PICC"].amount) == (300, 240)
    assert owed["PICC"].funded_by == {"MA": 100, "MB": 200}
    assert partners.settlement(op, now + timedelta(hours=1), now + timedelta(hours=2)) == []
    text = partners.settlement_csv(op, now - timedelta(hours=1), now + timedelta(hours=1))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {(r["partner"], r["issuer"], r["issuer_points"]) for r in rows} == {
        ("ICBC", "MA", "500"), ("PICC", "MA", "100"), ("PICC", "MB", "200")}
    assert all(r["amount_minor"] in ("250", "240") for r in rows)
    with pytest.raises(ValidationError):
        partners.settlement(op, now, now)


def test_asking_again_drops_a_request_that_never_arrived(setup):
    world, op, folder = setup
    key = str(uuid.uuid4())
    partners.convert(op, "ICBC", world.member.id, 100, "1", key)
    request = folder / f"{key}.request.json"
    request.unlink()  # lost on the way (the folder was unreachable at that moment)
    assert partners.poll(op) == 0
    assert request.exists()
    respond(folder, key, "accepted")
    assert partners.poll(op) == 1
    assert PartnerConversion.get().status == "accepted"
