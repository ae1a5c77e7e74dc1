"""A card dispenser without hardware, for the demo and tests: a bin of numbered cards, an
intake slot, and faults set from any thread (``jam()``, ``empty()``, ``unplug()``)."""

from __future__ import annotations

import threading

from hardware.device import DeviceUnavailable


class SimulatedMechanism:
    simulator_controls = True

    def __init__(self, prefix: str = "SV", first: int = 1, count: int = 50) -> None:
        self._lock = threading.Lock()
        self._bin = [f"{prefix}{n:06d}" for n in range(first, first + count)]
        self._intake: list[str] = []
        self._gate: str | None = None
        self.issued: list[str] = []
        self.rejected: list[str] = []
        self.kept: list[str] = []
        self._jammed = False
        self._plugged = True

    # -- the simulated world (any thread) -----------------------------------------------------
    def insert(self, number: str) -> None:
        """A shopper pushes a card into the intake slot."""
        with self._lock:
            self._intake.append(number)

    def jam(self, jammed: bool = True) -> None:
        with self._lock:
            self._jammed = jammed

    def empty(self) -> None:
        with self._lock:
            self._bin.clear()

    def refill(self, numbers: list[str]) -> None:
        with self._lock:
            self._bin.extend(numbers)

    def unplug(self) -> None:
        with self._lock:
            self._plugged = False

    def plug_in(self) -> None:
        with self._lock:
            self._plugged = True

    # -- the mechanism (device thread) --------------------------------------------------------
    def _check(self) -> None:
        if not self._plugged:
            raise DeviceUnavailable("card dispenser unplugged")

    def open(self) -> None:
        with self._lock:
            self._check()

    def close(self) -> None:
        pass

    def present(self) -> str:
        from hardware.dispenser.device import DispenserFault

        with self._lock:
            self._check()
            if self._jammed:
                raise DispenserFault("jammed")
            if self._gate is None:
                if not self._bin:
                    raise DispenserFault("empty")
                self._gate = self._bin.pop(0)
            return self._gate

    def release(self) -> None:
        self._move(self.issued)

    def retract(self) -> None:
        self._move(self.rejected)

    def _move(self, to: list[str]) -> None:
        from hardware.dispenser.device import DispenserFault

        with self._lock:
            self._check()
            if self._gate is None:
                raise DispenserFault("no_card_at_gate")
            to.append(self._gate)
            self._gate = None

    def take_returned(self) -> str | None:
        with self._lock:
            self._check()
            if not self._intake:
                return None
            number = self._intake.pop(0)
            self.kept.append(number)
            return number

    def cards_left(self) -> int:
        with self._lock:
            return len(self._bin)
