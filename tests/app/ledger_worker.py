"""A terminal in a separate process for the ledger's concurrency tests.

    python ledger_worker.py DB_URL

Binds the database, prints ``READY``, then answers one JSON line per command line on stdin:
    jobs ISO_TIME                    → app.jobs.run_due(now): [[name, ran, count], ...]
    expire ISO_TIME                  → app.jobs.expire_points(now) without the job lock: count
    spend MEMBER_ID MERCHANT_ID POINTS KEY [ISO_TIME]
                                     → {"id": transfer id} or {"error": code}
The parent writes the same command to several workers at once so they race for real.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app import jobs, ledger  # noqa: E402
from app.db import bind, write_tx  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.models import Merchant  # noqa: E402


def answer(words: list[str]) -> object:
    if words[0] == "jobs":
        return [[r.name, r.ran, r.count] for r in jobs.run_due(datetime.fromisoformat(words[1]))]
    if words[0] == "expire":
        return jobs.expire_points(datetime.fromisoformat(words[1])).count
    if words[0] == "spend":
        member_id, merchant_id, points, key = int(words[1]), int(words[2]), int(words[3]), words[4]
        now = datetime.fromisoformat(words[5]) if len(words) > 5 else None
        try:
            with write_tx():
                t = ledger.spend(ledger.member_account(member_id), Merchant.get_by_id(merchant_id),
                                 points, key=key, reason="race", source="sale", now=now)
        except PatronError as exc:
            return {"error": exc.code}
        return {"id": t.id}
    raise SystemExit(f"unknown command {words[0]!r}")


def main() -> int:
    bind(sys.argv[1])
    print("READY", flush=True)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(answer(line.split())), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
