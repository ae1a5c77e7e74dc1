"""Back-office member look-up (issue 8, screen 6): by card, phone (whole or last four digits,
shown masked), name (prefix, contained, Chinese) or member number; the member's balance, open
lots, history (filtered, paged) and consents; what a manager sees of another merchant's
entries; and an audit of who looked up whom."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app import ledger, members
from app.backoffice.actor import Actor
from app.clock import utcnow
from app.db import database, is_sqlite, write_tx
from app.errors import PermissionDenied, ValidationError
from app.loyalty import member_lookup as lookup
from app.models import AuditEntry, Consent, Member, Staff


def actor(code: str) -> Actor:
    return Actor.of(Staff.get(Staff.code == code))


@pytest.fixture
def people(world):
    """Three more members; 王芳 earned at A and B, spent at B, and has a withdrawn consent."""
    with write_tx():
        wang = members.register("13912345678", "王芳", store=world.store_a,
                                card_number="880000000777")
        members.register("13700005678", "王小明", store=world.store_b)
        members.register("15000001111", "李四", store=world.store_b)
        holder = ledger.member_account(wang)
        ctx_a = ledger.Context(merchant=world.merchant_a, terminal=world.terminal_a,
                               staff=world.cashier_a)
        ctx_b = ledger.Context(merchant=world.merchant_b, terminal=world.terminal_b,
                               staff=world.cashier_b)
        ledger.award(holder, world.merchant_a, 100, key="sale:lk:1", reason="sale A-1",
                     source="sale", ctx=ctx_a)
        ledger.award(holder, world.merchant_b, 60, key="sale:lk:2", reason="sale B-1",
                     source="sale", ctx=ctx_b, expires_at=utcnow() + timedelta(days=5))
        ledger.spend(holder, world.merchant_b, 30, key="sale:lk:3", reason="paid at B",
                     source="sale", ctx=ctx_b)
        Consent.create(member=wang, kind="face", purpose="greeting at the door",
                       withdrawn_at=utcnow())
    return wang


def test_phone_is_found_whole_or_by_last_four_and_shown_masked(people):
    op = actor("op")
    [row] = lookup.search(op, "139 1234 5678")
    assert (row.id, row.phone, row.name) == (people.id, "139****5678", "王芳")
    by_last4 = lookup.search(op, "5678")
    assert {r.name for r in by_last4} == {"王芳", "王小明"}
    assert all("****" in r.phone for r in by_last4)
    assert lookup.search(op, "0000", "phone") == []
    with pytest.raises(ValidationError) as short:
        lookup.search(op, "56", "phone")
    assert short.value.code == "lookup.phone_short"



def test_name_prefix_first_then_contained_card_and_number(people):
    op = actor("op")
    assert [r.name for r in lookup.search(op, "王")] == ["王小明", "王芳"] or \
        [r.name for r in lookup.search(op, "王")] == ["王芳", "王小明"]
    assert [r.name for r in lookup.search(op, "芳")] == ["王芳"]  # contained
    assert [r.name for r in lookup.search(op, "小明", "name")] == ["王小明"]
    assert [r.id for r in lookup.search(op, "880000000777")] == [people.id]  # card
    assert [r.id for r in lookup.search(op, "880000000777", "card")] == [people.id]
    assert [r.id for r in lookup.search(op, people.number)] == [people.id]
    with pytest.raises(ValidationError):
        lookup.search(op, "   ")
    with pytest.raises(ValidationError):
        lookup.search(op, "王", "email")


def test_searches_and_views_are_audited(people):
    m1 = actor("m1")
    lookup.search(m1, "5678")
    lookup.detail(m1, people.id)
    searched = AuditEntry.get(AuditEntry.action == "member_search")
    assert searched.actor_id == m1.staff_id and str(people.id) in searched.detail
    viewed = AuditEntry.get(AuditEntry.action == "member_view")
    assert (viewed.actor_id, viewed.target) == (m1.staff_id, f"member:{people.id}")


def test_detail_shows_balance_lots_by_expiry_cards_and_consents(people, world):
    d = lookup.detail(actor("op"), people.id)
    assert d.balance == 130 and d.phone == "139****5678"
    assert d.cards == ("********0777",)
    # B's lot expires first, so the spend of 30 took from it: 30 of 60 left, then A's 100
    assert [(lot.issuer, lot.remaining) for lot in d.lots] == [
        (world.merchant_b.name, 30), (world.merchant_a.name, 100)]
    [consent] = [c for c in d.consents if c.kind == "face"]
    assert consent.withdrawn_at is not None and consent.purpose == "greeting at the door"


def test_a_manager_sees_other_merchants_lots_and_entries_without_detail(people, world):
    d = lookup.detail(actor("m1"), people.id)  # MA's manager
    assert d.balance == 130
    assert [lot.issuer for lot in d.lots] == [None, world.merchant_a.name]
    page = lookup.history(actor("m1"), people.id)
    assert page.total == 3
    hidden = [r for r in page.rows if r.hidden]
    assert len(hidden) == 2 and all(
        r.merchant is None and r.reason == "" and r.staff == "" and r.terminal == ""
        for r in hidden)
    assert sorted(r.points for r in hidden) == [-30, 60]
    [own] = [r for r in page.rows if not r.hidden]
    assert (own.reason, own.points, own.merchant) == ("sale A-1", 100, world.merchant_a.name)
    assert own.terminal == world.terminal_a.code and own.staff == world.cashier_a.name
    full = lookup.history(actor("op"), people.id)
    assert not any(r.hidden for r in full.rows) and {r.reason for r in full.rows} == {
        "sale A-1", "sale B-1", "paid at B"}


def test_a_manager_asking_for_another_merchants_history_is_refused(people, world):
    with pytest.raises(PermissionDenied) as refused:
        lookup.history(actor("m1"), people.id, merchant_id=world.merchant_b.id)
    assert refused.value.code == "backoffice.other_merchant"
    own = lookup.history(actor("m1"), people.id, merchant_id=world.merchant_a.id)
    assert [r.reason for r in own.rows] == ["sale A-1"]
    assert lookup.merchants_for_filter(actor("m1")) == [(world.merchant_a.id,
                                                          world.merchant_a.name)]
    assert len(lookup.merchants_for_filter(actor("op"))) == 2


def test_history_filters_by_kind_and_period_and_pages(people, world):
    op = actor("op")
    with write_tx():
        holder = ledger.member_account(people)
        for i in range(7):
            ledger.award(holder, world.merchant_a, 1, key=f"code:lk:{i}", reason=f"code {i}",
                         source="code")
    codes = lookup.history(op, people.id, source="code", page_size=3)
    assert (codes.total, codes.pages, len(codes.rows)) == (7, 3, 3)
    assert [r.reason for r in codes.rows] == ["code 6", "code 5", "code 4"]  # newest first
    last = lookup.history(op, people.id, source="code", page=2, page_size=3)
    assert [r.reason for r in last.rows] == ["code 0"]
    future = utcnow() + timedelta(days=1)
    assert lookup.history(op, people.id, start=future).total == 0
    assert lookup.history(op, people.id, end=future).total == 10
    with pytest.raises(ValidationError):
        lookup.history(op, people.id, source="gift")
    with pytest.raises(ValidationError):
        lookup.history(op, people.id, start=future, end=future - timedelta(days=2))


def test_index_is_used_for_last_four(people):
    sql, params = lookup._query("5678", "phone").sql()
    if is_sqlite():
        plan = database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        assert any("member_phone_last4" in str(row) for row in plan), plan
    else:
        database.obj.execute_sql("SET enable_seqscan = off")
        plan = database.obj.execute_sql("EXPLAIN " + sql, params).fetchall()
        database.obj.execute_sql("RESET enable_seqscan")
        assert any("member_phone_last4" in str(row) for row in plan), plan
    assert Member.select().count() == 4
    assert datetime  # (imported for the period tests)
