"""Identifying a member by phone number (or typed card number), and registering a new one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QMouseEvent, QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from app.errors import PatronError
from app.members import normalize_phone
from ui.cashier.session import TillSession
from ui.errors import user_message
from ui.widgets.dialog_base import PosDialog
from ui.widgets.keyboard import Keyboard
from ui.widgets.keypad import Keypad


def work_area(dialog: QWidget) -> QRect | None:
    """The part of the till window between its top bar and its status bar, in screen
    coordinates: a dialog there leaves the clock, the cashier and the device lights visible."""
    parent = dialog.parentWidget()
    if parent is None:
        return None
    window = parent.window()
    area = window.geometry()
    top, status = getattr(window, "top", None), getattr(window, "status", None)
    if isinstance(top, QWidget) and top.isVisible():
        area.setTop(top.mapToGlobal(QPoint(0, top.height())).y())
    if isinstance(status, QWidget) and status.isVisible():
        area.setBottom(status.mapToGlobal(QPoint(0, 0)).y() - 1)
    return area


def fit_into_work_area(dialog: QWidget, fallback: Callable[[], None]) -> None:
    area = work_area(dialog)
    if area is None or area.height() < dialog.minimumSizeHint().height():
        fallback()  # no till window behind (or a tiny one): the screen is the limit
        return
    want = dialog.sizeHint().expandedTo(dialog.minimumSizeHint()).expandedTo(dialog.minimumSize())
    dialog.resize(want.boundedTo(area.size()))
    geo = dialog.frameGeometry()
    geo.moveCenter(area.center())
    keep_inside(dialog, area, geo)


def keep_inside(dialog: QWidget, area: QRect | None, geo: QRect | None = None) -> None:
    """Move ``dialog`` back inside ``area`` (it grew: an error line appeared)."""
    if area is None:
        return
    geo = geo if geo is not None else dialog.frameGeometry()
    geo.moveTop(max(area.top(), min(geo.top(), area.bottom() - geo.height() + 1)))
    geo.moveLeft(max(area.left(), min(geo.left(), area.right() - geo.width() + 1)))
    dialog.move(geo.topLeft())


class ConsentText(QLabel):
    """A consent's wording beside its box: it wraps (a check box's own text cannot) and a tap
    on it ticks the box, so the whole row is the touch target."""

    def __init__(self, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(parent)
        self.box = box
        self.setObjectName(f"{box.objectName()}Text")
        self.setWordWrap(True)
        self.setMinimumHeight(48)
        self.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        box.setMinimumSize(48, 48)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.box.isEnabled() and self.rect().contains(event.position().toPoint()):
            self.box.toggle()
        super().mouseReleaseEvent(event)


class MemberDialog(PosDialog):
    """A till dialog that opens between the top bar and the status bar and stays there when
    it grows (PosDialog grows when a wrapped line such as the error appears)."""

    def fit_to_screen(self) -> None:
        fit_into_work_area(self, super().fit_to_screen)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.isVisible():
            keep_inside(self, work_area(self))



class IdentifyDialog(MemberDialog):
    """A phone number or card number; a card swipe or member QR scan works too while it is
    open (the session identifies, this dialog closes when a member is set)."""

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="identifyDialog")
        self.session = session
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("identifyEdit")
        self.edit.setMinimumHeight(56)
        self.edit.setValidator(QRegularExpressionValidator(r"[0-9+ ]{0,20}", self.edit))
        self.edit.returnPressed.connect(self.submit)
        self.keypad = Keypad(self.edit, decimal=False, enter=False, parent=self)  # "Find" confirms
        self.keypad.setMinimumHeight(240)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.edit)
        self.body.addWidget(self.keypad, 1)
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        session.member_changed.connect(self._member_set)
        self.finished.connect(self._disconnect)
        # the width is the content's, not the dialog's: a dialog with a minimum size of its
        # own is not grown by its layout, so a new error line squeezed the keys under it
        self.edit.setMinimumWidth(364)
        self.retranslate()
        self.edit.setFocus()

    def _disconnect(self) -> None:
        try:
            self.session.member_changed.disconnect(self._member_set)
        except (RuntimeError, TypeError):
            pass

    def _member_set(self, member: object) -> None:
        if member is not None and self.isVisible():
            self.set_busy(False)
            self.accept()

    def submit(self) -> None:
        text = self.edit.text().strip()
        if not text or self.busy:
            return
        self.set_busy(True)
        self.clear_error()
        self.session.identify(text, lambda _: None, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(exc)
        self.edit.selectAll()
        self.edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Identify member"))
        self.heading.setText(self.tr("Identify member"))
        self.hint.setText(self.tr("Type the member's mobile number or card number — or swipe "
                                  "the card or scan the member QR now."))
        self.edit.setPlaceholderText(self.tr("Mobile or card number"))
        self.ok_button.setText(self.tr("Find"))


class RegisterDialog(MemberDialog):
    """Register a new member at the till: a valid mainland mobile number, a name, and the
    member's own choice about marketing messages (recorded as a consent). A card swiped
    while the dialog is open is issued to the new member."""

    def __init__(self, session: TillSession, phone: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, name="registerDialog")
        self.session = session
        self.phone = QLineEdit(phone, self)
        self.phone.setObjectName("registerPhone")
        self.phone.setValidator(QRegularExpressionValidator(r"[0-9+ ]{0,16}", self.phone))
        self.name = QLineEdit(self)
        self.name.setObjectName("registerName")
        self.name.setMaxLength(40)
        self.card = QLineEdit(self)
        self.card.setObjectName("registerCard")
        self.card.setMaxLength(40)
        for edit in (self.phone, self.name, self.card):
            edit.setMinimumHeight(48)
        self.phone.textChanged.connect(self._check_phone)
        self.phone_state = QLabel(self)
        self.phone_state.setObjectName("phoneState")
        self.phone_state.setWordWrap(True)
        self.marketing = QCheckBox(self)
        self.marketing.setObjectName("marketingConsent")
        self.terms = QCheckBox(self)
        self.terms.setObjectName("termsConsent")
        self.consent_texts = {self.terms: ConsentText(self.terms, self),
                              self.marketing: ConsentText(self.marketing, self)}
        self.form = QFormLayout()
        self.form.setVerticalSpacing(6)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = [QLabel(self) for _ in range(3)]
        self.form.addRow(self.labels[0], self.phone)
        self.form.addRow("", self.phone_state)
        self.form.addRow(self.labels[1], self.name)
        self.form.addRow(self.labels[2], self.card)
        # one input panel under the form: the numeric keypad for the mobile and the card,
        # the letter keyboard (with pinyin) for the name — never both, so it fits 1024×768
        self.keypad = Keypad(self.phone, decimal=False, parent=self)
        self.keypad.follow_focus(self.phone, self.card)
        self.keypad.setMaximumWidth(520)
        self.keyboard = Keyboard(self.name, digits=False, parent=self)
        self.keyboard.enter.connect(self.submit)
        self.inputs = QStackedWidget(self)
        self.inputs.setObjectName("registerInputs")
        keypad_page = QWidget(self.inputs)
        centred = QHBoxLayout(keypad_page)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addWidget(self.keypad)
        self.inputs.addWidget(keypad_page)
        self.inputs.addWidget(self.keyboard)
        self.inputs.setMinimumHeight(self.keyboard.minimumSizeHint().height())
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.finished.connect(self._stop_following_focus)
        consents = QGridLayout()
        consents.setHorizontalSpacing(4)
        consents.setVerticalSpacing(6)
        for row, box in enumerate((self.terms, self.marketing)):
            consents.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            consents.addWidget(self.consent_texts[box], row, 1)
        consents.setColumnStretch(1, 1)
        consents.setRowStretch(2, 1)
        fields = QHBoxLayout()  # the consents beside the fields: the keyboard needs the height
        fields.setSpacing(18)
        fields.addLayout(self.form, 3)  # the phone check fits one line
        fields.addLayout(consents, 2)
        self.body.addLayout(fields)
        self.body.addWidget(self.inputs, 1)
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        session.push_scan_sink(self._scan)
        self.finished.connect(lambda _: session.pop_scan_sink(self._scan))
        self.inputs.setMinimumWidth(864)  # not the dialog's own minimum: see IdentifyDialog
        self.retranslate()
        self.phone.setFocus()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self.name:
            self.show_input(self.keyboard)
        elif new in (self.phone, self.card):
            self.keyboard.commit_composing()
            self.show_input(self.keypad)

    def _stop_following_focus(self) -> None:
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass

    def show_input(self, panel: QWidget) -> None:
        """The keypad or the keyboard, whichever the focused field takes."""
        self.inputs.setCurrentIndex(0 if panel is self.keypad else 1)

    def _scan(self, code: str) -> bool:
        """A card swiped (or a card code scanned) while registering becomes the new card."""
        if code.isdigit() and len(code) >= 8 and not self.busy:
            self.card.setText(code)
            return True
        return False

    def _check_phone(self) -> bool:
        text = self.phone.text().strip()
        if not text:
            self.phone_state.setText("")
            return False
        try:
            normalize_phone(text)
        except PatronError as exc:
            self._phone_ok(False, user_message(exc))
            return False
        self._phone_ok(True, self.tr("✓ valid mobile number"))
        return True

    def _phone_ok(self, ok: bool, text: str) -> None:
        self.phone_state.setText(text)
        self.phone_state.setProperty("ok", ok)
        self.phone_state.style().unpolish(self.phone_state)
        self.phone_state.style().polish(self.phone_state)

    def submit(self) -> None:
        if self.busy:
            return
        if not self._check_phone():
            # the reason is already under the number, in red: one message, not two (and the
            # dialog keeps its height on a 1024×768 till)
            if self.phone_state.text():
                self.clear_error()
            else:
                self.show_error(self.tr("Enter a valid 11-digit mobile number."))
            self.phone.setFocus()
            return
        if not self.terms.isChecked():
            self.show_error(self.tr("The member must agree to the membership terms."))
            return
        self.set_busy(True)
        self.clear_error()
        self.session.register_member(
            self.phone.text().strip(), self.name.text().strip(), self.marketing.isChecked(),
            self.card.text().strip() or None, self._done, self._failed)

    def _done(self, _summary: object) -> None:
        self.set_busy(False)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(exc)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New member"))
        self.heading.setText(self.tr("Register a new member"))
        self.labels[0].setText(self.tr("Mobile"))
        self.labels[1].setText(self.tr("Name"))
        self.labels[2].setText(self.tr("Card"))
        self.card.setPlaceholderText(self.tr("Swipe a new card (optional)"))
        self.consent_texts[self.terms].setText(self.tr(
            "The member agrees to the membership terms and the privacy notice"))
        self.consent_texts[self.marketing].setText(self.tr(
            "The member agrees to receive offers by SMS and app (optional)"))
        self.ok_button.setText(self.tr("Register"))
        self._check_phone()


