"""The greeter window while it recognises: preview frames painted per second.

The real GreeterRole (window, recognition worker, encoder process) on a throwaway demo
database with the demo members enrolled from the shared faces, its camera playing the
shared door video at 25 fps and 1280×720, on an offscreen screen. Prints:

    greeter_window_preview_fps_min: X fps   (lowest 2-second window after warm-up; ≥ 25)
    greeter_window_preview_fps_median: X fps
    greeter_window_camera_fps_median: X fps  (what the camera delivered: the ceiling)
    greeter_window_welcome_cards: N          (visitors greeted while it ran)

    uv run python bench/bench_greeter_window.py [--seconds 30]

Without ../shared/testdata it says so and exits 0 (the video is not shipped).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    args = ap.parse_args(argv)
    from app.reception.demo import door_video

    if door_video() is None:
        print("no ../shared/testdata: greeter window bench skipped")
        return 0
    home = Path(tempfile.mkdtemp())
    os.environ["PATRON_HOME"] = str(home)
    from app.bootstrap import open_database

    open_database(f"sqlite:///{home}/demo.db", demo=True)
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from app.config import TerminalConfig
    from app.models import Store
    from app.reception.demo import enrol_demo_faces
    from ui.app import make_application
    from ui.greeter.role import GreeterRole

    qapp = make_application("zh_CN")
    store = Store.select().order_by(Store.id).first()
    enrol_demo_faces(store.id)
    role = GreeterRole(TerminalConfig(role="greeter"), demo=True)
    role.fullscreen = False
    role.window.resize(1920, 1080)
    role.show()

    def pump(seconds: float, until=None) -> None:  # noqa: ANN001
        end = time.monotonic() + seconds
        while time.monotonic() < end and not (until and until()):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    engine = role.engine
    pump(180, lambda: engine.pipeline is not None and engine.pipeline.status() == "running")
    pump(3)  # warm-up
    samples, camera_fps = [], []
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        pump(1.0)
        samples.append(role.window.preview.fps())
        camera_fps.append(role.camera.fps)
    cards = len(role.window.cards.cards)
    role.shutdown()
    qapp.processEvents()
    print(f"greeter_window_preview_fps_min: {min(samples):.1f} fps")
    print(f"greeter_window_preview_fps_median: {statistics.median(samples):.1f} fps")
    print(f"greeter_window_camera_fps_median: {statistics.median(camera_fps):.1f} fps")
    print(f"greeter_window_welcome_cards: {cards}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
