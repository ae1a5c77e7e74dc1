"""The exact ESC/POS bytes a job turns into (written out by hand from the command set)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.printer.escpos_render import render_job
from hardware.printer.job import JobError, validate_job
from hardware.printer.layout import row_lines, text_width, wrap

ESC, GS, FS, LF = b"\x1b", b"\x1d", b"\x1c", b"\n"
INIT = ESC + b"@"
KANJI_ON = FS + b"&"
ALIGN_LEFT, ALIGN_CENTER = ESC + b"a\x00", ESC + b"a\x01"
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
SIZE_2X, SIZE_1X = GS + b"!\x11", GS + b"!\x00"
CUT = ESC + b"d\x06" + GS + b"V\x00"
DRAWER_PIN2 = ESC + b"p\x00\x32\x32"
WELCOME_GB18030 = b"\xbb\xb6\xd3\xad\xb9\xe2\xc1\xd9"  # 欢迎光临
TEA_GB18030 = b"\xb2\xe8"  # 茶
# ¥ from the single-byte font, one column: Kanji mode off, Japanese set (0x5C is ¥), back.
YEN_ONE_COLUMN = FS + b"." + ESC + b"R\x08\x5c" + ESC + b"R\x00" + KANJI_ON


def qr_bytes(data: bytes, size: int, ec: bytes = b"1") -> bytes:
    n = len(data) + 3
    # fmt: off
    return (
        GS + b"(k\x04\x00" + b"1A2\x00"  # model 2
        + GS + b"(k\x03\x00" + b"1C" + bytes([size])  # module size
        + GS + b"(k\x03\x00" + b"1E" + ec  # error correction (M)
        + GS + b"(k" + bytes([n % 256, n // 256]) + b"1P0" + data  # store
        + GS + b"(k\x03\x00" + b"1Q0"  # print
    )
    # fmt: on


def small_job(paper_mm: int) -> dict:
    return {
        "job_id": f"r-{paper_mm}",
        "paper_mm": paper_mm,
        "ops": [
            {"op": "text", "text": "Patron", "align": "center", "bold": True, "double": True},
            {"op": "text", "text": "欢迎光临", "align": "center", "bold": False, "double": False},
            {"op": "row", "left": "茶 Tea", "right": "¥12.50", "bold": False},
            {"op": "row", "left": "Total", "right": "12.50", "bold": True},
            {"op": "rule"},
            {"op": "qr", "data": "PTN:1", "size": 4},
            {"op": "cut"},
            {"op": "drawer"},
        ],
    }


@pytest.mark.parametrize("paper_mm,cols", [(58, 32), (80, 48)])
def test_small_job_exact_bytes(paper_mm: int, cols: int) -> None:
    # fmt: off
    expected = (
        INIT
        + KANJI_ON  # the job holds Chinese text: GB18030 in Chinese mode
        + ALIGN_CENTER + BOLD_ON + SIZE_2X + b"Patron" + LF + SIZE_1X + BOLD_OFF + ALIGN_LEFT
        + ALIGN_CENTER + WELCOME_GB18030 + LF + ALIGN_LEFT
        # "茶 Tea" is 6 columns, "¥12.50" 6: padded to the full width
        + TEA_GB18030 + b" Tea" + b" " * (cols - 12) + YEN_ONE_COLUMN + b"12.50" + LF
        + BOLD_ON + b"Total" + b" " * (cols - 10) + b"12.50" + LF + BOLD_OFF
        + b"-" * cols + LF
        + ALIGN_CENTER + qr_bytes(b"PTN:1", 4) + ALIGN_LEFT
        + CUT
        + DRAWER_PIN2
    )
    # fmt: on
    assert render_job(small_job(paper_mm)) == expected


def test_ascii_job_does_not_switch_to_chinese_mode() -> None:
    job = {
        "job_id": "a",
        "paper_mm": 58,
        "ops": [{"op": "text", "text": "Hi"}, {"op": "feed", "lines": 3}],
    }
    assert render_job(job) == INIT + b"Hi" + LF + ESC + b"d\x03"


def test_printer_paper_overrides_the_job() -> None:
    job = {"job_id": "a", "paper_mm": 80, "ops": [{"op": "rule"}]}
    assert render_job(job, paper_mm=58) == INIT + b"-" * 32 + LF


def test_double_text_wraps_at_half_width() -> None:
    job = {
        "job_id": "d",
        "paper_mm": 58,
        "ops": [{"op": "text", "text": "一二三四五六七八九", "double": True}],
    }
    out = render_job(job)
    nine = "一二三四五六七八九".encode("gb18030")
    assert out == INIT + KANJI_ON + SIZE_2X + nine[:16] + LF + nine[16:] + LF + SIZE_1X


def test_barcodes() -> None:
    job = {
        "job_id": "b",
        "paper_mm": 80,
        "ops": [
            {"op": "barcode", "data": "590123412345", "symbology": "EAN13"},
            {"op": "barcode", "data": "R-1", "symbology": "CODE128"},
        ],
    }
    setup = GS + b"hP" + GS + b"w\x03" + GS + b"f\x00" + GS + b"H\x02"
    # fmt: off
    assert render_job(job) == (
        INIT
        + ALIGN_CENTER + setup + GS + b"k\x02" + b"5901234123457" + b"\x00" + ALIGN_LEFT
        + ALIGN_CENTER + setup + GS + b"kI\x05" + b"{BR-1" + ALIGN_LEFT
    )
    # fmt: on


def test_partial_cut_and_pin5() -> None:
    job = {"job_id": "c", "ops": [{"op": "cut", "partial": True}, {"op": "drawer", "pin": 5}]}
    assert render_job(job) == INIT + ESC + b"d\x06" + GS + b"V\x01" + ESC + b"p\x01\x32\x32"


@pytest.mark.parametrize(
    "job",
    [
        {"paper_mm": 80, "ops": []},
        {"job_id": "x", "paper_mm": 76, "ops": []},
        {"job_id": "x", "ops": [{"op": "text", "text": 3}]},
        {"job_id": "x", "ops": [{"op": "text", "text": "a", "bold": "yes"}]},
        {"job_id": "x", "ops": [{"op": "text", "text": "a", "align": "justify"}]},
        {"job_id": "x", "ops": [{"op": "row", "left": "a", "right": 12.5}]},
        {"job_id": "x", "ops": [{"op": "qr", "data": ""}]},
        {"job_id": "x", "ops": [{"op": "qr", "data": "a", "size": 17}]},
        {"job_id": "x", "ops": [{"op": "barcode", "data": "5901234123458", "symbology": "EAN13"}]},
        {"job_id": "x", "ops": [{"op": "barcode", "data": "条码", "symbology": "CODE128"}]},
        {"job_id": "x", "ops": [{"op": "feed", "lines": 1.5}]},
        {"job_id": "x", "ops": [{"op": "drawer", "pin": 3}]},
        {"job_id": "x", "ops": [{"op": "beep"}]},
        {
            "job_id": "x",
            "ops": [{"op": "barcode", "data": "X" * 40, "symbology": "CODE128"}],
            "paper_mm": 58,
        },
    ],
)
def test_malformed_jobs_are_refused(job: dict) -> None:
    with pytest.raises(JobError):
        render_job(job)


def test_control_characters_never_reach_the_printer() -> None:
    job = validate_job({"job_id": "x", "ops": [{"op": "text", "text": "a\x1b@b\tc\r\nd"}]})
    assert job["ops"][0]["text"] == "a@b c\nd"


text_chars = st.text(
    alphabet=st.sampled_from(list("abc XYZ 0.9-") + list("茶乌龙，。￥é")), max_size=60
)


@given(text_chars, st.sampled_from([16, 24, 32, 48]))
def test_wrap_never_exceeds_the_width(text: str, cols: int) -> None:
    lines = wrap(text, cols)
    assert all(text_width(line) <= cols for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(
    text_chars,
    st.text(alphabet=st.sampled_from(list("0123456789.￥¥-")), max_size=12),
    st.sampled_from([32, 48]),
)
def test_rows_are_justified_to_the_paper(left: str, right: str, cols: int) -> None:
    lines = row_lines(left, right, cols)
    assert all(text_width(line) <= cols for line in lines)
    rest = lines
    if right:
        at = [
            i for i, line in enumerate(lines) if line.endswith(right) and text_width(line) == cols
        ]
        assert at, lines
        rest = [line[: -len(right)] if i == at[0] else line for i, line in enumerate(lines)]
    assert "".join(rest).replace(" ", "") == left.replace(" ", "")  # nothing lost or reordered


def test_cjk_takes_two_columns() -> None:
    assert text_width("茶 Tea") == 6
    assert row_lines("乌龙茶", "￥9.00", 16) == ["乌龙茶" + " " * 4 + "￥9.00"]
    assert row_lines("一二三四五六七八九十", "9.00", 16) == ["一二三四五  9.00", "六七八九十"]


def test_yen_sign_is_one_column_and_amounts_end_at_the_right_edge() -> None:
    # ¥ is half-width (East Asian Width "Na"): counted as two it left every amount on a "¥"
    # line one column short of the edge, out of line with the ones without it.
    assert text_width("¥12.50") == 6 and text_width("￥12.50") == 7
    assert text_width("× –") == 5  # ambiguous characters print from the Chinese font
    with_yen, without = row_lines("合计", "¥12.50", 32)[0], row_lines("件数", "12", 32)[0]
    assert text_width(with_yen) == text_width(without) == 32
    assert with_yen.endswith(" ¥12.50") and with_yen.index("¥") == 32 - 6 - 2  # 合计 is 4 cols


def test_lines_break_at_spaces_never_inside_a_word() -> None:
    # The double-size store name on 58 mm paper (16 columns) broke as "百联超市 南京路 / 店".
    assert wrap("百联超市 南京路店", 16) == ["百联超市", "南京路店"]
    assert wrap("Z report #1 closing", 16) == ["Z report #1", "closing"]
    assert wrap("Z 报表 / Z report #1", 16) == ["Z 报表 / Z", "report #1"]
    # A word wider than the whole line still breaks where it must.
    assert wrap("一二三四五六七八九十", 16) == ["一二三四五六七八", "九十"]


def test_double_size_titles_wrap_to_half_the_columns() -> None:
    job = {"job_id": "t", "paper_mm": 58, "ops": [
        {"op": "text", "text": "百联超市 南京路店", "align": "center", "double": True}]}
    out = render_job(job)
    store = "百联超市".encode("gb18030") + LF + "南京路店".encode("gb18030") + LF
    assert store in out
