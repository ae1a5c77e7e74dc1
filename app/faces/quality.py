"""Is this frame good enough to enrol from? A pure function with a coded reason.

The enrolment dialog calls ``assess(frame_bgr)`` on each captured frame (off the GUI thread:
detection and landmarks take ~50–100 ms) and shows the reason when a frame is refused:

=====================  ==========================================================
``faces.none``          no face in the frame
``faces.several``       more than one face (only the member may be in the picture)
``faces.too_small``     the face is smaller than ``min_face_px`` (step closer)
``faces.blurry``        the face is not sharp (variance of the Laplacian too low)
``faces.not_frontal``   head turned or tilted (from the 5 landmarks)
``ok``                  usable; ``box`` and ``landmarks`` are set
=====================  ==========================================================

``Assessment.error`` is the refusal as a coded ValidationError, so the dialog shows it in
the member's language with ``ui.errors.user_message`` like any domain error.
The checks use the 5-point landmarks only (eye corners and the base of the nose).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app.errors import ValidationError
from app.faces.geometry import Box

OK = "ok"


def refusal(code: str) -> ValidationError:
    """The coded error for a refused frame (one literal per code: the error catalogue and
    its translations are built from these calls)."""
    errors = {
        "faces.none": lambda: ValidationError(
            "faces.none", "no face found: look at the camera"),
        "faces.several": lambda: ValidationError(
            "faces.several", "more than one face: only the member may be in the picture"),
        "faces.too_small": lambda: ValidationError(
            "faces.too_small", "the face is too small: step closer to the camera"),
        "faces.blurry": lambda: ValidationError(
            "faces.blurry", "the picture is blurred: hold still"),
        "faces.not_frontal": lambda: ValidationError(
            "faces.not_frontal", "the head is turned or tilted: look straight at the camera"),
    }
    return errors[code]()


@dataclass(frozen=True)
class QualityLimits:
    min_face_px: int = 100  # the aligned chip is 150 px: much smaller faces are upscaled mush
    min_sharpness: float = 40.0  # Laplacian variance on the face at 150 px
    max_yaw: float = 0.25  # nose offset from the eyes' midpoint, in inter-ocular distances
    max_roll_deg: float = 20.0  # eye line tilt


@dataclass(frozen=True)
class Assessment:
    code: str  # "ok" or a reason code above
    faces: int
    box: Box | None = None
    landmarks: np.ndarray | None = None
    sharpness: float = 0.0
    yaw: float = 0.0
    roll_deg: float = 0.0

    @property
    def ok(self) -> bool:
        return self.code == OK

    @property
    def error(self) -> ValidationError | None:
        """None when usable, else the coded refusal to show."""
        return None if self.ok else refusal(self.code)


def sharpness(gray_face: np.ndarray) -> float:
    """Variance of the Laplacian of the face resized to 150 px: high for crisp edges."""
    import cv2

    h, w = gray_face.shape[:2]
    if h == 0 or w == 0:
        return 0.0
    scaled = cv2.resize(gray_face, (150, max(1, round(150 * h / w))),
                        interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(scaled, cv2.CV_64F).var())


def pose(points: np.ndarray) -> tuple[float, float]:
    """(yaw, roll in degrees) from dlib's 5 points: 0–1 one eye's corners, 2–3 the other's,
    4 the base of the nose. Yaw: the nose's sideways offset from the eyes' midpoint over the
    distance between the eyes (0 when frontal)."""
    pts = points.astype(np.float64)
    eye_a, eye_b, nose = pts[0:2].mean(axis=0), pts[2:4].mean(axis=0), pts[4]
    axis = eye_b - eye_a
    dist = float(np.hypot(*axis))
    if dist < 1e-6:
        return 1.0, 90.0
    unit = axis / dist
    mid = (eye_a + eye_b) / 2
    yaw = float(np.dot(nose - mid, unit)) / dist
    roll = math.degrees(math.atan2(axis[1], axis[0]))
    # the eye order of the 5-point model runs right-to-left in the image: fold to ±90°
    if roll > 90:
        roll -= 180
    elif roll < -90:
        roll += 180
    return yaw, roll


def assess(frame_bgr: np.ndarray, limits: QualityLimits | None = None,
           upsample: int = 1) -> Assessment:
    """Check one enrolment frame; the first failing check gives the reason."""
    import cv2

    from app.faces import dlib_models
    from app.faces.encoder import landmarks

    lim = limits or QualityLimits()
    rgb = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB)
    h, w = rgb.shape[:2]
    rects = dlib_models.detector()(rgb, upsample)
    if len(rects) == 0:
        return Assessment("faces.none", 0)
    if len(rects) > 1:
        return Assessment("faces.several", len(rects))
    r = rects[0]
    box = Box(r.left(), r.top(), r.right(), r.bottom()).clipped(w, h)
    if box.size < lim.min_face_px:
        return Assessment("faces.too_small", 1, box)
    gray = cv2.cvtColor(frame_bgr[box.top:box.bottom, box.left:box.right], cv2.COLOR_BGR2GRAY)
    sharp = sharpness(gray)
    pts = landmarks(rgb, Box(r.left(), r.top(), r.right(), r.bottom()))
    yaw, roll = pose(pts)
    common = {"faces": 1, "box": box, "landmarks": pts, "sharpness": sharp, "yaw": yaw,
              "roll_deg": roll}
    if sharp < lim.min_sharpness:
        return Assessment("faces.blurry", **common)
    if abs(yaw) > lim.max_yaw or abs(roll) > lim.max_roll_deg:
        return Assessment("faces.not_frontal", **common)
    return Assessment(OK, **common)
