"""The print queue: order, waiting while offline or out of paper, never printing twice."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from hardware.printer import PdfPrinter, ReceiptPrinter, make_printer
from hardware.printer.escpos_render import render_job
from hardware.printer.transports.capture import CaptureTransport
from hardware.printer.transports.file import FileTransport
from hardware.printer.transports.network import NetworkTransport

FAST = {"backoff_initial_s": 0.05, "backoff_max_s": 0.2}


def job(job_id: str, text: str = "hello") -> dict:
    return {"job_id": job_id, "paper_mm": 58, "ops": [{"op": "text", "text": text}, {"op": "cut"}]}


@pytest.fixture
def printers():
    made: list[ReceiptPrinter] = []
    yield made
    for p in made:
        p.stop()


@pytest.fixture
def capture_printer(printers):
    transport = CaptureTransport()
    printer = ReceiptPrinter(
        transport, paper_mm=58, status_interval_s=0.1, retry_interval_s=0.05, **FAST
    )
    printers.append(printer)
    return printer, transport


def test_jobs_print_in_order_once(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    printed: list[str] = []
    printer.job_printed.connect(printed.append)
    printer.start()
    with qtbot.waitSignal(printer.job_printed, timeout=3000, check_params_cb=lambda j: j == "c"):
        for jid in "abc":
            printer.submit(job(jid, f"receipt {jid}"))
    assert printed == ["a", "b", "c"]
    assert capture.writes == [render_job(job(j, f"receipt {j}")) for j in "abc"]
    assert printer.pending_jobs() == []


def test_unplugged_printer_keeps_jobs_waiting(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    printed: list[str] = []
    printer.job_printed.connect(printed.append)
    printer.start()
    qtbot.waitUntil(lambda: printer.status == "connected", timeout=3000)
    capture.unplug()
    qtbot.waitUntil(lambda: printer.status == "disconnected", timeout=3000)
    printer.submit(job("1"))
    printer.submit(job("2"))
    qtbot.wait(300)  # only gives a wrong print time to happen (none may)
    assert printed == [] and printer.pending_jobs() == ["1", "2"]
    assert capture.writes == []
    with qtbot.waitSignal(printer.job_printed, timeout=3000, check_params_cb=lambda j: j == "2"):
        capture.plug_in()
    assert printed == ["1", "2"]
    assert capture.writes == [render_job(job("1")), render_job(job("2"))]
    assert printer.status == "connected"


def test_paper_out_is_an_error_and_the_job_waits(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    statuses: list[tuple[str, str]] = []
    printer.status_changed.connect(lambda s, d: statuses.append((s, d)))
    capture.set_paper("out")
    printer.start()
    qtbot.waitUntil(lambda: ("error", "paper out") in statuses, timeout=3000)
    printer.submit(job("p"))
    qtbot.wait(300)  # only gives a wrong print time to happen (none may)
    assert capture.writes == [] and printer.pending_jobs() == ["p"]
    with qtbot.waitSignal(printer.job_printed, timeout=3000):
        capture.set_paper("low")
    assert printer.status == "connected" and printer.status_detail == "paper low"
    assert printer.printer_state is not None and printer.printer_state.paper_near_end
    assert len(capture.writes) == 1


def test_cover_open_and_offline(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    capture.set_cover_open(True)
    printer.start()
    qtbot.waitUntil(lambda: printer.status_detail == "cover open", timeout=3000)
    assert printer.status == "error"
    capture.set_cover_open(False)
    capture.set_online(False)
    qtbot.waitUntil(lambda: printer.status_detail == "printer offline", timeout=3000)
    assert printer.status == "disconnected"
    capture.set_online(True)
    qtbot.waitUntil(lambda: printer.status == "connected", timeout=3000)


def test_duplicate_job_id_is_not_printed_twice(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    skipped: list[tuple[str, str]] = []
    printer.job_skipped.connect(lambda j, r: skipped.append((j, r)))
    printer.start()
    with qtbot.waitSignal(printer.job_printed, timeout=3000):
        printer.submit(job("dup"))
    printer.submit(job("dup", "a different text, same id"))
    with qtbot.waitSignal(printer.job_printed, timeout=3000):
        printer.submit(job("next"))
    assert skipped == [("dup", "already printed")]
    assert capture.writes == [render_job(job("dup")), render_job(job("next"))]
    assert printer.was_printed("dup")


def test_duplicate_while_queued(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    capture.unplug()
    printer.start()
    skipped: list[tuple[str, str]] = []
    printer.job_skipped.connect(lambda j, r: skipped.append((j, r)))
    printer.submit(job("q"))
    printer.submit(job("q"))
    assert skipped == [("q", "already queued")]
    with qtbot.waitSignal(printer.job_printed, timeout=3000):
        capture.plug_in()
    # a later job printed proves the queue is past the duplicate: it was not printed twice
    with qtbot.waitSignal(printer.job_printed, timeout=3000, check_params_cb=lambda j: j == "r"):
        printer.submit(job("r"))
    assert capture.writes == [render_job(job("q")), render_job(job("r"))]


def test_persistent_already_printed_check(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    done_elsewhere = {"old-1"}
    printer._already_printed = done_elsewhere.__contains__
    printer.start()
    with qtbot.waitSignals([printer.job_skipped, printer.job_printed], timeout=3000):
        printer.submit(job("old-1"))
        printer.submit(job("new-1"))
    assert capture.writes == [render_job(job("new-1"))]


def test_failing_already_printed_check_holds_the_job(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    answer: dict[str, object] = {"fail": True}

    def check(job_id: str) -> bool:
        if answer["fail"]:
            raise RuntimeError("database away")
        return False

    printer._already_printed = check
    printer.start()
    printer.submit(job("x"))
    qtbot.waitUntil(lambda: printer.status == "error", timeout=3000)
    assert "database away" in printer.status_detail and capture.writes == []
    with qtbot.waitSignal(printer.job_printed, timeout=3000):
        answer["fail"] = False


def test_malformed_job_fails_without_blocking_the_queue(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    failed: list[tuple[str, str]] = []
    printer.job_failed.connect(lambda j, r: failed.append((j, r)))
    printer.start()
    printer.submit({"job_id": "bad", "ops": [{"op": "text", "text": None}]})
    printer.submit(
        {"job_id": "toolong", "ops": [{"op": "barcode", "data": "X" * 60, "symbology": "CODE128"}]}
    )
    with qtbot.waitSignal(printer.job_printed, timeout=3000):
        printer.submit(job("good"))
    assert [j for j, _ in failed] == ["bad", "toolong"]
    assert "text" in failed[0][1] and "too long" in failed[1][1]
    assert capture.writes == [render_job(job("good"))]


def test_drawer_kick(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    printer.start()
    with qtbot.waitSignal(printer.job_printed, timeout=3000) as blocker:
        job_id = printer.drawer_kick()
    assert blocker.args == [job_id]
    assert capture.writes == [b"\x1b@\x1bp\x00\x32\x32"]


def test_drawer_kick_does_not_wait_for_an_offline_printer(qtbot, capture_printer) -> None:
    printer, capture = capture_printer
    capture.unplug()
    printer.start()
    with qtbot.waitSignal(printer.job_failed, timeout=3000) as blocker:
        job_id = printer.drawer_kick(timeout_s=0.2)
        qtbot.wait(400)  # the input: offline for longer than the kick's 0.2 s, then back
        capture.plug_in()
    assert blocker.args == [job_id, "printer not ready in time"]
    with qtbot.waitSignal(printer.job_printed, timeout=3000):
        printer.submit(job("after"))
    assert capture.writes == [render_job(job("after"))]  # the drawer never sprang open late


# -- a real TCP connection -------------------------------------------------------------------
class FakeNetworkPrinter:
    """A raw-port (9100) printer on 127.0.0.1 that answers DLE EOT and records the rest."""

    def __init__(self, port: int = 0) -> None:
        self.received = bytearray()
        self.paper_out = False
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self.port = self._listener.getsockname()[1]
        self._conns: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        self._listener.settimeout(0.05)
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._conns.append(conn)
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: socket.socket) -> None:
        pending = b""
        with conn:
            while not self._stop.is_set():
                try:
                    data = conn.recv(4096)
                except OSError:
                    return
                if not data:
                    return
                pending += data
                while b"\x10\x04" in pending:
                    i = pending.index(b"\x10\x04")
                    if len(pending) < i + 3:
                        break
                    n = pending[i + 2]
                    with self._lock:
                        self.received += pending[:i]
                    pending = pending[i + 3 :]
                    answer = {1: 0x12, 2: 0x12, 4: 0x12}.get(n, 0x12)
                    if self.paper_out and n == 4:
                        answer |= 0x60
                    if self.paper_out and n == 1:
                        answer |= 0x08
                    if self.paper_out and n == 2:
                        answer |= 0x20
                    conn.sendall(bytes([answer]))
                if b"\x10" not in pending:
                    with self._lock:
                        self.received += pending
                    pending = b""

    def data(self) -> bytes:
        with self._lock:
            return bytes(self.received)

    def close(self) -> None:
        """Switch the printer off: refuse new connections and drop the open ones."""
        self._stop.set()
        self._listener.close()
        for c in self._conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            c.close()
        self._thread.join(2)


def test_network_printer_off_and_on_again(qtbot, printers) -> None:
    server = FakeNetworkPrinter()
    port = server.port
    printer = make_printer(
        {
            "kind": "escpos_network",
            "host": "127.0.0.1",
            "port": port,
            "paper_mm": 80,
            "timeout_s": 1.0,
            "status_interval_s": 0.1,
            "backoff_max_s": 0.2,
        }
    )
    printers.append(printer)
    printed: list[str] = []
    printer.job_printed.connect(printed.append)
    with qtbot.waitSignal(printer.job_printed, timeout=5000):
        printer.start()
        printer.submit(job("n1", "first"))
    # job_printed fires when the bytes left; the fake printer's thread may still be reading them
    first = render_job(job("n1", "first"), paper_mm=80)
    qtbot.waitUntil(lambda: server.data() == first, timeout=2000)

    server.close()  # the printer is switched off
    qtbot.waitUntil(lambda: printer.status == "disconnected", timeout=5000)
    printer.submit(job("n2", "second"))
    printer.submit(job("n3", "third"))
    qtbot.wait(400)  # only gives a wrong print time to happen (none may)
    assert printed == ["n1"] and printer.pending_jobs() == ["n2", "n3"]

    server = FakeNetworkPrinter(port)  # switched on again, same address
    try:
        with qtbot.waitSignal(
            printer.job_printed, timeout=5000, check_params_cb=lambda j: j == "n3"
        ):
            pass
        assert printed == ["n1", "n2", "n3"]
        expected = render_job(job("n2", "second"), paper_mm=80) + render_job(
            job("n3", "third"), paper_mm=80
        )
        qtbot.waitUntil(lambda: len(server.data()) >= len(expected), timeout=2000)
        assert server.data() == expected  # each exactly once, in order
        printer.submit(job("n2", "second"))  # a retry by the caller: not printed again
        # a new job printed after it proves the queue is past the retry
        with qtbot.waitSignal(printer.job_printed, timeout=5000,
                              check_params_cb=lambda j: j == "n4"):
            printer.submit(job("n4", "fourth"))
        expected += render_job(job("n4", "fourth"), paper_mm=80)
        qtbot.waitUntil(lambda: len(server.data()) >= len(expected), timeout=2000)
        assert server.data() == expected
        assert printer.status == "connected"
    finally:
        server.close()


def test_network_paper_out(qtbot, printers) -> None:
    server = FakeNetworkPrinter()
    server.paper_out = True
    printer = ReceiptPrinter(
        NetworkTransport("127.0.0.1", server.port, timeout_s=1.0),
        paper_mm=58,
        status_interval_s=0.1,
        retry_interval_s=0.05,
        **FAST,
    )
    printers.append(printer)
    try:
        printer.start()
        qtbot.waitUntil(lambda: printer.status_detail == "paper out", timeout=5000)
        printer.submit(job("p1"))
        qtbot.wait(300)  # only gives a wrong print time to happen (none may)
        assert server.data() == b""
        with qtbot.waitSignal(printer.job_printed, timeout=5000):
            server.paper_out = False
        qtbot.waitUntil(lambda: server.data() == render_job(job("p1")), timeout=2000)
    finally:
        server.close()


def test_network_printer_absent(qtbot, printers) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there
    printer = ReceiptPrinter(NetworkTransport("127.0.0.1", port, timeout_s=0.5), **FAST)
    printers.append(printer)
    with qtbot.waitSignal(printer.status_changed, timeout=3000) as blocker:
        printer.start()
    assert blocker.args[0] == "disconnected" and f"127.0.0.1:{port}" in blocker.args[1]


# -- file and serial transports ----------------------------------------------------------------
def test_file_printer_waits_for_its_device(qtbot, tmp_path: Path, printers) -> None:
    device = tmp_path / "usb" / "lp0"  # the folder appears when the printer is plugged in
    printer = ReceiptPrinter(FileTransport(device), paper_mm=58, **FAST)
    printers.append(printer)
    printer.start()
    printer.submit(job("f1"))
    printer.submit(job("f2"))
    qtbot.waitUntil(lambda: "No such file" in printer.status_detail, timeout=3000)
    assert printer.status == "disconnected"
    qtbot.wait(200)  # the jobs must survive the retries: this wait gives a drop time to happen
    assert printer.pending_jobs() == ["f1", "f2"]
    with qtbot.waitSignal(printer.job_printed, timeout=3000, check_params_cb=lambda j: j == "f2"):
        device.parent.mkdir()
    assert device.read_bytes() == render_job(job("f1")) + render_job(job("f2"))


def test_serial_printer_on_a_pty(qtbot, printers) -> None:
    import termios
    import tty

    master, slave = os.openpty()
    tty.setraw(master)
    tty.setraw(slave)
    port = os.ttyname(slave)
    received = bytearray()
    stop = threading.Event()

    def fake_printer() -> None:  # answers DLE EOT like a printer with paper
        import select

        pending = b""
        while not stop.is_set():
            r, _, _ = select.select([master], [], [], 0.05)
            if not r:
                continue
            try:
                pending += os.read(master, 4096)
            except OSError:
                return
            while b"\x10\x04" in pending and len(pending) >= pending.index(b"\x10\x04") + 3:
                i = pending.index(b"\x10\x04")
                received.extend(pending[:i])
                pending = pending[i + 3 :]
                os.write(master, b"\x12")
            if b"\x10" not in pending:
                received.extend(pending)
                pending = b""

    t = threading.Thread(target=fake_printer, daemon=True)
    t.start()
    printer = make_printer(
        {
            "kind": "escpos_serial",
            "port": port,
            "baudrate": 19200,
            "paper_mm": 58,
            "backoff_max_s": 0.2,
        }
    )
    printers.append(printer)
    try:
        with qtbot.waitSignal(printer.job_printed, timeout=5000):
            printer.start()
            printer.submit(job("s1", "串口"))
        qtbot.waitUntil(lambda: bytes(received) == render_job(job("s1", "串口")), timeout=3000)
    finally:
        printer.stop()
        stop.set()
        t.join(1)
        termios.tcflush(master, termios.TCIOFLUSH)
        os.close(master)
        os.close(slave)


def test_usb_without_pyusb_says_so(qtbot, printers) -> None:
    printer = make_printer(
        {"kind": "escpos_usb", "vendor_id": "04b8", "product_id": "0x0202", "backoff_max_s": 0.2}
    )
    printers.append(printer)
    with qtbot.waitSignal(printer.status_changed, timeout=3000) as blocker:
        printer.start()
    assert blocker.args[0] == "disconnected"
    assert "04b8:0202" in blocker.args[1]


def test_factory_rejects_unknown_kinds() -> None:
    with pytest.raises(ValueError):
        make_printer({"kind": "laser"})
    with pytest.raises(ValueError):
        make_printer({"kind": "pdf"})
    with pytest.raises(ValueError):
        make_printer({"kind": "capture", "paper_mm": 76})
    assert isinstance(make_printer({"kind": "pdf", "folder": "/tmp/x"}), PdfPrinter)
