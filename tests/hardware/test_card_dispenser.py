"""The card dispenser: present → release or retract, returned cards reported, faults shown as
the device's status (and the request failed with its reason)."""

from __future__ import annotations

from hardware.dispenser import make_card_dispenser


def test_present_release_retract_and_intake(qtbot):
    dispenser = make_card_dispenser({"kind": "simulator", "count": 3, "low_level": 1})
    sim = dispenser.simulator
    dispenser.start()
    try:
        qtbot.waitUntil(lambda: dispenser.status.value == "connected", timeout=5000)
        with qtbot.waitSignal(dispenser.card_presented, timeout=5000) as shown:
            dispenser.dispense("r1")
        assert shown.args == ["r1", "SV000001"]
        with qtbot.waitSignal(dispenser.card_issued, timeout=5000) as issued:
            dispenser.release("r1")
        assert issued.args == ["r1", "SV000001"] and sim.issued == ["SV000001"]
        with qtbot.waitSignal(dispenser.card_presented, timeout=5000) as shown:
            dispenser.dispense("r2")
        with qtbot.waitSignal(dispenser.card_retracted, timeout=5000):
            dispenser.retract("r2")  # loading failed: the card never leaves the machine
        assert sim.rejected == ["SV000002"] and sim.issued == ["SV000001"]
        with qtbot.waitSignal(dispenser.card_returned, timeout=5000) as back:
            sim.insert("SV000001")
        assert back.args == ["SV000001"]
        qtbot.waitUntil(lambda: "1 cards left" in dispenser.status_detail, timeout=5000)
        sim.jam()
        with qtbot.waitSignal(dispenser.dispense_failed, timeout=5000) as failed:
            dispenser.dispense("r3")
        assert failed.args == ["r3", "jammed"] and dispenser.status.value == "error"
        sim.jam(False)
        with qtbot.waitSignal(dispenser.card_presented, timeout=5000) as shown:
            dispenser.dispense("r3")  # the same request again, once cleared
        assert shown.args == ["r3", "SV000003"]
        qtbot.waitUntil(lambda: dispenser.status.value == "connected", timeout=5000)
        dispenser.release("r3")
        sim_empty = qtbot.waitSignal(dispenser.dispense_failed, timeout=5000)
        with sim_empty as failed:
            dispenser.dispense("r4")
        assert failed.args == ["r4", "empty"]
    finally:
        dispenser.stop()
