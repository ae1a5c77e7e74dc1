"""The catalogue import page: choose a file, dry run with a progress bar, see the rejected rows
with their reasons, export them, skip them and import the rest; cancel writes nothing; a
manager has only their own merchant."""

import csv
import io

import pytest

from app.demo import DEMO_PINS
from app.models import Product
from ui.backoffice.context import BackofficeContext
from ui.backoffice.window import BackofficeWindow

HEADER = "sku,name,name_en,price,tax_rate,category,barcodes,sold_by,plu,bonus_points,active"
GOOD = ["N001,鲜榨橙汁 1L,Orange juice 1L,12.80,13,果汁,4006381333931,unit,,2,yes",
        "N002,有机绿茶,Organic green tea,58,6,茶叶,,unit,,,"]
BAD = ["X01,逗号价格,Comma,\"12,8元\",13,,,unit,,,",
       "X02,坏条码,Bad,1.00,13,,4006381333932,unit,,,"]


@pytest.fixture
def window(world, qtbot):
    ctx = BackofficeContext()
    win = BackofficeWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    for page in win.opened.values():
        task = getattr(page, "task", None)
        if task is not None:
            task.cancel()
            task.wait()
    ctx.shutdown()


def open_import(qtbot, win, code="op", role="operator"):
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(DEMO_PINS[role])
    win.sign_in.submit()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main)
    page = win.open_page("import")
    qtbot.waitUntil(lambda: page.merchant.count() > 0)
    return page


def write(tmp_path, lines, name="cat.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_dry_run_shows_rejects_then_skip_and_import_the_rest(window, qtbot, tmp_path, world):
    page = open_import(qtbot, window)
    assert page.merchant.count() == 2 and page.merchant.isEnabled()
    assert not page.dry_run_button.isEnabled()
    page.choose_file(write(tmp_path, [HEADER, *GOOD, *BAD]))
    assert page.dry_run_button.isEnabled()
    progress = []
    page.task.progressed.connect(lambda stage, done, total: progress.append(stage))
    page.dry_run_button.click()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=20000)
    assert "check" in progress
    assert page.rows_model.rowCount() == 4
    assert page.rejects_model.rowCount() == 2
    assert page.tabs.currentWidget() is page.rejects_view
    reasons = [page.rejects_model.rows[i][2] for i in range(2)]
    assert "12,8元" in reasons[0] and "check digit" in reasons[1]
    assert "2 new" in page.summary.text() and "2 rejected" in page.summary.text()
    assert Product.select().where(Product.sku == "N001").count() == 0  # the dry run wrote nothing
    # a file with rejected rows imports nothing until the user chooses to skip them
    assert not page.import_button.isEnabled()
    report = tmp_path / "rejects.csv"
    page.export_rejects(report)
    rows = list(csv.reader(io.StringIO(report.read_bytes().decode("utf-8-sig"))))
    assert [r[:3] for r in rows[1:]] == [["4", "price", "import.price_format"],
                                         ["5", "barcodes", "barcode.check_digit"]]
    page.skip.setChecked(True)
    assert page.import_button.isEnabled()
    page.import_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=20000)
    assert (page.result.created, page.result.skipped) == (2, 2)
    assert "2 new" in page.summary.text()
    assert Product.get(Product.merchant == world.merchant_a.id, Product.sku == "N001").price \
        == 1280
    assert not Product.select().where(Product.sku.startswith("X")).exists()
    assert not page.import_button.isEnabled()  # a new dry run is needed for another import


def test_a_bad_file_shows_its_reason_and_cancel_writes_nothing(window, qtbot, tmp_path):
    page = open_import(qtbot, window)
    page.choose_file(write(tmp_path, ["sku,name", "A1,x"]))
    page.dry_run()
    qtbot.waitUntil(lambda: bool(page.summary.property("error")), timeout=20000)
    assert "price" in page.summary.text()
    assert window.banner.isVisible()

    rows = [f"C{i:05d},商品{i},Item {i},{i % 90 + 1}.50,13,,,unit,,," for i in range(4000)]
    page.choose_file(write(tmp_path, [HEADER, *rows], "big.csv"))
    page.dry_run()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=30000)
    assert page.preview.new == 4000 and page.import_button.isEnabled()
    before = Product.select().count()
    # cancel as soon as the import reports its first progress
    page.task.progressed.connect(lambda *a: page.cancel_button.click())
    page.start_import()
    assert page.cancel_button.isVisible() and not page.import_button.isEnabled()
    qtbot.waitUntil(lambda: not page.task.running and "Cancelled" in page.summary.text(),
                    timeout=30000)
    assert Product.select().count() == before


def test_a_manager_imports_into_their_own_merchant_only(window, qtbot, tmp_path, world):
    page = open_import(qtbot, window, "m1", "manager")
    assert page.merchant.count() == 1 and not page.merchant.isEnabled()
    assert page.merchant_id() == world.merchant_a.id
    page.choose_file(write(tmp_path, [HEADER, *GOOD]))
    page.dry_run()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=20000)
    assert page.import_button.isEnabled() and not page.skip.isEnabled()
    page.start_import()
    qtbot.waitUntil(lambda: page.result is not None, timeout=20000)
    assert page.result.created == 2


def test_signing_out_cancels_a_running_import(window, qtbot, tmp_path, monkeypatch):
    import threading

    import ui.backoffice.catalogue_import as screen

    page = open_import(qtbot, window)
    page.choose_file(write(tmp_path, [HEADER, *GOOD]))
    page.dry_run()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=20000)
    running, signed_out = threading.Event(), threading.Event()
    real = screen.import_file

    def held_import(*args, **kwargs):  # the import is under way until the user has left
        running.set()
        signed_out.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(screen, "import_file", held_import)
    before = Product.select().count()
    page.start_import()
    task = page.task
    qtbot.waitUntil(running.is_set, timeout=20000)
    window.sign_out()
    signed_out.set()
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert Product.select().count() == before


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_page_fits_1280x800_without_cut_or_overlapping_text(window, qtbot, tmp_path, lang):

    from tests.layout_audit import cut_texts, off_screen, overlaps
    from ui.app import set_language

    set_language(lang)
    try:
        page = open_import(qtbot, window)
        page.choose_file(write(tmp_path, [HEADER, *GOOD, *BAD]))
        page.dry_run()
        qtbot.waitUntil(lambda: page.preview is not None, timeout=20000)

        def problems():
            return (off_screen(window, window.geometry()) + overlaps(window)
                    + cut_texts(window))

        # the layout settles in the event loop after the texts change
        qtbot.waitUntil(lambda: not problems(), timeout=5000)
        assert problems() == []
    finally:
        set_language("en")
