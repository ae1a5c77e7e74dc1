"""A kiosk ordering one offer in a separate process (tests/app/test_coupon_ordering.py).

    python coupon_order_worker.py DB_URL TERMINAL_CODE MEMBER_ID OFFER_ID

Prints READY, waits for a line on stdin, orders once, prints OK <code> or ERR <error code>.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.coupons.ordering import order_offer  # noqa: E402
from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.kiosk.terminal import open_kiosk  # noqa: E402


def main() -> int:
    url, terminal, member, offer = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    bind(url)
    kiosk = open_kiosk(terminal)
    print("READY", flush=True)
    sys.stdin.readline()
    try:
        issued = order_offer(kiosk, member, offer, str(uuid.uuid4()))
        print(f"OK {issued.code}", flush=True)
    except PatronError as exc:
        print(f"ERR {exc.code}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
