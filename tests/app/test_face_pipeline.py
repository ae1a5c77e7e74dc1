"""The greeter's pipeline on real frames of the shared door video (issue 10): a visitor is
greeted once, a stranger who resembles a member is not, a withdrawal reaches a running
greeter within 5 s, and the 68-point landmark model is never loaded."""

from __future__ import annotations

import os
import signal
import time

import numpy as np
import pytest

from app.faces import templates
from app.faces.index import FaceIndex
from app.faces.pipeline import GREETED, Pipeline, PipelineConfig
from tests.app.face_rig import enrol_from_photos, video_frames

# (identity, the photo the video shows: never enrolled)
OBAMA = ("barack_obama", ("obama2.jpg",))
SAVAGE = ("john_savage", ("000290_01099090.jpg",))
OBAMA_FRAMES = (12, 81)
BIDEN_FRAMES = (340, 409)  # a stranger within 0.6 of john_savage on many frames


def wait_for(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout_s} s: {what}")
        time.sleep(0.05)


@pytest.fixture
def world(sqlite_db):
    """The pipeline does not care which database: SQLite only (sync is tested on both in
    test_face_matching.py)."""
    from app.demo import seed_minimal

    return seed_minimal()


@pytest.fixture
def pipeline_for():
    started = []

    def make(index: FaceIndex, **kw) -> Pipeline:
        p = Pipeline(index, PipelineConfig(), **kw).start()
        started.append(p)
        assert p.wait_ready(120), p.status()
        return p

    yield make
    for p in started:
        p.close()


def run(pipeline: Pipeline, first: int, last: int, step: int = 2):
    greetings, faces = [], []
    for i, img in video_frames(first, last, step):
        result = pipeline.step(img, i / 25)
        greetings += result.greetings
        faces += result.faces
    return greetings, faces


def test_a_visitor_is_greeted_once_and_a_resembling_stranger_never(world, pipeline_for):
    obama = enrol_from_photos(*OBAMA, phone="13900000011", store=world.store_a)
    savage = enrol_from_photos(*SAVAGE, phone="13900000012", store=world.store_a)
    index = FaceIndex()
    index.sync()
    pipeline = pipeline_for(index)

    greetings, faces = run(pipeline, *OBAMA_FRAMES)
    assert [g.member_id for g in greetings] == [obama.id]
    g = greetings[0]
    assert g.distance <= 0.5 and g.margin >= 0.1
    assert any(f.state == GREETED and f.member_id == obama.id for f in faces)

    greetings, faces = run(pipeline, *BIDEN_FRAMES)
    assert greetings == []
    assert faces, "the stranger's face was tracked"
    assert all(f.member_id is None for f in faces)  # no name drawn over a stranger
    assert savage.id not in {f.member_id for f in faces}


def test_empty_doorway_frames_give_no_faces(sqlite_db, pipeline_for):
    pipeline = pipeline_for(FaceIndex())
    for i, img in video_frames(0, 8, 4):
        assert pipeline.step(img, i / 25).faces == ()
    assert pipeline.step(np.zeros((720, 1280, 3), np.uint8), 1.0).faces == ()


def test_a_withdrawal_reaches_a_running_greeter_within_5_s(world, pipeline_for):
    obama = enrol_from_photos(*OBAMA, phone="13900000013", store=world.store_a)
    index = FaceIndex()
    pipeline = pipeline_for(index, sync=index.sync)
    wait_for(lambda: index.members() == {obama.id}, 5, "the enrolment reached the greeter")

    templates.withdraw_face_consent(obama)
    wait_for(lambda: len(index) == 0, 5, "the withdrawal reached the greeter")
    greetings, _ = run(pipeline, *OBAMA_FRAMES, step=3)
    assert greetings == []


def test_the_pipeline_survives_its_encoder_process_dying(world, pipeline_for):
    obama = enrol_from_photos(*OBAMA, phone="13900000014", store=world.store_a)
    index = FaceIndex()
    index.sync()
    pipeline = pipeline_for(index)
    pid = pipeline.encoder_pid
    os.kill(pid, signal.SIGKILL)  # the process this test started
    wait_for(lambda: pipeline.encoder_pid not in (None, pid), 10, "the encoder restarted")
    wait_for(lambda: pipeline.status() == "running", 60, "the new encoder is ready")
    greetings, _ = run(pipeline, *OBAMA_FRAMES)
    assert [g.member_id for g in greetings] == [obama.id]


