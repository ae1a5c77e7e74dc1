"""The till's refusals (no terminal, no cashier, no shift) carry codes the window translates."""

from __future__ import annotations

import pytest

from app.errors import NotFound
from app.till import Till


def test_an_unknown_terminal_is_named_in_the_error(world):
    with pytest.raises(NotFound) as info:
        Till.open("NOPE-T9")
    assert (info.value.code, info.value.params) == ("till.unknown_terminal",
                                                    {"terminal": "NOPE-T9"})
    assert info.value.message == "terminal “NOPE-T9” is not registered"


def test_a_till_without_cashier_or_shift_says_which_is_missing(world):
    till = Till.open(world.terminal_a.code)
    with pytest.raises(NotFound) as no_cashier:
        till.open_shift(0)
    assert no_cashier.value.code == "till.no_cashier"
    with pytest.raises(NotFound) as no_shift:
        till.x_report()
    assert no_shift.value.code == "till.no_shift"
