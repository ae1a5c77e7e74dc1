"""Two back-office sessions in separate processes registering the same codes at once on
PostgreSQL: one wins, the other gets the coded "already taken" refusal — never a raw
IntegrityError, never two rows."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from app.demo import seed_minimal
from app.models import Merchant, Staff, Store, Terminal

WORKER = Path(__file__).with_name("org_worker.py")
ROUNDS = int(os.environ.get("PATRON_RACE_ROUNDS", "15"))

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


class Session:
    def __init__(self, url: str, staff_code: str, log: Path) -> None:
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), url, staff_code], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log, text=True, bufsize=1)
        assert self.proc.stdout.readline().strip() == "READY", log.read_text()

    def send(self, command: str) -> None:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def answer(self) -> str:
        return self.proc.stdout.readline().strip()

    def stop(self) -> None:
        self.proc.stdin.close()
        assert self.answer() == "BYE"
        self.proc.wait(timeout=60)
        self.log.close()


def test_racing_registrations_of_one_code_give_one_row_and_one_coded_refusal(pg_url, tmp_path):
    seed_minimal()
    sessions = [Session(pg_url, "op", tmp_path / "op.log"),
                Session(pg_url, "m1", tmp_path / "m1.log")]
    outcomes: Counter[str] = Counter()
    try:
        for i in range(ROUNDS):
            for kind, command, expected in [
                ("store", f"STORE MA R{i}-S", "org.store_code_taken"),
                ("terminal", f"TERMINAL MA-S1 R{i}-T", "org.terminal_code_taken"),
                ("staff", f"STAFF MA r{i}c", "org.staff_code_taken"),
            ]:
                for s in sessions:
                    s.send(command)
                answers = [s.answer() for s in sessions]
                oks = [a for a in answers if a.startswith("OK ")]
                refusals = [a for a in answers if a.startswith("REFUSED ")]
                assert len(oks) == 1 and len(refusals) == 1, answers
                assert refusals[0].split()[2] == expected, answers
                outcomes[kind] += 1
        # Merchants are the operator's alone: two operator sessions race for them.
        ops = [sessions[0], Session(pg_url, "op", tmp_path / "op2.log")]
        try:
            for i in range(ROUNDS):
                for s in ops:
                    s.send(f"MERCHANT R{i}M")
                answers = sorted(s.answer() for s in ops)
                assert answers[0].startswith("OK ") and answers[1] == (
                    "REFUSED Conflict org.merchant_code_taken"), answers
        finally:
            ops[1].stop()
    finally:
        for s in sessions:
            s.stop()
    assert Store.select().where(Store.code.startswith("R")).count() == ROUNDS
    assert Terminal.select().where(Terminal.code.startswith("R")).count() == ROUNDS
    assert Staff.select().where(Staff.code.startswith("r")).count() == ROUNDS
    assert Merchant.select().where(Merchant.code.startswith("R")).count() == ROUNDS
