"""Face boxes in full-frame pixel coordinates, and the overlap measure the tracker uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def size(self) -> int:
        """The side length used for size rules (the smaller of width and height)."""
        return min(self.width, self.height)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def area(self) -> int:
        return max(0, self.width) * max(0, self.height)

    def iou(self, other: Box) -> float:
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        if w <= 0 or h <= 0:
            return 0.0
        inter = w * h
        return inter / float(self.area() + other.area() - inter)

    def scaled(self, factor: float) -> Box:
        return Box(round(self.left * factor), round(self.top * factor),
                   round(self.right * factor), round(self.bottom * factor))

    def clipped(self, width: int, height: int) -> Box:
        return Box(max(0, self.left), max(0, self.top), min(width, self.right),
                   min(height, self.bottom))

    def as_tuple(self) -> tuple[int, int, int, int]:
        return self.left, self.top, self.right, self.bottom
