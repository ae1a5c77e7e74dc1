"""A till in a separate process that pays prepared carts when told to (the race tests).

    python pay_race_worker.py DB_URL JOBS_JSON

JOBS_JSON holds {"ctx": [store_id, terminal_id, cashier_id], "jobs": [{"cart": Cart.to_dict(),
"tenders": [[kind, amount, points, reference], ...]}, ...]}. The worker binds, prints READY,
waits for a line on stdin (so both racers start together), then pays each cart and prints one
JSON line per job: {"key", "sale", "replayed", "error"}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.cart import Cart  # noqa: E402
from app.checkout import Tender, TillContext, checkout  # noqa: E402
from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402


def main() -> int:
    url, jobs_path = sys.argv[1], sys.argv[2]
    spec = json.loads(Path(jobs_path).read_text())
    bind(url)
    ctx = TillContext(*spec["ctx"])
    print("READY", flush=True)
    sys.stdin.readline()
    for job in spec["jobs"]:
        cart = Cart.from_dict(job["cart"])
        tenders = [Tender(*t) for t in job["tenders"]]
        out = {"key": cart.client_uuid, "sale": None, "replayed": False, "error": None}
        try:
            result = checkout(cart, tenders, ctx)
            out.update(sale=result.sale_id, replayed=result.replayed)
        except PatronError as exc:
            out["error"] = exc.code
        except Exception as exc:  # a raw database error: the test fails on it
            out["error"] = f"{type(exc).__name__}: {exc}"
        print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
