"""The kiosk window: fullscreen, frameless, on top, and no way out for shoppers.

A navigation stack of screens under a top bar (store name, language switch). The attract
screen is the bottom of the stack; touching it opens the home screen of flows. An idle
watcher asks "still there?" and then wipes the shopper's session back to attract. A device the
kiosk needs going down shows the out-of-order screen. Staff: five taps in the top-left corner
within three seconds, then a manager's PIN, opens the staff screen (device details, leave).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.kiosk.identify import Shopper
from app.kiosk.staff_exit import authorize_exit
from app.registration import Joined
from ui.kiosk.card_intake import CardIntake
from ui.kiosk.context import KioskContext
from ui.kiosk.flows import FlowSpec
from ui.kiosk.idle import IdleWatcher
from ui.kiosk.offers_feed import OffersFeed
from ui.kiosk.screen import KioskScreen
from ui.kiosk.screens.attract import AttractScreen
from ui.kiosk.screens.home import HomeScreen
from ui.kiosk.screens.identify import IdentifyScreen
from ui.kiosk.screens.join import JoinScreen
from ui.kiosk.screens.out_of_order import OutOfOrderScreen
from ui.kiosk.screens.staff import StaffScreen
from ui.widgets.banner import Banner
from ui.widgets.i18n import is_english, translate
from ui.widgets.pin_pad import PinDialog
from ui.widgets.scaling import px

STAFF_TAPS, STAFF_TAP_WINDOW_S = 5, 3.0
KIOSK_STYLE = """
#kioskWindow QLabel { font-size: 22pt; }
#kioskWindow QPushButton { font-size: 22pt; min-height: 64px; min-width: 64px; }
#kioskWindow QLabel#attractWelcome, #kioskWindow QLabel#screenHeading { font-size: 34pt; }
#kioskWindow QLabel#offerTitle { font-size: 30pt; font-weight: bold; }
#kioskWindow QLabel#offerPrice { font-size: 28pt; color: #b3261e; }
#kioskWindow QLabel#attractTouch { font-size: 28pt; color: #1f5fbf; }
#kioskWindow QFrame#offerCard { background: white; border-radius: 16px; padding: 16px; }
#kioskWindow QFrame#stillThere { background: rgba(20, 20, 20, 200); }
#kioskWindow QFrame#stillThere QLabel { color: white; font-size: 30pt; }
#kioskWindow QPushButton#staffCorner { background: transparent; border: none; }
#kioskWindow QPushButton[class="kioskTile"] { min-height: 220px; font-size: 30pt;
    background: white; border-radius: 16px; }
#kioskWindow QPushButton#stillThereYes { min-height: 120px; padding: 0 64px; font-size: 28pt; }
#kioskWindow QPushButton#backButton, #kioskWindow QPushButton#homeFinish { min-height: 96px; }
#kioskWindow QLabel#homeGreeting { font-size: 30pt; }
#kioskWindow QLineEdit { font-size: 30pt; min-height: 80px; }
#kioskWindow QCheckBox, #kioskWindow QListWidget { font-size: 22pt; }
#kioskWindow QCheckBox::indicator { width: 48px; height: 48px; }
#kioskWindow QLabel#identifyError, #kioskWindow QLabel#joinError { color: #b3261e; }
#kioskWindow QLabel#orderError { color: #b3261e; }
#kioskWindow QPushButton#orderButton, #kioskWindow QPushButton#deliveryDone {
    background: #1f5fbf; color: white; border-radius: 12px; font-size: 26pt; }
#kioskWindow QPushButton#orderButton:disabled { background: #9db4d8; }
#kioskWindow QLabel#deliveryCode { font-size: 40pt; font-weight: bold; letter-spacing: 2px; }
#kioskWindow QLabel#deliveryStatus, #kioskWindow QLabel#returnResult { color: #1f5fbf;
    font-size: 26pt; }
