"""A till's database as the last release left it (schema v9, a minimal demo coalition and one
sale with points; dumped from commit 9992929 into tests/data/demo_v9_sqlite.sql.gz) migrates
to the current schema with its rows intact and foreign keys on — the way a store upgrades."""

import gzip
import sqlite3
from datetime import timedelta
from pathlib import Path

from app import ledger
from app.clock import utcnow
from app.db import bind, database, write_tx
from app.migrations import MIGRATIONS, current_version
from app.models import Member, Merchant, Sale, Store, Terminal

DUMP = Path(__file__).resolve().parents[1] / "data" / "demo_v9_sqlite.sql.gz"


def test_the_released_v9_database_migrates(tmp_path):
    path = tmp_path / "till.db"
    con = sqlite3.connect(path)
    con.executescript(gzip.decompress(DUMP.read_bytes()).decode())
    con.close()
    db = bind(f"sqlite:///{path}", migrate=True)
    try:
        assert current_version(db) == max(v for v, _, _ in MIGRATIONS)
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert Merchant.select().count() == 2 and Sale.select().count() == 1
        assert all(s.active for s in Store.select()) and all(t.active for t in Terminal.select())
        member = Member.get(Member.phone == "13800138000")
        assert member.language == "zh_CN" and ledger.balance(member) > 0
        assert ledger.verify() == []
        # v24 dropped lot_use.lot_id's NOT NULL in place (an expiry's use names no lot).
        assert next(c.null for c in db.get_columns("lot_use") if c.name == "lot_id")
        held = ledger.balance(member)
        with write_tx():
            assert ledger.expire_due(ledger.member_account(member),
                                     utcnow() + timedelta(days=4000)) == held > 0
        assert ledger.verify() == []
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
        database.initialize(None)
