"""A till in its own process, for the crash test: opens the cashier window on a database,
signs in, opens a shift, rings up the codes given, prints ``CART <lines> <client_uuid>`` once
the cart is journalled, then keeps running until it is killed.

    python tests/ui/till_process.py DB_PATH STATE_DIR CODE [CODE ...]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(argv: list[str]) -> int:
    db_path, state_dir, *codes = argv
    from PySide6.QtCore import QTimer

    from app.config import TerminalConfig
    from app.db import bind
    from ui.app import make_application
    from ui.cashier.role import CashierRole

    bind(db_path)
    qapp = make_application("en")
    cfg = TerminalConfig(role="cashier", terminal="MA-T1", language="en")
    role = CashierRole(cfg, state_dir=Path(state_dir))
    session, flows = role.session, role.window.flows
    step = {"n": 0}

    def tick() -> None:
        dialog = flows.dialog
        name = dialog.objectName() if dialog is not None and dialog.isVisible() else ""
        if name == "signInDialog" and not dialog.busy:
            dialog.code.setText("c1")
            dialog.pin.setText("1111")
            dialog.submit()
        elif name == "openShiftDialog" and not dialog.busy:
            dialog.amount.setText("100")
            dialog.submit()
        elif session.cashier is not None and session.shift is not None and not name:
            if step["n"] < len(codes) and not role.runner.pending:
                code = codes[step["n"]]
                step["n"] += 1
                line = role.window.entry.line  # typed, as at a till without a scanner
                line.setText(code)
                role.window.entry.submit()
            elif step["n"] == len(codes) and not role.runner.pending and role.journal.flush():
                sys.stdout.write(f"CART {len(session.cart.lines)} {session.cart.client_uuid}\n")
                sys.stdout.flush()
                step["n"] += 1
        QTimer.singleShot(20, tick)

    role.show()
    QTimer.singleShot(20, tick)
    return qapp.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
