"""What each decoding pass adds on retail 1D codes as a phone camera sees them.

    uv run python bench/bench_decode_1d.py [--shots N]

Every 1D image of the shared test set (../shared/testdata/barcodes, MANIFEST.csv; QR rows
left out) is photographed ``N`` times by hardware.barcode.phone_view.Shot with seeds 0..N-1
(scale, rotation, perspective, defocus, lighting, shading, glare, noise, JPEG) and pasted at
a seeded place into a 1280×720 frame of the shared video, as a handheld or kiosk camera
delivers it. The conditions are drawn from fixed ranges, not tuned to these files.

Each frame is decoded by zxing-cpp alone, by ZBar alone, and by the production decoder
(zxing-cpp, then ZBar when zxing-cpp found no linear code). A reading counts when it equals
the manifest text (GTIN-13 normalised); any other text is a wrong reading.
Prints one line per figure: ``metric_name: value unit``.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TESTDATA = REPO.parent / "shared" / "testdata"
BARCODES = TESTDATA / "barcodes"
FRAME_W, FRAME_H = 1280, 720

from hardware.barcode.decode import RETAIL_1D, BarcodeDecoder  # noqa: E402
from hardware.barcode.phone_view import Shot, scale  # noqa: E402
from hardware.barcode.symbology import upce_to_upca  # noqa: E402
from hardware.barcode.zbar_pass import DEFAULT_DENSITY  # noqa: E402


def expected_text(fmt: str, text: str) -> str:
    """The manifest text as our decoder reports it (GTIN-13 for EAN/UPC, raw GS1 AIs)."""
    if fmt == "UPC-A":
        return "0" + text
    if fmt == "UPC-E":
        return "0" + (upce_to_upca(text) or "")
    if fmt == "EAN-8":
        return "00000" + text
    return text


def linear_rows() -> list[dict[str, str]]:
    with open(BARCODES / "MANIFEST.csv", encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if not r["format"].startswith("QR")]


def backgrounds(n: int) -> list[np.ndarray]:
    """``n`` real frames of the shared video, spread over its length."""
    cap = cv2.VideoCapture(str(TESTDATA / "video" / "arrivals.mp4"))
    total = int(cap.get(cv2.CAP_PROP_FRAME_COUNT)) or 1
    frames = []
    for i in range(n):
        cap.set(cv2.CAP_PROP_POS_FRAMES, i * total // n)
        ok, frame = cap.read()
        if not ok:
            break
        frames.append(cv2.resize(frame, (FRAME_W, FRAME_H)))
    cap.release()
    if not frames:
        raise SystemExit("cannot read ../shared/testdata/video/arrivals.mp4")
    return frames


def camera_frame(label: np.ndarray, shot: Shot, background: np.ndarray) -> np.ndarray:
    """The label as shot, pasted into a camera frame at a place drawn from the shot's seed."""
    photo = shot.apply(label)
    h, w = photo.shape[:2]
    fit = min(1.0, (FRAME_W - 16) / w, (FRAME_H - 16) / h)
    if fit < 1.0:
        photo = scale(photo, fit)
        h, w = photo.shape[:2]
    rng = np.random.default_rng(10_000 + shot.seed)
    x = int(rng.integers(0, FRAME_W - w + 1))
    y = int(rng.integers(0, FRAME_H - h + 1))
    frame = background.copy()
    frame[y : y + h, x : x + w] = photo
    return frame


# One condition at a time, at levels from mild to what a phone gets on a bad day; then
# "phone": every condition at once, drawn at random (Shot.random).
SWEEPS: dict[str, list[dict[str, float]]] = {
    "scale": [{"scale": f} for f in (0.5, 0.75, 1.25, 1.6)],
    "rotation": [{"degrees": d} for d in (10, 20, 30, 45)],
    "perspective": [{"tilt": t} for t in (0.15, 0.3, 0.45)],
    "blur": [{"sigma": s} for s in (1.0, 1.5, 2.0, 2.5)],
    "lighting": [{"contrast": c, "brightness": b}
                 for c, b in ((0.5, 40), (0.3, -40), (0.2, 0), (0.1, 0))],
    "glare": [{"glare": g, "glare_x": x} for g, x in ((100, 0.5), (160, 0.35), (220, 0.6))],
    "noise": [{"noise": n} for n in (10, 20, 30)],
    "jpeg": [{"quality": q} for q in (50, 25)],
}
PASSES = ("zxing", "zbar", "zxing_plus_zbar")


