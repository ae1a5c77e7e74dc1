"""The greeter window (issue 10) with a scripted pipeline: boxes over the live preview with a
name only over the greeted member, a welcome card and one visit per window, the check-in
button arming the pipeline, a camera that is missing or dies shown and reconnected while the
greeter keeps running. The real pipeline on real frames: tests/e2e/test_greeter_walk.py."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest

from app.config import TerminalConfig
from app.faces.geometry import Box
from app.faces.pipeline import FaceBox, FrameResult, Greeting
from app.models import Store, Visit
from hardware.camera.simulator import SimulatedCamera
from ui.greeter.role import GreeterRole


class ScriptedPipeline:
    """Stands in for app.faces.pipeline.Pipeline: a stranger always, the member once told."""

    def __init__(self, member_id: int) -> None:
        self.member_id = member_id
        self._lock = threading.Lock()
        self._pending = 0
        self.greeted = False
        self.check_ins = 0
        self.closed = False

    def greet(self) -> None:
        with self._lock:
            self._pending += 1

    def feed(self, frame, t):
        with self._lock:
            pending, self._pending = self._pending, 0
        greetings = tuple(Greeting(self.member_id, 0.38, 0.2, 1, t, 0) for _ in range(pending))
        self.greeted |= bool(pending)
        faces = [FaceBox(2, Box(700, 100, 900, 300), "unknown", None)]
        if self.greeted:
            faces.append(FaceBox(1, Box(100, 100, 300, 300), "greeted", self.member_id))
        return FrameResult(t, tuple(faces), greetings)

    def status(self) -> str:
        return "running"

    def check_in(self, now=None) -> None:
        self.check_ins += 1

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def door_image(tmp_path):
    path = tmp_path / "door.png"
    cv2.imwrite(str(path), np.full((720, 1280, 3), 90, np.uint8))
    return path


@pytest.fixture
def greeter(world, qtbot, door_image):
    roles = []

    from app.faces import templates

    templates.enrol(world.member, templates.grant_consent(world.member), [[0.01] * 128])

    def make(camera=None, mode="passive"):
        Store.update(greeting_mode=mode).where(Store.id == world.store_a.id).execute()
        pipeline = ScriptedPipeline(world.member.id)
        camera = camera or SimulatedCamera(door_image, fps=30)
        role = GreeterRole(TerminalConfig(role="greeter"), camera=camera,
                           make_pipeline=lambda: pipeline)
        role.fullscreen = False
        role.pipeline = pipeline
        roles.append(role)
        role.show()
        qtbot.addWidget(role.window)
        role.window.resize(1280, 800)
        return role

    yield make
    for role in roles:
        role.shutdown()


def test_a_greeted_member_gets_a_card_and_one_visit_strangers_no_name(greeter, qtbot, world):
    role = greeter()
    w = role.window
    qtbot.waitUntil(lambda: w.preview.shown_labels() == [("unknown", "")], timeout=10000)
    assert w.cards.cards == [] and w.cards.empty.isVisible()
    role.pipeline.greet()
    qtbot.waitUntil(lambda: len(w.cards.cards) == 1, timeout=5000)
    card = w.cards.cards[0]
    assert card.title.text() == "Welcome, 刘洋!" and "0 points" in card.status.text()
    qtbot.waitUntil(lambda: ("greeted", "刘洋") in w.preview.shown_labels(), timeout=5000)
    assert ("unknown", "") in w.preview.shown_labels()  # the stranger stays nameless
    [visit] = Visit.select()
    assert (visit.member_id, visit.store_id, visit.confidence_milli) == (
        world.member.id, world.store_a.id, 620)

    role.pipeline.greet()  # walked out and in again: one card, one visit
    qtbot.waitUntil(lambda: role.engine.frames_fed > 0 and not role.pipeline._pending,
                    timeout=5000)
    qtbot.waitUntil(lambda: len(w.cards.cards) == 1 and w.cards.cards[0] is not card,
                    timeout=5000)
    assert Visit.select().count() == 1
    assert w.status_label.text().startswith("Camera: connected")


def test_check_in_mode_shows_the_button_and_arms_the_pipeline(greeter, qtbot):
    role = greeter(mode="check-in")
    assert role.window.check_in_button.isVisible()
    qtbot.waitUntil(lambda: role.engine.pipeline is not None, timeout=10000)
    role.window.check_in_button.click()
    assert role.pipeline.check_ins == 1


def test_passive_mode_has_no_check_in_button(greeter):
    assert not greeter(mode="passive").window.check_in_button.isVisible()


def test_no_camera_is_shown_and_the_greeter_keeps_running(greeter, qtbot, tmp_path):
    missing = tmp_path / "later.png"
    role = greeter(camera=SimulatedCamera(missing, fps=30, backoff_max_s=0.3))
    w = role.window
    qtbot.waitUntil(lambda: "reconnect" in w.preview.placeholder, timeout=5000)
    assert "Camera: disconnected" in w.status_label.text()
    cv2.imwrite(str(missing), np.full((720, 1280, 3), 60, np.uint8))  # plugged in
    qtbot.waitUntil(lambda: w.camera_status == "connected", timeout=10000)
    qtbot.waitUntil(lambda: w.preview.shown_labels() == [("unknown", "")], timeout=10000)


def test_the_door_sign_is_in_both_languages(greeter, qtbot, monkeypatch):
    from ui.greeter import window as window_module

    shown = []
    monkeypatch.setattr(window_module.SignageDialog, "exec",
                        lambda self: shown.append(self.text.text()))
    greeter().window.sign_button.click()
    assert "人脸识别" in shown[0] and "recognised by face" in shown[0]


def test_the_greeter_role_self_check(greeter):
    role = greeter()
    ok, detail = role.self_check()
    assert ok, detail
    [(name, camera_ok, _)] = role.device_report(5)
    assert name == "camera" and camera_ok


@pytest.mark.slow
def test_main_greeter_demo_self_test_exits_0(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "HOME": str(tmp_path), "PATRON_HOME": str(tmp_path / "patron"),
           "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "main.py", "--role", "greeter", "--demo",
                          "--self-test"], cwd=repo, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "device camera" in out.stdout and "passive mode" in out.stdout


def test_a_member_who_withdrew_at_the_door_gets_no_card(greeter, qtbot, world):
    from app.faces import templates

    role = greeter()
    qtbot.waitUntil(lambda: role.engine.pipeline is not None, timeout=10000)
    templates.withdraw_face_consent(world.member)  # before the index caught up
    role.pipeline.greet()
    qtbot.waitUntil(lambda: role.window.greeting_errors == 1, timeout=5000)
    assert role.window.cards.cards == [] and Visit.select().count() == 0
    assert role.engine.frames_fed > 0  # and the greeter keeps running
    fed = role.engine.frames_fed
    qtbot.waitUntil(lambda: role.engine.frames_fed > fed, timeout=5000)
