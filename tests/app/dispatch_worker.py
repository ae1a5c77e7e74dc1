"""A dispatcher in a separate process, for the concurrency test.

    python dispatch_worker.py DB_URL SMS_FILE BATCH

Prints READY once bound, waits for a line on stdin, then dispatches until nothing is due and
prints ``SENT <n>`` (the messages it marked sent). An SMS_FILE that is a FIFO without a reader
blocks the first send: the crash test kills the process there.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.db import bind  # noqa: E402
from app.messaging import dispatcher  # noqa: E402
from app.messaging.providers import SmsFileProvider  # noqa: E402


def main() -> int:
    url, sms_file, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    bind(url, migrate=False)
    print("READY", flush=True)
    sys.stdin.readline()
    sent = 0
    while True:  # small batches, many claims: the two processes interleave throughout
        result = dispatcher.dispatch({"sms": SmsFileProvider(Path(sms_file))}, batch=batch,
                                     max_batches=1)
        sent += result.sent
        if not (result.sent or result.skipped or result.failed):
            break
    print(f"SENT {sent}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
