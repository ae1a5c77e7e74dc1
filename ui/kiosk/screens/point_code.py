"""Scan a product's point code at the kiosk (SPEC §4): the identified shopper holds the label's
QR to the scanner (or camera), or types its code on the on-screen keyboard; the unit's points
are credited once, then the batch's follow-up question (single choice, 1–5 stars or free
text) earns the feedback reward once.

A typed code with a typo is refused by its check symbol here, before any database call; a
forged, voided or used code gets the one uniform message from the domain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import typable_codes
from app.errors import ValidationError
from app.pointcodes import scans
from app.pointcodes.batches import KIND, Question
from ui.errors import user_message
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.widgets.i18n import is_english, translate
from ui.widgets.keyboard import Keyboard
from ui.widgets.scaling import px

SCAN, RESULT, THANKS = range(3)



def precheck(text: str) -> str | None:
    """The typo / not-a-point-code message for ``text``, or None to ask the domain. Pure: the
    check symbol and the format, no database (a well-formed forged code goes to the domain,
    which counts it as a failed attempt)."""
    try:
        typable_codes.parse(text, KIND)
    except ValidationError as exc:
        if exc.code.endswith("not_genuine"):
            return None
        return user_message(exc)
    return None


class PointCodeScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskPointCode")
        self.redeemed: scans.Redeemed | None = None
        self.answered: scans.Answered | None = None
        self.error_text = ""
        self._connected = False
        self.heading = QLabel(objectName="screenHeading")
        self.pages = QStackedWidget(objectName="pointCodePages")
        self.pages.addWidget(self._scan_page())
        self.pages.addWidget(self._result_page())
        self.pages.addWidget(self._thanks_page())
        self.back = QPushButton(objectName="backButton")
        self.back.clicked.connect(lambda: self.nav.pop())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.back)
        self._build_answers(None)  # hidden until a question asks for them (keeps the page short)
        self.retranslate()

    # -- building -------------------------------------------------------------------------
    def _scan_page(self) -> QWidget:
        page = QWidget()
        self.hint = QLabel(objectName="scanHint")
        self.hint.setWordWrap(True)
        self.code = QLineEdit(objectName="pointCodeField")
        self.code.setMaxLength(40)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setMinimumHeight(px(60))
        font = self.code.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.code.setFont(font)
        self.code.returnPressed.connect(self.submit_typed)
        self.keyboard = Keyboard(self.code, pinyin=False, mode="en")
        self.keyboard.enter.connect(self.submit_typed)
        self.error = QLabel(objectName="pointCodeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.hide()
        self.redeem_button = QPushButton(objectName="redeemButton")
        self.redeem_button.clicked.connect(self.submit_typed)
        self.redeem_button.setMinimumHeight(px(60))
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.redeem_button)
        column = QVBoxLayout(page)
        column.addWidget(self.hint)
        column.addLayout(row)
        column.addWidget(self.error)
        column.addWidget(self.keyboard, 1)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.credited = QLabel(objectName="creditedText")
        self.credited.setWordWrap(True)
        self.credited.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.credited.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.credited.setFont(font)
        self.question = QLabel(objectName="questionText")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qfont = self.question.font()
        qfont.setPointSizeF(qfont.pointSizeF() * 1.2)
        self.question.setFont(qfont)
        self.answers_box = QWidget(objectName="answerButtons")
        self.answer_grid = QGridLayout(self.answers_box)
        self.answer_buttons: list[QPushButton] = []
        self.text_answer = QLineEdit(objectName="textAnswer")
        self.text_answer.setMaxLength(500)
        self.text_answer.setMinimumHeight(px(56))
        self.text_keyboard = Keyboard(self.text_answer)
        self.text_keyboard.enter.connect(self.submit_text)
        self.send_text = QPushButton(objectName="sendAnswer")
        self.send_text.clicked.connect(self.submit_text)
        self.answer_error = QLabel(objectName="answerError")
        self.answer_error.setWordWrap(True)
        self.answer_error.setStyleSheet("color: #b71c1c;")
        self.answer_error.hide()
        self.skip = QPushButton(objectName="skipQuestion")
        self.skip.clicked.connect(self.done)
        self.another = QPushButton(objectName="scanAnother")
        self.another.clicked.connect(self.scan_another)
        row = QHBoxLayout()
        row.addWidget(self.another)
        row.addWidget(self.skip)
        column = QVBoxLayout(page)
        column.addWidget(self.credited)
        column.addWidget(self.question)
        column.addWidget(self.answers_box)
        text_row = QHBoxLayout()
        text_row.addWidget(self.text_answer, 1)
        text_row.addWidget(self.send_text)
        self.send_text.setMinimumHeight(px(56))
        column.addLayout(text_row)
        column.addWidget(self.answer_error)
        column.addWidget(self.text_keyboard, 1)
        column.addStretch(0)
        column.addLayout(row)
        return page

    def _thanks_page(self) -> QWidget:
        page = QWidget()
        self.thanks = QLabel(objectName="thanksText")
        self.thanks.setWordWrap(True)
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.thanks.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.thanks.setFont(font)
        self.thanks_another = QPushButton(objectName="thanksScanAnother")
        self.thanks_another.clicked.connect(self.scan_another)
        self.finish = QPushButton(objectName="finishButton")
        self.finish.clicked.connect(self.done)
        row = QHBoxLayout()
        row.addWidget(self.thanks_another)
        row.addWidget(self.finish)
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(self.thanks)
        column.addStretch(1)
        column.addLayout(row)
        return page

    # -- scanning -------------------------------------------------------------------------
    def entered(self) -> None:
        if not self._connected:
            self._connected = True
            hub = self.ctx.hub
            if hasattr(hub, "scanned"):
                hub.scanned.connect(self._scanned)
        if self.pages.currentIndex() == SCAN:
            self.code.setFocus()

    def _scanned(self, text: str) -> None:
        if self.isVisible() and self.pages.currentIndex() == SCAN:
            self.redeem(text)

    def submit_typed(self) -> None:
        text = self.code.text().strip()
        if text:
            self.redeem(text)

    def redeem(self, text: str) -> None:
        """Check the symbol here, then ask the domain for the member's points."""
        member_id = self.ctx.session.member_id
        if member_id is None:
            return
        problem = precheck(text)
        if problem is not None:
            self._failed_text(problem)
            return
        self.error.hide()
        self.redeem_button.setEnabled(False)
        terminal = self.ctx.kiosk.terminal_id
        self.ctx.run(lambda: scans.member_redeem(text, member_id, terminal), self._redeemed,
                     self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._failed_text(user_message(exc))

    def _failed_text(self, text: str) -> None:
        self.redeem_button.setEnabled(True)
        self.hint.hide()  # the error takes its place: the page stays within 800 pixels
        self.error_text = text
        self.error.setText(text)
        self.error.show()

    def _redeemed(self, redeemed: scans.Redeemed) -> None:
        self.redeem_button.setEnabled(True)
        self.code.clear()
        if redeemed.repeat:  # their own code again: nothing new to show but that
            self._failed_text(translate("KioskPointCode", "You already received the points of this code."))
            return
        self.error.hide()
        self.hint.show()
        self.error_text = ""
        self.redeemed = redeemed
        self.answered = None
        self._build_answers(redeemed.question)
        self.pages.setCurrentIndex(RESULT)
        self.retranslate()

    # -- the follow-up question -----------------------------------------------------------
    def _build_answers(self, q: Question | None) -> None:
        for b in self.answer_buttons:
            b.deleteLater()
        self.answer_buttons = []
        self.answer_error.hide()
        self.text_answer.clear()
        kind = q.kind if q is not None else "none"
        if kind == "choice":
            for i, _choice in enumerate(q.choices):  # type: ignore[union-attr]
                self._answer_button(f"choice{i}", i, i // 2, i % 2)
        elif kind == "rating":
            for stars in range(1, 6):
                self._answer_button(f"stars{stars}", stars, 0, stars - 1)
        self.answers_box.setVisible(kind in ("choice", "rating"))
        for w in (self.text_answer, self.text_keyboard, self.send_text):
            w.setVisible(kind == "text")
        self.question.setVisible(kind != "none")

    def _answer_button(self, name: str, reply: int, row: int, column: int) -> None:
        button = QPushButton(objectName=name)
        button.setMinimumHeight(px(72))
        button.clicked.connect(lambda: self.answer(reply))
        self.answer_grid.addWidget(button, row, column)
        self.answer_buttons.append(button)

    def submit_text(self) -> None:
        self.answer(self.text_answer.text())

    def answer(self, reply: int | str) -> None:
        member_id, redeemed = self.ctx.session.member_id, self.redeemed
        if member_id is None or redeemed is None:
            return
        for b in (*self.answer_buttons, self.send_text):
            b.setEnabled(False)
        self.ctx.run(lambda: scans.answer(redeemed.code, member_id, reply), self._answered,
                     self._answer_failed)

    def _answer_failed(self, exc: BaseException) -> None:
        for b in (*self.answer_buttons, self.send_text):
            b.setEnabled(True)
        self.answer_error.setText(user_message(exc))
        self.answer_error.show()

    def _answered(self, answered: scans.Answered) -> None:
        self.answered = answered
        self.pages.setCurrentIndex(THANKS)
        self.retranslate()

    # -- leaving --------------------------------------------------------------------------
    def scan_another(self) -> None:
        self.redeemed = self.answered = None
        self.pages.setCurrentIndex(SCAN)
        self.retranslate()
        self.code.setFocus()

    def done(self) -> None:
        self.scan_another()
        if self.nav is not None:
            self.nav.home()

    def wipe(self) -> None:
        self.redeemed = self.answered = None
        self.error_text = ""
        self.code.clear()
        self.text_answer.clear()
        self.error.hide()
        self.hint.show()
        self.pages.setCurrentIndex(SCAN)
        self.retranslate()

    # -- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.back.setVisible(self.pages.currentIndex() == SCAN)
        self.heading.setText(translate("KioskPointCode", "Scan a point code"))
        self.hint.setText(translate("KioskPointCode", "Hold the QR on the product's label to the scanner, or type the "
                             "code printed under it."))
        self.code.setPlaceholderText(translate("KioskPointCode", "e.g. P72M-K4Q8-R9XH-3KD2-WQAN"))
        self.redeem_button.setText(translate("KioskPointCode", "Get my points"))
        self.back.setText(translate("KioskPointCode", "Back"))
        self.skip.setText(translate("KioskPointCode", "No thanks, finish"))
        self.another.setText(translate("KioskPointCode", "Scan another code"))
        self.thanks_another.setText(translate("KioskPointCode", "Scan another code"))
        self.finish.setText(translate("KioskPointCode", "Finish"))
        self.send_text.setText(translate("KioskPointCode", "Send my answer"))
        r = self.redeemed
        if r is not None:
            name = r.product_name_en if is_english() and r.product_name_en else r.product_name
            self.credited.setText(translate("KioskPointCode", "+{0} points for {1} · your balance: {2} points").format(
                r.points, name, r.balance))
            q = r.question
            if q is not None:
                text = q.text_en if is_english() and q.text_en else q.text
                reward = (translate("KioskPointCode", " Answer and get {0} points.").format(q.feedback_points)
                          if q.feedback_points else "")
                self.question.setText(text + reward)
                for i, b in enumerate(self.answer_buttons):
                    if q.kind == "choice":
                        zh, en = q.choices[i]
                        b.setText(en if is_english() and en else zh)
                    else:
                        b.setText("★" * (i + 1))
        a = self.answered
        if a is not None:
            self.thanks.setText((translate("KioskPointCode", "Thank you! +{0} points").format(a.reward) if a.reward
                                 else translate("KioskPointCode", "Thank you for your answer!"))
                                + "\n" + translate("KioskPointCode", "Your balance: {0} points").format(a.balance))
