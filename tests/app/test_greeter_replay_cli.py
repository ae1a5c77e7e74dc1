"""The replay tool's command line (issue 10) on a trimmed input: two arrivals (a visitor and a
stranger), a few identities, the first 170 frames of the shared door video."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

LINES = ("visitors_greeted", "wrong_greetings", "first_greeting_median_ms_video",
         "first_greeting_median_ms_wall", "preview_fps_min", "greeter_peak_rss_mb")


@pytest.fixture
def trimmed(tmp_path, testdata):
    """A faces folder of links to four identities (nothing copied) and a two-row CSV."""
    people = tmp_path / "faces" / "people"
    people.mkdir(parents=True)
    for identity in ("barack_obama", "alex_lacamoire", "john_savage", "df_person_01"):
        (people / identity).symlink_to(testdata / "faces" / "people" / identity)
    rows = (testdata / "video" / "arrivals.csv").read_text().splitlines()[:3]
    csv = tmp_path / "arrivals.csv"
    csv.write_text("\n".join(rows) + "\n")
    return tmp_path / "faces", csv, testdata / "video" / "arrivals.mp4"


@pytest.mark.slow
def test_the_replay_prints_each_greeting_and_the_six_figures(trimmed):
    faces, csv, video = trimmed
    out = subprocess.run(
        [sys.executable, "-m", "bench.greeter_replay", "--faces", str(faces), "--arrivals",
         str(csv), "--video", str(video), "--max-frames", "170"],
        cwd=REPO, capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "enrolled: 3 identities" in text  # the stranger alex_lacamoire is not
    greetings = re.findall(r"^greeting: frame (\d+) (\S+) distance ([\d.]+) margin ([\d.]+)",
                           text, re.M)
    assert [g[1] for g in greetings] == ["barack_obama"]
    for name in LINES:
        assert re.search(rf"^{name}: \S+", text, re.M), f"{name} missing:\n{text}"
    assert "visitors_greeted: 1/1" in text and "wrong_greetings: 0" in text
    assert re.search(r"^baseline_wrong_greetings: \d+$", text, re.M)
    assert re.search(r"^baseline_visitors_greeted: 1/1$", text, re.M)


def test_missing_inputs_are_reported(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "bench.greeter_replay", "--faces", str(tmp_path), "--arrivals",
         str(tmp_path / "a.csv"), "--video", str(tmp_path / "v.mp4")],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "not found" in out.stderr


@pytest.mark.slow
def test_a_held_out_visitor_is_a_stranger_and_the_timeline_shows_the_stages(trimmed):
    faces, csv, video = trimmed
    out = subprocess.run(
        [sys.executable, "-m", "bench.greeter_replay", "--faces", str(faces), "--arrivals",
         str(csv), "--video", str(video), "--max-frames", "170", "--no-baseline",
         "--hold-out", "barack_obama", "--timeline"],
        cwd=REPO, capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "enrolled: 2 identities" in text  # neither the stranger nor the held-out visitor
    assert "timeline: barack_obama (stranger), frames 12-81" in text
    assert re.search(r"^  frame +12 .* first face detected", text, re.M)
    assert re.search(r"encoding \d+ returned \(of frame \d+\): nearest", text)
    assert re.search(r"^  \d+ encodings, 0 votes; closest: \S+ at 0\.\d+", text, re.M)
    assert "greeting:" not in text
    assert "wrong_greetings: 0" in text and "visitors_greeted: 0/0" in text


def test_a_door_video_is_made_from_a_faces_folder(tmp_path, testdata):
    """bench.face_data makes a new video and its arrivals CSV (the replay's input) and
    writes nothing else; every visitor keeps a photo to be enrolled from."""
    from bench.face_data import ARRIVAL_FRAMES, read_arrivals

    people = tmp_path / "faces" / "people"
    people.mkdir(parents=True)
    for identity in ("barack_obama", "kit_harington", "john_savage"):
        (people / identity).symlink_to(testdata / "faces" / "people" / identity)
    out = subprocess.run(
        [sys.executable, "-m", "bench.face_data", "--faces", str(tmp_path / "faces"),
         "--out", str(tmp_path / "doors"), "--seed", "3"],
        cwd=REPO, capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "doors").iterdir()) == ["door-3.csv",
                                                                        "door-3.mp4"]
    arrivals = read_arrivals(tmp_path / "doors" / "door-3.csv")
    assert sorted(a.identity for a in arrivals) == ["barack_obama", "john_savage",
                                                     "kit_harington"]
    assert sum(a.role == "stranger" for a in arrivals) == 1  # a third of three
    assert all(a.last_frame - a.first_frame + 1 == ARRIVAL_FRAMES for a in arrivals)
    for a in arrivals:
        shown = tmp_path / "faces" / a.photo
        assert shown.exists() and a.box is not None
        others = [p for p in (people / a.identity).iterdir() if p.name != shown.name]
        assert a.role == "stranger" or others

    import cv2

    cap = cv2.VideoCapture(str(tmp_path / "doors" / "door-3.mp4"))
    assert int(cap.get(cv2.CAP_PROP_FRAME_COUNT)) == arrivals[-1].last_frame + 1 + 12
    assert (cap.get(cv2.CAP_PROP_FRAME_WIDTH), cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) == \
        (1280, 720)
    cap.release()
