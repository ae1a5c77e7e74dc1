"""Migration v23 (coupons as discounts: offer kind and product) upgrades an older database —
its offers stay tender coupons — and is a no-op on a fresh one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.clock import utcnow
from app.demo import seed_minimal
from app.migrations import MIGRATIONS, SchemaVersion, migrate
from app.models import Offer


def _v23():
    return next(step for version, _, step in MIGRATIONS if version == 23)


def test_v23_is_a_no_op_on_a_fresh_database(db):
    columns = {c.name for c in db.get_columns("offer")}
    assert {"kind", "product_id"} <= columns
    _v23()(db)
    assert {c.name for c in db.get_columns("offer")} == columns


# SQLite cannot drop a foreign-key column to build the older schema: PostgreSQL only.
@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_v23_adds_the_columns_and_older_offers_are_tenders(db):
    world = seed_minimal()
    now = utcnow()
    Offer.create(merchant=world.merchant_a, title="old", face_value=100,
                 valid_from=now, valid_until=now + timedelta(days=1))
    db.execute_sql("ALTER TABLE offer DROP COLUMN kind")
    db.execute_sql("ALTER TABLE offer DROP COLUMN product_id")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 23).execute()

    assert migrate(db) >= 23

    offer = Offer.get(Offer.title == "old")
    assert offer.kind == "tender" and offer.product_id is None
    # Older code inserting without the new columns still writes valid rows.
    db.execute_sql("INSERT INTO offer (merchant_id, title, title_en, description, region, "
                   "price_points, price, face_value, valid_from, valid_until, "
                   "coupon_validity_days, per_member_limit, active) VALUES "
                   f"({world.merchant_a.id}, 'older', '', '', '', 0, 0, 100, now(), now(), "
                   "30, 1, TRUE)")
    assert Offer.get(Offer.title == "older").kind == "tender"
    assert migrate(db) >= 23  # and again: nothing to do
