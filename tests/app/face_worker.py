"""A terminal in a separate process for the face templates' concurrency test.

    python face_worker.py DB_URL

Binds the database, prints ``READY``, then answers one JSON line per command line on stdin:
    enrol MEMBER_ID SEED COUNT   → app.faces.templates.enrol (consent granted first): version
    withdraw MEMBER_ID           → app.faces.templates.withdraw_face_consent: templates deleted
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402

from app.db import bind  # noqa: E402
from app.faces import templates  # noqa: E402
from app.models import Member  # noqa: E402


def answer(words: list[str]) -> object:
    member = Member.get_by_id(int(words[1]))
    if words[0] == "enrol":
        rng = np.random.default_rng(int(words[2]))
        consent = templates.grant_consent(member)
        encs = [rng.normal(size=128) * 0.09 for _ in range(int(words[3]))]
        return templates.enrol(member, consent, encs).version
    if words[0] == "withdraw":
        return templates.withdraw_face_consent(member)
    raise SystemExit(f"unknown command {words[0]!r}")


def main() -> int:
    bind(sys.argv[1])
    print("READY", flush=True)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(answer(line.split())), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
