"""Back-office member look-up by phone among many members, on SQLite and PostgreSQL.

    uv run python bench/bench_members.py [--members 1000000] [--lookups 400]

Seeds ``--members`` members in bulk (SQL, not the registration service: a million sign-ups
would take longer than the figure is worth), then times app.loyalty.member_lookup.search by
the whole phone number and by its last four digits (each search includes its audit row, as in
the window). Prints one ``metric: value unit`` per line; budget p95 ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from app import codes  # noqa: E402
from app.backoffice.actor import Actor  # noqa: E402
from app.clock import utcnow  # noqa: E402
from app.db import bind, database, is_sqlite, write_tx  # noqa: E402
from app.demo import seed_minimal  # noqa: E402
from app.loyalty.member_lookup import search  # noqa: E402
from app.models import Staff  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def phone(i: int) -> str:
    return f"13{i:09d}"


def seed_members(count: int) -> None:
    """``count`` members numbered B…, phones 13 + nine digits, names 会员<i>."""
    db = database.obj
    now = utcnow()
    with write_tx():
        if is_sqlite():
            db.execute_sql(
                "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?) "
                "INSERT INTO member (number, phone, name, tier, email, language, created_at) "
                "SELECT 'B' || printf('%010d', i), '13' || printf('%09d', i), '会员' || i, "
                "'standard', '', 'zh_CN', ? FROM seq", (count, now))
        else:
            db.execute_sql("SET LOCAL statement_timeout = 0")  # one bulk statement
            db.execute_sql(
                "INSERT INTO member (number, phone, name, tier, email, language, created_at) "
                "SELECT 'B' || lpad(i::text, 10, '0'), '13' || lpad(i::text, 9, '0'), "
                "'会员' || i, 'standard', '', 'zh_CN', %s FROM generate_series(1, %s) AS i",
                (now, count))
    if not is_sqlite():
        db.execute_sql("ANALYZE member")


def bench(url: str, label: str, members: int, lookups: int) -> None:
    codes.forget_secret()
    bind(url)
    seed_minimal()
    t0 = time.perf_counter()
    seed_members(members)
    print(f"# seeded {members} members in {time.perf_counter() - t0:.1f} s ({label})",
          file=sys.stderr)
    op = Actor.of(Staff.get(Staff.code == "op"))
    rng = random.Random(11)
    whole, last4 = [], []
    for n in range(lookups):
        i = rng.randint(1, members)
        text = phone(i) if n % 2 == 0 else phone(i)[-4:]
        t0 = time.perf_counter()
        rows = search(op, text, "phone")
        elapsed = (time.perf_counter() - t0) * 1000
        assert rows, text
        (whole if n % 2 == 0 else last4).append(elapsed)
    both = whole + last4
    print(f"member_lookup_phone_p50_ms_{label}: {statistics.median(both):.1f} ms")
    print(f"member_lookup_phone_p95_ms_{label}: {pct(both, 95):.1f} ms")
    print(f"member_lookup_phone_last4_p95_ms_{label}: {pct(last4, 95):.1f} ms")
    database.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(str(Path(tmp) / "members.db"), "sqlite", args.members, args.lookups)
    from pgserver import PostgresServer

    server = PostgresServer(durable=True)
    admin = server.start()
    if admin is None:
        print("member_lookup_phone_p95_ms_postgres: n/a (PostgreSQL not installed)",
              file=sys.stderr)
        return 0
    try:
        from app.db import open_database

        db = open_database(admin)
        db.execute_sql("DROP DATABASE IF EXISTS patron_bench_members")
        db.execute_sql("CREATE DATABASE patron_bench_members")
        db.close()
        bench(admin.rsplit("/", 1)[0] + "/patron_bench_members", "postgres", args.members,
              args.lookups)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
