"""Barcode decoding from images (zxing-cpp, then a ZBar pass for 1D codes) and symbology rules.

Import the submodules directly: ``hardware.barcode.symbology`` (pure rules),
``hardware.barcode.decode`` (zxing-cpp, numpy), ``hardware.barcode.zbar_pass`` (libzbar for
linear codes), ``hardware.barcode.phone_view`` (camera conditions for tests and benchmarks)
and ``hardware.barcode.camera_scanner`` (Qt worker). This package itself imports nothing heavy.
"""
