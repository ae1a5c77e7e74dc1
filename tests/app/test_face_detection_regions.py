"""Finding a face the frame it comes through the door (app/faces/motion.py, detect.py): the
moving regions of a frame, and the finer detector pass inside them."""

from __future__ import annotations

import numpy as np

from app.faces.detect import Detection, Detector, distinct
from app.faces.geometry import Box
from app.faces.motion import MotionRegions, merge
from tests.app.face_rig import video_frames


def doorway(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = np.full((720, 1280, 3), 120, np.uint8)
    img[100:600, 900:1150] = 60  # a door panel
    return np.clip(img + rng.normal(0, 2, img.shape), 0, 255).astype(np.uint8)


def test_a_still_doorway_has_no_moving_region_and_says_so():
    motion = MotionRegions()
    assert motion.regions(doorway(1)) == []  # the first frame: nothing to compare with
    assert motion.regions(doorway(2)) == [] and motion.still  # camera noise is not motion


def test_something_coming_in_is_one_region_around_it():
    motion = MotionRegions()
    motion.regions(doorway(1))
    img = doorway(2)
    img[300:420, 200:300] = 230  # a bright face-sized patch appears
    regions = motion.regions(img)
    assert not motion.still and len(regions) == 1
    r = regions[0]
    assert r.left <= 200 and r.top <= 300 and r.right >= 300 and r.bottom >= 420
    assert r.area() < 0.1 * 1280 * 720  # around it, not the whole frame


def test_a_change_of_light_over_the_whole_picture_is_no_region():
    motion = MotionRegions()
    motion.regions(doorway(1))
    brighter = np.clip(doorway(2).astype(np.int16) + 60, 0, 255).astype(np.uint8)
    assert motion.regions(brighter) == [] and not motion.still  # coarse pass only


def test_overlapping_regions_are_merged_and_clipped():
    merged = merge([Box(-10, 0, 100, 100), Box(90, 50, 200, 150), Box(500, 500, 600, 600)],
                   1280, 720)
    assert sorted(b.as_tuple() for b in merged) == [(0, 0, 200, 150), (500, 500, 600, 600)]


def test_the_same_face_from_both_passes_is_reported_once():
    coarse = Detection(Box(100, 100, 244, 244), 0.4)
    fine = Detection(Box(110, 110, 214, 214), 1.9)
    other = Detection(Box(600, 100, 700, 200), 1.0)
    assert distinct([coarse, fine, other]) == [fine, other]


def test_a_face_entering_at_90_px_is_found_only_by_the_finer_pass_in_its_region():
    """The shared door video's first arrival, on the frame it appears."""
    (_, before), (_, arrival) = video_frames(11, 12)
    detector = Detector(scale=0.5, region_scale=1.0)
    assert detector.detect(arrival) == []  # too small for the whole-frame pass
    motion = MotionRegions()
    motion.regions(before)
    regions = motion.regions(arrival)
    assert regions and sum(r.area() for r in regions) < 0.25 * 1280 * 720
    found = detector.detect(arrival, regions)
    assert len(found) == 1 and 80 <= found[0].box.size < 130
