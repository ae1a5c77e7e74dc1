"""Face detection: dlib's HOG detector on a downscaled copy of the frame, and at a finer scale
in a few regions of interest.

HOG finds faces from about 80 px in the image it is given; at ``scale`` 0.5 that is ~150 px
in a 1280×720 frame, the size of a face a step or two inside the door. Faces enter smaller
than that (about 90 px at the door), so ``detect`` also looks at ``region_scale`` (full
resolution by default) inside the regions it is given — where the picture moves and around
the small faces already tracked — which finds a face from ~75 px the frame it appears, for a
fraction of a whole-frame fine pass (a walking person covers a fifth of the frame or less).
``upsample`` 1 would halve the smallest face everywhere at four times the cost. dlib releases
the GIL while it runs, so a detector thread leaves the preview thread alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.faces import dlib_models
from app.faces.geometry import Box

HOG_WINDOW = 80  # dlib's frontal detector's window, in pixels of the image it searches
DUPLICATE_IOU = 0.3  # the same face found by both passes (their boxes differ in size)


@dataclass(frozen=True)
class Detection:
    box: Box  # full-frame pixels
    score: float


def _same_face(a: Box, b: Box) -> bool:
    """Two boxes of one face: they overlap well, or one's centre lies inside the other."""
    if a.iou(b) >= DUPLICATE_IOU:
        return True
    (ax, ay), (bx, by) = a.centre, b.centre
    return (b.left <= ax <= b.right and b.top <= ay <= b.bottom) or \
        (a.left <= bx <= a.right and a.top <= by <= a.bottom)


def distinct(found: list[Detection]) -> list[Detection]:
    """One detection per face: the best-scoring of those that are the same face."""
    out: list[Detection] = []
    for d in sorted(found, key=lambda d: d.score, reverse=True):
        if not any(_same_face(d.box, o.box) for o in out):
            out.append(d)
    return out


class Detector:
    def __init__(self, scale: float = 0.5, upsample: int = 0, min_score: float = 0.0,
                 region_scale: float = 1.0) -> None:
        if not 0.05 <= scale <= 1.0 or not 0.05 <= region_scale <= 2.0:
            raise ValueError("detection scale must be within 0.05..1")
        self.scale = scale
        self.upsample = upsample
        self.min_score = min_score
        self.region_scale = region_scale
        self._hog = dlib_models.detector()

    @property
    def coarse_min_px(self) -> float:
        """About the smallest face (full-frame px) the whole-frame pass finds."""
        return HOG_WINDOW / self.scale

    def _run(self, image_bgr: np.ndarray, scale: float, upsample: int) -> list[Detection]:
        import cv2

        h, w = image_bgr.shape[:2]
        small = image_bgr
        if scale != 1.0:
            small = cv2.resize(image_bgr, (max(1, round(w * scale)), max(1, round(h * scale))),
                               interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        rects, scores, _ = self._hog.run(rgb, upsample, self.min_score)
        inv = 1.0 / scale
        return [Detection(Box(r.left(), r.top(), r.right(), r.bottom()).scaled(inv), float(s))
                for r, s in zip(rects, scores, strict=True)]

    def detect(self, frame_bgr: np.ndarray, regions: Sequence[Box] = ()) -> list[Detection]:
        """Faces in the whole frame at ``scale``, and in each region at ``region_scale``;
        a face found by both passes is reported once."""
        h, w = frame_bgr.shape[:2]
        found = [Detection(d.box.clipped(w, h), d.score)
                 for d in self._run(frame_bgr, self.scale, self.upsample)]
        need = HOG_WINDOW / self.region_scale  # a region smaller than the window finds nothing
        for region in regions:
            r = region.clipped(w, h)
            if r.width < need or r.height < need:
                continue
            for d in self._run(frame_bgr[r.top:r.bottom, r.left:r.right], self.region_scale,
                               0):
                b = d.box
                found.append(Detection(Box(b.left + r.left, b.top + r.top, b.right + r.left,
                                           b.bottom + r.top).clipped(w, h), d.score))
        return distinct(found) if regions else found
