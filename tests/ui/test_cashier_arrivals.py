"""The till's arrival notice (issue 10): a greeter in another process records a visit and the
store's tills show "… arrived (tier, points)" within a couple of seconds; another store's
tills do not; a warning on the banner is never hidden by a notice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def arrive_elsewhere(url: str, phone: str, store_code: str) -> int:
    out = subprocess.run([sys.executable, "-m", "tests.ui.arrival_worker", url, phone,
                          store_code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return int(out.stdout.strip().splitlines()[-1])


@pytest.mark.both_databases
def test_an_arrival_at_the_door_reaches_the_till(make_role, qtbot, seeded_url):
    role = make_role()
    watcher = role.window.arrivals
    qtbot.waitUntil(lambda: watcher.seen is not None, timeout=5000)
    arrive_elsewhere(seeded_url, "13800138000", "MB-S1")  # the other merchant's store
    arrive_elsewhere(seeded_url, "13800138000", "MA-S1")
    qtbot.waitUntil(lambda: bool(watcher.shown), timeout=8000)
    assert watcher.shown == ["刘洋 arrived (Standard, 0 points)"]
    assert role.window.banner.message() == watcher.shown[0]


def test_a_warning_is_not_hidden_by_an_arrival(make_role, qtbot, seeded_url):
    role = make_role()
    watcher = role.window.arrivals
    qtbot.waitUntil(lambda: watcher.seen is not None, timeout=5000)
    role.window.banner.show_message("warning", "check the customer's age")
    arrive_elsewhere(seeded_url, "13800138000", "MA-S1")
    qtbot.waitUntil(lambda: bool(watcher.waiting), timeout=8000)
    assert role.window.banner.message() == "check the customer's age" and not watcher.shown
    role.window.banner.dismiss()
    qtbot.waitUntil(lambda: bool(watcher.shown), timeout=5000)
    assert "arrived" in role.window.banner.message()
