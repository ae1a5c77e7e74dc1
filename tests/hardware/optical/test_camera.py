"""Cameras: the simulator (folder, video), OpenCV capture of a file, latest-frame-wins."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

from hardware.camera import LatestFrame, make_camera
from hardware.camera.base import Camera, fit_frame
from hardware.camera.frames import FpsMeter
from hardware.camera.opencv import OpenCVCamera, parse_source
from hardware.camera.simulator import SimulatedCamera


@pytest.fixture
def cameras():
    made: list[Camera] = []
    yield made
    for cam in made:
        cam.stop()


def test_simulator_plays_an_image_folder(qtbot, testdata: Path, cameras) -> None:
    cam = make_camera(
        {
            "kind": "simulator",
            "source": str(testdata / "faces" / "people"),
            "fps": 30,
            "width": 640,
            "height": 360,
        }
    )
    assert isinstance(cam, SimulatedCamera)
    cameras.append(cam)
    with qtbot.waitSignal(cam.frame, timeout=5000) as blocker:
        cam.start()
    frame = blocker.args[0]
    assert isinstance(frame, np.ndarray) and frame.shape == (360, 640, 3)
    assert frame.dtype == np.uint8 and not frame.flags.writeable
    assert cam.status == "connected"
    qtbot.waitUntil(lambda: cam.frames_captured >= 30, timeout=5000)
    # the measured rate is live (how close it keeps to 30 fps is a benchmark figure:
    # bench/bench_hardware_optical.py, camera_sim_folder_fps)
    assert cam.fps > 0, cam.fps
    # The folder's images follow one another.
    first = cam.latest()
    qtbot.waitUntil(lambda: not np.array_equal(cam.latest(), first), timeout=3000)


def test_simulator_plays_a_video_file_in_a_loop(qtbot, testdata: Path, cameras) -> None:
    cam = SimulatedCamera(testdata / "video" / "arrivals.mp4", fps=50)
    cameras.append(cam)
    cam.start()
    qtbot.waitUntil(lambda: cam.frames_captured >= 25, timeout=5000)
    frame = cam.latest()
    assert frame is not None and frame.shape == (720, 1280, 3)
    assert cam.fps > 0, cam.fps  # the rate kept is measured in bench: camera_sim_video_fps


def test_video_loops(qtbot, tmp_path: Path, cameras) -> None:
    import cv2

    path = tmp_path / "three.avi"
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    for i in range(3):
        out.write(np.full((48, 64, 3), 60 * (i + 1), np.uint8))
    out.release()
    cam = SimulatedCamera(path, fps=100)
    cameras.append(cam)
    cam.start()
    qtbot.waitUntil(lambda: cam.frames_captured >= 10, timeout=5000)  # more than 3: it looped
    assert cam.status == "connected"


def test_missing_source_is_disconnected_not_a_crash(qtbot, tmp_path: Path, cameras) -> None:
    cam = SimulatedCamera(tmp_path / "nothing-here", fps=10, backoff_max_s=0.2)
    cameras.append(cam)
    with qtbot.waitSignal(cam.status_changed, timeout=3000) as blocker:
        cam.start()
    assert blocker.args[0] == "disconnected"
    assert "not found" in blocker.args[1]
    assert cam.latest() is None


def test_slow_consumer_never_builds_a_backlog(qtbot, testdata: Path, cameras) -> None:
    cam = SimulatedCamera(testdata / "faces" / "multi", fps=100, width=320, height=180)
    cameras.append(cam)
    delivered: list[int] = []

    def slow_slot(frame: np.ndarray) -> None:
        delivered.append(cam.frames.seq)
        time.sleep(0.1)  # a GUI thread that is far too slow for 100 fps

    cam.frame.connect(slow_slot)
    cam.start()
    qtbot.waitUntil(lambda: cam.frames_captured >= 100, timeout=15000)
    cam.stop()
    captured = cam.frames_captured
    calls = len(delivered)
    QCoreApplication.sendPostedEvents()  # anything still queued is delivered now
    # the slot takes 100 ms and frames come every 10 ms: about one delivery per ten frames,
    # never one per captured frame
    assert calls <= captured // 4, (calls, captured)
    assert len(delivered) <= calls + 1  # at most one delivery was pending
    # Every delivery carried the newest frame: frames in between were skipped, not queued.
    assert max(b - a for a, b in zip(delivered, delivered[1:], strict=False)) > 3


def test_worker_thread_takes_the_newest_frame() -> None:
    slot = LatestFrame()
    got: list[int] = []
    stop = threading.Event()

    def worker() -> None:
        seq = 0
        while not stop.is_set():
            item = slot.wait_newer(seq, timeout=0.05)
            if item is None:
                continue
            seq, _ = item
            got.append(seq)
            time.sleep(0.02)  # slow work

    t = threading.Thread(target=worker)
    t.start()
    frame = np.zeros((4, 4, 3), np.uint8)
    for _ in range(200):
        slot.put(frame.copy())
        time.sleep(0.001)  # input pacing: a camera faster than the worker
    deadline = time.monotonic() + 10
    while not (got and got[-1] == 200) and time.monotonic() < deadline:
        time.sleep(0.005)  # wait until the worker took the newest frame (or give up)
    stop.set()
    slot.wake()
    t.join()
    assert got == sorted(got) and got[-1] == 200  # in order, ends with the newest
    assert len(got) < 100  # skipped what it could not keep up with
    assert slot.wait_newer(200, timeout=0.01) is None


def test_fps_meter() -> None:
    m = FpsMeter(window_s=2.0)
    for i in range(51):
        m.tick(now=100 + i * 0.04)
    assert m.fps(now=102.0) == pytest.approx(25.0)
    assert m.fps(now=110.0) == 0.0  # nothing lately
    assert m.count == 51


def test_fit_frame_letterboxes() -> None:
    img = np.full((100, 100, 3), 255, np.uint8)
    out = fit_frame(img, 200, 100)
    assert out.shape == (100, 200, 3)
    assert out[:, :50].max() == 0 and out[:, 50:150].min() == 255
    assert fit_frame(img, None, None) is img


def test_opencv_camera_reads_a_video_file(qtbot, testdata: Path, cameras) -> None:
    cam = make_camera(
        {"kind": "opencv", "source": str(testdata / "video" / "arrivals.mp4"), "fps": 50}
    )
    assert isinstance(cam, OpenCVCamera)
    cameras.append(cam)
    with qtbot.waitSignal(cam.frame, timeout=5000):
        cam.start()
    qtbot.waitUntil(lambda: cam.frames_captured >= 10, timeout=5000)
    assert cam.latest().shape == (720, 1280, 3)


def test_opencv_camera_absent_device(qtbot, cameras) -> None:
    cam = OpenCVCamera("/dev/video-does-not-exist", backoff_initial_s=0.1, backoff_max_s=0.2)
    cameras.append(cam)
    with qtbot.waitSignal(cam.status_changed, timeout=5000) as blocker:
        cam.start()
    assert blocker.args[0] == "disconnected"


def test_factory_rejects_bad_config() -> None:
    with pytest.raises(ValueError):
        make_camera({"kind": "webcam", "source": 0})
    with pytest.raises(ValueError):
        make_camera({"kind": "simulator"})
    assert parse_source("0") == 0 and parse_source(2) == 2
    assert parse_source("rtsp://cam/1") == "rtsp://cam/1"
