"""Barcode decoding from images (zxing-cpp, optional pyzbar) and symbology rules.

Import the submodules directly: ``hardware.barcode.symbology`` (pure rules),
``hardware.barcode.decode`` (zxing-cpp, numpy) and ``hardware.barcode.camera_scanner``
(Qt worker). This package itself imports nothing heavy.
"""
