"""Benchmarks for the optical and printing parts of hardware/.

    uv run python bench/bench_hardware_optical.py

Prints one line per figure: ``metric_name: value unit``. camera_sim_folder_fps and
camera_sim_video_fps are the rates the simulated camera keeps (configured 30 and 50 fps); the
tests only check that a rate is measured, since the rate kept depends on the machine's load.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TESTDATA = REPO.parent / "shared" / "testdata"


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def camera_frames() -> list:
    """1280×720 camera-like frames (a video frame as background) with a real barcode photo
    pasted in at different places; the decoder must find it in every one."""
    import cv2

    cap = cv2.VideoCapture(str(TESTDATA / "video" / "arrivals.mp4"))
    ok, background = cap.read()
    cap.release()
    assert ok
    frames = []
    for name, (x, y) in [
        ("ean13_zxing_ean13-1-1.png", (600, 200)),
        ("qr_zxing_qrcode-2-30.png", (100, 300)),
        ("ean8_zxing_ean8-1-6.png", (900, 420)),
        ("code128_zxing_code128-2-05.png", (300, 100)),
    ]:
        code = cv2.imread(str(TESTDATA / "barcodes" / name))
        frame = background.copy()
        h, w = code.shape[:2]
        frame[y : y + h, x : x + w] = code
        frames.append(frame)
    return frames


def bench_camera_decode() -> float:
    from hardware.barcode.decode import BarcodeDecoder

    decoder = BarcodeDecoder()  # QR + retail 1D, the POS default
    frames = camera_frames()
    for f in frames:
        assert decoder.decode(f), "benchmark frame did not decode"
    i = 0

    def one() -> None:
        nonlocal i
        decoder.decode(frames[i % len(frames)])
        i += 1

    return median_ms(one, 60)


def bench_camera_decode_empty(use_pyzbar: bool | None = None) -> float:
    """The steady state of a camera scanner: a frame with no code in it. Both passes run on
    it (ZBar is tried whenever zxing-cpp finds no linear code), so this is the ZBar pass's
    price; ``use_pyzbar=False`` gives zxing-cpp alone for comparison."""
    import cv2

    from hardware.barcode.decode import BarcodeDecoder

    decoder = BarcodeDecoder(use_pyzbar=use_pyzbar)
    if use_pyzbar is None and not decoder.uses_pyzbar:
        raise SystemExit("libzbar is not installed (scripts/setup.sh installs libzbar0)")
    cap = cv2.VideoCapture(str(TESTDATA / "video" / "arrivals.mp4"))
    ok, frame = cap.read()
    cap.release()
    assert ok and not decoder.decode(frame)
    return median_ms(lambda: decoder.decode(frame), 40)


def bench_escpos_render() -> float:
    from hardware.printer.escpos_render import render_job

    ops: list[dict] = [
        {"op": "text", "text": "Patron 百货", "align": "center", "bold": True, "double": True},
        {"op": "text", "text": "欢迎光临 · 2025-06-01 14:03 · 收银台 3", "align": "center"},
        {"op": "rule"},
    ]
    for n in range(20):
        ops.append(
            {"op": "row", "left": f"商品 {n} Product name {n} 500g", "right": f"¥{n + 1}.50"}
        )
    ops += [
        {"op": "rule"},
        {"op": "row", "left": "合计 Total", "right": "¥230.00", "bold": True},
        {"op": "qr", "data": "PTN:1:abcdefabcdefabcdef:sig", "size": 6},
        {"op": "barcode", "data": "S-2025-000123", "symbology": "CODE128"},
        {"op": "feed", "lines": 2},
        {"op": "cut"},
        {"op": "drawer"},
    ]
    job = {"job_id": "bench", "paper_mm": 80, "ops": ops}
    return median_ms(lambda: render_job(job), 200)


def bench_camera_sim_fps(source: Path, fps: int, size: tuple[int, int] | None) -> float:
    """The rate a simulated camera keeps over 2 s (the tests only check it is measured)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from hardware.camera import make_camera

    app = QCoreApplication.instance() or QCoreApplication([])
    cfg = {"kind": "simulator", "source": str(source), "fps": fps}
    if size:
        cfg.update(width=size[0], height=size[1])
    cam = make_camera(cfg)
    cam.start()
    try:
        deadline = time.monotonic() + 10
        while cam.frames_captured < 10 and time.monotonic() < deadline:  # warmed up
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        first, t0 = cam.frames_captured, time.monotonic()
        while time.monotonic() - t0 < 2.0:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        return (cam.frames_captured - first) / (time.monotonic() - t0)
    finally:
        cam.stop()


def main() -> None:
    print(f"camera_decode_1280x720_median_ms: {bench_camera_decode():.2f} ms")
    print(f"camera_decode_1280x720_nocode_median_ms: {bench_camera_decode_empty():.2f} ms")
    print("camera_decode_1280x720_nocode_zxing_only_median_ms: "
          f"{bench_camera_decode_empty(use_pyzbar=False):.2f} ms")
    print(f"escpos_render_receipt_median_ms: {bench_escpos_render():.2f} ms")
    folder = bench_camera_sim_fps(TESTDATA / "faces" / "people", 30, (640, 360))
    print(f"camera_sim_folder_fps: {folder:.1f} fps")  # configured 30
    video = bench_camera_sim_fps(TESTDATA / "video" / "arrivals.mp4", 50, None)
    print(f"camera_sim_video_fps: {video:.1f} fps")  # configured 50


if __name__ == "__main__":
    main()
