"""A kiosk returning a card, or the booking job, in a separate process
(tests/app/test_coupon_cards.py).

    python card_worker.py DB_URL return TERMINAL_CODE CARD_NUMBER
    python card_worker.py DB_URL book ISO_TIME

Prints READY, waits for a line on stdin, acts once, prints OK <points or count> or
ERR <error code>.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.coupons import cards  # noqa: E402
from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.kiosk.terminal import open_kiosk  # noqa: E402


def main() -> int:
    url, action = sys.argv[1], sys.argv[2]
    bind(url)
    kiosk = open_kiosk(sys.argv[3]) if action == "return" else None
    print("READY", flush=True)
    sys.stdin.readline()
    try:
        if action == "return":
            print(f"OK {cards.return_card(kiosk, sys.argv[4]).refunded}", flush=True)
        else:
            print(f"OK {cards.book_unreturned(datetime.fromisoformat(sys.argv[3]))}", flush=True)
    except PatronError as exc:
        print(f"ERR {exc.code}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
