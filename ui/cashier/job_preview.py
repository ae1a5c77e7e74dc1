"""A print job (receipt, X/Z report) shown on screen as the printer would lay it out."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from hardware.printer.job import PAPER_COLUMNS
from hardware.printer.layout import row_lines, rule, text_width, wrap


def job_text(job: dict[str, Any]) -> str:
    cols = PAPER_COLUMNS.get(job.get("paper_mm", 80), 48)
    out: list[str] = []
    for op in job.get("ops", []):
        kind = op.get("op")
        if kind == "text":
            width = cols // 2 if op.get("double") else cols
            for line in wrap(op.get("text", ""), width):
                pad = max(0, cols - text_width(line) * (2 if op.get("double") else 1))
                if op.get("align") == "center":
                    line = " " * (pad // 2) + line
                elif op.get("align") == "right":
                    line = " " * pad + line
                out.append(line)
        elif kind == "row":
            out.extend(row_lines(op.get("left", ""), op.get("right", ""), cols))
        elif kind == "rule":
            out.append(rule(cols))
        elif kind == "qr":
            out.append(f"[QR {op.get('data', '')[:cols - 5]}]".center(cols))
        elif kind == "barcode":
            out.append(f"|||| {op.get('data', '')} ||||".center(cols))
        elif kind == "feed":
            out.extend([""] * min(3, int(op.get("lines", 1))))
        elif kind == "cut":
            out.append("- " * (cols // 2))
    return "\n".join(out)


class JobPreview(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobPreview")
        self.setReadOnly(True)
        font = QFont("Noto Sans Mono CJK SC")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(11)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

    def show_job(self, job: dict[str, Any]) -> None:
        self.setPlainText(job_text(job))
