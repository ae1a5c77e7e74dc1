"""The live camera preview with face boxes. A name is drawn only over a greeted member."""

from __future__ import annotations

import time
from collections import deque

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.greeter.engine import Boxes

_COLOURS = {"greeted": QColor("#2ecc71"), "looking": QColor("#f1c40f"),
            "unknown": QColor("#bdc3c7")}


class PreviewWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("greeterPreview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self._image: QImage | None = None
        self._frame: np.ndarray | None = None  # keeps the QImage's buffer alive
        self._boxes: Boxes | None = None
        self._names: dict[int, str] = {}
        self._painted: deque[float] = deque(maxlen=120)  # when each new frame was painted
        self._last_painted: np.ndarray | None = None
        self.placeholder = ""

    def set_frame(self, frame: np.ndarray) -> None:
        if frame is self._frame:
            return
        h, w = frame.shape[:2]
        frame = np.ascontiguousarray(frame)
        self._frame = frame
        self._image = QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_BGR888)
        self.update()

    def set_boxes(self, boxes: Boxes) -> None:
        self._boxes = boxes
        self.update()

    def set_name(self, member_id: int, name: str) -> None:
        self._names[member_id] = name

    def clear_frame(self) -> None:
        self._frame = self._image = self._last_painted = None
        self._boxes = None
        self.update()

    def fps(self) -> float:
        """Distinct camera frames painted per second over the last ~2 s."""
        now = time.monotonic()
        recent = [t for t in self._painted if now - t <= 2.0]
        if len(recent) < 2:
            return 0.0
        return (len(recent) - 1) / max(recent[-1] - recent[0], 1e-6)

    def shown_labels(self) -> list[tuple[str, str]]:
        """(state, label) per box as painted now: for tests of "no name over strangers"."""
        if self._boxes is None:
            return []
        return [(f.state, self._label(f)) for f in self._boxes.faces]

    def _label(self, face: object) -> str:
        if getattr(face, "state", "") == "greeted" and getattr(face, "member_id", None):
            return self._names.get(face.member_id, "")
        return ""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#111"))
        if self._image is None:
            p.setPen(QColor("#ddd"))
            p.setFont(QFont(self.font().family(), 16))
            p.drawText(self.rect().adjusted(40, 40, -40, -40),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        ox, oy = (self.width() - iw * scale) / 2, (self.height() - ih * scale) / 2
        target = QRectF(ox, oy, iw * scale, ih * scale)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(target, self._image)
        if self._last_painted is not self._frame:  # a repaint for new boxes is no new frame
            self._last_painted = self._frame
            self._painted.append(time.monotonic())
        if self._boxes is None:
            return
        sx, sy = scale * iw / self._boxes.frame_w, scale * ih / self._boxes.frame_h
        font = QFont(self.font().family(), 14, QFont.Weight.Bold)
        p.setFont(font)
        for face in self._boxes.faces:
            b = face.box
            rect = QRectF(ox + b.left * sx, oy + b.top * sy,
                          (b.right - b.left) * sx, (b.bottom - b.top) * sy)
            colour = _COLOURS.get(face.state, _COLOURS["unknown"])
            p.setPen(QPen(colour, 3))
            p.drawRect(rect)
            label = self._label(face)
            if label:
                tag = QRectF(rect.left(), rect.bottom() + 4, max(rect.width(), 160), 30)
                p.fillRect(tag, colour)
                p.setPen(QColor("#000"))
                p.drawText(tag.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, label)
