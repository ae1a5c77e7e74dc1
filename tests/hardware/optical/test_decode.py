"""Decoding the shared real barcode images, with the README's comparison rules."""

from __future__ import annotations

import csv
from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.barcode.decode import BarcodeDecoder, decode, normalise_symbologies
from hardware.barcode.symbology import upce_to_upca

TESTDATA = Path(__file__).resolve().parents[3].parent / "shared" / "testdata" / "barcodes"
UNDECODABLE = "ean13_zxing_ean13-5-01.png"


def _manifest() -> list[dict[str, str]]:
    with open(TESTDATA / "MANIFEST.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = _manifest() if TESTDATA.is_dir() else []


def expected_text(fmt: str, text: str) -> str:
    """What our decoder must report for a manifest row (README comparison rules)."""
    if fmt == "UPC-A":
        return "0" + text
    if fmt == "UPC-E":
        upca = upce_to_upca(text)
        assert upca is not None
        return "0" + upca
    if fmt == "EAN-8":
        return "00000" + text
    return text


def read(name: str, flags: int = cv2.IMREAD_COLOR) -> np.ndarray:
    img = cv2.imread(str(TESTDATA / name), flags)
    assert img is not None, name
    return img


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r["file"] != UNDECODABLE], ids=lambda r: r["file"]
)
def test_every_image_decodes_to_its_manifest_text(row: dict[str, str]) -> None:
    results = decode(read(row["file"]))
    want = expected_text(row["format"], row["expected_text"])
    texts = [r.text for r in results]
    if row["format"] in ("GS1-128", "GS1 DataBar Expanded"):
        texts = [t.replace("\x1d", "") for t in texts]  # raw AI string, no parentheses
    assert want in texts, (row["file"], texts)  # the rotated QR holds two symbols: any hit


def test_readme_upce_example() -> None:
    assert expected_text("UPC-E", "01234565") == "0012345000065"
    assert expected_text("UPC-A", "987654321012") == "0987654321012"


def test_blurry_ean13_yields_nothing_not_a_wrong_number() -> None:
    img = read(UNDECODABLE)
    assert decode(img) == []
    assert BarcodeDecoder(["EAN13", "UPCA", "UPCE", "EAN8"]).decode(img) == []


def test_symbologies_are_reported_by_name() -> None:
    assert decode(read("gs1-128_zxing_code128-1-5.png"))[0].symbology == "GS1_128"
    assert decode(read("code128_zxing_code128-1-2.png"))[0].symbology == "CODE128"
    assert decode(read("upce_zxing_upce-1-1.png"))[0].symbology == "UPCE"
    assert decode(read("databar-exp_zxingcpp_rssexpanded-1-2.webp"))[0].symbology == "DATABAR_EXP"
    qr = decode(read("qr_zxing_qrcode-2-30.png"))[0]
    assert (qr.text, qr.symbology) == ("MECARD:N:測試;;", "QR")
    xs = [p[0] for p in qr.position]
    assert len(qr.position) == 4 and max(xs) > min(xs)


def test_qr_only_config_ignores_retail_codes() -> None:
    qr_only = BarcodeDecoder(["QR"])
    assert qr_only.decode(read("ean13_zbar_ean-13.png")) == []
    assert qr_only.decode(read("code128_zbar_code-128.png")) == []
    assert [r.text for r in qr_only.decode(read("qr_pyzbar_qrcode.png"))] == ["Thalassiodracon"]


def test_retail_only_config_ignores_qr() -> None:
    retail = BarcodeDecoder(["EAN13", "UPCA"])
    assert retail.decode(read("qr_pyzbar_qrcode.png")) == []
    assert [r.text for r in retail.decode(read("ean13_zbar_ean-13.png"))] == ["9789876543217"]
    assert [r.text for r in retail.decode(read("upca_zbar_code-upc-a.png"))] == ["0987654321012"]


def test_gs1_128_and_plain_code128_are_told_apart() -> None:
    gs1 = read("gs1-128_zxing_code128-1-5.png")
    plain = read("code128_zxing_code128-1-2.png")
    assert BarcodeDecoder(["CODE128"]).decode(gs1) == []
    assert BarcodeDecoder(["GS1_128"]).decode(plain) == []
    assert BarcodeDecoder(["GS1_128"]).decode(gs1)[0].text == "8101054321120021123456"


@pytest.mark.parametrize("mode", ["gray", "bgr", "bgra", "view"])
def test_image_layouts(mode: str) -> None:
    bgr = read("ean13_zxing_ean13-1-1.png")
    img = {
        "gray": cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY),
        "bgr": bgr,
        "bgra": cv2.cvtColor(bgr, cv2.COLOR_BGR2BGRA),
        "view": np.pad(bgr, ((0, 0), (0, 8), (0, 0)))[:, :-8],  # not C-contiguous
    }[mode]
    assert [r.text for r in decode(img)] == ["8413000065504"]


def test_code_pasted_into_a_720p_frame() -> None:
    frame = np.full((720, 1280, 3), 90, np.uint8)
    code = read("qr_zxing_qrcode-2-30.png")
    frame[200 : 200 + code.shape[0], 700 : 700 + code.shape[1]] = code
    assert [r.text for r in decode(frame)] == ["MECARD:N:測試;;"]


def test_bad_input_is_refused() -> None:
    with pytest.raises(TypeError):
        decode(np.zeros((10, 10), np.float32))
    with pytest.raises(ValueError):
        decode(np.zeros((10, 10, 2), np.uint8))
    with pytest.raises(ValueError):
        normalise_symbologies(["QR", "PDF999"])
    assert decode(np.zeros((64, 64), np.uint8)) == []


def test_pyzbar_is_optional() -> None:
    # Asked for or not, an EAN-8 zxing-cpp reads comes from zxing-cpp (ZBar is the
    # second pass only; test_zbar_pass.py covers it and its absence).
    dec = BarcodeDecoder(use_pyzbar=True)
    found = dec.decode(read("ean8_zbar_ean-8.png"))
    assert [(r.text, r.backend) for r in found] == [("0000098765430", "zxing")]
    assert not BarcodeDecoder(["QR"], use_pyzbar=True).uses_pyzbar  # never for QR
