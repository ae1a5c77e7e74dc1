"""A till in a separate process paying sales partly from one member's wallet, for the race
between two merchants' tills on one wallet.

    python wallet_race_worker.py DB_URL JOBS.json

JOBS: {"ctx": [store, terminal, cashier], "member": id, "sales": n, "wallet": minor units}.
Prints READY, waits for a line on stdin, then one JSON line per sale: {"result": "ok" | code}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.cart import Cart  # noqa: E402
from app.catalogue import Catalogue  # noqa: E402
from app.checkout import Tender, TillContext, checkout  # noqa: E402
from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.models import Barcode, Store  # noqa: E402


def main() -> int:
    url, path = sys.argv[1], sys.argv[2]
    spec = json.loads(Path(path).read_text())
    bind(url, migrate=False)
    ctx = TillContext(*spec["ctx"])
    store = Store.get_by_id(ctx.store_id)
    code = (Barcode.select(Barcode.code).where(Barcode.merchant == store.merchant_id)
            .order_by(Barcode.id).scalar())
    print("READY", flush=True)
    sys.stdin.readline()
    for _ in range(spec["sales"]):
        cart = Cart()
        cart.add(Catalogue(store).scan(code))
        cart.member_id = spec["member"]
        total = cart.totals().total
        tenders = [Tender("wallet", spec["wallet"]), Tender("cash", total - spec["wallet"])]
        try:
            checkout(cart, tenders, ctx)
            print(json.dumps({"result": "ok"}), flush=True)
        except PatronError as exc:
            print(json.dumps({"result": exc.code}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
