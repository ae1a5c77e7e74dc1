"""Shared helpers of the face benches: the door video's arrivals CSV; photo folders and photo
encodings come from app.faces.photos (the demo enrols the same way).

It also makes *new* door videos from a faces folder, so the greeter is judged on videos and
faces it was not tuned on::

    uv run python -m bench.face_data --faces ../shared/testdata/faces --out /tmp/doors --seed 7

writes ``door-7.mp4`` and ``door-7.csv`` (the arrivals CSV the replay reads). Each identity of
``people/`` arrives once, shown by one of its photos picked by the seed; a share of the
identities (picked by the seed) are strangers, never enrolled; and every face of 88 px or more
of the ``multi/`` photos whose people are known not to be any identity of ``people/`` (the
folder's MANIFEST.csv names them all, none an identity folder: e.g. four bald look-alikes)
arrives as a stranger too. Photos of unnamed people are left out: a crowd may hold an
enrolled face (the shared selfie does), and greeting them would be right, not wrong. An arrival pops in at the door at 80–110 px face height, grows to 200–280 px while it
drifts across, pauses, and leaves, with camera noise; the speeds, sizes and places vary with
the seed. Nothing is written but the two files, to a folder of the caller's choosing (never
the repository: the photos are not ours to ship).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.faces.geometry import Box
from app.faces.photos import load_rgb, people, photo_encoding

__all__ = ["Arrival", "load_rgb", "people", "photo_encoding", "read_arrivals",
           "synth_door_video"]

FRAME_W, FRAME_H, FPS = 1280, 720, 25
ARRIVAL_FRAMES, GAP_FRAMES = 70, 12
MULTI_MIN_FACE = 88  # smaller faces of the crowd photos would be blown up past recognition


@dataclass(frozen=True)
class Arrival:
    first_frame: int
    last_frame: int
    identity: str
    role: str  # visitor | stranger
    photo: str  # relative to the faces folder
    box: Box | None = None  # the face in the photo (made videos only): which face of many


def read_arrivals(path: Path) -> list[Arrival]:
    def box(text: str | None) -> Box | None:
        return Box(*map(int, text.split())) if text and text.strip() else None

    with open(path, newline="", encoding="utf-8") as fh:
        return [Arrival(int(r["first_frame"]), int(r["last_frame"]), r["identity"].strip(),
                        r["role"].strip(), r["photo"].strip(), box(r.get("box")))
                for r in csv.DictReader(fh)]


def _faces_in(rgb: np.ndarray) -> list[Box]:
    from app.faces import dlib_models

    for upsample in (0, 1):
        rects = dlib_models.detector()(rgb, upsample)
        if rects:
            return [Box(r.left(), r.top(), r.right(), r.bottom()) for r in rects]
    h, w = rgb.shape[:2]
    if max(h, w) <= 256 and abs(h - w) <= 0.1 * max(h, w):  # an aligned chip (photos.py)
        m = round(0.12 * w)
        return [Box(m, m, w - m, h - m)]
    return []


def known_strangers(faces_dir: Path, identities: set[str]) -> list[Path]:
    """The ``multi/`` photos whose people MANIFEST.csv names, none of them in ``people/``."""
    manifest = faces_dir / "MANIFEST.csv"
    if not manifest.exists():
        return []
    out = []
    with open(manifest, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            named = [n.strip() for n in row.get("identity", "").split(";") if n.strip()]
            path = faces_dir / row.get("file", "")
            if (row.get("file", "").startswith("multi/") and named and path.exists()
                    and "unknown" not in named and not set(named) & identities):
                out.append(path)
    return sorted(out)


def _background(rng: random.Random) -> np.ndarray:
    """A doorway: a lit gradient with two dark panels, its colours picked by the seed."""
    y, x = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
    a = np.array([rng.randint(60, 140) for _ in range(3)], np.float32)
    b = np.array([rng.randint(60, 170) for _ in range(3)], np.float32)
    mix = ((x / FRAME_W + y / FRAME_H) / 2)[..., None]
    img = (a * (1 - mix) + b * mix).astype(np.uint8)
    for _ in range(2):
        left, top = rng.randint(40, FRAME_W - 400), rng.randint(20, 240)
        shade = rng.randint(40, 90)
        img[top:top + rng.randint(380, 480), left:left + rng.randint(220, 340)] = shade
    return img


def _paste(frame: np.ndarray, patch: np.ndarray, left: int, top: int) -> None:
    h, w = patch.shape[:2]
    x0, y0 = max(0, left), max(0, top)
    x1, y1 = min(FRAME_W, left + w), min(FRAME_H, top + h)
    if x1 > x0 and y1 > y0:
        frame[y0:y1, x0:x1] = patch[y0 - top:y1 - top, x0 - left:x1 - left]


def synth_door_video(faces_dir: Path, out_dir: Path, seed: int = 1,
                     stranger_share: float = 1 / 3) -> tuple[Path, Path]:
    """Make ``door-<seed>.mp4`` and ``door-<seed>.csv`` in ``out_dir`` (see the module)."""
    import cv2

    rng = random.Random(seed)
    shows: list[tuple[str, str, str, np.ndarray, Box]] = []  # identity, role, photo, bgr, face
    folders = people(faces_dir)
    names = sorted(folders)
    strangers = set(rng.sample(names, max(1, round(len(names) * stranger_share))))
    for identity in names:
        usable = []
        for p in folders[identity]:
            rgb = load_rgb(p)
            faces = _faces_in(rgb) if rgb is not None else []
            if faces:
                usable.append((p, rgb, max(faces, key=Box.area)))
        # a visitor keeps at least one other usable photo to be enrolled from
        if not usable or (identity not in strangers and len(usable) < 2):
            continue
        p, rgb, face = rng.choice(usable)
        role = "stranger" if identity in strangers else "visitor"
        shows.append((identity, role, str(p.relative_to(faces_dir)), rgb[..., ::-1], face))
    for p in known_strangers(faces_dir, set(names)):
        rgb = load_rgb(p)
        if rgb is None:
            continue
        for k, face in enumerate(sorted(_faces_in(rgb), key=lambda b: (b.top, b.left))):
            if face.height >= MULTI_MIN_FACE:
                shows.append((f"{p.stem}#{k}", "stranger", str(p.relative_to(faces_dir)),
                              rgb[..., ::-1], face))
    rng.shuffle(shows)

    out_dir.mkdir(parents=True, exist_ok=True)
    video, table = out_dir / f"door-{seed}.mp4", out_dir / f"door-{seed}.csv"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"mp4v"), FPS,
                             (FRAME_W, FRAME_H))
    background = _background(rng)
    noise = [np.random.default_rng(seed + i).normal(0, 2.0, background.shape)
             .astype(np.int16) for i in range(8)]
    frame_no = 0
    rows = []

    def emit(img: np.ndarray) -> None:
        nonlocal frame_no
        noisy = np.clip(img.astype(np.int16) + noise[frame_no % len(noise)], 0, 255)
        writer.write(noisy.astype(np.uint8))
        frame_no += 1

    try:
        for _ in range(GAP_FRAMES):
            emit(background)
        for identity, role, photo, bgr, face in shows:
            # the person: the face and the head and shoulders around it, never the whole
            # photo (other faces in it are other arrivals)
            g = face.height
            area = Box(face.left - g, face.top - g, face.right + g, face.bottom + round(g * 1.5))
            area = area.clipped(bgr.shape[1], bgr.shape[0])
            person = bgr[area.top:area.bottom, area.left:area.right]
            fx, fy = face.centre[0] - area.left, face.centre[1] - area.top
            f0, f1 = rng.uniform(80, 110), rng.uniform(200, 280)
            approach = rng.randint(38, 52)
            x0, y0 = rng.uniform(140, 420), rng.uniform(260, 380)
            dx, dy = rng.uniform(80, 320), rng.uniform(-40, 40)
            first = frame_no
            for i in range(ARRIVAL_FRAMES):
                k = min(1.0, i / approach)
                scale = (f0 + (f1 - f0) * k) / face.height
                patch = cv2.resize(person, None, fx=scale, fy=scale,
                                   interpolation=cv2.INTER_AREA if scale < 1
                                   else cv2.INTER_LINEAR)
                img = background.copy()
                cx, cy = x0 + dx * k, y0 + dy * k
                _paste(img, patch, round(cx - fx * scale), round(cy - fy * scale))
                emit(img)
            rows.append((first, frame_no - 1, identity, role, photo,
                         " ".join(map(str, face.as_tuple()))))
            for _ in range(GAP_FRAMES):
                emit(background)
    finally:
        writer.release()
    with open(table, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["first_frame", "last_frame", "identity", "role", "photo", "box"])
        w.writerows(rows)
    return video, table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.face_data",
                                 description="make a door video from a faces folder")
    ap.add_argument("--faces", type=Path, required=True, help="folder with people/<identity>/")
    ap.add_argument("--out", type=Path, required=True, help="where the video and CSV go")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stranger-share", type=float, default=1 / 3)
    args = ap.parse_args(argv)
    if not (args.faces / "people").is_dir():
        print(f"face_data: {args.faces}/people not found", file=sys.stderr)
        return 2
    video, table = synth_door_video(args.faces, args.out, args.seed, args.stranger_share)
    arrivals = read_arrivals(table)
    print(f"{video}: {len(arrivals)} arrivals "
          f"({sum(a.role == 'visitor' for a in arrivals)} visitors)\n{table}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
