"""Whatever a scanner, camera or keyboard sends, the parsers answer with a domain error —
never a TypeError or ValueError that would reach the cashier as "unexpected error"."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.barcodes import normalize_gtin, parse_barcode
from app.errors import PatronError, ValidationError

# Digits that str.isdigit() accepts but labels never carry: superscripts, Arabic-Indic,
# full-width, plus what a wedge may type around a code.
ODD_DIGITS = st.text(st.sampled_from("0123456789²³¹١٢٣０１２３８ \t.-PM"), max_size=20)
ANY_TEXT = st.text(max_size=60) | ODD_DIGITS


@pytest.mark.parametrize("raw", ["²²²²²²²²", "٦٩٠١٩٣٩٦٢١٦٠٨", "６９０１９３９６２１６０８"])
def test_digits_that_are_not_ascii_are_not_a_barcode(raw):
    with pytest.raises(ValidationError, match="characters other than digits"):
        parse_barcode(raw)


@settings(max_examples=300)
@given(raw=ANY_TEXT)
def test_barcode_parsing_raises_only_validation_errors(raw):
    for parse in (normalize_gtin, parse_barcode):
        try:
            parse(raw)
        except ValidationError:
            pass


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ANY_TEXT)
def test_till_scan_and_member_lookup_raise_only_domain_errors(world, text):
    from app.catalogue import Catalogue
    from app.members import identify

    for lookup in (Catalogue(world.store_a).scan, identify):
        try:
            lookup(text)
        except PatronError:
            pass


@pytest.mark.parametrize("text", ["\x00", "880000000001\x00", "PM1.k1.\x00.AAAA", "a\x00b" * 5])
def test_a_nul_character_is_refused_not_sent_to_the_database(world, text):
    from app.catalogue import Catalogue
    from app.members import identify

    catalogue = Catalogue(world.store_a)
    for lookup in (catalogue.scan, catalogue.search, identify):
        with pytest.raises(PatronError):
            lookup(text)


@pytest.mark.parametrize("text", ["\x00", "MA\x00", "x" * 500])
def test_till_entry_points_refuse_control_characters_and_floods(world, text):
    """Staff code, receipt number, member name and card: PostgreSQL raised ValueError on a
    NUL, SQLite stored it."""
    from app.till import Till

    till = Till.open("MA-T1")
    with pytest.raises(ValidationError, match="control characters|too long"):
        till.sign_in(text, "1111")
    till.sign_in("c1", "1111")
    for call in (lambda: till.find_sale(text),
                 lambda: till.register_member("13900000000", text, False),
                 lambda: till.register_member("13900000000", "周敏", False, text)):
        with pytest.raises(ValidationError, match="control characters|too long"):
            call()
