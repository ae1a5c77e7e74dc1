"""Shared helpers of the face benches: the door video's arrivals CSV; photo folders and photo
encodings come from app.faces.photos (the demo enrols the same way)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from app.faces.photos import load_rgb, people, photo_encoding

__all__ = ["Arrival", "load_rgb", "people", "photo_encoding", "read_arrivals"]


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
