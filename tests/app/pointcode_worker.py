"""A terminal redeeming point codes in a separate process (tests/app/test_pointcode_races.py).

    python pointcode_worker.py DB_URL JOBS.json

JOBS: {"terminal": id, "member": id, "codes": [...]}. Prints READY, waits for a line on stdin,
then redeems every code and prints one JSON line per code: {"code", "ok", "error"}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.pointcodes.scans import member_redeem  # noqa: E402


def main() -> int:
    url, jobs = sys.argv[1], json.loads(Path(sys.argv[2]).read_text())
    bind(url)
    print("READY", flush=True)
    sys.stdin.readline()
    for code in jobs["codes"]:
        try:
            member_redeem(code, jobs["member"], jobs["terminal"])
            print(json.dumps({"code": code, "ok": True}), flush=True)
        except PatronError as exc:
            print(json.dumps({"code": code, "ok": False, "error": exc.code}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
