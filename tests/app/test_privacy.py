"""Payment-card numbers never reach a message or a log line."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.errors import NotFound, ValidationError
from app.privacy import (
    CardNumberFilter,
    _gs1_check_ok,
    install_log_masking,
    luhn_ok,
    mask_card_numbers,
)

PAN = "4000056655665556"
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, masked", [
    (PAN, "••••5556"),
    (f"barcode “{PAN}” has 16 digits", "barcode “••••5556” has 16 digits"),
    ("4000 0566 5566 5556", "••••5556"),
    ("4000-0566-5566-5556.", "••••5556."),
    ("card 378282246310005 (amex)", "card ••••0005 (amex)"),  # 15 digits
    ("6011111111111117x", "••••1117x"),
    (f"barcode {PAN} has 16 digits", "barcode ••••5556 has 16 digits"),
    (f"qty 2 {PAN} 1", "qty 2 ••••5556 1"),
    (f"{PAN}/{PAN}", "••••5556/••••5556"),
])
def test_card_numbers_are_masked_to_the_last_four(text, masked):
    assert mask_card_numbers(text) == masked


@pytest.mark.parametrize("text", [
    "4000056655665557",  # fails Luhn
    "member 880000000001",  # 12 digits: member card numbers stay readable
    "6901939621608",  # an EAN-13 that fails Luhn
    "unknown barcode 6901234567892",  # an EAN-13 that passes Luhn: still a barcode to show
    "receipt MA-S1-20260101-0001",
    "40000566556655560000",  # 20 digits: longer than any PAN
    "no digits at all",
])
def test_what_is_not_a_card_number_stays(text):
    assert mask_card_numbers(text) == text


def _luhn_complete(body: str) -> str:
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


_NO_DIGITS = st.text(st.characters(blacklist_categories=["Nd"]), max_size=20)


@given(body=st.text("0123456789", min_size=12, max_size=18), before=_NO_DIGITS,
       after=_NO_DIGITS, numbers=st.lists(st.integers(0, 99), max_size=3))
def test_any_card_number_in_any_text_is_masked(body, before, after, numbers):
    pan = _luhn_complete(body)
    assume(not (len(pan) <= 14 and _gs1_check_ok(pan)))  # a retail barcode, shown in full
    spaced = " ".join(pan[k:k + 4] for k in range(0, len(pan), 4))
    for shown in (pan, spaced):
        text = f"{before} {shown} {' '.join(map(str, numbers))} {after}"
        masked = mask_card_numbers(text)
        assert pan not in masked.replace(" ", "").replace("-", ""), masked
        assert "••••" in masked


def test_error_params_and_legacy_messages_are_masked():
    assert ValidationError("x.y", "card {number} refused", number=PAN).message == \
        "card ••••5556 refused"
    assert NotFound(f"no member or card “{PAN}”").message == "no member or card “••••5556”"


@pytest.fixture
def restore_logging():
    factory = logging.getLogRecordFactory()
    root = logging.getLogger()
    filters = list(root.filters)
    yield
    logging.setLogRecordFactory(factory)
    root.filters[:] = filters
    for handler in root.handlers:
        handler.filters[:] = [f for f in handler.filters if not isinstance(f, CardNumberFilter)]


def test_installed_masking_covers_loggers_and_handlers_made_later(restore_logging, caplog):
    install_log_masking()
    install_log_masking()  # twice is once
    caplog.set_level(logging.DEBUG)  # caplog's handler is added after the install
    log = logging.getLogger("patron.test.later")
    log.debug("scanned %s", PAN)
    log.info(f"typed {PAN[:8]} {PAN[8:]}")
    try:
        raise RuntimeError(f"lookup of {PAN} failed")
    except RuntimeError:
        log.exception("operation failed")
    log.warning("stack", stack_info=True, extra={"note": "x"})
    text = caplog.text
    assert text.count("••••5556") == 3 and PAN not in text.replace(" ", "")
    factory = logging.getLogRecordFactory()
    assert getattr(factory, "masks_card_numbers", False)
    assert factory.__closure__ is not None  # one wrapper, not two
    inner = factory.__closure__[0].cell_contents
    assert not getattr(inner, "masks_card_numbers", False)


def test_database_query_logs_are_masked_without_any_install(caplog):
    """peewee logs every query's parameters at DEBUG; a card number typed into a search is one."""
    caplog.set_level(logging.DEBUG, logger="peewee")
    logging.getLogger("peewee").debug(("SELECT 1 WHERE number = ?", [PAN, 1]))
    assert "••••5556" in caplog.text and PAN not in caplog.text


def test_main_installs_the_masking_for_every_logger():
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    script = ("import logging, main; main.main(['--role', 'cashier']); "
              f"logging.getLogger('hardware.wedge').warning('read %s', '{PAN}')")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert "read ••••5556" in result.stderr and PAN not in result.stderr, result.stderr
