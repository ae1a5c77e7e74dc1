"""Face-template changes from several terminals at once (PostgreSQL, separate processes): the
versions commit in order, so a greeter syncing all along ends with exactly the templates in
the database — none missed, none kept after a withdrawal."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.db import database
from app.demo import seed_minimal
from app.faces.index import FaceIndex
from app.members import register
from app.models import FaceTemplate
from tests.line_worker import LineWorker

WORKER = Path(__file__).with_name("face_worker.py")


@pytest.mark.postgres
@pytest.mark.slow
def test_a_greeter_syncing_during_concurrent_enrolments_and_withdrawals_misses_nothing(pg_url):
    seed_minimal()
    members = [register(f"1390000{n:04d}", f"m{n}").id for n in range(24)]
    terminals = [LineWorker(WORKER, pg_url) for _ in range(3)]
    index = FaceIndex()
    done = threading.Event()
    syncs = [0]

    def greeter() -> None:  # the pipeline's sync, as fast as it can go (own connection)
        while not done.is_set():
            index.sync()
            syncs[0] += 1
        database.obj.close()

    thread = threading.Thread(target=greeter)
    thread.start()
    try:
        for k, t in enumerate(terminals):
            mine = members[k::3]
            t.send(*(f"enrol {m} {m} {1 + m % 5}" for m in mine),
                   *(f"withdraw {m}" for m in mine[::2]),
                   *(f"enrol {m} {m + 100} 2" for m in mine[::4]))
        versions = []
        for k, t in enumerate(terminals):
            n = len(members[k::3])
            answers = t.read(n + len(members[k::3][::2]) + len(members[k::3][::4]))
            versions += answers[:n] + answers[n + len(members[k::3][::2]):]
    finally:
        done.set()
        thread.join(30)
        for t in terminals:
            t.close()
    assert len(set(versions)) == len(versions)  # every change its own version
    index.sync()
    in_db = {(t, m) for t, m in FaceTemplate.select(FaceTemplate.id, FaceTemplate.member)
             .tuples()}
    assert syncs[0] > 1
    assert {(tid, int(index._member[r])) for tid, r in index._row_of.items()} == in_db
