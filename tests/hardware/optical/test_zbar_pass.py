"""The ZBar second pass runs for real and reads 1D labels zxing-cpp alone gives up on.

The shared images (../shared/testdata/barcodes) are degraded the way a phone camera degrades
a label (hardware.barcode.phone_view) until zxing-cpp no longer reads them; the production
decoder must still return the right code, from ZBar.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.barcode import phone_view, zbar_pass
from hardware.barcode.decode import BarcodeDecoder

TESTDATA = Path(__file__).resolve().parents[3].parent / "shared" / "testdata" / "barcodes"


def read(name: str) -> np.ndarray:
    img = cv2.imread(str(TESTDATA / name), cv2.IMREAD_COLOR)
    assert img is not None, name
    return img


def test_libzbar_is_installed_so_the_second_pass_runs() -> None:
    # scripts/setup.sh installs libzbar0; without it the decoder silently reads less.
    assert zbar_pass.available(), "install libzbar0 (scripts/setup.sh does it as root)"
    assert BarcodeDecoder().uses_pyzbar


@pytest.mark.parametrize(
    ("name", "degrade", "want", "symbology"),
    [
        # a reflection on glossy packaging across the bars
        ("ean13_zxing_ean13-4-01.png", lambda i: phone_view.glare(i, 160), "9780441014989",
         "EAN13"),
        ("upca_zxing_upca-5-03.png", lambda i: phone_view.glare(i, 160), "0312547701310",
         "UPCA"),
        # a faded label in a dim aisle: a tenth of the contrast
        ("ean13_zxing_ean13-1-1.png", lambda i: phone_view.lighting(i, 0.1), "8413000065504",
         "EAN13"),
        # slightly out of focus
        ("ean13_zxing_ean13-2-03.png", lambda i: phone_view.blur(i, 1.5), "9780804816632",
         "EAN13"),
    ],
    ids=["glare-ean13", "glare-upca", "faded-ean13", "defocus-ean13"],
)
def test_zbar_reads_a_degraded_label_zxing_alone_cannot(name, degrade, want, symbology) -> None:
    label = read(name)
    zxing_alone = BarcodeDecoder(use_pyzbar=False)
    assert [d.text for d in zxing_alone.decode(label)] == [want]  # the label itself is fine
    shot = degrade(label)
    assert zxing_alone.decode(shot) == []

    found = BarcodeDecoder().decode(shot)
    assert [(d.text, d.symbology, d.backend) for d in found] == [(want, symbology, "pyzbar")]


def test_a_faded_gs1_128_label_from_zbar_is_still_gs1() -> None:
    # pyzbar's decode() drops ZBar's GS1 flag; the pass must keep GS1-128 apart from Code 128.
    faded = phone_view.lighting(read("gs1-128_zxing_code128-1-5.png"), 0.06)
    assert BarcodeDecoder(["GS1_128"], use_pyzbar=False).decode(faded) == []
    [found] = BarcodeDecoder(["GS1_128"]).decode(faded)
    assert (found.text, found.symbology, found.backend) == (
        "8101054321120021123456", "GS1_128", "pyzbar")
    assert BarcodeDecoder(["CODE128"]).decode(faded) == []


def test_zbar_never_reads_qr_codes() -> None:
    qr = read("qr_zxing_qrcode-2-30.png")  # UTF-8 Chinese text ZBar would garble
    assert not BarcodeDecoder(["QR"]).uses_pyzbar
    decoder = BarcodeDecoder()
    assert decoder.read_zbar(qr) == []
    assert [(d.text, d.backend) for d in decoder.decode(qr)] == [("MECARD:N:測試;;", "zxing")]


def test_without_libzbar_decoding_falls_back_to_zxing(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyzbar", None)  # import fails as without the library
    decoder = BarcodeDecoder(use_pyzbar=True)
    assert not decoder.uses_pyzbar
    assert [d.text for d in decoder.decode(read("ean8_zbar_ean-8.png"))] == ["0000098765430"]
    faded = phone_view.lighting(read("ean13_zxing_ean13-1-1.png"), 0.1)
    assert decoder.decode(faded) == []


def test_phone_shots_are_deterministic() -> None:
    label = read("ean13_zxing_ean13-1-1.png")
    a = phone_view.Shot.random(7).apply(label)
    b = phone_view.Shot.random(7).apply(label)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, phone_view.Shot.random(8).apply(label))
    assert np.array_equal(phone_view.Shot.clean().apply(label), label)


def test_scan_density_is_every_nth_line_and_checked() -> None:
    faded = phone_view.lighting(read("ean13_zxing_ean13-1-1.png"), 0.1)
    for density in (1, 2):
        decoder = BarcodeDecoder(zbar_density=density)
        assert [d.text for d in decoder.read_zbar(faded)] == ["8413000065504"]
    with pytest.raises(ValueError):
        BarcodeDecoder(zbar_density=0)
