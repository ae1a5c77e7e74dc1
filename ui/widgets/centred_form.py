"""A small form centred on a page (staff sign-in on the back office and the guide screen):
title, labelled rows, an error line and one button, at most 480 px wide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget


def centred_form(page: QWidget, title: QLabel, rows: list[tuple[QLabel, QWidget]],
                 error: QLabel, button: QWidget) -> QFrame:
    """Lay ``page`` out with the form in a box centred across and a third of the way down."""
    box = QFrame(objectName="signInBox")
    box.setMaximumWidth(480)
    form = QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    inner = QVBoxLayout(box)
    inner.addWidget(title)
    inner.addLayout(form)
    inner.addWidget(error)
    inner.addWidget(button)
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
    outer.addStretch(2)
    return box
