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
