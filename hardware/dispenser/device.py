"""A card dispenser on its own thread (hardware.device.Device).

A dispense is two steps, as on real motorised dispensers: the card is moved from the bin to
the reading position and its number read (``card_presented``); the kiosk then loads it and
either releases it to the shopper (``card_issued``) or, when loading failed, retracts it into
the reject box (``card_retracted``) — a card leaves the machine only once it carries value.
A card pushed into the intake slot is read and kept (``card_returned``).

The mechanism (the serial protocol of a model, or :class:`hardware.dispenser.sim.
SimulatedMechanism`) does the moving; this class queues the requests, reports status and
knows nothing of coupons.
"""

from __future__ import annotations

import queue
from typing import Protocol

from PySide6.QtCore import Signal

from hardware.device import Device, DeviceStatus


class DispenserFault(OSError):
    """The mechanism could not do it: ``reason`` is empty | jammed | no_card_at_gate."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


class Mechanism(Protocol):
    def open(self) -> None: ...
    def close(self) -> None: ...
    def present(self) -> str: ...  # bin → reading position; returns the card number
    def release(self) -> None: ...  # reading position → the shopper
    def retract(self) -> None: ...  # reading position → reject box
    def take_returned(self) -> str | None: ...  # a card in the intake, read and kept
    def cards_left(self) -> int: ...


class CardDispenser(Device):
    card_presented = Signal(str, str)  # request id, card number
    card_issued = Signal(str, str)  # request id, card number
    card_retracted = Signal(str, str)  # request id, card number
    dispense_failed = Signal(str, str)  # request id, reason (empty | jammed | ...)
    card_returned = Signal(str)  # card number

    def __init__(self, mechanism: Mechanism, name: str = "card_dispenser", *,
                 low_level: int = 5, **kw) -> None:  # type: ignore[no-untyped-def]
        super().__init__(name, **kw)
        self.mechanism = mechanism
        self.simulator = mechanism if getattr(mechanism, "simulator_controls", False) else None
        self.low_level = low_level
        self._requests: queue.Queue[tuple[str, str]] = queue.Queue()
        self._at_gate: dict[str, str] = {}  # request id → card number at the reading position

    # -- GUI thread ---------------------------------------------------------------------------
    def dispense(self, request_id: str) -> None:
        self._requests.put(("present", request_id))

    def release(self, request_id: str) -> None:
        self._requests.put(("release", request_id))

    def retract(self, request_id: str) -> None:
        self._requests.put(("retract", request_id))

    # -- device thread ------------------------------------------------------------------------
    def _open(self) -> None:
        self.mechanism.open()

    def _close(self) -> None:
        try:
            self.mechanism.close()
        except OSError:
            pass

    def _wake(self) -> None:
        self._requests.put(("wake", ""))

    def _poll(self) -> None:
        returned = self.mechanism.take_returned()
        if returned:
            self.card_returned.emit(returned)
        try:
            action, request_id = self._requests.get(timeout=0.1)
        except queue.Empty:
            return
        try:
            if action == "present":
                number = self._at_gate.get(request_id) or self.mechanism.present()
                self._at_gate[request_id] = number
                self.card_presented.emit(request_id, number)
            elif action in ("release", "retract") and request_id in self._at_gate:
                getattr(self.mechanism, action)()
                number = self._at_gate.pop(request_id)
                (self.card_issued if action == "release" else self.card_retracted).emit(
                    request_id, number)
        except DispenserFault as fault:
            # The status first: whoever handles the failure finds the device already in error.
            if fault.reason in ("empty", "jammed"):
                self._set_status(DeviceStatus.ERROR, f"card bin {fault.reason}"
                                 if fault.reason == "empty" else "card path jammed")
            self.dispense_failed.emit(request_id, fault.reason)
            return
        left = self.mechanism.cards_left()
        self._set_status(DeviceStatus.CONNECTED,
                         f"{left} cards left" if left <= self.low_level else "")
