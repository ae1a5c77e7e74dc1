"""Who is buying: the identified member's name, tier, points and usable coupons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.members import MemberSummary
from ui.cashier.session import TillSession
from ui.widgets.i18n import coupon_title, is_english, tier_name
from ui.widgets.scaling import px


class MemberPanel(QWidget):
    identify = Signal()
    register = Signal()
    face = Signal()  # enrol the member's face, or withdraw that consent

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.session = session
        self.title = QLabel(self)
        self.title.setObjectName("memberTitle")
        self.name = QLabel(self)
        self.name.setObjectName("memberName")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.details = QLabel(self)
        self.details.setObjectName("memberDetails")
        self.details.setWordWrap(True)
        self.points = QLabel(self)
        self.points.setObjectName("memberPoints")
        self.coupons = QLabel(self)
        self.coupons.setObjectName("memberCoupons")
        self.coupons.setWordWrap(True)

        self.identify_button = QPushButton(self)
        self.identify_button.setObjectName("identifyButton")
        self.identify_button.clicked.connect(self.identify.emit)
        self.register_button = QPushButton(self)
        self.register_button.setObjectName("registerButton")
        self.register_button.clicked.connect(self.register.emit)
        self.face_button = QPushButton(self)
        self.face_button.setObjectName("faceButton")
        self.face_button.clicked.connect(self.face.emit)
        self.remove_button = QPushButton("✕", self)
        self.remove_button.setObjectName("removeMemberButton")
        # a square target at least as wide as it is tall: a finger, not a mouse pointer
        self.remove_button.setMinimumWidth(px(60))
        self.remove_button.clicked.connect(lambda: session.set_member(None))
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for b in (self.identify_button, self.register_button, self.face_button,
                  self.remove_button):
            b.setMinimumHeight(px(52))
            buttons.addWidget(b, 0 if b is self.remove_button else 1)

        info = QGridLayout()
        info.setVerticalSpacing(2)
        info.addWidget(self.title, 0, 0)
        info.addWidget(self.points, 0, 1, Qt.AlignmentFlag.AlignRight)
        info.addWidget(self.name, 1, 0, 1, 2)
        info.addWidget(self.details, 2, 0, 1, 2)
        info.addWidget(self.coupons, 3, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(info)
        layout.addLayout(buttons)
        session.member_changed.connect(self.show_member)
        self.retranslate()

    def show_member(self, member: MemberSummary | None = None) -> None:
        member = self.session.member if member is None else member
        self.setProperty("identified", member is not None)
        self.style().unpolish(self)
        self.style().polish(self)
        self.remove_button.setVisible(member is not None)
        self.face_button.setVisible(member is not None)
        if member is None:
            self.name.setText(self.tr("No member"))
            self.details.setText(self.tr("Swipe the member card, scan the member QR or "
                                         "enter the phone number (F3)."))
            self.points.setText("")
            self.coupons.setText("")
            return
        self.name.setText(member.name or self.tr("(no name)"))
        self.details.setText(self.tr("{0} · {1} · No. {2}").format(
            tier_name(member.tier), member.phone_masked, member.number))
        self.points.setText(self.tr("{0} points").format(f"{member.points:,}"))
        if member.coupons:
            titles = (", " if is_english() else "、").join(
                coupon_title(c) for c in member.coupons[:3])
            more = len(member.coupons) - 3
            text = self.tr("Coupons: {0}").format(titles)
            if more > 0:
                text += self.tr(" (+{0} more)").format(more)
            self.coupons.setText(text)
        else:
            self.coupons.setText(self.tr("No usable coupons"))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Member"))
        self.identify_button.setText(self.tr("Member (F3)"))
        self.register_button.setText(self.tr("New member"))
        self.face_button.setText(self.tr("Face"))
        self.face_button.setToolTip(self.tr("Enrol the member's face, or withdraw that consent"))
        self.remove_button.setToolTip(self.tr("Take the member off this sale"))
        self.show_member()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
