"""Database health for the self-test: reachable, schema current, integrity, ledger sound."""

from __future__ import annotations

import peewee as pw

from app import ledger
from app.db import classify, database, is_sqlite
from app.migrations import MIGRATIONS, applied_versions, current_version
from app.rewards import wallet


def check_database() -> list[tuple[str, bool, str]]:
    """(part, ok, detail) rows for the self-test."""
    rows: list[tuple[str, bool, str]] = []
    db = database.obj
    try:
        version = current_version(db)
        known = {v for v, _, _ in MIGRATIONS}
        latest = max(known)
        missing = sorted(known - applied_versions(db))
        rows.append(("database", True, f"{type(db).__name__} schema v{version}"))
        rows.append(("schema", not missing and version == latest,
                     f"v{version} (latest v{latest})"
                     + (f", missing {', '.join(f'v{m}' for m in missing)}" if missing else "")))
        if is_sqlite():
            result = db.execute_sql("PRAGMA quick_check").fetchone()[0]
            mode = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
            sync = db.execute_sql("PRAGMA synchronous").fetchone()[0]
            rows.append(("integrity", result == "ok", f"quick_check {result}, {mode}, sync={sync}"))
        problems = ledger.verify()
        rows.append(("ledger", not problems, "; ".join(problems[:3]) or "balances = Σ entries"))
        problems = wallet.verify()
        rows.append(("wallets", not problems,
                     "; ".join(problems[:3]) or "balances = Σ entries = Σ lots"))
    except (pw.DatabaseError, pw.InterfaceError) as exc:
        rows.append(("database", False, f"{classify(exc) or 'failed'}: {exc}"))
    return rows
