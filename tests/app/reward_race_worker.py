"""A kiosk in a separate process redeeming rewards, for the race for the last unit.

    python reward_race_worker.py DB_URL JOBS.json

JOBS: {"member": id, "jobs": [[reward id, client uuid], ...]}. Prints READY, waits for a line
on stdin, then one JSON line per job: {"result": "ok" | error code}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.rewards import catalogue  # noqa: E402


def main() -> int:
    url, path = sys.argv[1], sys.argv[2]
    spec = json.loads(Path(path).read_text())
    bind(url, migrate=False)
    print("READY", flush=True)
    sys.stdin.readline()
    for reward_id, key in spec["jobs"]:
        try:
            catalogue.redeem(None, reward_id, spec["member"], key)
            print(json.dumps({"result": "ok"}), flush=True)
        except PatronError as exc:
            print(json.dumps({"result": exc.code}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
