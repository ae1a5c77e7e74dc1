"""A member shows their QR to the till's camera: the camera scanner decodes it and the till
identifies the member — the whole path from frames to the member panel."""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtWidgets import QDialog


def qr_frame(text: str, size: int = 720) -> np.ndarray:
    code = cv2.QRCodeEncoder.create().encode(text)
    code = cv2.resize(code, (300, 300), interpolation=cv2.INTER_NEAREST)
    frame = np.full((size, 1280), 255, np.uint8)
    frame[210:510, 490:790] = code
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


def test_member_qr_shown_to_the_camera_identifies_the_member(
        qtbot, tmp_path, seeded_url, cashier_cfg):
    from app.members import identify, member_qr
    from ui.cashier.role import CashierRole
    from ui.devices import DeviceHub

    folder = tmp_path / "frames"
    folder.mkdir()  # nothing in front of the camera yet
    cashier_cfg.devices = {
        "scanner": {"kind": "camera", "camera": {"kind": "simulator", "source": str(folder),
                                                 "fps": 10, "width": 1280, "height": 720,
                                                 "backoff_max_s": 0.3}},
        "printer": {"kind": "capture"},
    }
    hub = DeviceHub(cashier_cfg.devices, data_dir=tmp_path / "devices")
    role = CashierRole(cashier_cfg, hub=hub, state_dir=tmp_path / "state")
    try:
        role.show()
        qtbot.waitUntil(lambda: role.session.ready, timeout=10000)
        role.session.sign_in("c1", "1111", lambda _: None, lambda exc: None)
        qtbot.waitUntil(lambda: role.session.cashier is not None, timeout=5000)
        for dialog in role.window.findChildren(QDialog):  # sign-in / open-shift prompts
            dialog.done(0)
        # now the member holds up the QR in their app
        cv2.imwrite(str(folder / "qr.png"), qr_frame(member_qr(identify("13800138000"))))
        qtbot.waitUntil(lambda: bool(hub.last_scan), timeout=15000)
        assert hub.last_scan.startswith("PM1.")
        qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
        assert role.session.member.name == "刘洋"
        assert hub.statuses()["scanner"][0] == "connected"
    finally:
        role.shutdown()
        hub.stop()
