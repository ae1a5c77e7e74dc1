"""The back office's point-code page: a manager generates a batch through the dialog (product
found by typing, progress bar, follow-up question), sees its figures, previews and saves the
label PDF (QRs decoded back), sets the guides' linkage rule, voids the batch after a
confirmation; another merchant's manager does not see the batch."""

import subprocess

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtWidgets import QMessageBox

from app.demo import DEMO_PINS
from app.models import AuditEntry, GuideLinkRule, PointCode, PointCodeBatch
from app.pointcodes import batches, scans
from ui.backoffice.context import BackofficeContext
from ui.backoffice.window import BackofficeWindow


@pytest.fixture(autouse=True)
def chinese(qapp):
    """These screens are read in Chinese (whatever language an earlier test left)."""
    from ui.app import set_language

    set_language("zh_CN")
    yield
    set_language("en")

@pytest.fixture
def window(world, qtbot):
    ctx = BackofficeContext()
    win = BackofficeWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    ctx.shutdown()


def signed_in(qtbot, win, code, pin):
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(pin)
    win.sign_in.submit()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main)
    page = win.open_page("point_codes")
    qtbot.waitUntil(lambda: page.data is not None)
    return page


def generate(qtbot, page, count=30, search="可口"):
    dialog = page.generate_dialog()
    dialog.search.setText(search)
    dialog.find()
    qtbot.waitUntil(lambda: dialog.product.currentData() is not None)
    dialog.count.setValue(count)
    dialog.points.setValue(50)
    dialog.fill(kind="choice", question="您从哪里知道？", question_en="Where did you hear?")
    dialog.choices.setPlainText("朋友 | Friends\n广告 | Ads\n")
    dialog.reward.setValue(20)
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        dialog.submit()
        assert dialog.progress.isVisible()
    info = saved.args[0]
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().info.id == info.id)
    return info


def test_a_manager_generates_prints_and_voids_a_batch(window, qtbot, world, tmp_path):
    page = signed_in(qtbot, window, "m1", DEMO_PINS["manager"])
    assert page.batch_model.rows == []
    assert not page.print_button.isEnabled()
    info = generate(qtbot, page)
    assert dialog_progress_done(page)
    row = page.selected()
    assert row.figures.generated == 30 and row.figures.redeemed == 0
    assert row.info.question.choices == (("朋友", "Friends"), ("广告", "Ads"))
    assert PointCode.select().where(PointCode.batch == info.id).count() == 30

    printing = page.print_dialog()
    qtbot.waitUntil(lambda: printing.previewed == "a4_3x8")
    assert not printing.preview.pixmap().isNull()
    printing.stock.setCurrentIndex(printing.stock.findData("a4_4x10"))
    qtbot.waitUntil(lambda: printing.previewed == "a4_4x10")
    assert "1 " in printing.sheets.text()  # 30 codes: one sheet of 40
    pdf = tmp_path / "labels.pdf"
    with qtbot.waitSignal(printing.saved, timeout=20000):
        printing.save_to(str(pdf))
    assert printing.progress.value() == 30
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", "-singlefile",
                    str(pdf), str(tmp_path / "p")], check=True)
    decoded = {r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "p.png"))}
    assert decoded == {c.code for c in batches.batch_codes(window.ctx.actor, info.id)}
    printing.close()

    rule = page.rule_dialog()
    qtbot.waitUntil(lambda: rule.merchant.currentData() == world.merchant_a.id)
    assert not rule.merchant.isEnabled()  # a manager sets only their own merchant's rule
    rule.choose("kind", "percent")
    rule.value.setValue(1000)
    with qtbot.waitSignal(rule.saved, timeout=10000):
        rule.submit()
    saved = GuideLinkRule.get(GuideLinkRule.merchant == world.merchant_a.id)
    assert (saved.kind, saved.value) == ("percent", 1000)

    box = page.void_dialog()
    box.done(QMessageBox.StandardButton.Cancel)
    assert PointCodeBatch.get_by_id(info.id).voided_at is None
    box = page.void_dialog()
    box.done(QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: page.selected() is not None
                    and page.selected().info.voided_at is not None)
    assert not page.void_button.isEnabled() and not page.print_button.isEnabled()
    assert AuditEntry.select().where(AuditEntry.action == "pointcode_batch_void").count() == 1


def dialog_progress_done(page) -> bool:
    bar = page.dialog.progress
    return bar.value() == bar.maximum() == 30


def test_figures_guides_answers_and_scope(window, qtbot, world):
    page = signed_in(qtbot, window, "m1", DEMO_PINS["manager"])
    info = generate(qtbot, page, count=5)
    code = batches.batch_codes(window.ctx.actor, info.id)[0].code
    scans.guide_mark(code, world.guide_a.id, world.terminal_a.id)
    from app.members import register

    member = register("13800138123", "试用户")
    scans.member_redeem(code, member.id, world.terminal_a.id)
    scans.answer(code, member.id, 1)
    page.refresh()
    qtbot.waitUntil(lambda: bool(page.data.guides) and page.selected().figures.redeemed == 1)
    assert page.selected().figures.marked == 1
    assert page.guide_model.rows[0].name == world.guide_a.name
    assert page.store_model.rows[0].redeemed == 1
    qtbot.waitUntil(lambda: len(page.answers) == 1)
    assert page.answers[0][1] == "广告"  # the choice's text, not its index
    assert page.tabs.count() == 4

    # Another merchant's manager sees none of it, and cannot find A's products
    window.sign_out()
    other = signed_in(qtbot, window, "m2", DEMO_PINS["manager"])
    assert other.batch_model.rows == [] and other.guide_model.rows == []
    dialog = other.generate_dialog()
    dialog.search.setText("可口")
    dialog.find()
    qtbot.waitUntil(lambda: dialog.product.count() == 1)
    assert dialog.product.currentData() is None


def test_the_operator_sees_every_merchants_batches(window, qtbot, world):
    from app.backoffice.actor import sign_in
    from app.models import Product

    for manager, sku in (("m1", "A001"), ("m2", "B001")):
        actor = sign_in(manager, DEMO_PINS["manager"])
        batches.generate_batch(actor, Product.get(Product.sku == sku).id, 3, 10)
    page = signed_in(qtbot, window, "op", DEMO_PINS["operator"])
    assert len(page.batch_model.rows) == 2
    rule = page.rule_dialog()
    assert rule.merchant.isEnabled() and rule.merchant.count() == 2
