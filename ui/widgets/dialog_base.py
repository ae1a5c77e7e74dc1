"""What every till dialog shares: a title, an error line, a busy state, big buttons,
retranslation, and opening without blocking the event loop (``open()``, never ``exec()``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.privacy import mask_card_numbers
from ui.errors import user_message
from ui.widgets.i18n import translate


class PosDialog(QDialog):
    """Subclasses fill ``self.body`` and implement ``retranslate()``."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(name or type(self).__name__)
        self.setModal(True)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.heading = QLabel(self)
        self.heading.setObjectName("dialogHeading")
        self.heading.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        self.cancel_button = self.add_button("", self.reject, role="cancel")
        self.buttons.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        outer.setSpacing(10)
        outer.addWidget(self.heading)
        outer.addLayout(self.body, 1)
        outer.addWidget(self.error)
        outer.addLayout(self.buttons)
        self.busy = False

    def add_button(self, text: str, slot, *, role: str = "", default: bool = False,  # type: ignore[no-untyped-def]
                   stretch: int = 0) -> QPushButton:
        button = QPushButton(text, self)
        button.setMinimumSize(120, 56)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAutoDefault(False)
        if role:
            button.setProperty("class", role)
            button.setObjectName(f"{role}Button")
        if default:
            button.setDefault(True)
        button.clicked.connect(slot)
        self.buttons.addWidget(button, stretch)
        return button

    def show_error(self, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else user_message(error)
        self.error.setText(mask_card_numbers(text))  # whatever produced it, no card number
        self.error.setVisible(bool(text))

    def pin_refused(self, pin: QLineEdit, error: BaseException) -> None:
        """A PIN was refused: ready for the next try (field cleared and focused), say why."""
        self.set_busy(False)
        pin.clear()
        pin.setFocus()
        self.show_error(error)

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in self.findChildren(QPushButton):
            if button is not self.cancel_button:
                button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def reject(self) -> None:
        if self.busy:  # a payment or approval in flight is never abandoned half-way
            return
        super().reject()

    def retranslate(self) -> None:
        """Set every visible text; called at start and on a language change."""

    def retranslate_base(self) -> None:
        self.cancel_button.setText(translate("Dialogs", "Cancel (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_base()
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.retranslate_base()
        super().showEvent(event)
        self.fit_to_screen()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self.grow_to_fit()  # e.g. the error line appeared
        return handled

    def grow_to_fit(self) -> None:
        """Make the open dialog as tall as its content needs at its width (within the screen).
        Wrapped labels such as the error line need height for their width, which Qt does not
        impose on a top-level window: without this a new error line squeezed the keys."""
        layout = self.layout()
        if layout is None:
            return
        need = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                else layout.totalMinimumSize().height())
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            need = min(need, screen.height())
        if self.height() < need:
            self.resize(self.width(), need)

    def fit_to_screen(self) -> None:
        """Open at the size the content asks for (Qt would cap it at 2/3 of the screen and
        squeeze a keypad), within the screen, centred on the window behind."""
        screen = self.screen().availableGeometry() if self.screen() else None
        want = self.sizeHint().expandedTo(self.minimumSizeHint()).expandedTo(self.minimumSize())
        if screen is not None:
            want = want.boundedTo(screen.size())
        self.resize(want)
        anchor = self.parentWidget().window().geometry() if self.parentWidget() else screen
        if anchor is not None:
            geo = self.frameGeometry()
            geo.moveCenter(anchor.center())
            if screen is not None:
                geo.moveTop(max(screen.top(), min(geo.top(), screen.bottom() - geo.height())))
                geo.moveLeft(max(screen.left(), min(geo.left(), screen.right() - geo.width())))
            self.move(geo.topLeft())
