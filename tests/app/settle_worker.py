"""A back office in a separate process starting a settlement run, for the race test.

    python settle_worker.py DB_URL OPERATOR_ID FIRST_DAY NOW_ISO

Prints READY, waits for a line on stdin, runs the period and prints the outcome as JSON.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.backoffice.actor import Actor  # noqa: E402
from app.db import bind  # noqa: E402
from app.models import Staff  # noqa: E402
from app.settlement.runs import run_settlement  # noqa: E402


def main() -> int:
    url, operator_id, first_day, now = sys.argv[1:5]
    bind(url)
    actor = Actor.of(Staff.get_by_id(int(operator_id)))
    print("READY", flush=True)
    sys.stdin.readline()
    outcome = run_settlement(actor, date.fromisoformat(first_day), now=datetime.fromisoformat(now))
    print(json.dumps({"run_id": outcome.run_id, "created": outcome.created}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
