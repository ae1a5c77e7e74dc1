"""The ledger's invariants (LEDGER.md) under random sequences of accrue / spend / refund /
expire / time passing / replay / adjust, on SQLite and PostgreSQL (hypothesis state machine).

Time is the machine's own clock (``self.now``): spends, balances and reversals are asked "at
now", and time can pass without the expiry job running, so a lot past its expiry must neither
count nor pay even before the job moves it to breakage."""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
)

from app import jobs, ledger
from app.db import write_tx
from app.errors import IdempotencyConflict, InsufficientPoints
from app.models import Lot, LotUse, Member, Merchant
from app.settlement import point_positions

_ids = itertools.count()
EPOCH = datetime(2020, 1, 1)


def fifo_plan(lots: list[Lot], points: int) -> list[tuple[int, int]]:
    """(lot id, points) a spend must take: oldest expiry first, ties in award order."""
    plan = []
    for lot in sorted(lots, key=lambda lot: (lot.expires_at, lot.id)):
        if points == 0:
            break
        take = min(points, lot.remaining)
        plan.append((lot.id, take))
        points -= take
    return plan


def live_lots(account, now: datetime) -> list[Lot]:
    return list(Lot.select().where((Lot.account == account) & (Lot.remaining > 0)
                                   & Lot.expired_at.is_null() & (Lot.expires_at > now)))