def test_the_68_point_model_is_never_loaded(sqlite_db, monkeypatch, pipeline_for, testdata):
    """Neither in the encoder process (it reports what it loaded) nor here (enrolment checks
    and encodings), and face_recognition — which loads it on import — is never imported."""
    import sys

    import cv2
    import dlib

    from app.faces import dlib_models, quality
    from app.faces.encoder import encode

    opened = []
    real = dlib.shape_predictor

    def recording(path):
        opened.append(path)
        return real(path)

    monkeypatch.setattr(dlib, "shape_predictor", recording)
    dlib_models.shape_predictor.cache_clear()
    img = cv2.imread(str(testdata / "faces/people/barack_obama/obama.jpg"))
    checked = quality.assess(img)
    assert checked.ok
    rgb = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    assert encode(rgb, checked.box).encoding.shape == (128,)
    assert opened and all(dlib_models.FIVE_POINT in p for p in opened)

    pipeline = pipeline_for(FaceIndex())
    info = pipeline._encoder.worker_info
    assert info["face_recognition_imported"] is False
    assert any(dlib_models.FIVE_POINT in p for p in info["models"])
    assert not any(dlib_models.FORBIDDEN in p or "68" in os.path.basename(p)
                   for p in info["models"] + dlib_models.loaded)
    assert "face_recognition" not in sys.modules
    with pytest.raises(ValueError):
        dlib_models.model_path(dlib_models.FORBIDDEN)
    dlib_models.shape_predictor.cache_clear()


@pytest.mark.slow
def test_check_in_mode_recognises_nobody_until_the_tap(world, pipeline_for):
    obama = enrol_from_photos(*OBAMA, phone="13900000015", store=world.store_a)
    index = FaceIndex()
    index.sync()
    pipeline = Pipeline(index, PipelineConfig(mode="check-in", check_in_s=10)).start()
    try:
        assert pipeline.wait_ready(120)
        greetings, faces = run(pipeline, 12, 45, step=3)
        assert greetings == [] and faces  # boxes shown, nobody recognised
        assert pipeline.encodings_done == 0
        pipeline.check_in()
        greetings, _ = run(pipeline, 46, 81, step=2)
        assert [g.member_id for g in greetings] == [obama.id]
    finally:
        pipeline.close()


def test_no_source_imports_face_recognition_or_names_the_68_point_model():
    """face_recognition loads the 68-point model when imported; the file is named only where
    it is refused (app/faces/dlib_models.py)."""
    import re

    from tests.conftest import REPO

    imports = re.compile(r"^\s*(import face_recognition\b|from face_recognition\b)", re.M)
    offenders = []
    for folder in ("app", "ui", "hardware", "bench", "main.py", "scripts"):
        root = REPO / folder
        for path in [root] if root.is_file() else root.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if imports.search(text):
                offenders.append(f"{path}: imports face_recognition")
            if "68_face_landmarks" in text and path.name != "dlib_models.py":
                offenders.append(f"{path}: names the 68-point model")
    assert offenders == []


def test_the_demo_enrols_a_folder_except_strangers_and_the_photos_shown_at_the_door(
        world, tmp_path, testdata):
    from app.faces.photos import enrol_folder
    from app.models import FaceTemplate, Member

    people = tmp_path / "faces" / "people"
    people.mkdir(parents=True)
    for identity in ("kit_harington", "rose_leslie", "df_person_04"):
        (people / identity).symlink_to(testdata / "faces" / "people" / identity)
    csv = tmp_path / "arrivals.csv"
    csv.write_text("first_frame,last_frame,identity,role,photo\n"
                   "1,2,kit_harington,visitor,people/kit_harington/john2.jpeg\n"
                   "3,4,rose_leslie,stranger,people/rose_leslie/img1.jpg\n")
    enrolled = enrol_folder(tmp_path / "faces", arrivals_csv=csv, store=world.store_a)
    assert set(enrolled) == {"kit_harington", "df_person_04"}
    per_member = {m: FaceTemplate.select().where(FaceTemplate.member == m).count()
                  for m in enrolled.values()}
    assert per_member == {enrolled["kit_harington"]: 1, enrolled["df_person_04"]: 3}
    assert Member.get_by_id(enrolled["kit_harington"]).name == "Kit Harington"
    assert enrol_folder(tmp_path / "faces", arrivals_csv=csv) == enrolled  # idempotent


def test_importing_the_face_modules_loads_no_face_library():
    """The till imports app.jobs (and through it app.faces) at start; dlib, OpenCV and the
    models load only when a face is first detected or encoded (cashier cold start)."""
    import subprocess
    import sys

    from tests.conftest import REPO

    code = ("import sys, app.jobs, app.faces.pipeline, app.faces.quality, app.faces.photos\n"
            "print(sorted(m for m in ('dlib', 'cv2', 'face_recognition',"
            " 'face_recognition_models') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
