"""A payment card swiped at the till is never stored, logged, journalled or queued as a
message: after a full sale with a swipe, nothing on disk or in the logs holds its track data or
any Luhn-valid card number."""

from __future__ import annotations

import logging
import re

PAN = "4111111111111111"
SWIPE = f"%B{PAN}^DOE/JOHN^30121010000000000000?;{PAN}=30121010000000000000?"
TRACK = re.compile(r"%B\d{12,19}\^|;\d{12,19}=|\^DOE/JOHN\^")
DIGITS = re.compile(rb"(?<!\d)\d{15,19}(?!\d)")


def luhn_ok(number: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(number)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def test_swiped_payment_card_leaves_no_trace(make_role, qtbot, caplog, tmp_path, seeded_url):
    from app.db import database
    from app.models import ALL_MODELS, OutboxMessage

    caplog.set_level(logging.DEBUG)
    role = make_role()
    role.rig.swipe(";880000000001?")  # the member, so the sale writes ledger and outbox rows
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    role.rig.scan("6901939621608")
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    role.rig.swipe(SWIPE)  # the customer swipes a bank card at the till
    qtbot.waitUntil(lambda: "card" in role.window.banner.text.text().lower(), timeout=5000)
    assert PAN not in role.window.banner.text.text()
    done = []
    from app.checkout import Tender

    role.session.pay([Tender("cash", 1000)], done.append, lambda exc: done.append(exc))
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert not isinstance(done[0], BaseException), done[0]
    assert OutboxMessage.select().count() >= 1

    # every row of every table, as text
    rows = "\n".join(str(list(r)) for model in ALL_MODELS for r in model.select().tuples())
    assert "880000000001" in rows  # the dump does see card numbers: the member's is there
    assert PAN not in rows and not TRACK.search(rows)
    for match in DIGITS.findall(rows.encode()):
        assert not luhn_ok(match.decode()), f"Luhn-valid number {match!r} in the database"
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    # every file the till wrote: the database (and WAL), the cart journal, the print spool
    db_path = seeded_url.removeprefix("sqlite:///")
    files = [p for p in tmp_path.rglob("*") if p.is_file()] + [
        p for p in [__import__("pathlib").Path(db_path)] if p.exists()]
    assert any("state" in p.parts for p in files)  # the cart journal was written
    for path in files:
        data = path.read_bytes()
        assert PAN.encode() not in data, path
        if ".db" in path.name:
            continue  # binary pages: fields sit side by side; the row dump above covers them
        for match in DIGITS.findall(data):
            assert not luhn_ok(match.decode()), f"Luhn-valid number {match!r} in {path}"
    logged = caplog.text + "\n".join(repr(r.args) for r in caplog.records)
    assert PAN not in logged and not TRACK.search(logged)


TYPED_PAN = "4000056655665556"  # Luhn-valid, not the swiped one


def _no_luhn_number(text: str, where: str) -> None:
    for match in DIGITS.findall(text.encode()):
        assert not luhn_ok(match.decode()), f"Luhn-valid number {match!r} in {where}"


def test_card_number_typed_or_scanned_never_shows_unmasked(make_role, qtbot, caplog):
    """A bank card number scanned as a barcode (a reader without track sentinels types it like
    a scanner), typed into member search, or typed as a code: the banner, the dialog, the logs
    and the database hold at most its last four digits."""
    from app.models import ALL_MODELS

    caplog.set_level(logging.DEBUG)
    role = make_role()
    w = role.window
    shown: list[str] = []
    role.session.notice.connect(lambda _level, text: shown.append(text))

    role.rig.scan(TYPED_PAN)  # "Barcode … has 16 digits"
    qtbot.waitUntil(lambda: "5556" in w.banner.text.text(), timeout=5000)
    shown.append(w.banner.text.text())

    role.rig.scan(f"{TYPED_PAN[:4]} {TYPED_PAN[4:8]} {TYPED_PAN[8:12]} {TYPED_PAN[12:]}")
    qtbot.waitUntil(lambda: w.banner.text.text() != shown[-1], timeout=5000)
    shown.append(w.banner.text.text())

    w.flows.identify()  # member search
    dialog = w.flows.dialog
    for typed in (TYPED_PAN, f"{TYPED_PAN[:8]} {TYPED_PAN[8:]}", f"PM1.k1.{TYPED_PAN}.X"):
        dialog.edit.setText(typed)
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.error.isVisible() and bool(dialog.error.text()),
                        timeout=5000)
        shown.append(dialog.error.text())
        dialog.clear_error()

    assert all("5556" in text for text in shown[:4]), shown  # the cashier still sees which card
    everything = "\n".join(shown)
    compact = everything.replace(" ", "")
    assert TYPED_PAN not in compact, everything
    _no_luhn_number(compact, "the banner or dialog")

    logged = caplog.text + "\n".join(repr(r.args) for r in caplog.records)
    assert TYPED_PAN not in logged.replace(" ", "")
    _no_luhn_number(logged.replace(" ", ""), "the logs")
    rows = "\n".join(str(list(r)) for model in ALL_MODELS for r in model.select().tuples())
    assert TYPED_PAN not in rows.replace(" ", "")


def test_an_unexpected_error_holding_a_card_number_is_masked_on_screen(make_role, qtbot):
    role = make_role()
    w = role.window
    role.session._fail(RuntimeError(f"lookup of {TYPED_PAN} failed"))  # not a domain error
    assert "••••5556" in w.banner.text.text() and TYPED_PAN not in w.banner.text.text()
    role.session._fail(RuntimeError("x" * 150 + TYPED_PAN))  # where the message is cut short
    assert "••••5556" in w.banner.text.text() and TYPED_PAN[:10] not in w.banner.text.text()
    w.flows.identify()
    w.flows.dialog.show_error(KeyError(TYPED_PAN))
    assert "••••5556" in w.flows.dialog.error.text()
    assert TYPED_PAN not in w.flows.dialog.error.text()
