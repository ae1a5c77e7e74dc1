"""The cart's product-name cell: a name too long for one line is drawn on two, a little
smaller, before anything is cut — products of one brand differ in the middle of the name
("Yunnan Baiyao Green tea drink (value pack)" / "… Instant noodles (value pack)"), so cutting
either end or the middle of a single line makes them read the same. Only what does not fit
on two lines is elided, in the middle of the second."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

SMALLER = 0.82  # the two-line name's type, relative to the table's
MARGIN = 6


def name_lines(text: str, metrics: QFontMetrics, room: int) -> list[str]:
    """``text`` as one line if it fits ``room`` pixels, else as two: broken at the last
    space that fits (or between characters: Chinese names have few spaces), the second
    line elided in the middle when it is still too long."""
    if metrics.horizontalAdvance(text) <= room:
        return [text]
    first = ""
    for word in text.split(" "):
        candidate = f"{first} {word}" if first else word
        if metrics.horizontalAdvance(candidate) > room:
            break
        first = candidate
    if not first:  # the first word alone is too long: break inside it
        first = text[0]
        for end in range(2, len(text) + 1):
            if metrics.horizontalAdvance(text[:end]) > room:
                break
            first = text[:end]
    rest = text[len(first):].strip()
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideMiddle, room)]


class NameDelegate(QStyledItemDelegate):
    def _small_font(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPixelSize(max(10, round(QFontInfo(font).pixelSize() * SMALLER)))
        return small

    def lines(self, option: QStyleOptionViewItem, text: str) -> tuple[QFont, list[str]]:
        """The font and lines the cell shows ``text`` in, for a cell of ``option.rect``."""
        room = option.rect.width() - 2 * MARGIN
        if option.fontMetrics.horizontalAdvance(text) <= room:
            return option.font, [text]
        small = self._small_font(option.font)
        return small, name_lines(text, QFontMetrics(small), room)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        font, lines = self.lines(opt, opt.text)
        if len(lines) == 1:
            super().paint(painter, option, index)
            return
        opt.text = ""  # background, selection and focus as usual; the text drawn below
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(font)
        painter.setPen(opt.palette.color(role))
        painter.drawText(opt.rect.adjusted(MARGIN, 0, -MARGIN, 0),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         "\n".join(lines))
        painter.restore()
