"""Helpers for the face tests: frames of the shared door video, photo encodings of the shared
faces (cached per session), members enrolled from them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from tests.conftest import TESTDATA

FACES = TESTDATA / "faces"
VIDEO = TESTDATA / "video" / "arrivals.mp4"
ARRIVALS = TESTDATA / "video" / "arrivals.csv"


def video_frames(first: int, last: int, step: int = 1) -> list[tuple[int, np.ndarray]]:
    import cv2

    cap = cv2.VideoCapture(str(VIDEO))
    cap.set(cv2.CAP_PROP_POS_FRAMES, first)
    out = []
    for i in range(first, last + 1):
        ok, img = cap.read()
        if not ok:
            break
        if (i - first) % step == 0:
            out.append((i, img))
    cap.release()
    return out


@cache
def photo_encodings(identity: str, exclude: tuple[str, ...] = ()) -> tuple[np.ndarray, ...]:
    from bench.face_data import people, photo_encoding

    paths = [p for p in people(FACES)[identity] if p.name not in exclude]
    encs = [photo_encoding(p) for p in paths]
    return tuple(e for e in encs if e is not None)


def enrol_from_photos(identity: str, exclude: tuple[str, ...], phone: str, store=None):
    from app.faces import templates
    from app.members import register

    member = register(phone, identity, store=store)
    consent = templates.grant_consent(member, store=store)
    encs = photo_encodings(identity, exclude)[: templates.MAX_ENCODINGS]
    templates.enrol(member, consent, list(encs), store)
    return member


def table_counts() -> dict[str, int]:
    from app.models import ALL_MODELS

    return {m._meta.table_name: m.select().count() for m in ALL_MODELS}


def files_under(root: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in root.rglob("*") if p.is_file()}
