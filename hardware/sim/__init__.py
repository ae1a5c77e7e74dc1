"""Simulated devices that speak their real byte protocol on a pty pair.

Device-specific simulators live beside their drivers (``hardware.scale.sim``,
``hardware.cardreader.sim``, ``hardware.scanner_serial``); this package holds what they share.
"""

from hardware.sim.pty import PtySimulator

__all__ = ["PtySimulator"]