class LedgerMachine(RuleBasedStateMachine):
    spends = Bundle("spends")
    awards = Bundle("awards")

    def __init__(self) -> None:
        super().__init__()
        n = next(_ids)
        with write_tx():
            self.merchants = [
                Merchant.create(code=f"HM{n}-{i}", name=f"m{i}", points_validity_days=30)
                for i in range(3)
            ]
            self.members = [Member.create(number=f"9{n:05d}{i}", phone=f"1390{n:05d}{i:02d}")
                            for i in range(2)]
        self.accounts = [ledger.member_account(m) for m in self.members]
        self.now = datetime(2030, 1, 1)
        self.ops: list[tuple] = []
        self.keys = itertools.count()
        self.run = uuid.uuid4().hex[:12]

    def _key(self, prefix: str) -> str:
        return f"{prefix}:hyp:{self.run}:{next(self.keys)}"  # unique per run, on a shared db

    def _balances(self) -> list[int]:
        return [ledger.balance(m, self.now) for m in self.members]

    @rule(target=awards, who=st.integers(0, 1), issuer=st.integers(0, 2),
          points=st.integers(1, 500), days=st.integers(1, 60))
    def accrue(self, who, issuer, points, days):
        key = self._key("sale")
        with write_tx():
            t = ledger.award(self.accounts[who], self.merchants[issuer], points, key=key,
                             reason="sale", source="sale",
                             expires_at=self.now + timedelta(days=days))
        self.ops.append(("award", who, issuer, points, key, self.now + timedelta(days=days), t))
        return t

    @rule(target=spends, who=st.integers(0, 1), at=st.integers(0, 2), points=st.integers(1, 800))
    def spend(self, who, at, points):
        before = self._balances()
        expected = fifo_plan(live_lots(self.accounts[who], self.now), points)
        key = self._key("sale")
        try:
            with write_tx():
                t = ledger.spend(self.accounts[who], self.merchants[at], points, key=key,
                                 reason="pay", source="sale", now=self.now)
        except InsufficientPoints:
            assert before[who] < points
            assert self._balances() == before
            return None
        assert before[who] >= points
        assert self._balances()[who] == before[who] - points
        # FIFO: exactly the live lots, oldest expiry first, and only as much as needed.
        used = [(u.lot_id, u.amount) for u in LotUse.select().where(LotUse.transfer == t)
                .order_by(LotUse.id)]
        assert used == expected
        self.ops.append(("spend", who, at, points, key, t))
        return t

    @rule(who=st.integers(0, 1), points=st.integers(1, 300))
    def take_back(self, who, points):
        before = self._balances()
        try:
            with write_tx():
                ledger.adjust(self.accounts[who], -points, key=self._key("adjust"),
                              reason="operator correction", issuer=self.merchants[0],
                              now=self.now)
        except InsufficientPoints:
            assert before[who] < points
            return
        assert self._balances()[who] == before[who] - points

    @rule(award=consumes(awards), points=st.integers(1, 500))
    def refund_award(self, award, points):
        lot = Lot.get(Lot.transfer == award)
        live = lot.expires_at > self.now
        with write_tx():
            t, shortfall = ledger.reverse_award(award, points, key=self._key("refund"),
                                                reason="refund", now=self.now)
        assert shortfall >= 0 and (t.amount if t else 0) + shortfall == points
        if not live:  # an expired award gives nothing back, even before the job ran
            assert t is None

    @rule(spend=spends, points=st.integers(1, 800))
    def restore(self, spend, points):
        if spend is None:
            return
        with write_tx():
            ledger.restore_spend(spend, points, key=self._key("refund"), reason="refund")
        restored = sum(lot.points for use in spend.lot_uses for lot in
                       Lot.select().where(Lot.restored_from == use.id))
        assert restored <= spend.amount

    @rule(days=st.integers(1, 40))
    def time_passes(self, days):
        """Lots fall due; the job has not run."""
        self.now += timedelta(days=days)

    @rule(days=st.integers(0, 40))
    def expire(self, days):
        self.now += timedelta(days=days)
        spendable = self._balances()
        with write_tx():
            ledger.expire_lots(self.now)
        assert self._balances() == spendable  # the job changes what is held, not what counts
        with write_tx():
            assert ledger.expire_lots(self.now) == 0  # a second run changes nothing
        assert self._balances() == spendable

    @rule(days=st.integers(0, 40))
    def scheduled_job(self, days):
        """The scheduled job (set-based, a batch of holders per transaction), then nothing
        left to do."""
        self.now += timedelta(days=days)
        spendable = self._balances()
        jobs.run_due(self.now)
        assert self._balances() == spendable
        assert [r.count for r in jobs.run_due(self.now, only="expire_points")] == [0]
        assert Lot.select().where((Lot.expires_at <= self.now) & Lot.expired_at.is_null()).count() == 0

    @rule(data=st.data())
    def replay(self, data):
        if not self.ops:
            return
        op = data.draw(st.sampled_from(self.ops))
        before = self._balances()
        with write_tx():
            if op[0] == "award":
                _, who, issuer, points, key, expires, first = op
                again = ledger.award(self.accounts[who], self.merchants[issuer], points, key=key,
                                     reason="sale", source="sale", expires_at=expires)
            else:
                _, who, at, points, key, first = op
                again = ledger.spend(self.accounts[who], self.merchants[at], points, key=key,
                                     reason="pay", source="sale", now=self.now)
        assert again.id == first.id
        assert self._balances() == before

    @rule(data=st.data(), extra=st.integers(1, 50))
    def replay_other_payload(self, data, extra):
        if not self.ops:
            return
        op = data.draw(st.sampled_from(self.ops))
        before = self._balances()
        with pytest.raises(IdempotencyConflict) as refused, write_tx():
            if op[0] == "award":
                _, who, issuer, points, key, expires, _ = op
                ledger.award(self.accounts[who], self.merchants[issuer], points + extra,
                             key=key, reason="sale", source="sale", expires_at=expires)
            else:
                _, who, at, points, key, _ = op
                ledger.spend(self.accounts[who], self.merchants[(at + 1) % 3], points, key=key,
                             reason="pay", source="sale", now=self.now)
        assert refused.value.code == "ledger.key_conflict"
        assert self._balances() == before

    @invariant()
    def books_balance(self):
        assert ledger.verify() == []
        for acct in self.accounts:
            acct = type(acct).get_by_id(acct.id)
            assert acct.balance >= 0
            lots = list(Lot.select().where(Lot.account == acct))
            assert all(0 <= lot.remaining <= lot.points for lot in lots)
            assert sum(lot.remaining for lot in lots) == acct.balance

    @invariant()
    def expired_points_do_not_count(self):
        for member, acct in zip(self.members, self.accounts, strict=True):
            live = sum(lot.remaining for lot in live_lots(acct, self.now))
            assert ledger.balance(member, self.now) == live

    @invariant()
    def settlement_sums_to_zero(self):
        positions = point_positions(EPOCH, datetime(2100, 1, 1))
        assert sum(positions.values()) == 0
        # The SQL aggregate matches the raw lot-use records, entry by entry.
        expected: dict[int, int] = {}
        for use in LotUse.select().where(LotUse.acceptor.is_null(False)):
            if use.issuer_id != use.acceptor_id:
                given_back = sum(lot.points for lot in Lot.select().where(Lot.restored_from == use.id))
                net = use.amount - given_back
                expected[use.acceptor_id] = expected.get(use.acceptor_id, 0) + net
                expected[use.issuer_id] = expected.get(use.issuer_id, 0) - net
        assert positions == {k: v for k, v in expected.items() if v}


@pytest.mark.slow
def test_ledger_invariants_hold_under_random_operations(db):
    machine_settings = settings(max_examples=25, stateful_step_count=25, deadline=None,
                                suppress_health_check=list(HealthCheck))
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(LedgerMachine, settings=machine_settings)
