"""A back-office catalogue import in a separate process, for the concurrency test.

    python import_worker.py DB_URL FILE

Waits for a line on stdin (so both workers start together), imports FILE into merchant MA as
the operator and prints ``OK created updated unchanged`` or ``ERR <code>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.backoffice.actor import sign_in  # noqa: E402
from app.catalogue_import import import_file  # noqa: E402
from app.db import bind  # noqa: E402
from app.demo import DEMO_PINS  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.models import Merchant  # noqa: E402


def main() -> int:
    url, path = sys.argv[1], sys.argv[2]
    bind(url, migrate=False)
    actor = sign_in("op", DEMO_PINS["operator"])
    merchant = Merchant.get(Merchant.code == "MA").id
    sys.stdin.readline()
    try:
        result = import_file(actor, merchant, path)
    except PatronError as exc:
        print(f"ERR {exc.code}", flush=True)
        return 0
    print(f"OK {result.created} {result.updated} {result.unchanged}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
