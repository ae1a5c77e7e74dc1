"""The Devices screen on a real DeviceHub with simulated devices: live status, weight, scans,
cards, a test print down to the printer's bytes, unplug/replug, and the camera preview."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PAN = "4111111111111111"  # a Luhn-valid test card number
SWIPE = f"%B{PAN}^DOE/JOHN^2912101?;{PAN}=2912101?"


@pytest.fixture
def hub(qapp, tmp_path, testdata):
    from app.config import SIMULATED_DEVICES
    from ui.devices import DeviceHub

    devices = {k: dict(v) for k, v in SIMULATED_DEVICES.items()}
    devices["printer"] = {"kind": "capture", "paper_mm": 80, "admin_password": "hunter2"}
    devices["camera"] = {
        "kind": "simulator",
        "source": str(testdata / "faces" / "people" / "barack_obama"),
        "fps": 10,
        "width": 640,
        "height": 360,
    }
    device_hub = DeviceHub(devices, data_dir=tmp_path / "devices")
    device_hub.start()
    yield device_hub
    device_hub.stop()


@pytest.fixture
def screen(qtbot, hub):
    from ui.devices_screen import DevicesScreen

    widget = DevicesScreen(hub)
    qtbot.addWidget(widget)
    widget.resize(1024, 768)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def _connected(screen, *names):
    return all(screen.panel(n).pill.status == "connected" for n in names)


def _all_connected(screen, qtbot):
    names = list(screen.panels)
    qtbot.waitUntil(lambda: _connected(screen, *names), timeout=10000)


def test_every_device_has_a_panel_with_its_live_status(qtbot, hub, screen):
    assert set(screen.panels) >= {"scanner", "scale", "printer", "card_reader", "camera"}
    _all_connected(screen, qtbot)
    for name, (status, _detail) in hub.statuses().items():
        panel = screen.panel(name)
        assert panel.status == status
        assert panel.pill.text() == "● connected"
        assert panel.pill.property("state") == "connected"
    assert screen.summary.text() == f"{len(screen.panels)} of {len(screen.panels)} devices connected"


def test_settings_are_shown_with_secrets_masked(screen):
    printer = screen.panel("printer").settings.values
    assert printer["admin_password"].text() == "••••••"
    assert "hunter2" not in {v.text() for v in printer.values()}


def test_settings_are_labelled_words_not_config_keys(screen):
    """A manager reads "Printer type: …", "Paper width: 80 mm", not "kind", "paper_mm" and a
    JSON list."""
    printer = screen.panel("printer").settings
    assert printer.labels["kind"].text() == "Printer type"
    assert printer.values["kind"].text() == "Captured in memory (tests)"
    assert printer.labels["paper_mm"].text() == "Paper width"
    assert printer.values["paper_mm"].text() == "80 mm"
    card = screen.panel("card_reader").settings
    assert card.labels["member_ranges"].text() == "Member card ranges"
    assert card.values["member_ranges"].text() == "880000000000\u00a0–\u2060\u00a0889999999999"
    assert card.values["kind"].text().startswith("Keyboard wedge")
    scale = screen.panel("scale").settings
    assert scale.values["kind"].text() == "Simulator of the Mettler Toledo 8217 protocol"
    for panel in screen.panels.values():
        for key, label in panel.settings.labels.items():
            if key != "admin_password":  # unknown keys show as themselves; these are known
                assert label.text() != key, key
        assert "[" not in " ".join(v.text() for v in panel.settings.values.values())


def test_settings_follow_the_language(qtbot, screen):
    from ui.app import set_language

    set_language("zh_CN")
    try:
        printer = screen.panel("printer").settings
        qtbot.waitUntil(lambda: printer.labels["kind"].text() == "打印机类型", timeout=3000)
        assert printer.labels["paper_mm"].text() == "纸宽"
        assert printer.values["paper_mm"].text() == "80 mm"
        card = screen.panel("card_reader").settings
        assert card.labels["member_ranges"].text() == "会员卡号段"
        assert printer.values["kind"].text() == "内存捕获（测试用）"
        assert screen.panel("printer").title.text() == "小票打印机"
    finally:
        set_language("en")
    qtbot.waitUntil(
        lambda: screen.panel("printer").settings.labels["kind"].text() == "Printer type",
        timeout=3000)


def test_value_words():
    from ui.devices_settings import kind_text, labelled_rows, value_text

    assert kind_text("printer", "escpos_usb") == "ESC/POS over USB"
    assert kind_text("scanner", "camera") == "Camera (reads barcodes from the picture)"
    assert kind_text("printer", "thermal9000") == "thermal9000"  # unknown: as configured
    assert value_text("status_query", False) == "No"
    assert value_text("timeout_s", 1.5) == "1.5 s"
    assert value_text("vendor_id", 0x04B8) == "0x04b8"
    assert value_text("member_ranges", [["88", "89"], ["90", "91"]]) == "88\u00a0–\u2060\u00a089\n90\u00a0–\u2060\u00a091"
    rows = labelled_rows("scanner", iter([("camera.source", "rtsp://x"), ("kind", "camera")]))
    assert rows[0][:2] == ("kind", "Scanner type")
    assert rows[1][1] == "Camera · Video source"


def test_secret_detection_and_url_masking():
    from ui.devices_panels import is_secret_key, mask_url, settings_rows

    assert all(map(is_secret_key, ("password", "api_key", "auth_token", "WIFI_PSK", "secret")))
    assert not any(map(is_secret_key, ("kind", "port", "baudrate", "paper_mm", "keyboard")))
    assert mask_url("rtsp://cam:pw@10.0.0.9:554/live") == "rtsp://cam:••••••@10.0.0.9:554/live"
    assert mask_url("rtsp://10.0.0.9/live") == "rtsp://10.0.0.9/live"
    rows = dict(settings_rows({"kind": "camera", "camera": {"source": "http://a:b@h/x",
                                                           "token": "t"}}))
    assert rows == {"kind": "camera", "camera.source": "http://a:••••••@h/x",
                    "camera.token": "••••••"}


def test_live_weight_in_kg_with_stability_and_zero_tare(qtbot, hub, screen):
    from ui.devices_panels import ScaleControls

    scale = screen.panel("scale").part(ScaleControls)
    _all_connected(screen, qtbot)
    hub.simulators["scale"].set_weight(1234)
    qtbot.waitUntil(lambda: scale.weight.text() == "1.234 kg" and scale.stable, timeout=5000)
    assert scale.stability.property("state") == "stable"
    assert "stable" in scale.stability.text()
    hub.simulators["scale"].set_motion(True)
    qtbot.waitUntil(lambda: scale.stability.property("state") == "motion", timeout=5000)
    assert scale.weight.text() == "— kg"  # the Toledo sends no weight while in motion
    assert scale.stability.text() == "~ motion"
    hub.simulators["scale"].set_motion(False)
    # Toledo 8217 has zero and tare commands: both buttons work
    assert scale.zero.isEnabled() and scale.tare.isEnabled()
    assert scale.zero.height() >= 48
    with qtbot.waitSignal(hub.devices["scale"].command_finished, timeout=5000):
        scale.tare.click()
    qtbot.waitUntil(lambda: scale.command_result.text() == "Tared", timeout=2000)


def test_zero_and_tare_disabled_when_the_protocol_has_none(qtbot, hub):
    from PySide6.QtCore import QObject, Signal

    from ui.devices_panels import ScaleControls

    class CasLike(QObject):
        command_finished = Signal(str, bool)
        status = type("S", (), {"value": "connected"})()

        def supports(self, command):
            return False

    device = CasLike()
    controls = ScaleControls(hub, device)
    qtbot.addWidget(controls)
    assert not controls.zero.isEnabled() and not controls.tare.isEnabled()


def test_last_scan_and_last_card(qtbot, hub, screen):
    from ui.devices_panels import LastCardView, LastScanView

    scan = screen.panel("scanner").part(LastScanView)
    card = screen.panel("card_reader").part(LastCardView)
    assert scan.value.property("state") == "empty"
    hub.simulators["scanner"].type_scan("6901939621608")
    qtbot.waitUntil(lambda: scan.value.text() == "6901939621608", timeout=5000)
    hub.simulators["card_reader"].swipe(SWIPE)
    qtbot.waitUntil(lambda: card.value.text() == "payment card ••••1111", timeout=5000)
    texts = " ".join(label.text() for label in screen.findChildren(type(scan.value)))
    assert PAN not in texts and "DOE" not in texts
    hub.simulators["card_reader"].swipe(";8800001234567?")
    qtbot.waitUntil(lambda: card.value.text() == "member card 8800001234567", timeout=5000)
    hub.simulators["scanner"].type_scan(PAN)  # a reader without sentinels types like a scanner
    qtbot.waitUntil(lambda: scan.value.text() == "••••1111", timeout=5000)


def test_card_fields_of_a_payment_swipe_carry_no_number():
    from hardware.cardreader.card import CardClassifier
    from ui.devices_panels import card_fields

    card = CardClassifier().classify(";4111111111111111=30121010000000000000?")
    fields = card_fields(card)
    assert fields["kind"] == "payment" and fields["last4"] == "1111"
    assert "4111111111111111" not in repr(fields)
    assert card_fields(None) == {}


def test_test_print_reaches_the_printer_byte_for_byte(qtbot, hub, screen, monkeypatch):
    from hardware.printer.escpos_render import render_job
    from ui.devices_panels import PrinterControls

    jobs = []
    submit = hub.submit_print
    monkeypatch.setattr(hub, "submit_print", lambda job: jobs.append(job) or submit(job))
    controls = screen.panel("printer").part(PrinterControls)
    assert controls.test_print.height() >= 48
    _all_connected(screen, qtbot)
    transport = hub.printer.transport
    before = len(transport.writes)
    with qtbot.waitSignal(hub.printed, timeout=5000):
        controls.test_print.click()
    qtbot.waitUntil(lambda: controls.result.text() == "printed", timeout=2000)
    (job,) = jobs
    assert job["job_id"] == controls.last_job_id and job["job_id"].startswith("test-print-")
    assert [op["op"] for op in job["ops"]].count("qr") == 1 and job["ops"][-1]["op"] == "cut"
    written = transport.writes[before:]
    assert written == [render_job(job, paper_mm=80)]
    assert "测试打印".encode("gb18030") in written[0]
    assert b"\x1dV" in written[0]  # GS V: the cut

    # a second test print is a new job, not a duplicate the printer skips
    with qtbot.waitSignal(hub.printed, timeout=5000):
        controls.test_print.click()
    assert jobs[1]["job_id"] != jobs[0]["job_id"]
    assert len(transport.writes) == before + 2


def test_test_print_shows_the_failure_reason(qtbot, hub, screen):
    from ui.devices_panels import PrinterControls

    controls = screen.panel("printer").part(PrinterControls)
    controls.last_job_id = "test-print-x"
    hub.print_failed.emit("test-print-x", "paper out")
    assert controls.result.text() == "failed: paper out"
    assert controls.result.property("state") == "error"


def test_open_drawer_sends_the_kick(qtbot, hub, screen):
    from ui.devices_panels import PrinterControls

    controls = screen.panel("printer").part(PrinterControls)
    _all_connected(screen, qtbot)
    transport = hub.printer.transport
    before = len(transport.writes)
    controls.open_drawer.click()
    qtbot.waitUntil(lambda: controls.drawer_result.text() == "Drawer kick sent", timeout=5000)
    assert transport.writes[before:] and b"\x1bp" in transport.writes[-1]  # ESC p: pulse


def test_unplugged_scale_shows_disconnected_and_comes_back(qtbot, hub, screen):
    from ui.devices_panels import ScaleControls

    panel = screen.panel("scale")
    scale = panel.part(ScaleControls)
    _all_connected(screen, qtbot)
    hub.simulators["scale"].set_weight(500)
    qtbot.waitUntil(lambda: scale.weight.text() == "0.500 kg", timeout=5000)
    hub.simulators["scale"].unplug()
    qtbot.waitUntil(lambda: panel.pill.status == "disconnected", timeout=8000)
    assert panel.pill.text() == "● disconnected"
    assert panel.pill.property("state") == "disconnected"
    assert panel.detail.text()  # why, from the driver
    assert scale.weight.text() == "— kg"  # no connection, no known weight
    assert not scale.zero.isEnabled()
    n = len(screen.panels)
    assert screen.summary.text() == f"{n - 1} of {n} devices connected"
    hub.simulators["scale"].replug()
    qtbot.waitUntil(lambda: panel.pill.status == "connected", timeout=10000)
    qtbot.waitUntil(lambda: scale.weight.text() == "0.500 kg", timeout=5000)
    assert scale.zero.isEnabled()


def test_camera_preview_shows_frames_and_fps(qtbot, hub, screen):
    from ui.devices_panels import PREVIEW_INTERVAL_MS, CameraPreview

    preview = screen.panel("camera").part(CameraPreview)
    assert preview.timer.isActive() and preview.timer.interval() == PREVIEW_INTERVAL_MS
    qtbot.waitUntil(lambda: not preview.image.pixmap().isNull(), timeout=5000)
    qtbot.waitUntil(lambda: hub.devices["camera"].fps > 0, timeout=5000)
    # the label catches up with the camera's measured rate on a later preview tick
    qtbot.waitUntil(lambda: " fps · " in preview.fps.text()
                    and not preview.fps.text().startswith("0.0"), timeout=5000)
    screen.shutdown()
    assert not preview.timer.isActive()


def test_screenshot_at_1024x768(qtbot, hub, screen, tmp_path):
    from ui.devices_panels import CameraPreview, LastCardView, LastScanView, ScaleControls

    _all_connected(screen, qtbot)
    hub.simulators["scale"].set_weight(1234)
    hub.simulators["scanner"].type_scan("6901939621608")
    hub.simulators["card_reader"].swipe(SWIPE)
    preview = screen.panel("camera").part(CameraPreview)
    scale = screen.panel("scale").part(ScaleControls)
    scan = screen.panel("scanner").part(LastScanView)
    card = screen.panel("card_reader").part(LastCardView)
    # the shot shows every panel filled in: a picture, the weight, the scan and the card
    qtbot.waitUntil(lambda: not preview.image.pixmap().isNull()
                    and scale.weight.text() == "1.234 kg"
                    and scan.value.text() == "6901939621608"
                    and card.value.text() == "payment card ••••1111", timeout=5000)
    folder = Path(os.environ.get("PATRON_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    shot = screen.grab()
    assert (shot.width(), shot.height()) == (1024, 768)
    assert shot.save(str(folder / "devices_screen.png"))


def test_open_from_a_window_and_close(qtbot, hub):
    from PySide6.QtWidgets import QWidget

    from ui.devices_screen import DevicesScreen, open_devices_screen

    till = QWidget()
    qtbot.addWidget(till)
    till.resize(1280, 800)
    till.show()
    dialog = open_devices_screen(hub, till)
    assert isinstance(dialog, DevicesScreen) and dialog.isVisible() and dialog.isModal()
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        dialog.close_button.click()
    assert not dialog.isVisible()


def test_devices_role(qtbot, tmp_path, testdata):
    from app.config import SIMULATED_DEVICES, TerminalConfig
    from ui.devices_screen import DevicesRole

    devices = {k: dict(v) for k, v in SIMULATED_DEVICES.items()}
    cfg = TerminalConfig(role="devices", language="en", devices=devices)
    role = DevicesRole(cfg, demo=True, state_dir=tmp_path / "state")
    try:
        role.show()
        ok, detail = role.self_check()
        assert ok, detail
        rows = role.device_report(timeout_s=8.0)
        assert {name for name, _ok, _d in rows} >= {"scanner", "scale", "printer", "card_reader"}
        assert all(ok for _name, ok, _d in rows), rows
    finally:
        role.shutdown()


def test_manager_opens_the_devices_screen_from_the_till(make_role, qtbot):
    from app.models import AuditEntry
    from ui.devices_panels import LastScanView
    from ui.devices_screen import DevicesScreen

    role = make_role()
    role.window.top.devices.emit()
    pin = role.window.flows.dialog
    qtbot.waitUntil(lambda: pin is not None and pin.isVisible(), timeout=3000)
    assert pin.what.text().startswith("Open the Devices screen\n")  # not the action's code
    pin.pin.setText("9999")
    pin.submit()
    qtbot.waitUntil(lambda: bool(role.window.findChildren(DevicesScreen)), timeout=5000)
    screen = role.window.findChildren(DevicesScreen)[0]
    last_scan = screen.panel("scanner").part(LastScanView)
    role.rig.scan("6901939621608")  # a scan while the screen is open does not ring up
    # the scan has arrived (the screen shows it) before we look at the cart it must not touch
    qtbot.waitUntil(lambda: last_scan.value.text() == "6901939621608", timeout=5000)
    assert role.session.cart.lines == []
    screen.done(0)
    qtbot.waitUntil(lambda: AuditEntry.select().where(AuditEntry.action == "approval").count() >= 1,
                    timeout=3000)
