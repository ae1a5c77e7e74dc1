"""One terminal of bench/bench_pointcodes.py, in its own process.

    python pointcode_bench_worker.py DB_URL JOBS.json

JOBS: {"terminal": id, "member": id, "codes": [...]}. Prints READY, waits for a line on stdin,
redeems every code, then prints one JSON line: {"won": [codes], "refused": n, "locked": n,
"other": [first errors],
"cpu_s": this process's CPU seconds redeeming, "tried": n} ("locked": "database is locked" errors, which must never happen).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.db import bind  # noqa: E402
from app.errors import PatronError  # noqa: E402
from app.pointcodes.scans import member_redeem  # noqa: E402


def main() -> int:
    url, jobs = sys.argv[1], json.loads(Path(sys.argv[2]).read_text())
    bind(url)
    print("READY", flush=True)
    sys.stdin.readline()
    won: list[str] = []
    refused = locked = 0
    other: list[str] = []
    cpu = time.process_time()
    for code in jobs["codes"]:
        try:
            member_redeem(code, jobs["member"], jobs["terminal"])
            won.append(code)
        except PatronError as exc:
            if exc.code == "pointcode.not_genuine":
                refused += 1
            else:
                other.append(exc.code)
        except Exception as exc:  # a raw database error: counted, never hidden
            if "locked" in str(exc).lower():
                locked += 1
            else:
                other.append(f"{type(exc).__name__}: {exc}"[:200])
    cpu = time.process_time() - cpu
    print(json.dumps({"won": won, "refused": refused, "locked": locked, "other": other[:5],
                      "cpu_s": cpu, "tried": len(jobs["codes"])}),
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
