"""A back-office session in a separate process, for the registration race tests.

    python org_worker.py DB_URL STAFF_CODE

Commands on stdin, one per line; after each the worker prints one answer line:

    MERCHANT <code>                 register a merchant (region shanghai)
    STORE <merchant code> <code>    register a store of the merchant
    TERMINAL <store code> <code>    register a terminal at the store
    STAFF <merchant code> <code>    add a cashier of the merchant

    OK <id>  |  REFUSED <error class> <code>  |  ERR <class> <text>

It prints ``READY`` once bound and ``BYE`` at end of input.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.backoffice.actor import Actor  # noqa: E402
from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.models import Merchant, Staff, Store  # noqa: E402
from app.orgadmin import merchants, people, stores, terminals  # noqa: E402


def run(actor: Actor, words: list[str]) -> str:
    command = words[0]
    if command == "MERCHANT":
        row = merchants.register_merchant(actor, code=words[1], name=words[1],
                                          province="shanghai", city="shanghai")
    elif command == "STORE":
        merchant = Merchant.get(Merchant.code == words[1])
        row = stores.register_store(actor, merchant.id, code=words[2], name=words[2])
    elif command == "TERMINAL":
        store = Store.get(Store.code == words[1])
        row = terminals.register_terminal(actor, store.id, code=words[2])
    elif command == "STAFF":
        merchant = Merchant.get(Merchant.code == words[1])
        row = people.add_staff(actor, code=words[2], name=words[2], role="cashier",
                               pin="1234", merchant_id=merchant.id)
    else:
        return f"ERR ValueError unknown command {command}"
    return f"OK {row.id}"


def main() -> int:
    url, code = sys.argv[1], sys.argv[2]
    bind(url, migrate=False)
    actor = Actor.of(Staff.get(Staff.code == code))
    print("READY", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            answer = run(actor, words)
        except PatronError as exc:
            answer = f"REFUSED {type(exc).__name__} {exc.code}"
        except Exception as exc:  # noqa: BLE001  (reported to the test, which fails on it)
            answer = f"ERR {type(exc).__name__} {str(exc)[:200]!r}"
        print(answer, flush=True)
    print("BYE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
