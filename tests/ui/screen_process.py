"""The till opened on a screen of a given size, in its own process (the offscreen platform's
screen is fixed per process): signs in, rings up two lines and a member, then prints one JSON
line describing where the window and its widgets landed, and exits.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json \\
        python tests/ui/screen_process.py DB_URL STATE_DIR LANGUAGE [fullscreen] [quit]

With ``quit`` it calls ``QApplication.quit()`` while the sign-in dialog is open instead, and
exits with the event loop's code (3 when the quit was refused and had to be forced); its own
process because an application that has quit does not run its event loop properly again.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# two lines, then a code the catalogue does not know: the notice bar shows its warning
CODES = ["6901939621608", "6921168509256", "6900000000001"]


def describe(role) -> dict:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontInfo
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

    w = role.window
    screen = w.screen().availableGeometry()
    frame = w.frameGeometry()
    outside = []
    for widget in w.findChildren(QAbstractButton) + w.findChildren(QLineEdit) \
            + w.findChildren(QLabel):
        if not widget.isVisibleTo(w) or widget.window() is not w:
            continue
        rect = widget.rect().translated(widget.mapToGlobal(widget.rect().topLeft()))
        if not screen.contains(rect):
            outside.append(widget.objectName() or type(widget).__name__)
    tiles = w.categories.product_list
    rows = -(-tiles.count() // max(1, tiles.viewport().width() // tiles.gridSize().width()))
    return {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "fullscreen": w.isFullScreen(),
        "outside": outside,
        "font_px": {
            "member_details": QFontInfo(w.member.details.font()).pixelSize(),
            "cart": QFontInfo(w.cart.view.font()).pixelSize(),
            "top_button": QFontInfo(w.top.buttons["history"].font()).pixelSize(),
            "status": QFontInfo(w.status.db.font()).pixelSize(),
        },
        "pay_height": w.totals.pay_button.height(),
        "row_height": w.cart.view.verticalHeader().defaultSectionSize(),
        "tiles": [tiles.count(), tiles.gridSize().width(), tiles.gridSize().height(), tiles.viewport().width(), tiles.viewport().height()],
        "tiles_filled": rows * tiles.gridSize().height() / max(1, tiles.viewport().height()),
        "banner": [w.banner.isVisible(), w.banner.height()],
        "cart_rows_visible": w.cart.view.viewport().height()
        / w.cart.view.verticalHeader().defaultSectionSize(),
        "remove_member": [w.member.remove_button.width(), w.member.remove_button.height()],
    }


def main(argv: list[str]) -> int:
    url, state_dir, language, *flags = argv
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    from app.config import SIMULATED_DEVICES, TerminalConfig
    from app.db import bind
    from ui.app import make_application
    from ui.cashier.role import CashierRole

    bind(url)
    qapp = make_application(language)
    cfg = TerminalConfig(role="cashier", terminal="MA-T1", language=language,
                         fullscreen="fullscreen" in flags,
                         devices={k: dict(v) for k, v in SIMULATED_DEVICES.items()})
    cfg.devices["printer"] = {"kind": "capture", "paper_mm": 80}
    role = CashierRole(cfg, state_dir=Path(state_dir))
    session, flows = role.session, role.window.flows
    step = {"n": 0, "settle": 0}

    def refused() -> None:
        sys.stdout.write("REFUSED\n")
        sys.stdout.flush()
        qapp.exit(3)

    def tick() -> None:
        dialog = flows.dialog
        name = dialog.objectName() if dialog is not None and dialog.isVisible() else ""
        if name == "signInDialog" and "quit" in flags:
            QTimer.singleShot(10000, refused)
            qapp.quit()
            return
        if name == "signInDialog" and not dialog.busy:
            dialog.code.setText("c1")
            dialog.pin.setText("1111")
            dialog.submit()
        elif name == "openShiftDialog" and not dialog.busy:
            dialog.amount.setText("100")
            dialog.submit()
        elif session.cashier is not None and session.shift is not None and not name \
                and not role.runner.pending:
            if step["n"] < len(CODES):
                session.handle_scan(CODES[step["n"]])
                step["n"] += 1
            elif session.member is None:
                session.handle_card(type("C", (), {"kind": "member",
                                                   "number": "880000000001"})())
            elif role.window.categories.product_list.count() and step["settle"] < 5:
                step["settle"] += 1  # a few turns for the layout to take the last change
                QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            elif step["settle"] >= 5:
                sys.stdout.write(json.dumps(describe(role)) + "\n")
                sys.stdout.flush()
                role.shutdown()
                qapp.exit(0)
                return
        QTimer.singleShot(20, tick)

    role.show()
    QTimer.singleShot(20, tick)
    return qapp.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
