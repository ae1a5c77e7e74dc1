"""Enrol the attached member's face at the till: consent first, then frames from the till
camera checked one by one (a clear reason when one is refused), then the templates.

Imported only when the cashier opens it: the face code (and dlib, when the first frame is
checked on the worker thread) never loads at till start.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.reception import consent as face_consent
from app.reception import enrolment
from ui.widgets.dialog_base import PosDialog
from ui.widgets.i18n import translate


def consent_text(retention_days: int) -> str:
    return translate(
        "FaceEnrolment",
        "Purpose: recognise you at the entrance of our stores to greet you and show your "
        "member details to our staff.\n"
        "What is kept: face templates (numbers computed from your face), never photos.\n"
        "How long: {0} days after your last visit, then deleted automatically.\n"
        "How to withdraw: at any till, at the kiosk (My account) or with our staff; every "
        "template is deleted at once.\n"
        "Optional: your card or phone number keeps working as before.").format(retention_days)


class FaceEnrolmentDialog(PosDialog):
    enrolled = Signal(int)  # templates stored
    withdrawn = Signal(int)  # templates deleted

    def __init__(self, session: Any, camera: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="faceEnrolmentDialog")
        self.session = session
        self.camera = camera
        member = session.member
        self.member_id = member.id
        self.member_name = member.name or member.number
        self.retention_days = 365
        self.consent_id: int | None = None
        self.encodings: list[Any] = []
        self.refusals: list[str] = []

        self.pages = QStackedWidget(self)
        consent_page = QWidget(self)
        self.consent = QLabel(consent_page, objectName="consentText")
        self.consent.setWordWrap(True)
        self.consent.setTextFormat(Qt.TextFormat.PlainText)
        cl = QVBoxLayout(consent_page)
        cl.addWidget(self.consent)
        capture_page = QWidget(self)
        self.preview = QLabel(capture_page, objectName="enrolPreview")
        self.preview.setMinimumSize(480, 270)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QLabel(capture_page, objectName="enrolProgress")
        kl = QVBoxLayout(capture_page)
        kl.addWidget(self.preview, 1)
        kl.addWidget(self.progress)
        self.pages.addWidget(consent_page)
        self.pages.addWidget(capture_page)
        self.body.addWidget(self.pages)

        self.withdraw_button = self.add_button("", self.withdraw, role="danger")
        self.agree_button = self.add_button("", self.agree, role="primary", default=True)
        self.capture_button = self.add_button("", self.capture, role="primary")
        self.save_button = self.add_button("", self.save, role="primary")
        self.capture_button.hide()
        self.save_button.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(66)
        self._timer.timeout.connect(self._show_frame)
        self.resize(760, 560)
        self.retranslate()
        # The member may accept on the customer display (where there is one) or by a tap here
        session.face_consent_given.connect(self._agreed_on_display)
        session.submit(enrolment.consent_terms, self._terms)

    # -- steps -------------------------------------------------------------------------------
    def _terms(self, terms: Any) -> None:
        self.retention_days = terms.retention_days
        self.retranslate()
        if self.consent_id is None:
            self.session.face_consent_asked.emit(consent_text(self.retention_days))

    def _agreed_on_display(self) -> None:
        if self.consent_id is None and not self.busy:
            self.agree()

    def withdraw(self) -> None:
        """The member withdraws consent: every template deleted at once (safe to repeat)."""
        till, cashier = self.session.till, self.session.cashier
        self.set_busy(True)
        self.session.submit(
            lambda: face_consent.withdraw(self.member_id, getattr(cashier, "id", None),
                                       getattr(till, "store_id", None)),
            self._withdrawn, self._failed)

    def _withdrawn(self, count: int) -> None:
        self.set_busy(False)
        self.withdrawn.emit(count)
        self.accept()

    def agree(self) -> None:
        """The member read the terms and tapped to agree (signature tap)."""
        till, cashier = self.session.till, self.session.cashier
        self.set_busy(True)
        self.session.submit(
            lambda: enrolment.record_consent(self.member_id, getattr(cashier, "id", None),
                                             getattr(till, "store_id", None)),
            self._consented, self._failed)

    def _consented(self, consent_id: int) -> None:
        self.set_busy(False)
        self.session.face_consent_asked.emit("")
        self.consent_id = consent_id
        self.pages.setCurrentIndex(1)
        self.agree_button.hide()
        self.withdraw_button.hide()
        self.capture_button.show()
        self._timer.start()
        self.retranslate()

    def capture(self) -> None:
        frame = self.camera.latest() if self.camera is not None else None
        if frame is None:
            self.show_error(translate("FaceEnrolment", "The camera shows no picture yet."))
            return
        self.clear_error()
        self.set_busy(True)
        self.session.submit(lambda: enrolment.check_frame(frame), self._checked, self._failed)

    def _checked(self, check: Any) -> None:
        self.set_busy(False)
        if not check.ok:
            self.refusals.append(check.error.code)
            self.show_error(check.error)
        else:
            self.encodings.append(check.encoding)
        done = len(self.encodings) >= enrolment.ENROL_FRAMES
        self.capture_button.setVisible(not done)
        self.save_button.setVisible(done)
        self.retranslate()

    def save(self) -> None:
        till, cashier = self.session.till, self.session.cashier
        encodings, consent_id = list(self.encodings), self.consent_id
        self.set_busy(True)
        self.session.submit(
            lambda: enrolment.save_enrolment(self.member_id, consent_id, encodings,
                                             getattr(till, "store_id", None),
                                             getattr(cashier, "id", None)),
            self._saved, self._failed)

    def _saved(self, count: int) -> None:
        self.set_busy(False)
        self.encodings.clear()  # nothing of the face outlives the dialog but the templates
        self._timer.stop()
        self.enrolled.emit(count)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(exc)

    def done(self, result: int) -> None:
        self._timer.stop()
        try:
            self.session.face_consent_given.disconnect(self._agreed_on_display)
        except (RuntimeError, TypeError):
            pass
        self.session.face_consent_asked.emit("")
        self.encodings.clear()
        super().done(result)

    # -- preview and texts -------------------------------------------------------------------
    def _show_frame(self) -> None:
        frame = self.camera.latest() if self.camera is not None else None
        if frame is None:
            return
        h, w = frame.shape[:2]
        image = QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_BGR888)
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation))

    def retranslate(self) -> None:
        self.setWindowTitle(translate("FaceEnrolment", "Enrol face"))
        if self.consent_id is None:
            self.heading.setText(translate(
                "FaceEnrolment", "{0}: consent to face recognition").format(self.member_name))
        else:
            self.heading.setText(translate(
                "FaceEnrolment", "{0}: look at the camera").format(self.member_name))
        self.consent.setText(consent_text(self.retention_days) + "\n\n" + translate(
            "FaceEnrolment", "Ask the member to read this and tap “I agree” on the customer "
                             "display, or tap “The member agrees” here."))
        self.progress.setText(translate("FaceEnrolment", "Pictures accepted: {0} of {1}").format(
            len(self.encodings), enrolment.ENROL_FRAMES))
        self.agree_button.setText(translate("FaceEnrolment", "The member agrees"))
        self.capture_button.setText(translate("FaceEnrolment", "Take picture"))
        self.save_button.setText(translate("FaceEnrolment", "Save"))
        self.withdraw_button.setText(translate("FaceEnrolment", "Withdraw consent"))
