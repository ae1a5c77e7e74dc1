"""The outbox dispatcher: due messages sent and marked sent exactly once, failures retried
with backoff and parked after the last attempt, claims held as leases that another
dispatcher takes over only once they ran out — on SQLite and PostgreSQL, and with two
dispatcher processes racing over one queue on PostgreSQL."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from app.clock import utcnow
from app.db import bind, write_tx
from app.demo import seed_minimal
from app.messaging import dispatcher, notices, providers
from app.messaging.dispatcher import LEASE, MAX_ATTEMPTS, backoff, claim, mark_sent
from app.messaging.providers import Outgoing, ProviderDown, SendFailed
from app.models import OutboxMessage

WORKER = Path(__file__).with_name("dispatch_worker.py")


class Recorder:
    """A provider that keeps what it was given, and fails when told to."""

    channel = "sms"
    name = "recorder"

    def __init__(self, fail: BaseException | None = None) -> None:
        self.sent: list[Outgoing] = []
        self.fail = fail
        self.sessions = 0

    @contextlib.contextmanager
    def session(self):
        self.sessions += 1
        yield self

    def send(self, message: Outgoing) -> None:
        if self.fail is not None:
            raise self.fail
        self.sent.append(message)


def queue_sms(n: int, prefix: str = "t", **kw) -> None:
    with write_tx():
        for i in range(n):
            notices.queue(f"{prefix}:{i}", "sms", f"1380013{i:04d}", "points_expiring", "zh_CN",
                          name="刘", points=10 + i, date="2026-12-31", **kw)


def test_due_messages_are_sent_once_and_marked_sent(db):
    queue_sms(45)
    notices.queue("mail:1", "email", "a@b.cn", "points_expiring", "en", name="A", points=1,
                  date="x")
    sms = Recorder()
    result = dispatcher.dispatch({"sms": sms}, batch=20)
    assert result.sent == 45 and sms.sessions == 3  # three batches of at most 20
    assert sorted(m.key for m in sms.sent) == sorted(f"t:{i}" for i in range(45))
    assert "刘您好" in sms.sent[0].body and sms.sent[0].subject == "积分即将过期"
    assert OutboxMessage.select().where(OutboxMessage.sent_at.is_null(False)).count() == 45
    # the e-mail waits for a terminal that sends e-mail; nothing is sent twice
    assert OutboxMessage.get(OutboxMessage.channel == "email").sent_at is None
    assert dispatcher.dispatch({"sms": sms}).sent == 0 and len(sms.sent) == 45


def test_a_message_is_not_sent_before_its_time(db):
    later = utcnow() + timedelta(hours=2)
    notices.queue("n:1", "sms", "13800000001", "points_expiring", "zh_CN", not_before=later,
                  name="A", points=1, date="x")
    sms = Recorder()
    assert dispatcher.dispatch({"sms": sms}).sent == 0
    assert dispatcher.dispatch({"sms": sms}, later).sent == 1


def test_failures_back_off_then_park_and_a_down_provider_never_parks(db):
    queue_sms(1, "bad")
    refused = Recorder(SendFailed("messaging.recipient_refused", "refused {recipient}: {reply}",
                                  recipient="x", reply="550"))
    now = utcnow()
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        dispatcher.dispatch({"sms": refused}, now)
        row = OutboxMessage.get(OutboxMessage.idempotency_key == "bad:0")
        assert row.attempts == attempt and row.error_code == "messaging.recipient_refused"
        assert (row.failed_at is not None) == (attempt == MAX_ATTEMPTS)
        waits.append(row.next_attempt_at - row.last_attempt_at)
        if attempt < MAX_ATTEMPTS:  # not due again before its backoff
            early = Recorder()
            dispatcher.dispatch({"sms": early}, row.next_attempt_at - timedelta(seconds=1))
            assert early.sent == []
        now = row.next_attempt_at + timedelta(seconds=1)
    assert waits[:4] == [backoff(1), backoff(2), backoff(3), backoff(4)]
    assert waits[1] == 2 * waits[0] and max(waits) <= dispatcher.BACKOFF_CAP
    row = OutboxMessage.get(OutboxMessage.idempotency_key == "bad:0")
    assert row.failed_at is not None and row.sent_at is None
    assert dispatcher.dispatch({"sms": Recorder()}, now + timedelta(days=1)).sent == 0

    queue_sms(1, "away")
    down = Recorder(ProviderDown("messaging.sms_file_unwritable", "cannot write {path}: {reason}",
                                 path="/x", reason="read-only"))
    for _ in range(MAX_ATTEMPTS + 1):
        now += dispatcher.BACKOFF_CAP + timedelta(seconds=1)
        dispatcher.dispatch({"sms": down}, now)
    row = OutboxMessage.get(OutboxMessage.idempotency_key == "away:0")
    assert row.attempts == MAX_ATTEMPTS + 1 and row.failed_at is None
    assert dispatcher.dispatch({"sms": Recorder()}, now + dispatcher.BACKOFF_CAP * 2).sent == 1


def test_a_provider_that_breaks_off_leaves_the_rest_of_the_batch_waiting(db):
    queue_sms(5)

    class BreaksAfterTwo(Recorder):
        def send(self, message):
            if len(self.sent) == 2:
                raise ProviderDown("messaging.smtp_unreachable", "{host}:{port} away: {reason}",
                                   host="h", port=1, reason="reset")
            super().send(message)

    sms = BreaksAfterTwo()
    result = dispatcher.dispatch({"sms": sms})
    assert (result.sent, result.failed, result.provider_down) == (2, 3, True)
    waiting = OutboxMessage.select().where(OutboxMessage.sent_at.is_null())
    assert {m.error_code for m in waiting} == {"messaging.smtp_unreachable"}
    assert all(m.claimed_at is None and m.next_attempt_at > utcnow() for m in waiting)


def test_a_live_claim_is_left_alone_and_an_expired_lease_is_taken_over(db):
    queue_sms(3)
    now = utcnow()
    crashed = claim(["sms"], "crashed-dispatcher", now)  # claimed, then the process died
    assert len(crashed) == 3
    sms = Recorder()
    assert dispatcher.dispatch({"sms": sms}, now + LEASE / 2).sent == 0  # lease still live
    assert dispatcher.dispatch({"sms": sms}, now + LEASE + timedelta(seconds=1)).sent == 3
    # The old dispatcher comes back (it was only slow): its claim is gone, it sends nothing,
    # and marking sent again changes nothing.
    assert not dispatcher._renew(crashed[0], "crashed-dispatcher", utcnow())
    assert mark_sent(crashed[0].id, utcnow()) is False
    assert OutboxMessage.get_by_id(crashed[0].id).attempts == 1


def test_a_slow_dispatcher_whose_lease_was_taken_over_skips_the_message(db):
    queue_sms(1)
    now = utcnow()
    [slow] = claim(["sms"], "slow", now)
    [fast] = claim(["sms"], "fast", now + LEASE + timedelta(seconds=1))
    assert fast.id == slow.id and OutboxMessage.get_by_id(slow.id).claimed_by == "fast"
    sms = Recorder()
    result = dispatcher._send_batch(sms, [slow], "slow", now + LEASE + timedelta(seconds=2))
    assert (result.sent, result.skipped, sms.sent) == (0, 1, [])
    assert OutboxMessage.get_by_id(slow.id).sent_at is None  # "fast" still has it


def test_a_long_batch_renews_its_lease_before_sending(db):
    queue_sms(2)
    now = utcnow()
    rows = claim(["sms"], "long", now)
    later = now + LEASE * 3 / 4  # past half the lease: the claim is renewed, then sent
    result = dispatcher._send_batch(Recorder(), rows, "long", later)
    assert result.sent == 2
    assert all(m.sent_at is not None for m in OutboxMessage.select())


def test_the_messages_job_uses_this_terminals_providers(db):
    from app import jobs

    queue_sms(2)
    try:
        providers.configure({})
        assert "messages" not in [r.name for r in jobs.run_due()]  # nothing to send here
        [result] = jobs.run_due(only="messages")
        assert result.detail == "no message providers configured on this terminal"
        sms = Recorder()
        providers.configure({"sms": sms})
        results = {r.name: r for r in jobs.run_due()}
        assert results["messages"].count == 2 and len(sms.sent) == 2
    finally:
        providers.configure({})


# -- two dispatcher processes on one queue ---------------------------------------------------

postgres_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)


@postgres_only
def test_two_dispatcher_processes_send_each_of_200_messages_once(db_url, tmp_path):
    bind(db_url)
    seed_minimal()
    queue_sms(200)
    sms_file = tmp_path / "sms.jsonl"
    procs = [subprocess.Popen([sys.executable, str(WORKER), db_url, str(sms_file), "5"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    counts = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        counts.append(int(out.split()[-1]))
    lines = [json.loads(line) for line in sms_file.read_text(encoding="utf-8").splitlines()]
    per_key = Counter(entry["key"] for entry in lines)
    assert len(per_key) == 200 and set(per_key.values()) == {1}  # each sent exactly once
    assert sum(counts) == 200 and all(counts), counts  # both took part
    assert OutboxMessage.select().where(OutboxMessage.sent_at.is_null()).count() == 0
    assert {m.attempts for m in OutboxMessage.select()} == {1}


@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgres",
                                                           marks=pytest.mark.postgres)],
                         indirect=True)
def test_a_dispatcher_killed_mid_send_leaves_its_claim_to_be_taken_over(db_url, tmp_path):
    import os
    import signal

    bind(db_url)
    seed_minimal()
    queue_sms(3)
    stuck = tmp_path / "stuck.fifo"
    os.mkfifo(stuck)  # opening it to write blocks: the process is caught inside a send
    proc = subprocess.Popen([sys.executable, str(WORKER), db_url, str(stuck), "5"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 60
        while OutboxMessage.select().where(OutboxMessage.claimed_at.is_null(False)).count() < 3:
            assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    claimed = list(OutboxMessage.select())
    assert all(m.sent_at is None and m.claimed_by for m in claimed)
    # restarted at once: the claims are live, nothing is sent twice meanwhile
    sms = Recorder()
    assert dispatcher.dispatch({"sms": sms}).sent == 0
    # after the lease: all three go out, once, attempt counted once
    later = max(m.claimed_at for m in claimed) + LEASE + timedelta(seconds=1)
    assert dispatcher.dispatch({"sms": sms}, later).sent == 3
    assert sorted(m.key for m in sms.sent) == ["t:0", "t:1", "t:2"]
    assert {m.attempts for m in OutboxMessage.select()} == {1}
