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
