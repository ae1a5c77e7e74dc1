"""The guide-mode window: sign in with staff code and PIN, then a scan field (the scanner
types into it through the device hub, or the guide types a label's code), what the last scan
did, the guide's own figures and their merchant's guides' board.

Every domain call runs on the operation runner's worker; the window only shows answers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import Conflict
from app.pointcodes import guide_desk
from app.pointcodes.guide_desk import Board, Guide
from app.pointcodes.scans import Marked
from ui.backoffice.table import Column, RowsModel, RowsView
from ui.errors import user_message
from ui.ops import OpRunner
from ui.widgets.banner import Banner
from ui.widgets.centred_form import centred_form
from ui.widgets.i18n import translate


class GuideWindow(QMainWindow):
    language_requested = Signal()
    result_shown = Signal(str, str)  # level (ok | refused), text: the last scan's outcome

    def __init__(self, runner: OpRunner, hub: QObject | None = None,
                 terminal_id: int | None = None, place: str = "") -> None:
        super().__init__()
        self.setObjectName("guideWindow")
        self.setMinimumSize(800, 560)
        self.runner = runner
        self.terminal_id = terminal_id
        self.place = place
        self.guide: Guide | None = None
        self.board: Board | None = None
        self.last: tuple[str, str] | None = None  # the last scan's level and text
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._build_sign_in()
        self._build_main()
        if hub is not None and hasattr(hub, "scanned"):
            hub.scanned.connect(self.scanned)
        self.retranslate()

    # -- building -------------------------------------------------------------------------
    def _build_sign_in(self) -> None:
        page = QWidget(objectName="guideSignIn")
        self.sign_in_title = QLabel(objectName="pageHeading")
        self.code = QLineEdit(objectName="staffCode")
        self.pin = QLineEdit(objectName="staffPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.code.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit_sign_in)
        self.sign_in_error = QLabel(objectName="signInError")
        self.sign_in_error.setWordWrap(True)
        self.sign_in_error.hide()
        self.sign_in_button = QPushButton(objectName="signInButton")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit_sign_in)
        self.code_label, self.pin_label = QLabel(), QLabel()
        centred_form(page, self.sign_in_title,
                     [(self.code_label, self.code), (self.pin_label, self.pin)],
                     self.sign_in_error, self.sign_in_button)
        self.sign_in_page = page
        self.stack.addWidget(page)

    def _build_main(self) -> None:
        page = QWidget(objectName="guideMain")
        self.who = QLabel(objectName="signedInAs")
        self.language = QPushButton(objectName="languageButton")
        self.language.clicked.connect(self.language_requested)
        self.sign_out_button = QPushButton(objectName="signOutButton")
        self.sign_out_button.clicked.connect(self.sign_out)
        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(self.language)
        top.addWidget(self.sign_out_button)
        self.banner = Banner()
        self.scan_label = QLabel(objectName="scanLabel")
        self.scan_field = QLineEdit(objectName="scanField")
        self.scan_field.setMaxLength(64)
        self.scan_field.returnPressed.connect(self.submit_typed)
        self.mark_button = QPushButton(objectName="markButton")
        self.mark_button.clicked.connect(self.submit_typed)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label)
        scan_row.addWidget(self.scan_field, 1)
        scan_row.addWidget(self.mark_button)
        self.result = QLabel(objectName="scanResult")
        self.result.setWordWrap(True)
        self.result.setMinimumHeight(64)
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.result.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.result.setFont(font)
        self.figures = QLabel(objectName="guideFigures")
        self.figures.setWordWrap(True)
        ffont = self.figures.font()
        ffont.setPointSizeF(ffont.pointSizeF() * 1.2)
        ffont.setBold(True)
        self.figures.setFont(ffont)
        self.board_heading = QLabel(objectName="boardHeading")
        self.board_model = RowsModel([
            Column(lambda: translate("GuideWindow", "Rank"), lambda r: self.board_model.rows.index(r) + 1),
            Column(lambda: translate("GuideWindow", "Guide"), lambda r: r.name, stretch=True),
            Column(lambda: translate("GuideWindow", "Units marked"), lambda r: r.marked),
            Column(lambda: translate("GuideWindow", "Units redeemed"), lambda r: r.redeemed),
            Column(lambda: translate("GuideWindow", "Linked points"), lambda r: r.linked_points),
        ], self)
        self.board_view = RowsView(self.board_model, "guideBoard")
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(scan_row)
        layout.addWidget(self.result)
        layout.addWidget(self.figures)
        layout.addWidget(self.board_heading)
        layout.addWidget(self.board_view, 1)
        self.main_page = page
        self.stack.addWidget(page)

    # -- signing in and out ---------------------------------------------------------------
    def submit_sign_in(self) -> None:
        code, pin = self.code.text().strip(), self.pin.text()
        if not code or not pin:
            self._refused(translate("GuideWindow", "Enter your staff code and PIN."))
            return
        self.sign_in_button.setEnabled(False)
        self.runner.submit(lambda: guide_desk.sign_in(code, pin), self._signed_in,
                           lambda exc: self._refused(user_message(exc)))

    def _signed_in(self, guide: Guide) -> None:
        self.guide = guide
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self.sign_in_error.hide()
        self.last = None
        self.result.clear()
        self.stack.setCurrentWidget(self.main_page)
        self.scan_field.setFocus()
        self.retranslate()
        self.refresh_board()

    def _refused(self, text: str) -> None:
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self.sign_in_error.setText(text)
        self.sign_in_error.show()

    def sign_out(self) -> None:
        self.guide = None
        self.board = None
        self.last = None
        self.result.clear()
        self.board_model.set_rows([])
        self.scan_field.clear()
        self.stack.setCurrentWidget(self.sign_in_page)
        self.code.setFocus()

    # -- scanning -------------------------------------------------------------------------
    def scanned(self, text: str) -> None:
        """A scan from the device hub (ignored while nobody is signed in)."""
        if self.guide is not None:
            self.mark(text)

    def submit_typed(self) -> None:
        text = self.scan_field.text().strip()
        if text and self.guide is not None:
            self.mark(text)

    def mark(self, text: str) -> None:
        guide, terminal = self.guide, self.terminal_id
        assert guide is not None
        self.scan_field.clear()
        self.runner.submit(lambda: guide_desk.mark(guide, text, terminal), self._marked,
                           self._mark_refused)

    def _marked(self, marked: Marked) -> None:
        self._show_result("ok", translate("GuideWindow", "Marked as sold by you: {0}").format(marked.product_name))
        self.refresh_board()

    def _mark_refused(self, exc: BaseException) -> None:
        if isinstance(exc, Conflict) and exc.code == "pointcode.marked_by_other":
            text = translate("GuideWindow", "Not marked: {0} already marked this unit on {1}.").format(
                exc.params.get("guide", ""), exc.params.get("at", ""))
        else:
            text = user_message(exc)
        self._show_result("refused", text)

    def _show_result(self, level: str, text: str) -> None:
        self.last = (level, text)
        self.result.setText(text)
        self.result.setStyleSheet("color: #1b5e20;" if level == "ok" else "color: #b71c1c;")
        self.result_shown.emit(level, text)

    def refresh_board(self) -> None:
        guide = self.guide
        if guide is not None:
            self.runner.submit(lambda: guide_desk.board(guide), self._show_board,
                               lambda exc: self.banner.show_message("error", user_message(exc)))

    def _show_board(self, board: Board) -> None:
        if self.guide is None:
            return  # signed out meanwhile
        self.board = board
        self.board_model.set_rows(board.rows)
        self._figures()

    def _figures(self) -> None:
        b = self.board
        self.figures.setText("" if b is None else translate("GuideWindow",
            "Your points: {0}    Units you marked: {1}    of them redeemed: {2}").format(
            b.balance, b.marked, b.redeemed))

    # -- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(translate("GuideWindow", "Patron — shopping guide"))
        self.sign_in_title.setText(translate("GuideWindow", "Shopping guide sign-in"))
        self.code_label.setText(translate("GuideWindow", "Staff code"))
        self.pin_label.setText(translate("GuideWindow", "PIN"))
        self.sign_in_button.setText(translate("GuideWindow", "Sign in"))
        g = self.guide
        self.who.setText("" if g is None else translate("GuideWindow", "{0} ({1})").format(g.name, g.code) + (
            f" · {self.place}" if self.place else ""))
        self.language.setText(translate("GuideWindow", "中文 / English"))
        self.sign_out_button.setText(translate("GuideWindow", "Sign out"))
        self.scan_label.setText(translate("GuideWindow", "Scan or type a unit's point code:"))
        self.scan_field.setPlaceholderText(translate("GuideWindow", "e.g. P72M-K4Q8-R9XH-3KD2-WQAN"))
        self.mark_button.setText(translate("GuideWindow", "Mark as sold by me"))
        self.board_heading.setText(translate("GuideWindow", "Guides' board"))
        self.board_model.retranslate()
        self._figures()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

