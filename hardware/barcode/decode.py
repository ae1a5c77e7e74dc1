"""Decode QR and retail 1D codes from a numpy image (BGR, BGRA or grayscale).

zxing-cpp does the work (it releases the GIL and takes numpy arrays without a copy). GS1
content is read with ``TextMode.Plain`` so the text is the raw AI string with GS field
separators rather than ``(01)...`` with parentheses. ZBar (pyzbar + the system libzbar,
installed by scripts/setup.sh) is a second pass for linear codes that zxing-cpp missed —
it reads some blurred, low-contrast or glared retail labels zxing-cpp gives up on
(bench/bench_decode_1d.py measures it) — and is never used for QR codes, whose UTF-8
Chinese text it garbles. Without libzbar decoding still works, zxing-cpp alone.

Results are plain values (:class:`Decoded`). EAN/UPC readings are normalised to GTIN-13
with the check digit verified; a reading that fails the check is dropped, so an unreadable
label yields nothing rather than a wrong number.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import zxingcpp

from hardware.barcode import zbar_pass
from hardware.barcode.symbology import EAN_UPC, clean_gs1, strip_controls, to_gtin13

log = logging.getLogger(__name__)

Point = tuple[int, int]

# Our symbology names -> zxing-cpp format names (looked up with getattr, so a format that
# a zxing-cpp version lacks is simply not offered).
_ZXING_FORMATS: dict[str, tuple[str, ...]] = {
    "QR": ("QRCode",),
    "EAN13": ("EAN13",),
    "EAN8": ("EAN8",),
    "UPCA": ("UPCA",),
    "UPCE": ("UPCE",),
    "CODE128": ("Code128",),
    "GS1_128": ("Code128",),
    "DATABAR": ("DataBar",),
    "DATABAR_EXP": ("DataBarExp", "DataBarExpStk"),
    "DATABAR_LTD": ("DataBarLtd",),
    "CODE39": ("Code39",),
    "CODE93": ("Code93",),
    "ITF": ("ITF",),
    "DATAMATRIX": ("DataMatrix",),
}
SUPPORTED = frozenset(_ZXING_FORMATS)

#: Codes found on retail goods (plus GS1 variable-measure labels from scales).
RETAIL_1D = frozenset(
    {"EAN13", "EAN8", "UPCA", "UPCE", "CODE128", "GS1_128", "DATABAR", "DATABAR_EXP"}
)
#: What a POS camera looks for unless configured otherwise.
DEFAULT_SYMBOLOGIES = RETAIL_1D | {"QR"}

_LINEAR = frozenset(SUPPORTED - {"QR", "DATAMATRIX"})

# zxing-cpp format name -> our name (GS1 Code 128 is told apart by its content type).
_FROM_ZXING: dict[str, str] = {
    "QRCode": "QR",
    "QRCodeModel1": "QR",
    "QRCodeModel2": "QR",
    "MicroQRCode": "QR",
    "RMQRCode": "QR",
    "EAN13": "EAN13",
    "EAN8": "EAN8",
    "UPCA": "UPCA",
    "UPCE": "UPCE",
    "ISBN": "EAN13",
    "Code128": "CODE128",
    "DataBar": "DATABAR",
    "DataBarOmni": "DATABAR",
    "DataBarStk": "DATABAR",
    "DataBarStkOmni": "DATABAR",
    "DataBarExp": "DATABAR_EXP",
    "DataBarExpStk": "DATABAR_EXP",
    "DataBarLtd": "DATABAR_LTD",
    "Code39": "CODE39",
    "Code39Std": "CODE39",
    "Code39Ext": "CODE39",
    "Code93": "CODE93",
    "ITF": "ITF",
    "DataMatrix": "DATAMATRIX",
}

@dataclass(frozen=True, slots=True)
class Decoded:
    """One code found in an image."""

    text: str
    symbology: str  # one of SUPPORTED, e.g. "EAN13", "GS1_128", "QR"
    position: tuple[Point, Point, Point, Point]  # top-left, top-right, bottom-right, bottom-left
    backend: str = "zxing"


def normalise_symbologies(names: Iterable[str] | None) -> frozenset[str]:
    """Upper-case, check and freeze a configured symbology list (None -> the default)."""
    if names is None:
        return DEFAULT_SYMBOLOGIES
    if isinstance(names, str):
        names = [names]
    out = frozenset(n.strip().upper().replace("-", "_") for n in names)
    unknown = out - SUPPORTED
    if unknown:
        raise ValueError(f"unknown symbologies {sorted(unknown)}; supported: {sorted(SUPPORTED)}")
    return out


def clean_text(raw: str, symbology: str, gs1: bool) -> str | None:
    """The text a reading stands for, or None if it is not a valid reading."""
    if symbology in EAN_UPC:
        return to_gtin13(raw, symbology)
    text = clean_gs1(raw) if gs1 else strip_controls(raw)
    return text or None


class BarcodeDecoder:
    """Decode the configured symbologies from numpy images. Reusable, thread-compatible
    (use one instance per thread, or share it: it holds no per-call state)."""

    def __init__(
        self,
        symbologies: Iterable[str] | None = None,
        *,
        use_pyzbar: bool | None = None,
        try_harder: bool = True,
        zbar_density: int = zbar_pass.DEFAULT_DENSITY,
    ) -> None:
        self.symbologies = normalise_symbologies(symbologies)
        names: list[Any] = []
        for sym in sorted(self.symbologies):
            for fmt_name in _ZXING_FORMATS[sym]:
                fmt = getattr(zxingcpp.BarcodeFormat, fmt_name, None)
                if fmt is not None and fmt not in names:
                    names.append(fmt)
        self._formats = tuple(names)
        self._try_harder = try_harder
        linear = self.symbologies & _LINEAR
        zbar = zbar_pass.load(linear, zbar_density) if use_pyzbar is not False and linear else None
        if use_pyzbar and zbar is None:
            log.warning("pyzbar requested but libzbar is not installed; using zxing-cpp only")
        self._zbar = zbar

    @property
    def uses_pyzbar(self) -> bool:
        return self._zbar is not None

    def decode(self, image: np.ndarray) -> list[Decoded]:
        """zxing-cpp first; ZBar only when zxing-cpp found no linear code, so a label zxing-cpp
        reads costs nothing extra (a frame without any code pays for both passes)."""
        img = _as_decodable(image)
        found = self._zxing_pass(img)
        if self._zbar is not None and not any(d.symbology in _LINEAR for d in found):
            found.extend(self._zbar_pass(img))
        return found

    __call__ = decode

    def read_zxing(self, image: np.ndarray) -> list[Decoded]:
        """The first pass alone (benchmarks and tests compare the passes)."""
        return self._zxing_pass(_as_decodable(image))

    def read_zbar(self, image: np.ndarray) -> list[Decoded]:
        """The ZBar pass alone; empty when libzbar is not installed."""
        return self._zbar_pass(_as_decodable(image)) if self._zbar is not None else []

    def _zxing_pass(self, img: np.ndarray) -> list[Decoded]:
        found: list[Decoded] = []
        if self._formats:
            for bc in zxingcpp.read_barcodes(
                img,
                formats=self._formats,
                text_mode=zxingcpp.TextMode.Plain,
                try_rotate=self._try_harder,
                try_invert=self._try_harder,
            ):
                item = self._from_zxing(bc)
                if item is not None:
                    found.append(item)
        return found

    def _from_zxing(self, bc: Any) -> Decoded | None:
        fmt_name = getattr(bc.format, "name", str(bc.format))
        sym = _FROM_ZXING.get(fmt_name)
        if sym is None:
            return None
        gs1 = bc.content_type == zxingcpp.ContentType.GS1
        if sym == "CODE128" and gs1:
            sym = "GS1_128"
        if sym not in self.symbologies:
            # UPC-A is an EAN-13 starting with 0: zxing-cpp may name it either way.
            if sym == "EAN13" and "UPCA" in self.symbologies and bc.text.startswith("0"):
                sym = "UPCA"
            else:
                return None
        text = clean_text(bc.text, sym, gs1)
        if text is None:
            return None
        p = bc.position
        pos = (
            (int(p.top_left.x), int(p.top_left.y)),
            (int(p.top_right.x), int(p.top_right.y)),
            (int(p.bottom_right.x), int(p.bottom_right.y)),
            (int(p.bottom_left.x), int(p.bottom_left.y)),
        )
        return Decoded(text, sym, pos, "zxing")

    def _zbar_pass(self, img: np.ndarray) -> list[Decoded]:
        assert self._zbar is not None
        gray = img if img.ndim == 2 else _to_gray(img)
        out: list[Decoded] = []
        try:
            results = self._zbar.read(gray)
        except Exception:  # an optional backend must never break scanning
            log.exception("ZBar failed")
            return out
        for r in results:
            sym = "GS1_128" if r.symbology == "CODE128" and r.gs1 else r.symbology
            if sym == "EAN13" and sym not in self.symbologies and "UPCA" in self.symbologies:
                sym = "UPCA" if r.data.startswith(b"0") else sym
            if sym not in self.symbologies:
                continue
            try:
                raw = r.data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            text = clean_text(raw, sym, gs1=r.gs1)
            if text is None:
                continue
            x, y, w, h = r.rect
            pos = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
            out.append(Decoded(text, sym, pos, "pyzbar"))
        return out


def _to_gray(img: np.ndarray) -> np.ndarray:
    # BT.601 luma in integer arithmetic; avoids importing OpenCV here.
    b = img[..., 0].astype(np.uint16)
    g = img[..., 1].astype(np.uint16)
    r = img[..., 2].astype(np.uint16)
    return ((29 * b + 150 * g + 77 * r) >> 8).astype(np.uint8)


def _as_decodable(image: np.ndarray) -> np.ndarray:
    if not isinstance(image, np.ndarray):
        raise TypeError(f"expected a numpy image, got {type(image).__name__}")
    if image.dtype != np.uint8:
        raise TypeError(f"expected an 8-bit image, got {image.dtype}")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[..., 0]
    elif image.ndim == 3 and image.shape[2] == 4:
        image = image[..., :3]
    elif not (image.ndim == 2 or (image.ndim == 3 and image.shape[2] == 3)):
        raise ValueError(f"unsupported image shape {image.shape}")
    if not image.flags.c_contiguous:
        image = np.ascontiguousarray(image)
    return image


_default: BarcodeDecoder | None = None


def decode(image: np.ndarray, symbologies: Iterable[str] | None = None) -> list[Decoded]:
    """One-shot decoding (the default symbologies share one cached decoder)."""
    global _default
    if symbologies is None:
        if _default is None:
            _default = BarcodeDecoder()
        return _default.decode(image)
    return BarcodeDecoder(symbologies).decode(image)
