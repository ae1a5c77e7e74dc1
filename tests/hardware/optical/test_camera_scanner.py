"""The camera decode worker: codes found off the GUI thread, each reported once."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

from hardware.barcode.camera_scanner import CameraScanner, RecentCodes
from hardware.camera.simulator import SimulatedCamera


def paste(code: np.ndarray, x: int, y: int, size: tuple[int, int] = (1280, 720)) -> np.ndarray:
    frame = np.full((size[1], size[0], 3), 110, np.uint8)
    h, w = code.shape[:2]
    frame[y : y + h, x : x + w] = code
    return frame


@pytest.fixture
def devices():
    made: list = []
    yield made
    for d in reversed(made):
        d.stop()


def test_camera_frames_with_a_qr_are_scanned_once(qtbot, testdata: Path, tmp_path: Path, devices):
    qr = cv2.imread(str(testdata / "barcodes" / "qr_pyzbar_qrcode.png"))
    for i, (x, y) in enumerate([(100, 100), (500, 300), (900, 150)]):
        cv2.imwrite(str(tmp_path / f"frame{i}.png"), paste(qr, x, y))
    camera = SimulatedCamera(tmp_path, fps=25)
    scanner = CameraScanner(symbologies=["QR", "EAN13"], dedupe_window_s=1.0)
    scanner.attach(camera)
    devices += [camera, scanner]
    scans: list[tuple[str, str]] = []
    scanner.scanned.connect(lambda text, sym: scans.append((text, sym)))
    with qtbot.waitSignal(scanner.scanned, timeout=5000) as blocker:
        scanner.start()
        camera.start()
    assert blocker.args == ["Thalassiodracon", "QR"]
    # the code stays in view on every frame: ten more frames decoded, and still no repeat
    decoded = scanner.frames_decoded
    qtbot.waitUntil(lambda: scanner.frames_decoded >= decoded + 10, timeout=10000)
    QCoreApplication.sendPostedEvents()  # a repeat the worker emitted would be delivered now
    assert scans == [("Thalassiodracon", "QR")]


def test_code_shown_again_after_the_window_is_scanned_again(qtbot, testdata: Path, devices):
    ean = cv2.imread(str(testdata / "barcodes" / "ean13_zbar_ean-13.png"))
    with_code, empty = paste(ean, 300, 300, (640, 480)), np.full((480, 640, 3), 110, np.uint8)
    scanner = CameraScanner(dedupe_window_s=0.3)
    devices.append(scanner)
    scans: list[str] = []
    scanner.scanned.connect(lambda text, sym: scans.append(text))
    scanner.start()
    with qtbot.waitSignal(scanner.scanned, timeout=3000):
        scanner.offer(with_code)
    decoded = scanner.frames_decoded
    scanner.offer(empty)
    qtbot.waitUntil(lambda: scanner.frames_decoded > decoded, timeout=3000)  # out of view...
    qtbot.wait(500)  # ...for longer than the 0.3 s window: the passing time is the input here
    with qtbot.waitSignal(scanner.scanned, timeout=3000):
        scanner.offer(with_code.copy())
    assert scans == ["9789876543217", "9789876543217"]


def test_symbology_restriction_in_the_worker(qtbot, testdata: Path, devices):
    ean = cv2.imread(str(testdata / "barcodes" / "ean13_zbar_ean-13.png"))
    qr = cv2.imread(str(testdata / "barcodes" / "qr_zxing_qrcode-2-30.png"))
    scanner = CameraScanner(symbologies=["QR"])
    devices.append(scanner)
    scans: list[tuple[str, str]] = []
    scanner.scanned.connect(lambda text, sym: scans.append((text, sym)))
    scanner.start()
    scanner.offer(paste(ean, 10, 10, (640, 480)))
    qtbot.waitUntil(lambda: scanner.frames_decoded >= 1, timeout=3000)
    assert scans == []
    with qtbot.waitSignal(scanner.scanned, timeout=3000):
        scanner.offer(paste(qr, 10, 10, (640, 480)))
    assert scans == [("MECARD:N:測試;;", "QR")]


def test_recent_codes_window() -> None:
    now = [0.0]
    recent = RecentCodes(window_s=1.0, clock=lambda: now[0])
    a, b = ("123", "EAN13"), ("x", "QR")
    assert recent.fresh([a, a]) == [a]
    now[0] = 0.9
    assert recent.fresh([a, b]) == [b]  # a still in view
    now[0] = 1.8
    assert recent.fresh([a]) == []  # seen at 0.9: the window restarted then
    now[0] = 3.0
    assert recent.fresh([a, b]) == [a, b]  # both gone for more than a second


def test_bad_symbology_config_fails_at_once() -> None:
    with pytest.raises(ValueError):
        CameraScanner(symbologies=["QR", "HOLOGRAM"])


def test_a_glared_label_only_zbar_reads_is_scanned_by_the_worker(qtbot, testdata: Path, devices):
    from hardware.barcode import phone_view
    from hardware.barcode.decode import BarcodeDecoder

    label = cv2.imread(str(testdata / "barcodes" / "ean13_zxing_ean13-4-01.png"))
    frame = paste(phone_view.glare(label, 160), 500, 200)
    assert BarcodeDecoder(use_pyzbar=False).decode(frame) == []  # zxing-cpp alone misses it
    scanner = CameraScanner()  # the POS default: QR + retail 1D, ZBar second pass
    devices.append(scanner)
    scanner.start()
    with qtbot.waitSignal(scanner.scanned, timeout=5000) as blocker:
        scanner.offer(frame)
    assert blocker.args == ["9780441014989", "EAN13"]