def shots(group: str, n_random: int) -> list[Shot]:
    if group == "phone":
        return [Shot.random(seed) for seed in range(n_random)]
    return [Shot.clean(seed=i, **changes) for i, changes in enumerate(SWEEPS[group])]


class Tally:
    """Right and wrong readings of one group of frames, per pass."""

    def __init__(self) -> None:
        self.frames = 0
        self.right = dict.fromkeys(PASSES, 0)
        self.wrong = dict.fromkeys(PASSES, 0)
        self.zbar_added = 0  # read by the decoder, not by zxing-cpp alone
        self.zxing_only = 0  # read by zxing-cpp, not by ZBar alone

    def add(self, want: str, texts: dict[str, list[str]]) -> None:
        self.frames += 1
        for name in PASSES:
            self.right[name] += want in texts[name]
            self.wrong[name] += any(t != want for t in texts[name])
        self.zbar_added += want in texts["zxing_plus_zbar"] and want not in texts["zxing"]
        self.zxing_only += want in texts["zxing"] and want not in texts["zbar"]


def timed(fn, frame: np.ndarray) -> tuple[list[str], float]:
    t0 = time.perf_counter()
    found = fn(frame)
    return [d.text.replace("\x1d", "") for d in found], (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shots", type=int, default=16, help="random phone shots per image")
    ap.add_argument("--zbar-density", type=int, default=DEFAULT_DENSITY,
                    help="ZBar scans every n-th row and column (the decoder's default: %(default)s)")
    args = ap.parse_args()

    decoder = BarcodeDecoder(RETAIL_1D, zbar_density=args.zbar_density)
    if not decoder.uses_pyzbar:
        raise SystemExit("libzbar is not installed (scripts/setup.sh installs libzbar0)")
    passes = {"zxing": decoder.read_zxing, "zbar": decoder.read_zbar,
              "zxing_plus_zbar": decoder.decode}
    rows = linear_rows()
    bgs = backgrounds(8)
    labels = [(cv2.imread(str(BARCODES / r["file"]), cv2.IMREAD_COLOR),
               expected_text(r["format"], r["expected_text"])) for r in rows]

    originals = Tally()
    for label, want in labels:
        originals.add(want, {name: timed(fn, label)[0] for name, fn in passes.items()})

    groups = {g: Tally() for g in [*SWEEPS, "phone"]}
    ms: dict[str, list[float]] = {name: [] for name in (*PASSES, "zxing_plus_zbar_on_miss")}
    for g, tally in groups.items():
        for label, want in labels:
            for k, shot in enumerate(shots(g, args.shots)):
                frame = camera_frame(label, shot, bgs[k % len(bgs)])
                texts = {}
                for name, fn in passes.items():
                    texts[name], t = timed(fn, frame)
                    ms[name].append(t)
                if not texts["zxing"]:  # zxing-cpp found nothing: the decoder ran both passes
                    ms["zxing_plus_zbar_on_miss"].append(ms["zxing_plus_zbar"][-1])
                tally.add(want, texts)

    total = Tally()
    for tally in groups.values():
        total.frames += tally.frames
        total.zbar_added += tally.zbar_added
        total.zxing_only += tally.zxing_only
        for name in PASSES:
            total.right[name] += tally.right[name]
            total.wrong[name] += tally.wrong[name]

    print(f"decode_1d_images: {len(rows)} images")
    print(f"decode_1d_zbar_density: {args.zbar_density} lines")
    print(f"decode_1d_originals_zxing: {originals.right['zxing']} codes")
    print(f"decode_1d_originals_zxing_plus_zbar: {originals.right['zxing_plus_zbar']} codes")
    for g, tally in [*groups.items(), ("all", total)]:
        prefix = "decode_1d" if g == "all" else f"decode_1d_{g}"
        print(f"{prefix}_frames: {tally.frames} frames")
        for name in PASSES:
            print(f"{prefix}_{name}_rate: {tally.right[name] / tally.frames:.3f} ratio")
        print(f"{prefix}_zbar_added: {tally.zbar_added} codes")
        print(f"{prefix}_zxing_only: {tally.zxing_only} codes")
    for name in PASSES:
        print(f"decode_1d_{name}_wrong: {total.wrong[name]} codes")
    for name, values in ms.items():
        if values:
            print(f"decode_1d_{name}_median_ms: {statistics.median(values):.2f} ms")


if __name__ == "__main__":
    main()
