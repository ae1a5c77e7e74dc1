"""The guide-mode window (``--role guide``): only guides sign in; a scan from the scanner
(device hub) or a typed code marks the unit as sold by the guide; a second guide is told who
marked it; a typo is caught by the check symbol; the guide's points and the board show the
linked points once a member redeems the unit."""

import pytest

from app import staff
from app.backoffice.actor import sign_in
from app.config import TerminalConfig
from app.demo import DEMO_PINS
from app.members import register
from app.models import PointCode, Product
from app.pointcodes import batches, linkage, scans
from ui.guide.role import GuideRole
from ui.null_hub import NullHub


class QuietHub(NullHub):
    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


@pytest.fixture
def codes(world):
    manager = sign_in("m1", DEMO_PINS["manager"])
    batch = batches.generate_batch(manager, Product.get(Product.sku == "A001").id, 5, 100)
    linkage.set_rule(manager, world.merchant_a.id, "percent", 1000)
    return [c.code for c in batches.batch_codes(manager, batch.id)]


@pytest.fixture
def role(world, qtbot, tmp_path):
    r = GuideRole(TerminalConfig(role="guide", terminal=world.terminal_a.code),
                  hub=QuietHub("test"), state_dir=tmp_path)
    r.show()
    yield r
    r.shutdown()


def signed_in(qtbot, win, code="g1", pin=DEMO_PINS["guide"]):
    win.code.setText(code)
    win.pin.setText(pin)
    win.submit_sign_in()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main_page)
    qtbot.waitUntil(lambda: win.board is not None)


def test_guide_screen_self_check(role):
    ok, detail = role.self_check()
    assert ok, detail
    assert role.window.place  # the terminal's store


def test_only_guides_sign_in(role, qtbot):
    win = role.window
    win.code.setText("c1")
    win.pin.setText(DEMO_PINS["cashier"])
    win.submit_sign_in()
    qtbot.waitUntil(lambda: win.sign_in_error.isVisible())
    assert win.stack.currentWidget() is win.sign_in_page and win.guide is None
    win.code.setText("g1")
    win.pin.setText("0000")
    win.submit_sign_in()
    qtbot.waitUntil(lambda: win.pin.text() == "" and win.sign_in_button.isEnabled())
    assert win.guide is None


def test_a_scan_marks_the_unit_and_a_redemption_shows_linked_points(role, qtbot, world, codes):
    win = role.window
    role.hub.scanned.emit(codes[0])  # nobody signed in: ignored
    signed_in(qtbot, win)
    assert win.board.balance == 0 and [r.name for r in win.board.rows] == [world.guide_a.name]
    with qtbot.waitSignal(win.result_shown) as shown:
        role.hub.scanned.emit(codes[0])
    assert shown.args[0] == "ok" and "可口可乐" in shown.args[1]
    assert PointCode.get(PointCode.serial == codes[0]).guide_id == world.guide_a.id
    qtbot.waitUntil(lambda: win.board.marked == 1)

    # typed, with a typo: the check symbol refuses it and nothing is marked
    typo = codes[1][:5] + ("2" if codes[1][5] != "2" else "3") + codes[1][6:]
    win.scan_field.setText(typo)
    with qtbot.waitSignal(win.result_shown) as shown:
        win.submit_typed()
    assert shown.args[0] == "refused"
    assert PointCode.get(PointCode.serial == codes[1]).guide_id is None
    win.scan_field.setText(codes[1].lower())
    with qtbot.waitSignal(win.result_shown) as shown:
        win.submit_typed()
    assert shown.args[0] == "ok"

    # a member redeems the first unit: the guide's screen shows the linked points (10 %)
    member = register("13800138777", "买家")
    scans.member_redeem(codes[0], member.id, world.terminal_a.id)
    win.refresh_board()
    qtbot.waitUntil(lambda: win.board.balance == 10)
    assert (win.board.marked, win.board.redeemed) == (2, 1)
    assert "10" in win.figures.text()


def test_a_second_guide_is_told_who_marked_it(role, qtbot, world, codes):
    scans.guide_mark(codes[0], world.guide_a.id)
    staff.create_staff("g9", "第二导购", "guide", "2468", world.merchant_a)
    win = role.window
    signed_in(qtbot, win, "g9", "2468")
    with qtbot.waitSignal(win.result_shown) as shown:
        role.hub.scanned.emit(codes[0])
    assert shown.args[0] == "refused" and world.guide_a.name in shown.args[1]
    assert PointCode.get(PointCode.serial == codes[0]).guide_id == world.guide_a.id
    win.sign_out()
    assert win.guide is None and win.board_model.rows == []


def test_main_opens_the_guide_role_and_its_self_test_passes(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(PATRON_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    env.pop("PATRON_SIGNING_KEYS", None)  # the demo makes its own key file
    result = subprocess.run([sys.executable, "main.py", "--role", "guide", "--demo",
                             "--self-test"], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert any(line.startswith("window guide") and " ok " in line
               for line in result.stdout.splitlines()), result.stdout