#kioskWindow QFrame#accountCoupon { background: white; border-radius: 12px; }
"""


class StillThere(QFrame):
    """The "still there?" question over the whole window."""

    stay = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stillThere")
        self.question = QLabel(objectName="stillThereQuestion",
                               alignment=Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)
        self.button = QPushButton(objectName="stillThereYes")
        self.button.setMinimumHeight(px(96))
        self.button.clicked.connect(self.stay)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.left = 0
        self.hide()

    def ask(self, left: int) -> None:
        self.left = left
        self.setGeometry(self.parentWidget().rect())
        self.retranslate()
        self.show()
        self.raise_()

    def retranslate(self) -> None:
        self.question.setText(translate("KioskIdle", "Are you still there? This screen starts "
                                        "over in {0} seconds.").format(self.left))
        self.button.setText(translate("KioskIdle", "Yes, I'm still here"))


class KioskWindow(QWidget):
    language_requested = Signal()
    leave_requested = Signal()

    def __init__(self, ctx: KioskContext, *, idle_s: int = 60, countdown_s: int = 15,
                 needed_devices: tuple[str, ...] = ("printer",)) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("kioskWindow")
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        self.setStyleSheet(KIOSK_STYLE)
        self.may_close = False
        self.needed_devices = needed_devices
        self.broken: dict[str, str] = {}
        self._taps: list[float] = []

        self.corner = QPushButton(objectName="staffCorner")
        self.corner.setFixedSize(px(80), px(80))
        self.corner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.corner.clicked.connect(self.corner_tapped)
        self.store = QLabel(objectName="kioskStore")
        self.language = QPushButton(objectName="languageButton")
        self.language.setMinimumSize(px(120), px(64))
        self.language.clicked.connect(self.language_requested)
        top = QHBoxLayout()
        top.addWidget(self.corner)
        top.addWidget(self.store, 1)
        top.addWidget(self.language)
        self.banner = Banner()
        ctx.message.connect(self.banner.show_message)
        self.stack = QStackedWidget(objectName="kioskStack")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)

        ctx.offers = OffersFeed(ctx)  # type: ignore[attr-defined]  # shared by offer screens
        ctx.card_intake = CardIntake(ctx)  # type: ignore[attr-defined]  # every returned card
        self.attract = AttractScreen(ctx, ctx.offers)  # type: ignore[attr-defined]
        self.attract.touched.connect(self.start_session)
        self.home_screen = HomeScreen(ctx)
        self.home_screen.chosen.connect(self.open_flow)
        self.home_screen.finished.connect(self.end_session)
        self.out_of_order = OutOfOrderScreen(ctx)
        self.staff = StaffScreen(ctx)
        self.staff.leave.connect(self.leave)
        self.staff.resume.connect(self.resume_from_staff)
        self.screens: list[KioskScreen] = []
        for screen in (self.out_of_order, self.staff):
            screen.nav = self
            self.stack.addWidget(screen)
        self.idle = IdleWatcher(idle_s, countdown_s, self)
        self.still_there = StillThere(self)
        self.idle.ask.connect(self.still_there.ask)
        self.idle.resumed.connect(self.still_there.hide)
        self.still_there.stay.connect(self.idle.poke)
        self.idle.expired.connect(self.end_session)
        if hasattr(ctx.hub, "status_changed"):
            ctx.hub.status_changed.connect(self.device_status)
        self.reset_to([self.attract])
        self.retranslate()

    # -- the navigation stack ------------------------------------------------------------------
    def reset_to(self, screens: list[KioskScreen]) -> None:
        while self.screens:
            self._drop(self.screens.pop())
        for screen in screens:
            self._put(screen)
        self._show_top()

    def push(self, screen: KioskScreen) -> None:
        self._put(screen)
        self._show_top()

    def pop(self) -> None:
        if len(self.screens) > 1:
            self._drop(self.screens.pop())
        self._show_top()

    def home(self) -> None:
        while len(self.screens) > 2:
            self._drop(self.screens.pop())
        self._show_top()

    def top(self) -> KioskScreen:
        return self.screens[-1]

    def _put(self, screen: KioskScreen) -> None:
        screen.nav = self
        self.screens.append(screen)
        if self.stack.indexOf(screen) < 0:
            self.stack.addWidget(screen)

    def _drop(self, screen: KioskScreen) -> None:
        if screen in (self.attract, self.home_screen, self.out_of_order, self.staff):
            return  # the window's own screens stay built
        self.stack.removeWidget(screen)
        screen.deleteLater()

    def _show_top(self) -> None:
        if self.broken and self.top() is not self.staff:
            self.stack.setCurrentWidget(self.out_of_order)
            self.idle.disarm()
            return
        screen = self.top()
        self.stack.setCurrentWidget(screen)
        if screen.watches_idle:
            if not self.idle.armed:
                self.idle.arm()
        else:
            self.idle.disarm()
            self.still_there.hide()
        screen.entered()

    # -- a shopper's session ---------------------------------------------------------------------
    def start_session(self) -> None:
        self.reset_to([self.attract, self.home_screen])

    def open_flow(self, spec: FlowSpec) -> None:
        if spec.needs_member and self.ctx.session.member_id is None:
            self.push(IdentifyScreen(self.ctx, lambda shopper: self._identified(spec, shopper)))
            return
        self.push(spec.load()(self.ctx))

    def _identified(self, spec: FlowSpec, shopper: Shopper) -> None:
        if shopper.member_id is None:  # not a member yet: join first
            self.push(JoinScreen(self.ctx, shopper.phone, lambda j: self._joined(spec, j)))
            return
        self.ctx.identify(shopper.member_id, shopper.name)
        self.reset_to([self.attract, self.home_screen, spec.load()(self.ctx)])

    def _joined(self, spec: FlowSpec, joined: Joined) -> None:
        self.ctx.identify(joined.member_id, joined.name)
        if joined.reward:
            self.ctx.message.emit("info", translate(
                "KioskJoin", "Welcome! You received {0} points for joining.").format(joined.reward))
        self.reset_to([self.attract, self.home_screen, spec.load()(self.ctx)])

    def with_member(self, make: Callable[[], KioskScreen]) -> None:
        """Push ``make()`` once the shopper is known: at once when identified, else after the
        identify screen (and joining, for a new phone), keeping the screens below."""
        if self.ctx.session.member_id is not None:
            self.push(make())
            return
        depth = len(self.screens)

        def then(member_id: int, name: str) -> None:
            self.ctx.identify(member_id, name)
            while len(self.screens) > depth:
                self._drop(self.screens.pop())
            self.push(make())

        def joined(j: Joined) -> None:
            if j.reward:
                self.ctx.message.emit("info", translate(
                    "KioskJoin", "Welcome! You received {0} points for joining.").format(j.reward))
            then(j.member_id, j.name)

        def identified(shopper: Shopper) -> None:
            if shopper.member_id is None:
                self.push(JoinScreen(self.ctx, shopper.phone, joined))
            else:
                then(shopper.member_id, shopper.name)

        self.push(IdentifyScreen(self.ctx, identified))

    def end_session(self) -> None:
        """The shopper finished or walked away: forget them, back to attract."""
        self.still_there.hide()
        self.ctx.wipe()
        self.banner.dismiss()
        self.reset_to([self.attract])

    # -- devices ---------------------------------------------------------------------------------
    def device_status(self, name: str, status: str, detail: str) -> None:
        if name not in self.needed_devices and name != "devices":
            return
        if status in ("error", "disconnected"):
            self.broken[name] = detail
        else:
            self.broken.pop(name, None)
        self._show_top()

    # -- staff -----------------------------------------------------------------------------------
    def corner_tapped(self) -> None:
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < STAFF_TAP_WINDOW_S] + [now]
        if len(self._taps) >= STAFF_TAPS:
            self._taps.clear()
            self.ask_staff_pin()

    def ask_staff_pin(self) -> PinDialog:
        kiosk = self.ctx.kiosk

        def approve(pin, on_done, on_error):  # type: ignore[no-untyped-def]
            self.ctx.run(lambda: authorize_exit(kiosk, pin), on_done, on_error)

        dialog = PinDialog(approve, "kiosk_staff", parent=self)
        dialog.approved.connect(self.open_staff)
        dialog.open()
        self.pin_dialog = dialog
        return dialog

    def open_staff(self, manager_name: str) -> None:
        self.ctx.wipe()
        self.staff.manager = manager_name
        self.reset_to([self.attract, self.staff])

    def resume_from_staff(self) -> None:
        self.reset_to([self.attract])

    def leave(self) -> None:
        self.may_close = True
        self.leave_requested.emit()

    # -- no way out for shoppers -----------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.may_close:
            event.accept()
        else:
            event.ignore()  # Alt+F4, a window manager's close: the kiosk stays

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4):
            event.accept()  # swallowed: Escape does not leave a screen or the window
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self.still_there.isVisible():
            self.still_there.setGeometry(self.rect())
        super().resizeEvent(event)

    def retranslate(self) -> None:
        kiosk = self.ctx.kiosk
        self.store.setText(kiosk.store_name_en if is_english() and kiosk.store_name_en
                           else kiosk.store_name)
        self.language.setText("中文" if is_english() else "English")
        self.still_there.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def shutdown(self) -> None:
        self.idle.shutdown()
        from ui.kiosk.face_checkin import FaceCheckIn

        for checkin in self.findChildren(FaceCheckIn):  # no recognition thread outlives us
            checkin.stop()
        self.ctx.offers.stop()  # type: ignore[attr-defined]
