"""The terminal's own dispatcher: sends the outbox on its own thread, on a timer, and only on
a terminal with message providers."""

from __future__ import annotations

import threading

from app.config import MessagingConfig
from app.messaging import notices, providers
from app.messaging.providers import read_sms
from ui.message_dispatch import message_dispatch


def test_no_providers_no_dispatcher(world):
    providers.configure({})
    assert message_dispatch() is None


def test_the_outbox_goes_out_off_the_gui_thread(world, qtbot, tmp_path, monkeypatch):
    notices.queue("ui:1", "sms", "13800138000", "points_expiring", "zh_CN", name="刘",
                  points=3, date="2026-12-31")
    sms_file = tmp_path / "sms.jsonl"
    providers.configure(MessagingConfig(sms_provider="file", sms_file=str(sms_file)))
    threads = []
    import ui.message_dispatch as module

    real = module._dispatch

    def spy():
        threads.append(threading.current_thread())
        return real()

    monkeypatch.setattr(module, "_dispatch", spy)
    runner = message_dispatch(first_ms=0, interval_ms=60_000)
    try:
        with qtbot.waitSignal(runner.finished, timeout=10_000) as done:
            runner.start()
        assert done.args[0].sent == 1
        assert threads and threads[0] is not threading.main_thread()
        assert [m["key"] for m in read_sms(sms_file, "13800138000")] == ["ui:1"]
    finally:
        runner.stop()
        providers.configure({})
