"""A terminal in a separate process for the tier evaluation's concurrency test.

    python tier_worker.py DB_URL

Binds the database, prints ``READY``, then answers one JSON line per command line on stdin:
    evaluate ISO_TIME   → app.loyalty.tiers.evaluate(as_of): [upgrades, downgrades]
The parent writes the same command to several workers at once so they race for real.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.db import bind  # noqa: E402
from app.loyalty import tiers  # noqa: E402


def main() -> int:
    bind(sys.argv[1])
    print("READY", flush=True)
    for line in sys.stdin:
        words = line.split()
        if words and words[0] == "evaluate":
            result = tiers.evaluate(datetime.fromisoformat(words[1]))
            print(json.dumps([result.upgrades, result.downgrades]), flush=True)
        elif words:
            raise SystemExit(f"unknown command {words[0]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
