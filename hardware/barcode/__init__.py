"""Barcode decoding from images (zxing-cpp, optional pyzbar) and symbology rules.

``camera_scanner`` (Qt) is imported on demand; importing this package does not pull in Qt.
"""

from hardware.barcode.decode import (
    DEFAULT_SYMBOLOGIES,
    RETAIL_1D,
    SUPPORTED,
    BarcodeDecoder,
    Decoded,
    decode,
)

__all__ = ["DEFAULT_SYMBOLOGIES", "RETAIL_1D", "SUPPORTED", "BarcodeDecoder", "Decoded", "decode"]
