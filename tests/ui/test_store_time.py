"""The cashier window shows the store's time, the time its receipts print (issue 12): the
status-bar clock and the sales history read Shanghai time on a machine whose clock zone is
UTC, not the machine's own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QLabel

from app.clock import store_time_text, utcnow

SHANGHAI = "Asia/Shanghai"


def _shanghai_minutes(at: datetime) -> set[str]:
    """The store's wall clock at ``at`` and a minute either side (the clock may tick between)."""
    return {store_time_text(at + timedelta(minutes=d), SHANGHAI, "%Y-%m-%d %H:%M")
            for d in (-1, 0, 1)}


def test_status_bar_clock_and_history_show_the_store_time(make_role, qtbot):
    role = make_role()
    w = role.window
    [clock] = [label for label in w.findChildren(QLabel) if label.objectName() == "clock"]
    now = utcnow()
    machine = datetime.now().strftime("%Y-%m-%d %H:%M")
    qtbot.waitUntil(lambda: clock.text() in _shanghai_minutes(now), timeout=5000)
    if datetime.now(UTC).astimezone().utcoffset() != timedelta(hours=8):
        assert clock.text() != machine  # the machine's zone differs: it is not what shows

    role.rig.scan("6901939621608")
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    w.flows.pay()
    pay = w.flows.dialog
    pay.cash_edit.setText("5")
    paid = []
    pay.paid.connect(paid.append)
    pay.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    w.flows.history()
    history = w.flows.dialog
    qtbot.waitUntil(lambda: history.table.rowCount() == 1, timeout=5000)
    shown = history.table.item(0, 1).text()
    assert shown in {m[11:] for m in _shanghai_minutes(now)}, shown
