"""GTIN normalisation, check digits, UPC-E expansion and control-character stripping."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.barcode.decode import clean_text
from hardware.barcode.symbology import (
    clean_gs1,
    gtin_check_digit,
    is_valid_gtin,
    strip_controls,
    to_gtin13,
    upca_to_upce,
    upce_to_upca,
    with_check_digit,
)

digits = st.text(alphabet="0123456789", min_size=1, max_size=20)
body12 = st.text(alphabet="0123456789", min_size=12, max_size=12)
body11 = st.text(alphabet="0123456789", min_size=11, max_size=11)
body7 = st.text(alphabet="0123456789", min_size=7, max_size=7)
upce_body = st.tuples(st.sampled_from("01"), st.text(alphabet="0123456789", min_size=6, max_size=6))


def test_manifest_is_there(testdata: Path) -> None:
    rows = (testdata / "barcodes" / "MANIFEST.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 27  # header + 26 images


@pytest.mark.parametrize(
    ("code", "symbology", "gtin13"),
    [
        ("9789876543217", "EAN13", "9789876543217"),
        ("987654321012", "UPCA", "0987654321012"),
        ("0987654321012", "UPCA", "0987654321012"),
        ("01234565", "UPCE", "0012345000065"),
        ("0012345000065", "UPCE", "0012345000065"),
        ("05096893", "UPCE", "0050968000093"),
        ("98765430", "EAN8", "0000098765430"),
        ("98765430", None, "0000098765430"),
        ("00614141999996", None, "0614141999996"),
        ("9789876543218", "EAN13", None),  # wrong check digit
        ("01234566", "UPCE", None),
        ("98765431", "EAN8", None),
        ("9789876543217", "UPCA", None),  # a UPC-A as GTIN-13 starts with 0
        ("21234565", "UPCE", None),  # number system 2 does not exist in UPC-E
        ("97898765432", "EAN13", None),
        ("97898a6543217", "EAN13", None),
        ("", "EAN13", None),
    ],
)
def test_to_gtin13_examples(code: str, symbology: str | None, gtin13: str | None) -> None:
    assert to_gtin13(code, symbology) == gtin13


@given(body12)
def test_check_digit_makes_a_valid_gtin13(body: str) -> None:
    code = with_check_digit(body)
    assert is_valid_gtin(code)
    assert to_gtin13(code, "EAN13") == code


@given(body12, st.integers(0, 12), st.integers(1, 9))
def test_any_single_digit_error_is_detected(body: str, pos: int, delta: int) -> None:
    code = with_check_digit(body)
    wrong = code[:pos] + str((int(code[pos]) + delta) % 10) + code[pos + 1 :]
    assert not is_valid_gtin(wrong)
    assert to_gtin13(wrong, "EAN13") is None


@given(body11)
def test_upca_is_gtin13_with_a_leading_zero(body: str) -> None:
    upca = with_check_digit(body)
    assert to_gtin13(upca, "UPCA") == "0" + upca
    assert to_gtin13(upca) == "0" + upca


@given(body7)
def test_ean8_is_zero_padded(body: str) -> None:
    ean8 = with_check_digit(body)
    assert to_gtin13(ean8, "EAN8") == "00000" + ean8
    assert is_valid_gtin("00000" + ean8)


@given(upce_body)
def test_upce_expansion_is_valid_and_reversible(parts: tuple[str, str]) -> None:
    ns, six = parts
    upca = upce_to_upca(ns + six)  # 7 digits: check digit computed
    assert upca is not None and len(upca) == 12 and is_valid_gtin(upca)
    upce = ns + six + upca[-1]
    assert upce_to_upca(upce) == upca
    assert to_gtin13(upce, "UPCE") == "0" + upca
    # Several UPC-E forms may expand to one UPC-A; compressing picks one of them.
    back = upca_to_upce(upca)
    assert back is not None and upce_to_upca(back) == upca
    wrong = upce[:-1] + str((int(upce[-1]) + 1) % 10)
    assert upce_to_upca(wrong) is None
    assert to_gtin13(wrong, "UPCE") is None


@given(digits, st.sampled_from(["EAN13", "EAN8", "UPCA", "UPCE", None]))
def test_normaliser_returns_a_valid_gtin13_or_nothing(code: str, symbology: str | None) -> None:
    out = to_gtin13(code, symbology)
    assert out is None or (len(out) == 13 and is_valid_gtin(out))


@given(st.text())
def test_normaliser_never_raises(text: str) -> None:
    for sym in ("EAN13", "EAN8", "UPCA", "UPCE", None):
        to_gtin13(text, sym)


def test_check_digit_rejects_non_digits() -> None:
    with pytest.raises(ValueError):
        gtin_check_digit("12a")
    with pytest.raises(ValueError):
        gtin_check_digit("")
    assert gtin_check_digit("590123412345") == 7


def _is_control(ch: str) -> bool:
    return ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F


@given(st.text())
def test_strip_controls_removes_exactly_the_controls(text: str) -> None:
    out = strip_controls(text)
    assert not any(_is_control(c) for c in out)
    assert out == "".join(c for c in text if not _is_control(c))


@given(st.text(), st.sampled_from(["\x1d", "\n", "\x1d\n"]))
def test_strip_controls_keeps_what_it_is_told(text: str, keep: str) -> None:
    out = strip_controls(text, keep=keep)
    assert out == "".join(c for c in text if not _is_control(c) or c in keep)


@given(
    st.lists(st.text(alphabet="0123456789ABCDEF", min_size=1, max_size=8), min_size=1, max_size=4)
)
def test_gs1_keeps_inner_separators_only(fields: list[str]) -> None:
    raw = "\x1d" + "\x1d".join(fields) + "\x1d\r\n"
    assert clean_gs1(raw) == "\x1d".join(fields)


def test_clean_text_per_symbology() -> None:
    assert clean_text("0987654321012", "EAN13", gs1=False) == "0987654321012"
    assert clean_text("0987654321013", "EAN13", gs1=False) is None
    assert clean_text("PTN:\x00abc\x07\n", "QR", gs1=False) == "PTN:abc"
    assert (
        clean_text("10ABC\x1d0109501101530003", "GS1_128", gs1=True) == "10ABC\x1d0109501101530003"
    )
    assert clean_text("\x01\x02", "CODE128", gs1=False) is None
    assert clean_text("今度の 測試", "QR", gs1=False) == "今度の 測試"
