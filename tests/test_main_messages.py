"""`main.py --job messages` (cron): sends the outbox through the terminal's providers once."""

from __future__ import annotations

from app.messaging import notices
from app.messaging.providers import read_sms
from tests.conftest import bound_to
from tests.test_main import run


def test_job_messages_sends_the_outbox_through_the_demo_sms_file(tmp_path):
    first = run("--demo", "--job", "messages", home=tmp_path, display=False)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.startswith("messages: ") and "sent" in first.stdout
    binding = bound_to(f"sqlite:///{tmp_path}/patron.db")
    next(binding)
    try:
        notices.queue("cron:1", "sms", "13800138000", "points_expiring", "zh_CN", name="刘",
                      points=30, date="2026-12-31")
    finally:
        next(binding, None)
    done = run("--demo", "--job", "messages", home=tmp_path, display=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("messages: 1 messages sent")
    assert [m["key"] for m in read_sms(tmp_path / "sms.jsonl", "13800138000")
            if m["key"] == "cron:1"] == ["cron:1"]


def test_an_unknown_job_is_refused_with_the_list(tmp_path):
    result = run("--demo", "--job", "nonsense", home=tmp_path, display=False)
    assert result.returncode == 2
    assert "no job 'nonsense'" in result.stderr and "messages" in result.stderr
