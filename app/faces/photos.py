"""Encodings from still photos: the demo enrols its members from a folder of face photos
(the shared test faces, never shipped), and the benches build their galleries the same way.

A photo is searched at 1× and then 2× (HOG finds faces from ~80 px); the largest face is
encoded. A small square image with no detection is taken as an aligned face chip (as dlib's
example chips are). Photos are read and forgotten: nothing of them is stored but the
encodings the caller enrols.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from app.faces.geometry import Box

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp"})


def load_rgb(path: Path) -> np.ndarray | None:
    import cv2

    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    return None if img is None else cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def photo_encoding(path: Path) -> np.ndarray | None:
    """The encoding of the largest face in a photo, or None when no face is found."""
    from app.faces import dlib_models
    from app.faces.encoder import encode

    rgb = load_rgb(path)
    if rgb is None:
        return None
    hog = dlib_models.detector()
    for upsample in (0, 1):
        rects = hog(rgb, upsample)
        if rects:
            r = max(rects, key=lambda r: r.width() * r.height())
            return encode(rgb, Box(r.left(), r.top(), r.right(), r.bottom())).encoding
    h, w = rgb.shape[:2]
    if max(h, w) <= 256 and abs(h - w) <= 0.1 * max(h, w):
        m = round(0.12 * w)
        return encode(rgb, Box(m, m, w - m, h - m)).encoding
    return None


def people(faces_dir: Path) -> dict[str, list[Path]]:
    """``faces_dir/people/<identity>/*`` → {identity: photo paths}."""
    root = faces_dir / "people"
    return {d.name: sorted(p for p in d.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
            for d in sorted(root.iterdir()) if d.is_dir()}


def held_out(arrivals_csv: Path | None) -> tuple[set[str], set[str]]:
    """(stranger identities, photos shown at the door) from an arrivals CSV (columns
    identity, role, photo — as in the shared door video's arrivals.csv); photo paths are
    relative to the faces folder."""
    if arrivals_csv is None or not arrivals_csv.exists():
        return set(), set()
    with open(arrivals_csv, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return ({r["identity"].strip() for r in rows if r.get("role", "").strip() == "stranger"},
            {r["photo"].strip() for r in rows if r.get("photo")})


def enrol_folder(faces_dir: Path, *, arrivals_csv: Path | None = None, store=None,
                 phone_prefix: str = "1370000", limit: int | None = None) -> dict[str, int]:
    """Register a member per identity folder (face consent recorded, templates enrolled from
    up to 5 of its photos) — except strangers and the photos the arrivals CSV shows at the
    door. For the demo greeter. Returns {identity: member id}; idempotent per phone."""
    from app.faces import templates
    from app.members import register

    strangers, shown = held_out(arrivals_csv)
    out: dict[str, int] = {}
    for n, (identity, photos) in enumerate(people(faces_dir).items()):
        if identity in strangers or (limit is not None and len(out) >= limit):
            continue
        encs = [e for p in photos
                if str(p.relative_to(faces_dir)) not in shown
                and (e := photo_encoding(p)) is not None][: templates.MAX_ENCODINGS]
        if not encs:
            continue
        member = register(f"{phone_prefix}{n:04d}", identity.replace("_", " ").title(),
                          store=store, terms_accepted=True)
        templates.enrol(member, templates.grant_consent(member, store=store), encs, store)
        out[identity] = member.id
    return out
