"""The redemption hot path stays lean (DESIGN.md budget: 8 terminals at ≥ 300 /s): a fresh
redemption makes a bounded number of database statements, and every shortcut keeps the rules
(the throttle still counts across processes, an unknown member is still refused)."""

import logging

import peewee as pw
import pytest

from app import ledger
from app.backoffice.actor import sign_in
from app.demo import DEMO_PINS
from app.errors import NotFound
from app.models import Lot, PointCode, Product, Transfer
from app.pointcodes import batches, scans


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.msg
        self.sql.append(str(msg[0] if isinstance(msg, tuple) else msg))


@pytest.fixture
def codes(world):
    manager = sign_in("m1", DEMO_PINS["manager"])
    product = Product.get(Product.sku == "A001")
    batch = batches.generate_batch(manager, product.id, 6, 40)
    return [c.code for c in batches.batch_codes(manager, batch.id)]


def _statements(fn):
    logger = logging.getLogger("peewee")
    handler, level = _Count(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        result = fn()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return result, handler.sql


def test_a_fresh_redemption_makes_few_statements(db, world, codes):
    scans.member_redeem(codes[0], world.member.id, world.terminal_a.id)  # warm the caches
    done, sql = _statements(
        lambda: scans.member_redeem(codes[1], world.member.id, world.terminal_a.id))
    assert done.points == 40 and not done.repeat
    # throttle, BEGIN, claim (+ the unit's read on SQLite), the award's three writes (the
    # balance comes back with the first); COMMIT is not logged. It was 17 before.
    assert len(sql) <= (6 if isinstance(db, pw.PostgresqlDatabase) else 7), sql
    assert done.balance == ledger.balance(world.member.id) == 80
    assert Transfer.select().where(Transfer.source_ref == PointCode.get(
        PointCode.serial == done.code).serial).count() == 1
    assert Lot.select().where(Lot.transfer == ledger.existing(f"code:{done.code}")).count() == 1
    assert ledger.verify() == []


def test_an_unknown_member_is_refused_and_nothing_is_written(db, world, codes):
    with pytest.raises(NotFound) as info:
        scans.member_redeem(codes[2], 999_999, world.terminal_a.id)
    assert info.value.code == "pointcode.no_member"
    assert PointCode.get(PointCode.serial == codes[2]).redeemed_at is None
    assert Transfer.select().where(Transfer.source == "code").count() == 0


def test_an_award_without_probe_still_refuses_a_used_key(db, world):
    """The hot path skips the key look-up; the unique index still stops a second award, and
    the whole transaction is undone."""
    from app.db import write_tx

    holder = ledger.member_account(world.member.id)
    with write_tx():
        ledger.award(holder, world.merchant_a, 30, key="code:X1", reason="point code",
                     source="code", probe=False)
    before = ledger.balance(world.member.id)
    with pytest.raises(pw.IntegrityError), write_tx():
        ledger.award(holder, world.merchant_a, 30, key="code:X1", reason="point code",
                     source="code", probe=False)
    assert ledger.balance(world.member.id) == before == 30
    assert Transfer.select().where(Transfer.idempotency_key == "code:X1").count() == 1
    assert ledger.verify() == []


def test_the_throttle_is_one_statement_and_counts_what_any_process_recorded(db, world):
    """Refusals written by another process (rows in the database) slow this one down, the
    setting applies at once, and the check costs one statement for both scopes."""
    from app import throttle
    from app.errors import PermissionDenied
    from app.models import AttemptFailure, Setting

    scopes = throttle.scopes(world.terminal_a.id, world.member.id)
    throttle.check(*scopes)  # PostgreSQL: prepares the statement on this connection, once
    _, sql = _statements(lambda: throttle.check(*scopes))
    assert len(sql) == 1, sql
    for _ in range(3):
        AttemptFailure.create(scope=f"member:{world.member.id}")  # as another terminal would
    throttle.check(*scopes)  # 3 < 5 free refusals
    Setting.create(key="code_attempts_free", value="3")
    with pytest.raises(PermissionDenied) as info:
        throttle.check(*scopes)
    assert info.value.code == "throttle.slow_down"
    throttle.check(*throttle.scopes(world.terminal_a.id))  # the terminal itself is free


def test_the_balance_shown_leaves_out_points_past_their_expiry(db, world, codes):
    """The balance comes back with the award's update; a lot already past its expiry (the job
    has not run yet) is not counted, as ``ledger.balance`` does not count it."""
    from datetime import timedelta

    from app.clock import utcnow
    from app.db import write_tx

    with write_tx():
        ledger.award(ledger.member_account(world.member.id), world.merchant_a, 25,
                     key="adjust:old", reason="old points", source="adjustment",
                     expires_at=utcnow() - timedelta(days=1))
    done = scans.member_redeem(codes[3], world.member.id, world.terminal_a.id)
    assert done.balance == ledger.balance(world.member.id) == 40
