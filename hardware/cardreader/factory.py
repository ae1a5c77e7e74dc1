"""Build a card reader from a terminal's plain config dict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hardware.cardreader.card import CardClassifier
from hardware.cardreader.reader import SerialCardReader, WedgeCardReader
from hardware.cardreader.sim import CardReaderSimulator
from hardware.serialport import (
    SERIAL_KEYS,
    check_config_keys,
    config_seconds,
    port_from_config,
)

if TYPE_CHECKING:
    from hardware.wedge import WedgeDetector

KINDS = ("wedge", "serial", "simulator")
CONFIG_KEYS = SERIAL_KEYS | {
    "kind",
    "name",
    "member_ranges",  # [["880000", "889999"], ...]: card-number prefix ranges of member cards
    "nfc_format",  # "auto" | "hex" | "dec"
    "nfc_byte_order",  # "msb" (card order) | "lsb" (reader prints the UID reversed)
    "nfc_bytes",  # UID length a decimal number stands for (default 4/7/10 by size)
    "merge_window_ms",  # serial: a track-2 line this soon after a track-1 line is one swipe
    "reconnect_min_ms",
    "reconnect_max_ms",
    "wedge",  # wedge without a shared detector: the detector's own config (see make_wedge)
}
SERIAL_DEFAULTS: dict[str, object] = {"baudrate": 9600, "bytesize": 8, "parity": "N", "stopbits": 1}


def make_card_reader(
    cfg: dict[str, object], wedge: WedgeDetector | None = None
) -> SerialCardReader | WedgeCardReader:
    """``{"kind": "wedge"|"serial"|"simulator", "member_ranges": [["880000", "889999"]],
    "port": "/dev/serial/by-id/...", "baudrate": 9600, "nfc_format": "auto",
    "nfc_byte_order": "msb"}`` -> a card reader (not yet started) with ``card_read(CardRead)``.

    ``wedge``: the application's shared WedgeDetector (the barcode wedge); a "wedge" reader
    makes its own from ``cfg["wedge"]`` when none is given. ``simulator`` starts a pty
    simulator (``reader.simulator``: ``swipe(text)``, ``tap(uid)``) under the real serial driver.
    """
    check_config_keys(cfg, CONFIG_KEYS, "card reader")
    kind = str(cfg.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(f"unknown card reader kind {kind!r}; known: {', '.join(KINDS)}")
    classifier = CardClassifier.from_config(cfg)
    name = str(cfg.get("name", "card-reader"))
    if kind == "wedge":
        if wedge is None:
            from hardware.wedge import make_wedge  # hardware.wedge imports this package

            wedge_cfg = cfg.get("wedge", {})
            if not isinstance(wedge_cfg, dict):
                raise ValueError("card reader 'wedge' config must be a dict")
            wedge = make_wedge(wedge_cfg)
        return WedgeCardReader(wedge, classifier, name=name)
    simulator: CardReaderSimulator | None = None
    if kind == "simulator":
        port_path = cfg.get("port")
        simulator = CardReaderSimulator(name, str(port_path) if port_path else None)
        simulator.start()
        cfg = {**cfg, "port": simulator.path}
    try:
        reader = SerialCardReader(
            port_from_config(cfg, SERIAL_DEFAULTS),
            classifier,
            name=name,
            merge_window_s=config_seconds(cfg, "merge_window_ms", 100),
            backoff_initial_s=config_seconds(cfg, "reconnect_min_ms", 200),
            backoff_max_s=config_seconds(cfg, "reconnect_max_ms", 5000),
        )
    except BaseException:
        if simulator is not None:
            simulator.close()
        raise
    if simulator is not None:
        reader.attach_simulator(simulator, owned=True)
    return reader
