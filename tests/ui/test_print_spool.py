"""A committed sale's receipt survives a crash before it printed, and prints exactly once."""

from __future__ import annotations

from ui.devices import DeviceHub
from ui.print_spool import PrintSpool


def job(job_id: str) -> dict:
    return {"job_id": job_id, "paper_mm": 80,
            "ops": [{"op": "text", "text": f"小票 {job_id}"}, {"op": "cut"}]}


def test_spool_keeps_unprinted_jobs_across_a_restart(tmp_path):
    spool = PrintSpool(tmp_path)
    spool.save(job("receipt:A-1"))
    spool.save(job("receipt:A-2"))
    spool.mark_printed("receipt:A-1")
    again = PrintSpool(tmp_path)  # the till restarted
    assert [j["job_id"] for j in again.pending()] == ["receipt:A-2"]
    assert again.was_printed("receipt:A-1") and not again.was_printed("receipt:A-2")


def test_a_corrupt_spool_file_is_set_aside_not_retried_forever(tmp_path):
    spool = PrintSpool(tmp_path)
    (spool.pending_dir / "broken.json").write_text("{not json", encoding="utf-8")
    assert spool.pending() == []
    assert (spool.pending_dir / "broken.corrupt").exists()


def test_hub_reprints_a_spooled_job_once_after_restart(qtbot, tmp_path):
    PrintSpool(tmp_path / "spool").save(job("receipt:A-9"))  # left over by a crash
    hub = DeviceHub({"printer": {"kind": "capture"}}, data_dir=tmp_path)
    try:
        with qtbot.waitSignal(hub.printed, timeout=5000) as printed:
            hub.start()
        assert printed.args == ["receipt:A-9"]
        writes = hub.printer.transport.writes
        assert len(writes) == 1 and "小票".encode("gb18030") in writes[0]
        assert hub.submit_print(job("receipt:A-9"))  # the same job again (a retry after a crash)
        # a new job printed after it proves the hub and printer are past the retry
        with qtbot.waitSignal(hub.printed, timeout=5000,
                              check_params_cb=lambda j: j == "receipt:A-10"):
            hub.submit_print(job("receipt:A-10"))
        writes = hub.printer.transport.writes
        assert len(writes) == 2 and b"A-10" in writes[1]  # A-9 once, then A-10
        # both printed jobs leave the spool: its files are removed on the spool's own thread,
        # which stop() lets finish its queue (listing the folder meanwhile would race it)
        hub.stop()
        assert PrintSpool(tmp_path / "spool").pending() == []
    finally:
        hub.stop()
