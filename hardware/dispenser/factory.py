"""Build the card dispenser from the terminal's config: ``{"kind": "simulator", "prefix": "SV",
"first": 1, "count": 50, "low_level": 5}`` (a real model's serial mechanism plugs in here)."""

from __future__ import annotations

from typing import Any

from hardware.dispenser.device import CardDispenser
from hardware.dispenser.sim import SimulatedMechanism

KINDS = ("simulator",)


def make_card_dispenser(cfg: dict[str, Any]) -> CardDispenser:
    kind = cfg.get("kind")
    if kind == "simulator":
        mechanism = SimulatedMechanism(str(cfg.get("prefix", "SV")), int(cfg.get("first", 1)),
                                       int(cfg.get("count", 50)))
        return CardDispenser(mechanism, str(cfg.get("name", "card_dispenser")),
                             low_level=int(cfg.get("low_level", 5)))
    raise ValueError(f"unknown card dispenser kind {kind!r}; expected one of {KINDS}")
