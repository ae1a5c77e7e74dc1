"""Shared helpers of the face benches: read the shared face folders and the door video, and
encode photos the way enrolment does (largest face, 5-point alignment)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.faces.encoder import encode
from app.faces.geometry import Box

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp"}


@dataclass(frozen=True)
class Arrival:
    first_frame: int
    last_frame: int
    identity: str
    role: str  # visitor | stranger
    photo: str  # relative to the faces folder


def read_arrivals(path: Path) -> list[Arrival]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [Arrival(int(r["first_frame"]), int(r["last_frame"]), r["identity"].strip(),
                        r["role"].strip(), r["photo"].strip())
                for r in csv.DictReader(fh)]


def people(faces_dir: Path) -> dict[str, list[Path]]:
    root = faces_dir / "people"
    return {d.name: sorted(p for p in d.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
            for d in sorted(root.iterdir()) if d.is_dir()}


def load_rgb(path: Path) -> np.ndarray | None:
    import cv2

    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    return None if img is None else cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def photo_encoding(path: Path) -> np.ndarray | None:
    """The encoding of the largest face in a photo, or None when no face is found.

    A photo is searched at 1× and then 2× (HOG finds faces from ~80 px); a small square
    image with no detection is taken as an aligned face chip (as dlib's example chips are)."""
    from app.faces import dlib_models

    rgb = load_rgb(path)
    if rgb is None:
        return None
    hog = dlib_models.detector()
    for upsample in (0, 1):
        rects = hog(rgb, upsample)
        if rects:
            r = max(rects, key=lambda r: r.width() * r.height())
            box = Box(r.left(), r.top(), r.right(), r.bottom())
            return encode(rgb, box).encoding
    h, w = rgb.shape[:2]
    if max(h, w) <= 256 and abs(h - w) <= 0.1 * max(h, w):
        m = round(0.12 * w)
        return encode(rgb, Box(m, m, w - m, h - m)).encoding
    return None
