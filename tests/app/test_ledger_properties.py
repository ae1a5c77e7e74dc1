"""The ledger's invariants (LEDGER.md) under random sequences of accrue / spend / refund /
expire / replay, on SQLite and PostgreSQL (hypothesis state machine)."""

from __future__ import annotations

import itertools
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

from app import ledger
from app.db import write_tx
from app.errors import InsufficientPoints
from app.models import Lot, LotUse, Member, Merchant
from app.settlement import point_positions

_ids = itertools.count()
EPOCH = datetime(2020, 1, 1)


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

    def _key(self) -> str:
        return f"hyp:{id(self)}:{next(self.keys)}"

    def _balances(self) -> list[int]:
        return [ledger.balance(m) for m in self.members]

    @rule(target=awards, who=st.integers(0, 1), issuer=st.integers(0, 2),
          points=st.integers(1, 500), days=st.integers(1, 60))
    def accrue(self, who, issuer, points, days):
        key = self._key()
        with write_tx():
            t = ledger.award(self.accounts[who], self.merchants[issuer], points, key=key,
                             reason="sale", source="sale",
                             expires_at=self.now + timedelta(days=days))
        self.ops.append(("award", who, issuer, points, key, self.now + timedelta(days=days)))
        return t

    @rule(target=spends, who=st.integers(0, 1), at=st.integers(0, 2), points=st.integers(1, 800))
    def spend(self, who, at, points):
        before = self._balances()
        key = self._key()
        try:
            with write_tx():
                t = ledger.spend(self.accounts[who], self.merchants[at], points, key=key,
                                 reason="pay", source="sale")
        except InsufficientPoints:
            assert before[who] < points
            assert self._balances() == before
            return None
        assert self._balances()[who] == before[who] - points
        self.ops.append(("spend", who, at, points, key))
        return t

    @rule(award=consumes(awards), points=st.integers(1, 500))
    def refund_award(self, award, points):
        with write_tx():
            t, shortfall = ledger.reverse_award(award, points, key=self._key(), reason="refund")
        assert shortfall >= 0 and (t.amount if t else 0) + shortfall == points

    @rule(spend=spends, points=st.integers(1, 800))
    def restore(self, spend, points):
        if spend is None:
            return
        with write_tx():
            ledger.restore_spend(spend, points, key=self._key(), reason="refund")
        restored = sum(lot.points for use in spend.lot_uses for lot in
                       Lot.select().where(Lot.restored_from == use.id))
        assert restored <= spend.amount

    @rule(days=st.integers(1, 40))
    def expire(self, days):
        self.now += timedelta(days=days)
        with write_tx():
            ledger.expire_lots(self.now)
        before = self._balances()
        with write_tx():
            assert ledger.expire_lots(self.now) == 0  # a second run changes nothing
        assert self._balances() == before

    @rule(data=st.data())
    def replay(self, data):
        if not self.ops:
            return
        op = data.draw(st.sampled_from(self.ops))
        before = self._balances()
        with write_tx():
            if op[0] == "award":
                _, who, issuer, points, key, expires = op
                ledger.award(self.accounts[who], self.merchants[issuer], points, key=key,
                             reason="sale", source="sale", expires_at=expires)
            else:
                _, who, at, points, key = op
                ledger.spend(self.accounts[who], self.merchants[at], points, key=key,
                             reason="pay", source="sale")
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
