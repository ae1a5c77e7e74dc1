"""The kiosk's card dispenser: stored-value cards out of a bin, returned cards into an intake."""

from hardware.dispenser.device import CardDispenser, DispenserFault
from hardware.dispenser.factory import make_card_dispenser
from hardware.dispenser.sim import SimulatedMechanism

__all__ = ["CardDispenser", "DispenserFault", "SimulatedMechanism", "make_card_dispenser"]
