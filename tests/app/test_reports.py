"""The back office's points reports: the figures, their weeks, their scope and their CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest

from app import ledger
from app.backoffice.actor import Actor
from app.clock import utcnow
from app.db import write_tx
from app.members import register
from app.models import Setting, Transfer
from app.reports.points import REPORTS, breakage, liability, top_members, weekly_points
from tests.app.test_settlement_runs import earn_and_spend, set_point_value


def test_weekly_points_per_merchant_and_local_week(world):
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70, earn_at_b=30)
    now = utcnow()
    report = weekly_points(Actor.of(world.operator), 4, now=now)
    local = now + timedelta(hours=8)  # Asia/Shanghai
    monday = (local - timedelta(days=local.weekday())).date()
    assert report.rows == [(monday, "MA", "百联超市", 100, 0), (monday, "MB", "茶语轩", 30, 70)]
    # A manager sees their own merchant only.
    mine = weekly_points(Actor.of(world.manager_b), 4, now=now)
    assert mine.rows == [(monday, "MB", "茶语轩", 30, 70)] and mine.scope == "茶语轩"
    # Weeks that have passed fall out of the window.
    later = weekly_points(Actor.of(world.operator), 2, now=now + timedelta(days=14))
    assert later.rows == []


def test_a_sunday_evening_in_shanghai_belongs_to_the_week_it_ends(world):
    Setting.create(key="coalition_timezone", value="Asia/Shanghai")
    issued = ledger.issued_account(world.merchant_a)
    holder = ledger.member_account(world.member)
    # Sunday 2026-11-22 23:30 local = 15:30 UTC; Monday 00:30 local = 16:30 UTC. Written
    # directly: the ledger API stamps the present.
    for key, at, points in (("sale:sun", datetime(2026, 11, 22, 15, 30), 7),
                            ("sale:mon", datetime(2026, 11, 22, 16, 30), 9)):
        Transfer.create(idempotency_key=key, debit=issued, credit=holder, amount=points,
                        reason="r", source="sale", created_at=at)
    report = weekly_points(Actor.of(world.operator), 8, now=datetime(2026, 11, 29))
    assert [(r[0], r[3]) for r in report.rows] == [(date(2026, 11, 16), 7),
                                                   (date(2026, 11, 23), 9)]


def test_liability_is_open_points_by_issuer(world):
    set_point_value(2)
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70, earn_at_b=30)
    report = liability(Actor.of(world.operator))
    assert report.rows == [("MA", "百联超市", 30, 60), ("MB", "茶语轩", 30, 60)]
    assert liability(Actor.of(world.manager_a)).rows == [("MA", "百联超市", 30, 60)]


def test_breakage_is_expired_points_by_issuer(world):
    holder = ledger.member_account(world.member)
    now = utcnow()
    with write_tx():
        ledger.award(holder, world.merchant_a, 40, key="sale:old", reason="r", source="sale",
                     expires_at=now + timedelta(days=1))
        ledger.award(holder, world.merchant_b, 5, key="sale:new", reason="r", source="sale")
        ledger.spend(holder, world.merchant_b, 15, key="sale:pay", reason="r", source="sale")
    ledger.expire_lots(now + timedelta(days=2))
    assert breakage(Actor.of(world.operator)).rows == [("MA", "百联超市", 25)]
    assert breakage(Actor.of(world.manager_b)).rows == []
    assert liability(Actor.of(world.operator), now + timedelta(days=2)).rows == [
        ("MB", "茶语轩", 5, 5)]


def test_top_members_by_open_points_with_masked_phones(world):
    other = register("13912345678", name="李四")
    with write_tx():
        ledger.award(ledger.member_account(other), world.merchant_b, 500, key="sale:t1",
                     reason="r", source="sale")
        ledger.award(ledger.member_account(world.member), world.merchant_a, 80,
                     key="sale:t2", reason="r", source="sale")
    rows = top_members(Actor.of(world.operator)).rows
    assert [(r[1], r[2], r[3]) for r in rows] == [("李四", "139****5678", 500),
                                                  (world.member.name, rows[1][2], 80)]
    assert "****" in rows[1][2]
    assert [r[3] for r in top_members(Actor.of(world.manager_a)).rows] == [80]


@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_every_report_exports_the_numbers_it_charts(world, kind):
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70, earn_at_b=30)
    now = utcnow()
    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, 9, key="sale:brief",
                     reason="r", source="sale", expires_at=now + timedelta(seconds=1))
    ledger.expire_lots(now + timedelta(seconds=2))
    report = REPORTS[kind](Actor.of(world.operator))
    rows = list(csv.reader(io.StringIO(report.csv_bytes().decode("utf-8-sig"))))
    assert tuple(rows[0]) == report.columns
    assert rows[1:] == [[v.isoformat() if isinstance(v, date) else str(v) for v in row]
                        for row in report.rows]
    assert report.rows
