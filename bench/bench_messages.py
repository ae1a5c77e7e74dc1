"""Messaging benchmarks: the outbox dispatcher's throughput, and the cost of a claim on a
queue that sits on top of many sent messages (the partial index keeps it flat).

    uv run python bench/bench_messages.py [--queued 5000] [--sent 200000]

Sends through the SMS file provider (a real file, fsync per message, as in production) on
SQLite and PostgreSQL. Prints one `metric: value unit` line per figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from app import codes  # noqa: E402
from app.clock import utcnow  # noqa: E402
from app.db import bind, database, write_tx  # noqa: E402
from app.messaging import dispatcher  # noqa: E402
from app.messaging.providers import SmsFileProvider  # noqa: E402
from app.models import OutboxMessage  # noqa: E402


def fill(sent: int, queued: int) -> None:
    """``sent`` old messages already sent, then ``queued`` due ones."""
    now = utcnow()
    base = {"channel": "sms", "kind": "balance_changed", "subject": "积分变动通知",
            "body": "刘先生您好：您的积分+35，当前余额 1200 分。（百联超市 R000123）"}
    for start in range(0, sent, 5000):
        with write_tx():
            OutboxMessage.insert_many([
                {**base, "idempotency_key": f"old:{i}", "recipient": f"138{i:08d}",
                 "sent_at": now - timedelta(days=1), "attempts": 1}
                for i in range(start, min(sent, start + 5000))]).execute()
    for start in range(0, queued, 5000):
        with write_tx():
            OutboxMessage.insert_many([
                {**base, "idempotency_key": f"new:{i}", "recipient": f"139{i:08d}"}
                for i in range(start, min(queued, start + 5000))]).execute()


def bench(url: str, label: str, queued: int, sent: int, folder: Path) -> None:
    codes.forget_secret()
    bind(url)
    fill(sent, queued)
    # the claim alone, on the full queue: what every tick of every terminal pays first
    claims = []
    for i in range(20):
        t0 = time.perf_counter()
        rows = dispatcher.claim(["sms"], f"probe{i}", utcnow() + dispatcher.LEASE * 2 * i,
                                dispatcher.BATCH)
        claims.append((time.perf_counter() - t0) * 1000)
        assert len(rows) == dispatcher.BATCH
    OutboxMessage.update(claimed_at=None, claimed_by="").where(
        OutboxMessage.sent_at.is_null()).execute()
    provider = SmsFileProvider(folder / f"sms-{label}.jsonl")
    t0 = time.perf_counter()
    result = dispatcher.dispatch({"sms": provider}, max_batches=queued)
    elapsed = time.perf_counter() - t0
    assert result.sent == queued, result
    print(f"outbox_claim_p50_ms_{label}_{sent // 1000}k_sent: "
          f"{statistics.median(claims):.1f} ms")
    print(f"outbox_dispatch_rate_{label}: {queued / elapsed:.0f} messages/s")
    database.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queued", type=int, default=5000)
    parser.add_argument("--sent", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(str(Path(tmp) / "messages.db"), "sqlite", args.queued, args.sent, Path(tmp))
        from pgserver import PostgresServer

        server = PostgresServer(durable=True)
        admin = server.start()
        if admin is None:
            print("outbox_dispatch_rate_postgresql: n/a (PostgreSQL not installed)",
                  file=sys.stderr)
            return 0
        try:
            from app.db import open_database

            db = open_database(admin)
            db.execute_sql("DROP DATABASE IF EXISTS patron_bench_messages")
            db.execute_sql("CREATE DATABASE patron_bench_messages")
            db.close()
            bench(admin.rsplit("/", 1)[0] + "/patron_bench_messages", "postgresql",
                  args.queued, args.sent, Path(tmp))
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
