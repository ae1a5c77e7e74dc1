"""The ZBar second pass: linear codes only, read through libzbar with their GS1 flag.

pyzbar's own ``decode()`` drops the symbol modifiers, so a GS1-128 label comes back as
plain Code 128 and a configuration that wants only one of the two gets the other. This
module drives libzbar through pyzbar's ctypes bindings instead and also asks
``zbar_symbol_get_modifiers`` for the GS1 bit (FNC1 in first position).

QR codes are never enabled here: ZBar garbles UTF-8 QR text (Chinese member codes).
Everything is optional: :func:`load` returns None when pyzbar or the system libzbar
(Debian ``libzbar0``) is missing.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

_MOD_GS1 = 1 << 0  # ZBAR_MOD_GS1: the symbol started with FNC1

# Our names -> libzbar symbol type numbers (zbar.h). UPC-A and UPC-E need enabling by name
# or ZBar reports them as EAN-13; both become GTIN-13 in the end anyway.
ZBAR_TYPES: dict[str, tuple[int, ...]] = {
    "EAN13": (13,),
    "EAN8": (8,),
    "UPCA": (12,),
    "UPCE": (9,),
    "CODE128": (128,),
    "GS1_128": (128,),
    "DATABAR": (34,),
    "DATABAR_EXP": (35,),
    "CODE39": (39,),
    "CODE93": (93,),
    "ITF": (25,),
}
_TYPE_NAMES = {13: "EAN13", 8: "EAN8", 12: "UPCA", 9: "UPCE", 128: "CODE128", 34: "DATABAR",
               35: "DATABAR_EXP", 39: "CODE39", 93: "CODE93", 25: "ITF"}
_CFG_ENABLE = 0
_CFG_X_DENSITY, _CFG_Y_DENSITY = 0x100, 0x101

#: ZBar scans every n-th pixel row and column. Measured on 774 phone-like frames
#: (bench/bench_decode_1d.py --zbar-density N): 2 roughly halves the pass's time and reads
#: 1.7 points more labels (58.4% against 56.7%), but ZBar then returned 4 wrong numbers
#: where scanning every line returned none.
#: A wrong product at the till is worse than a second look, so every line it is.
DEFAULT_DENSITY = 1


@dataclass(frozen=True, slots=True)
class ZbarSymbol:
    """One raw ZBar reading: our symbology name, the bytes, whether it is GS1 data."""

    symbology: str
    data: bytes
    gs1: bool
    rect: tuple[int, int, int, int]  # x, y, width, height


class ZbarReader:
    """Scans grayscale images for the given linear symbologies. Holds no per-call state
    (a ZBar scanner is made per call: they are not thread-safe), so it may be shared."""

    def __init__(self, lib: Any, symbologies: Iterable[str],
                 density: int = DEFAULT_DENSITY) -> None:
        if density < 1:
            raise ValueError(f"ZBar scan density must be at least 1, got {density}")
        self._w = lib
        self.density = density
        self.types = tuple(sorted({t for s in symbologies for t in ZBAR_TYPES.get(s, ())}))
        self._get_type = lib.zbar_function(
            "zbar_symbol_get_type", ctypes.c_int, ctypes.POINTER(lib.zbar_symbol))
        self._get_modifiers = lib.zbar_function(
            "zbar_symbol_get_modifiers", ctypes.c_uint, ctypes.POINTER(lib.zbar_symbol))

    def read(self, gray: np.ndarray) -> list[ZbarSymbol]:
        if gray.ndim != 2 or gray.dtype != np.uint8:
            raise ValueError("ZBar reads 8-bit grayscale images")
        if not self.types:
            return []
        w = self._w
        height, width = gray.shape
        pixels = np.ascontiguousarray(gray).tobytes()
        scanner = w.zbar_image_scanner_create()
        try:
            w.zbar_image_scanner_set_config(scanner, 0, _CFG_ENABLE, 0)  # 0 = every symbology
            for t in self.types:
                w.zbar_image_scanner_set_config(scanner, t, _CFG_ENABLE, 1)
            w.zbar_image_scanner_set_config(scanner, 0, _CFG_X_DENSITY, self.density)
            w.zbar_image_scanner_set_config(scanner, 0, _CFG_Y_DENSITY, self.density)
            image = w.zbar_image_create()
            try:
                w.zbar_image_set_format(image, _fourcc("Y800"))
                w.zbar_image_set_size(image, width, height)
                w.zbar_image_set_data(image, ctypes.cast(pixels, ctypes.c_void_p),
                                      len(pixels), None)
                if w.zbar_scan_image(scanner, image) < 0:
                    raise ValueError("ZBar refused the image format")
                return self._symbols(image)
            finally:
                w.zbar_image_destroy(image)
        finally:
            w.zbar_image_scanner_destroy(scanner)

    def _symbols(self, image: Any) -> list[ZbarSymbol]:
        w = self._w
        out: list[ZbarSymbol] = []
        sym = w.zbar_image_first_symbol(image)
        while sym:
            name = _TYPE_NAMES.get(self._get_type(sym))
            if name is not None:
                data = ctypes.string_at(w.zbar_symbol_get_data(sym),
                                        w.zbar_symbol_get_data_length(sym))
                gs1 = bool(self._get_modifiers(sym) & _MOD_GS1) or name.startswith("DATABAR")
                xs = [w.zbar_symbol_get_loc_x(sym, i) for i in range(w.zbar_symbol_get_loc_size(sym))]
                ys = [w.zbar_symbol_get_loc_y(sym, i) for i in range(w.zbar_symbol_get_loc_size(sym))]
                rect = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)) if xs else (0, 0, 0, 0)
                out.append(ZbarSymbol(name, data, gs1, rect))
            sym = w.zbar_symbol_next(sym)
        return out


def _fourcc(code: str) -> int:
    a, b, c, d = (ord(ch) for ch in code)
    return a | (b << 8) | (c << 16) | (d << 24)


def load(symbologies: Iterable[str], density: int = DEFAULT_DENSITY) -> ZbarReader | None:
    """A reader for the linear ``symbologies``, or None if pyzbar/libzbar is not installed."""
    try:
        from pyzbar import wrapper  # loads the system libzbar on import
    except (ImportError, OSError) as exc:
        log.info("ZBar second pass unavailable: %s", exc)
        return None
    return ZbarReader(wrapper, symbologies, density)


def available() -> bool:
    """True when the system libzbar and pyzbar are both installed."""
    try:
        from pyzbar import wrapper

        wrapper.load_libzbar()
    except (ImportError, OSError):
        return False
    return True
