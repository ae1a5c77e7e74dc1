"""Screenshots of the greeter at the door, 1920×1080, in Chinese and English: the live
preview with face boxes and the queue of welcome cards, from the real window and the real
recognition pipeline on the shared door video (../shared/testdata/video/arrivals.mp4), with
the demo members enrolled from the shared faces on a throwaway demo database.

    uv run python scripts/screenshots_greeter.py            # -> docs/screenshots/
    uv run python scripts/screenshots_greeter.py --check    # the layout check only

Needs ../shared/testdata (the pictures are not shipped); without it, says so and exits 0.
The layout check: every label of the window and its welcome cards fits inside the window
and no text is cut off (``fits``), in both languages.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

SIZE = (1920, 1080)
LANGUAGES = ("zh_CN", "en")
# Walk the door video up to a frame where a visitor (greeted) and the cards of the earlier
# visitors are on screen: arrivals.csv puts df_person_03 in frames 258–327.
LAST_FRAME = 290


class DoorCamera:
    """The door camera, fed by this script frame by frame at the pipeline's pace."""

    status = "connected"
    status_detail = "door video"

    def __init__(self) -> None:
        from hardware.camera.frames import LatestFrame

        self.frames = LatestFrame()

    def latest(self) -> Any:
        return self.frames.get()[1]

    def start(self) -> None: ...

    def stop(self) -> None:
        self.frames.wake()


def pump(until: Any, limit_s: float) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if until():
            return True
    return False


def fits(window: Any) -> list[str]:
    """Labels cut off or outside the window (empty when the layout holds)."""
    from PySide6.QtWidgets import QLabel

    problems = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        top_left = label.mapTo(window, label.rect().topLeft())
        if (top_left.x() < 0 or top_left.y() < 0
                or top_left.x() + label.width() > window.width() + 1
                or top_left.y() + label.height() > window.height() + 1):
            problems.append(f"{label.objectName()} outside the window")
        hint = label.sizeHint() if not label.wordWrap() else label.minimumSizeHint()
        if not label.wordWrap() and hint.width() > label.width() + 2:
            problems.append(f"{label.objectName()} cut off: {label.text()[:40]!r}")
    return problems


def child(out: Path, check_only: bool) -> int:
    from app.reception.demo import door_video

    video = door_video()
    if video is None:
        print("no ../shared/testdata: no greeter screenshots (the pictures are not shipped)")
        return 0
    home = Path(tempfile.mkdtemp())
    os.environ["PATRON_HOME"] = str(home)
    from app.bootstrap import open_database

    open_database(f"sqlite:///{home}/demo.db", demo=True)
    from app.config import TerminalConfig
    from app.models import Store
    from app.reception.demo import enrol_demo_faces
    from ui.app import make_application, set_language

    qapp = make_application(LANGUAGES[0])
    store = Store.select().order_by(Store.id).first()
    Store.update(greeting_mode="passive").where(Store.id == store.id).execute()
    print(f"enrolled {enrol_demo_faces(store.id)} demo members", flush=True)

    import cv2

    from ui.greeter.role import GreeterRole

    camera = DoorCamera()
    role = GreeterRole(TerminalConfig(role="greeter"), camera=camera)
    role.fullscreen = False
    role.window.resize(*SIZE)
    role.show()
    engine = role.engine
    pump(lambda: engine.pipeline is not None and engine.pipeline.status() == "running", 180)
    p = engine.pipeline
    cap = cv2.VideoCapture(str(video))
    for i in range(LAST_FRAME + 1):
        ok, frame = cap.read()
        if not ok:
            break
        if i % 2:
            continue
        fed = engine.frames_fed
        camera.frames.put(frame)
        pump(lambda n=fed: engine.frames_fed > n, 10)
        pump(lambda: p._done_seq >= p._seq and not p._requests, 30)
    cap.release()
    pump(lambda: False, 0.5)
    problems = 0
    for language in LANGUAGES:
        set_language(language)
        pump(lambda: False, 0.3)
        for problem in fits(role.window):
            print(f"layout {language}: {problem}")
            problems += 1
        if not check_only:
            path = out / f"greeter_{SIZE[0]}x{SIZE[1]}_{language}.png"
            role.window.grab().save(str(path))
            print(path)
    print(f"welcome cards: {len(role.window.cards.cards)}; layout problems: {problems}")
    role.shutdown()
    qapp.processEvents()
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    ap.add_argument("--check", action="store_true", help="the layout check, no pictures")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return child(out, args.check)
    import screenshots  # the till's: an offscreen screen of the size

    env = screenshots.offscreen_env(SIZE, Path(tempfile.mkdtemp()))
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    cmd = [sys.executable, __file__, "--child", "--out", str(out)] + (
        ["--check"] if args.check else [])
    return subprocess.run(cmd, env=env, cwd=REPO).returncode


if __name__ == "__main__":
    sys.exit(main())
