"""A till in a separate process, for the crash and concurrency tests.

    python sale_worker.py DB_URL COUNT SEED [--points]

Commits COUNT sales through the real services and prints ``ACK <client_uuid>`` after each
commit returns; errors are printed as ``ERR <message>``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.cart import Cart  # noqa: E402
from app.checkout import Tender  # noqa: E402
from app.db import bind  # noqa: E402
from app.members import identify  # noqa: E402
from app.till import Till  # noqa: E402

CODES = ["6901939621608", "6921168509256", "0012345000065", "2000101012344"]


def main() -> int:
    url, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    use_points = "--points" in sys.argv
    rng = random.Random(seed)
    bind(url)
    till = Till.open()
    till.sign_in("c1", "1111")
    member_id = identify("880000000001").id
    for _ in range(count):
        cart = Cart()
        for _ in range(rng.randint(1, 6)):
            cart.add(till.scan(rng.choice(CODES)), quantity=1)
        cart.member_id = member_id
        tenders = [Tender("points", points=1)] if use_points else []
        tenders.append(Tender("cash", cart.totals().total))
        try:
            till.pay(cart, tenders)
        except Exception as exc:  # reported to the parent test, which fails on it
            print(f"ERR {type(exc).__name__}: {exc}", flush=True)
            continue
        print(f"ACK {cart.client_uuid}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
