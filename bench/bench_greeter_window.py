"""The greeter window while it recognises: preview frames painted per second.

The real GreeterRole (window, recognition worker, encoder process) on a throwaway demo
database with the demo members enrolled from the shared faces, its camera playing the
shared door video at 25 fps and 1280×720, on an offscreen screen. Prints:

    greeter_window_preview_fps_min: X fps   (lowest 2-second window after warm-up; ≥ 25)
    greeter_window_preview_fps_median: X fps
    greeter_window_camera_fps_median: X fps  (what the camera delivered: the ceiling)
    greeter_window_welcome_cards: N          (visitors greeted while it ran)
    greeter_window_first_card_median_ms: X ms (an arrival's first frame from the camera → its
                                             welcome card in the window: the budget's
                                             "face enters frame → welcome card", ≤ 240 ms)

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
    ap.add_argument("--encoder-nice", type=int, default=None,
                    help="niceness of the encoder processes (PipelineConfig.encoder_nice)")
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

    if args.encoder_nice is not None:
        import dataclasses

        import ui.greeter.engine as engine_module
        from app.faces.index import FaceIndex
        from app.faces.pipeline import Pipeline, PipelineConfig

        def pipeline_with_nice(mode: str = "passive") -> Pipeline:
            index = FaceIndex()
            config = dataclasses.replace(PipelineConfig(mode=mode),
                                         encoder_nice=args.encoder_nice)
            return Pipeline(index, config, sync=index.sync).start()

        engine_module._default_pipeline = pipeline_with_nice
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
    card_ms = card_latencies(role)
    pump(180, lambda: engine.pipeline is not None and engine.pipeline.status() == "running")
    card_ms.running_from = role.camera.frames.seq  # arrivals before this are not counted
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
    if card_ms:
        print(f"greeter_window_first_card_median_ms: {statistics.median(card_ms):.0f} ms "
              f"({len(card_ms)} arrivals, {min(card_ms):.0f}–{max(card_ms):.0f} ms)")
    return 0


class Latencies(list):
    running_from = 1 << 62  # camera frame number from which arrivals count


def card_latencies(role) -> Latencies:  # noqa: ANN001
    """Per welcome card shown: video time from its arrival's first frame to the frame the
    camera had delivered when the card reached the window. The simulated camera plays the
    door video from its first frame, in order, looped, so camera frame n is video frame
    (n - 1) mod its length."""
    import cv2

    from app.reception.demo import door_video
    from bench.face_data import read_arrivals

    video = door_video()
    cap = cv2.VideoCapture(str(video))
    fps, count = cap.get(cv2.CAP_PROP_FPS) or 25.0, int(cap.get(cv2.CAP_PROP_FRAME_COUNT))
    cap.release()
    arrivals = read_arrivals(video.parent / "arrivals.csv")
    out = Latencies()

    def on_card(welcome) -> None:  # noqa: ANN001  (queued to the GUI thread: shown now)
        seq = role.camera.frames.seq
        lap, frame = divmod(seq - 1, count)
        for a in arrivals:
            shown_as = a.identity.replace("_", " ").title()  # the demo's member names
            if (a.role == "visitor" and shown_as == welcome.card.name
                    and a.first_frame <= frame <= a.last_frame
                    and lap * count + a.first_frame + 1 > out.running_from):
                out.append((frame - a.first_frame) / fps * 1000.0)

    role.engine.welcomed.connect(on_card)
    return out


if __name__ == "__main__":
    sys.exit(main())
