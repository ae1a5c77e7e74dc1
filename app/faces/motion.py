"""Where the door picture changed since the last frame looked at: the regions worth a closer
(finer, costlier) look by the face detector.

A person walking in moves; the doorway around them does not. Comparing two frames shrunk to
an eighth (a 160×90 grey image for 1280×720, well under a millisecond) finds the moving
regions, so the detector can run at full resolution there — where a face still too small for
the coarse whole-frame pass is found — instead of over the whole frame.

Camera noise is averaged away by the shrinking and a blur; a change of light over most of the
picture (a door opening against the sun, the camera's exposure) is not a region: when the
moving part exceeds ``max_fraction`` of the frame, no region is returned and the coarse pass
alone runs that frame.
"""

from __future__ import annotations

import numpy as np

from app.faces.geometry import Box

SHRINK = 8  # compare frames at 1/8 of their size
THRESHOLD = 18  # grey levels (0–255) a shrunk, blurred pixel must change by
MIN_CELLS = 4  # shrunk pixels a moving blob needs (noise, a fly, compression blocks)


def merge(boxes: list[Box], width: int, height: int) -> list[Box]:
    """Overlapping boxes joined into their bounding box until none overlap (a face is then
    looked for once, not in two overlapping windows)."""
    out = [b.clipped(width, height) for b in boxes]
    out = [b for b in out if b.width > 0 and b.height > 0]
    merged = True
    while merged:
        merged = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                if (a.left < b.right and b.left < a.right and a.top < b.bottom
                        and b.top < a.bottom):
                    out[i] = Box(min(a.left, b.left), min(a.top, b.top),
                                 max(a.right, b.right), max(a.bottom, b.bottom))
                    del out[j]
                    merged = True
                    break
            if merged:
                break
    return out


class MotionRegions:
    def __init__(self, grow_px: int = 48, max_fraction: float = 0.35) -> None:
        self.grow_px = grow_px  # context around a blob: HOG needs the whole head in its window
        self.max_fraction = max_fraction
        self._prev: np.ndarray | None = None
        # Nothing moved at all in the last frame given (no blob, not even a too-large one):
        # with no face tracked either, no face can have come in since.
        self.still = False

    def reset(self) -> None:
        self._prev = None
        self.still = False

    def regions(self, frame_bgr: np.ndarray) -> list[Box]:
        """The moving regions of this frame compared with the frame last given (full-frame
        pixels, merged); none for the first frame or when most of the picture changed."""
        import cv2

        h, w = frame_bgr.shape[:2]
        small = cv2.resize(frame_bgr, (max(1, w // SHRINK), max(1, h // SHRINK)),
                           interpolation=cv2.INTER_AREA)
        grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (3, 3), 0)
        prev, self._prev = self._prev, grey
        self.still = False
        if prev is None or prev.shape != grey.shape:
            return []
        moving = (cv2.absdiff(grey, prev) > THRESHOLD).astype(np.uint8)
        if int(moving.sum()) < MIN_CELLS:
            self.still = True
            return []
        moving = cv2.dilate(moving, np.ones((3, 3), np.uint8), iterations=2)
        if moving.mean() > self.max_fraction:
            return []
        n, _labels, stats, _ = cv2.connectedComponentsWithStats(moving, connectivity=8)
        boxes = []
        for left, top, bw, bh, cells in stats[1:n]:
            if cells < MIN_CELLS:
                continue
            g = self.grow_px
            boxes.append(Box(int(left) * SHRINK - g, int(top) * SHRINK - g,
                             int(left + bw) * SHRINK + g, int(top + bh) * SHRINK + g))
        regions = merge(boxes, w, h)
        if sum(b.area() for b in regions) > self.max_fraction * w * h:
            return []
        return regions
