"""The till session: the cart being rung up, the member, the cashier and shift — no widgets.

Every database call goes through the :class:`ui.ops.OpRunner` (a worker thread); results
come back here on the GUI thread and are announced by signals the panels listen to. Every
change to the cart is journalled to disk at once (:mod:`ui.cashier.journal`), so a crash or a
restart never loses a sale in progress; the cart's ``client_uuid`` is the sale's idempotency
key, so paying twice (a double tap, a retry after a timeout) commits one sale.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.cart import Cart, discount_limit, discount_needs_approval
from app.catalogue import ProductInfo, ScanHit
from app.checkout import SaleResult, Tender
from app.config import TerminalConfig
from app.errors import IdempotencyConflict, NotFound, PatronError, ValidationError
from app.members import MemberSummary
from app.money import format_money
from app.pointcodes import scans
from app.pointcodes.batches import KIND as POINT_CODE_KIND
from app.privacy import mask_card_numbers
from app.typable_codes import LENGTH as TYPABLE_LENGTH
from app.typable_codes import normalise
from ui.cashier.journal import CartJournal
from ui.errors import is_database_down, user_message
from ui.ops import OpRunner
from ui.widgets.i18n import current_language, product_name, translate

log = logging.getLogger(__name__)

MEMBER_QR_PREFIX = "PM1."


def looks_like_point_code(code: str) -> bool:
    """A product label's point code (kind P, 20 symbols, hyphens allowed), typos included so
    the check symbol can name them; never a barcode, SKU or member QR."""
    text = normalise(code)
    return len(text) == TYPABLE_LENGTH and text[0] == POINT_CODE_KIND and text.isalnum()
RECEIPT_RE = re.compile(r"^[A-Z0-9]+-[A-Z0-9]+-\d{6}$")
PING_IDLE_MS = 15_000
PING_DOWN_MS = 3_000

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass(frozen=True)
class CartChange:
    kind: str  # reset | insert | update | remove
    row: int = -1


@dataclass(frozen=True)
class SaleDone:
    result: SaleResult
    cart: Cart  # the cart as it was paid
    member: MemberSummary | None
    tenders: tuple[Tender, ...]


def _deliver(callback: Callable[[Any], None], value: Any) -> None:
    """Hand a result to a panel or dialog; one closed meanwhile no longer wants it."""
    try:
        callback(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.debug("result for a closed dialog dropped: %s", exc)


def looks_like_coupon(code: str) -> bool:
    """A coupon's code, scanned from its slip or typed (genuine or not: the domain decides),
    as opposed to a product's barcode."""
    text = normalise(code)
    return len(text) == TYPABLE_LENGTH and text[0] == "C"


class TillSession(QObject):
    opened = Signal()
    open_failed = Signal(str)
    cart_changed = Signal(object)  # CartChange
    member_changed = Signal(object)  # MemberSummary | None
    notice = Signal(str, str)  # level: info | success | warning | error; text
    unknown_code = Signal(str, str)  # code, why it is not a product ("" = not in the catalogue)
    receipt_scanned = Signal(str)
    coupon_scanned = Signal(str)  # a coupon's code (typable C… form), to pay the sale with
    point_code_redeemed = Signal(object)  # app.pointcodes.scans.Redeemed
    weigh_needed = Signal(object)  # ScanHit of a weighed product with no weight yet
    db_state_changed = Signal(bool)
    cashier_changed = Signal(object)  # StaffInfo | None
    shift_changed = Signal(object)  # ShiftInfo | None
    sale_completed = Signal(object)  # SaleDone
    paying_changed = Signal(bool)
    weight_changed = Signal(int, bool)
    line_added = Signal(int)  # row just added or grown (for the bench and the view)
    # The sale just paid, shown big (change due) until the next scan or action; None = over.
    change_due_changed = Signal(object)  # SaleDone | None
    receipt_state = Signal(int, str, str)  # sale_id, printing | printed | failed, reason
    # Face consent asked on the customer display (the text; "" = no longer asked), and the
    # member's tap on "I agree" there (ui/cashier/face_enrolment.py).
    face_consent_asked = Signal(str)
    face_consent_given = Signal()

    def __init__(self, cfg: TerminalConfig, runner: OpRunner, journal: CartJournal,
                 hub: QObject | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.runner = runner
        self.journal = journal
        self.hub = hub
        self.till: Any = None
        self.cart = Cart()
        self.member: MemberSummary | None = None
        self.cashier: Any = None
        self.shift: Any = None
        self.db_ok = True
        self.paying = False
        self.restored_lines = 0
        self._pending_quantity = 1
        self._grams = 0
        self._stable = False
        self._scan_sinks: list[Callable[[str], bool]] = []
        self._ping = QTimer(self)
        self._ping.timeout.connect(self._ping_db)
        self.change_due: SaleDone | None = None
        self._receipt_jobs: dict[str, int] = {}  # print job id -> sale id, until it is out
        self._receipt_states: dict[int, tuple[str, str]] = {}
        self._restore()
        if hub is not None:
            self._connect_hub(hub)
        # Whatever starts the next customer's sale ends the change-due screen.
        self.cart_changed.connect(lambda _: self.cart.lines and self.end_change_due())
        self.member_changed.connect(lambda m: m is not None and self.end_change_due())
        self.paying_changed.connect(lambda paying: paying and self.end_change_due())
        self.cashier_changed.connect(lambda _: self.end_change_due())

    # -- start-up ----------------------------------------------------------------------------
    def open(self) -> None:
        from app.till import Till

        code = self.cfg.terminal

        def opened(till: Any) -> None:
            self.till = till
            self._set_db(True)
            self._ping.start(PING_IDLE_MS)
            self.opened.emit()
            if self.cart.lines:
                self._check_restored_cart()

        def failed(exc: BaseException) -> None:
            self._fail(exc)
            self.open_error = user_message(exc)
            self.open_failed.emit(self.open_error)
            QTimer.singleShot(PING_DOWN_MS, self.open)

        self.runner.submit(lambda: Till.open(code), opened, failed)

    open_error = ""  # why the till could not open, for the self-test and the banner

    @property
    def ready(self) -> bool:
        return self.till is not None

    @property
    def currency(self) -> str:
        return self.till.currency if self.till is not None else "CNY"

    def money(self, minor: int) -> str:
        return format_money(minor, self.currency)

    def _connect_hub(self, hub: QObject) -> None:
        hub.scanned.connect(self.handle_scan)
        hub.card_read.connect(self.handle_card)
        hub.weight.connect(self._on_weight)
        if hasattr(hub, "stable_weight"):
            hub.stable_weight.connect(self._on_stable_weight)
        if hasattr(hub, "print_failed"):
            hub.print_failed.connect(self._on_print_failed)
        if hasattr(hub, "printed"):
            hub.printed.connect(self._on_printed)

    def _check_restored_cart(self) -> None:
        """A cart restored after a crash may have been paid just before it: then its sale is
        in the database under the cart's key, and the cart must not be sold twice. Otherwise
        it is shown at today's prices (checkout charges those whatever the journal says)."""
        key = self.cart.client_uuid
        till = self.till
        restored = self.cart.copy()

        def look() -> tuple[str, Cart | None]:
            receipt_no = till.committed_sale(key)
            if receipt_no:
                return receipt_no, None
            try:
                return "", till.reprice(restored)
            except PatronError as exc:  # a product no longer sold: checkout will say so
                log.warning("restored cart not repriced: %s", exc)
                return "", None

        def found(outcome: tuple[str, Cart | None]) -> None:
            receipt_no, priced = outcome
            if self.cart.client_uuid != key or self.paying:
                return
            if priced is not None:
                self._reprice_restored(priced)
            elif receipt_no:
                self.cart.clear()
                self.member = None
                self.restored_lines = 0
                self._changed(CartChange("reset"))
                self.member_changed.emit(None)
                self.notice.emit("warning", translate(
                    "Session", "The sale in progress before the restart had already been paid "
                    "(receipt {0}); the cart was cleared.").format(receipt_no))

        self.submit(look, found, lambda exc: log.warning("restored cart check failed: %s", exc))

    def _reprice_restored(self, priced: Cart) -> None:
        if len(priced.lines) != len(self.cart.lines):
            return  # edited meanwhile; checkout prices it anyway
        changed = False
        for mine, today in zip(self.cart.lines, priced.lines, strict=True):
            if (mine.product, mine.unit_price, mine.fixed_total, mine.quantity) != (
                    today.product, today.unit_price, today.fixed_total, today.quantity):
                mine.product, mine.unit_price = today.product, today.unit_price
                mine.fixed_total, mine.quantity = today.fixed_total, today.quantity
                changed = True
        if changed:
            self._changed(CartChange("reset"))
            self.notice.emit("info", translate(
                "Session", "The restored cart is shown at today's prices."))

    def _restore(self) -> None:
        state = self.journal.load()
        if not state:
            return
        try:
            cart = Cart.from_dict(state["cart"])
            member = state.get("member")
            summary = None
            if member:
                member["coupons"] = [tuple(c) for c in member.get("coupons", [])]
                summary = MemberSummary(**member)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("cart journal could not be restored: %s", exc)
            return
        self.cart = cart
        self.member = summary
        self.restored_lines = len(cart.lines)

    # -- journal -----------------------------------------------------------------------------
    def _journal(self) -> None:
        self.journal.save({
            "terminal": self.cfg.terminal,
            "saved_at": time.time(),
            "cart": self.cart.to_dict(),
            "member": asdict(self.member) if self.member else None,
        })

    def _changed(self, change: CartChange) -> None:
        self._journal()
        self.cart_changed.emit(change)

    # -- errors and database health ----------------------------------------------------------
    def _fail(self, exc: BaseException, prefix: str = "") -> None:
        if is_database_down(exc):
            self._set_db(False)
        text = user_message(exc)
        self.notice.emit("error", f"{prefix} {text}".strip())

    def _set_db(self, ok: bool) -> None:
        if ok == self.db_ok:
            return
        self.db_ok = ok
        self.db_state_changed.emit(ok)
        if ok:
            self.notice.emit("info", translate("Session", "The database is reachable again."))
            self._ping.start(PING_IDLE_MS)
        else:
            self._ping.start(PING_DOWN_MS)

    def _ping_db(self) -> None:
        if self.till is None or self.runner.pending:
            return
        till = self.till
        self.runner.submit(till.ping,
                           lambda _: self._set_db(True),
                           lambda exc: self._set_db(not is_database_down(exc)))

    def submit(self, fn: Callable[[], Any], on_done: Done | None = None,
               on_error: Failed | None = None) -> None:
        """Run ``fn`` on the worker; a failure without a handler becomes a banner."""

        def failed(exc: BaseException) -> None:
            if is_database_down(exc):
                self._set_db(False)
            if on_error is not None:
                _deliver(on_error, exc)
            else:
                self._fail(exc)

        def done(value: Any) -> None:
            self._set_db(True)
            if on_done is not None:
                _deliver(on_done, value)

        self.runner.submit(fn, done, failed)

    # -- staff -------------------------------------------------------------------------------
    def sign_in(self, code: str, pin: str, on_done: Done, on_error: Failed) -> None:
        till = self.till

        def done(info: Any) -> None:
            self.cashier = info
            self.cashier_changed.emit(info)
            on_done(info)
            self.refresh_shift()

        self.submit(lambda: till.sign_in(code, pin), done, on_error)

    def sign_out(self) -> None:
        if self.till is not None:
            self.till.cashier = None
        self.cashier = None
        self.cashier_changed.emit(None)

    def approve(self, action: str, pin: str, target: str, on_done: Done,
                on_error: Failed) -> None:
        till = self.till
        self.submit(lambda: till.approve(action, pin, target), on_done, on_error)

    def record(self, action: str, approval: Any, **detail: object) -> None:
        """Hand an approved cart change to the domain, which uses up the approval given for
        this cart (``cart:<client_uuid>``); a refusal shows in the banner."""
        till = self.till
        cart_uuid = str(detail.pop("client_uuid", self.cart.client_uuid))
        self.submit(lambda: till.record_cart_action(action, approval, cart_uuid, **detail))

    # -- shifts ------------------------------------------------------------------------------
    def refresh_shift(self) -> None:
        till = self.till

        def done(shift: Any) -> None:
            self.shift = shift
            self.shift_changed.emit(shift)

        self.submit(till.current_shift, done)

    def open_shift(self, opening_float: int, on_done: Done, on_error: Failed) -> None:
        till = self.till

        def done(shift: Any) -> None:
            self.shift = shift
            self.shift_changed.emit(shift)
            on_done(shift)

        self.submit(lambda: till.open_shift(opening_float), done, on_error)

    def close_shift(self, counts: dict[int, int], approval: Any, on_done: Done,
                    on_error: Failed) -> None:
        till = self.till

        def done(report: Any) -> None:
            self.shift = None
            self.shift_changed.emit(None)
            on_done(report)

        self.submit(lambda: till.close_shift(counts, approval), done, on_error)

    # -- scanning ----------------------------------------------------------------------------
    def push_scan_sink(self, sink: Callable[[str], bool]) -> None:
        """A dialog that wants scans first (the refund dialog takes receipt numbers...).
        The sink returns True when it used the scan."""
        self._scan_sinks.append(sink)

    def pop_scan_sink(self, sink: Callable[[str], bool]) -> None:
        if sink in self._scan_sinks:
            self._scan_sinks.remove(sink)

    def set_pending_quantity(self, quantity: int) -> None:
        self._pending_quantity = max(1, quantity)

    @property
    def pending_quantity(self) -> int:
        return self._pending_quantity

    def _take_quantity(self) -> int:
        qty, self._pending_quantity = self._pending_quantity, 1
        return qty

    def handle_scan(self, code: str) -> None:
        """A scan from any scanner (wedge, serial, camera) or a typed code."""
        code = code.strip()
        if not code:
            return
        for sink in reversed(self._scan_sinks):
            if sink(code):
                return
        if code.startswith(MEMBER_QR_PREFIX) or self.is_member_card(code):
            self.identify(code)
            return
        if RECEIPT_RE.match(code):
            self.receipt_scanned.emit(code)
            return
        if looks_like_coupon(code):
            self.coupon_scanned.emit(code)
            return
        if looks_like_point_code(code):
            self.redeem_point_code(code)
            return
        self.scan_product(code)

    def redeem_point_code(self, code: str) -> None:
        """A product label's point code, credited to the attached member (once, anywhere)."""
        if self._locked():
            return
        member = self.member
        if member is None:
            self.notice.emit("warning", translate(
                "Session", "This is a product's point code: identify the member first, then "
                "scan it again to credit its points."))
            return
        terminal = self.till.terminal_id if self.till is not None else None

        def done(redeemed: Any) -> None:
            if self.member is not None and self.member.id == member.id:
                self.member = replace(self.member, points=redeemed.balance)
                self.member_changed.emit(self.member)
            name = product_name(SimpleNamespace(name=redeemed.product_name,
                                                name_en=redeemed.product_name_en))
            if redeemed.repeat:
                self.notice.emit("info", translate(
                    "Session", "This member already received the points of this code ({0})."
                ).format(name))
            else:
                self.notice.emit("success", translate(
                    "Session", "+{0} points for {1} credited to the member (balance {2})."
                ).format(redeemed.points, name, redeemed.balance))
            self.point_code_redeemed.emit(redeemed)

        self.submit(lambda: scans.member_redeem(code, member.id, terminal), done)

    def handle_card(self, card: Any) -> None:
        kind = getattr(card, "kind", "unknown")
        number = getattr(card, "number", "") or ""
        member_like = kind in ("member", "nfc") and bool(number)
        for sink in reversed(self._scan_sinks):
            if member_like and sink(number):
                return
        if member_like:
            self.identify(number)
        elif kind == "payment":
            self.notice.emit("info", translate("Session", "Bank cards are paid on the card terminal: "
                                        "choose Card in the payment window."))
        else:
            self.notice.emit("warning", translate("Session", "This card is not a member card."))

    def is_member_card(self, code: str) -> bool:
        reader = self.cfg.devices.get("card_reader", {}) if self.cfg.devices else {}
        for lo, hi in reader.get("member_ranges", []):
            if len(code) == len(str(lo)) and code.isdigit() and str(lo) <= code <= str(hi):
                return True
        return False

    def _locked(self) -> bool:
        if self.paying:
            self.notice.emit("warning", translate("Session", "A payment is in progress; wait for it "
                                           "to finish."))
            return True
        if self.till is None:
            self.notice.emit("warning", translate("Session", "The till is still connecting to the "
                                           "database."))
            return True
        if self.cashier is None:
            self.notice.emit("warning", translate("Session", "Sign in first."))
            return True
        return False

    def scan_product(self, code: str) -> None:
        if self._locked():
            return
        qty = self._take_quantity()
        till = self.till

        shown = mask_card_numbers(code)  # a bank card read by a reader without sentinels

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFound) and not is_database_down(exc):
                self.unknown_code.emit(shown, "")
            elif isinstance(exc, ValidationError):
                self.unknown_code.emit(shown, user_message(exc))
            else:
                self._fail(exc)

        self.submit(lambda: till.scan(code), lambda hit: self.add_hit(hit, qty), failed)

    def add_product(self, product: ProductInfo, quantity: int | None = None) -> None:
        """From the category grid or a search result."""
        if self._locked():
            return
        qty = quantity if quantity is not None else self._take_quantity()
        self.add_hit(ScanHit(product, product.barcode), qty)

    def stable_grams(self) -> int | None:
        return self._grams if self._stable and self._grams > 0 else None

    def add_hit(self, hit: ScanHit, quantity: int = 1, weight_g: int | None = None) -> None:
        if self.paying:
            self._locked()
            return
        if (hit.product.weighed and hit.weight_g is None and hit.price is None
                and weight_g is None):
            weight_g = self.stable_grams()
            if weight_g is None:
                self.weigh_needed.emit(hit)
                return
        before = len(self.cart.lines)
        try:
            row = self.cart.add(hit, quantity, weight_g)
        except PatronError as exc:
            self._fail(exc)
            return
        self._changed(CartChange("insert" if len(self.cart.lines) > before else "update", row))
        self.line_added.emit(row)

    def _on_weight(self, grams: int, stable: bool) -> None:
        self._grams, self._stable = grams, stable
        self.weight_changed.emit(grams, stable)

    def _on_stable_weight(self, grams: int) -> None:
        self._grams, self._stable = grams, True

    def _on_printed(self, job_id: str) -> None:
        sale_id = self._receipt_jobs.pop(job_id, None)
        if sale_id is not None:
            self._set_receipt_state(sale_id, "printed")

    def _on_print_failed(self, job_id: str, reason: str) -> None:
        sale_id = self._receipt_jobs.pop(job_id, None)
        if sale_id is not None:
            self._set_receipt_state(sale_id, "failed", reason)
        self.notice.emit("warning", translate("Session", "The receipt was not printed ({0}). The sale "
                                       "is saved: reprint it from the history.").format(reason))

    # -- editing the cart --------------------------------------------------------------------
    def _editable(self, row: int) -> bool:
        return not self._locked() and 0 <= row < len(self.cart.lines)

    def needs_approval_for_quantity(self, row: int, quantity: int) -> bool:
        return quantity < self.cart.lines[row].quantity

    def set_quantity(self, row: int, quantity: int, approval: Any = None) -> bool:
        if not self._editable(row):
            return False
        line = self.cart.lines[row]
        old = line.quantity
        try:
            self.cart.set_quantity(row, quantity)
        except PatronError as exc:
            self._fail(exc)
            return False
        if approval is not None:
            self.record("line_void", approval, product=line.product.sku, name=line.product.name,
                        removed_quantity=old - quantity, client_uuid=self.cart.client_uuid)
        self._changed(CartChange("update", row))
        return True

    def remove_line(self, row: int, approval: Any) -> bool:
        if not self._editable(row):
            return False
        line = self.cart.remove(row)
        self.record("line_void", approval, product=line.product.sku, name=line.product.name,
                    removed_quantity=line.quantity, amount=line.net,
                    client_uuid=self.cart.client_uuid)
        if self.cart.cart_discount > sum(ln.net for ln in self.cart.lines):
            self.cart.cart_discount = 0
        self._changed(CartChange("remove", row))
        return True

    # The discount rule is the domain's (app.cart, with the store's limit from the database);
    # these only decide whether to ask for a manager before checkout would refuse.
    @property
    def discount_limit_bp(self) -> int:
        return getattr(self.till, "discount_limit_bp", 1000)

    def discount_limit(self, gross: int) -> int:
        return discount_limit(gross, self.discount_limit_bp)

    def needs_approval_for_line_discount(self, row: int, amount: int) -> bool:
        return discount_needs_approval(amount, self.cart.lines[row].gross, self.discount_limit_bp)

    def needs_approval_for_cart_discount(self, amount: int) -> bool:
        return discount_needs_approval(amount, sum(ln.net for ln in self.cart.lines),
                                       self.discount_limit_bp)

    def set_line_discount(self, row: int, amount: int, approval: Any = None) -> bool:
        if not self._editable(row):
            return False
        try:
            self.cart.set_line_discount(row, amount)
        except PatronError as exc:
            self._fail(exc)
            return False
        if approval is not None:  # consumed (and audited) by checkout when the sale commits
            self.cart.add_approval(approval)
        self._changed(CartChange("update", row))
        return True

    def set_cart_discount(self, amount: int, approval: Any = None) -> bool:
        if self._locked():
            return False
        try:
            self.cart.set_cart_discount(amount)
        except PatronError as exc:
            self._fail(exc)
            return False
        if approval is not None:  # consumed (and audited) by checkout when the sale commits
            self.cart.add_approval(approval)
        self._changed(CartChange("reset"))
        return True

    def override_price(self, row: int, unit_price: int, approval: Any) -> bool:
        if not self._editable(row):
            return False
        try:
            self.cart.override_price(row, unit_price)
        except PatronError as exc:
            self._fail(exc)
            return False
        self.cart.add_approval(approval)  # consumed (and audited) by checkout at commit
        self._changed(CartChange("update", row))
        return True

    def clear_cart(self, approval: Any) -> bool:
        if self._locked():
            return False
        if self.cart.lines:
            self.record("cart_void", approval, lines=len(self.cart.lines),
                        total=self.cart.totals().total, client_uuid=self.cart.client_uuid)
        self.cart.clear()
        self.member = None
        self.member_changed.emit(None)
        self._changed(CartChange("reset"))
        return True

    # -- members -----------------------------------------------------------------------------
    def identify(self, text: str, on_done: Done | None = None,
                 on_error: Failed | None = None) -> None:
        if self.till is None:
            self._locked()
            return
        till = self.till

        def done(summary: MemberSummary) -> None:
            self.set_member(summary)
            if on_done is not None:
                on_done(summary)

        self.submit(lambda: till.identify(text), done, on_error)

    def set_member(self, summary: MemberSummary | None) -> None:
        if self.paying:
            return
        self.member = summary
        self.cart.member_id = summary.id if summary else None
        self._journal()
        self.member_changed.emit(summary)
        if summary is not None:
            name = summary.name or summary.phone_masked
            self.notice.emit("success", translate("Session", "Member {0} identified.").format(name))

    def register_member(self, phone: str, name: str, marketing: bool, card: str | None,
                        on_done: Done, on_error: Failed) -> None:
        till = self.till

        def done(summary: MemberSummary) -> None:
            self.set_member(summary)
            on_done(summary)

        self.submit(lambda: till.register_member(phone, name, marketing, card), done, on_error)

    # -- paying ------------------------------------------------------------------------------
    def pay(self, tenders: list[Tender], on_done: Done, on_error: Failed) -> bool:
        """Commit the cart. Refuses (returns False) while a payment is already in flight."""
        if self.paying or self.till is None:
            return False
        if not self.cart.lines:
            self.notice.emit("warning", translate("Session", "The cart is empty."))
            return False
        self.paying = True
        self.paying_changed.emit(True)
        cart = self.cart.copy()
        till = self.till
        member = self.member
        paid_by = tuple(tenders)

        def done(result: SaleResult) -> None:
            self.paying = False
            self.paying_changed.emit(False)
            self._after_sale(SaleDone(result, cart, member, paid_by))
            on_done(result)

        def failed(exc: BaseException) -> None:
            # The cart stays as it is — a refused payment (an IdempotencyConflict too) never
            # clears it or opens the drawer.
            self.paying = False
            self.paying_changed.emit(False)
            on_error(exc)

        self.submit(lambda: till.pay(cart, list(paid_by)), done, failed)
        return True

    def charge_qr(self, amount: int, customer_code: str, on_done: Done,
                  on_error: Failed) -> None:
        """Charge the customer's wallet code; ``on_done`` gets the captured payment, which
        the sale claims when it commits."""
        till = self.till
        self.submit(lambda: till.charge_qr(amount, customer_code), on_done, on_error)

    def check_coupon(self, code: str, on_done: Done, on_error: Failed) -> None:
        till = self.till
        member_id = self.member.id if self.member is not None else None
        self.submit(lambda: till.check_coupon(code, member_id), on_done, on_error)

    @staticmethod
    def is_key_conflict(exc: BaseException) -> bool:
        """The cart's key was used by a sale with other contents (app: IdempotencyConflict)."""
        return isinstance(exc, IdempotencyConflict)

    def sell_as_new_sale(self) -> bool:
        """After a key conflict, and only when the cashier confirms: the cart keeps its lines
        and gets a fresh key, so paying it commits a new sale. Manager approvals were given
        for the old key and must be asked again."""
        if self.paying or not self.cart.lines:
            return False
        had_approvals = bool(self.cart.approvals)
        self.cart.renew_key()
        self._changed(CartChange("reset"))
        if had_approvals:
            self.notice.emit("warning", translate(
                "Session", "Discounts and price changes need the manager's approval again."))
        return True

    def _after_sale(self, done: SaleDone) -> None:
        cash = any(t.kind == "cash" for t in done.tenders)
        if cash and self.hub is not None:
            self.hub.kick_drawer()
        if self.cart.client_uuid == done.cart.client_uuid:
            self.cart.clear()
            self.member = None
            self._changed(CartChange("reset"))
            self.member_changed.emit(None)
        self.print_receipt(done.result.sale_id)
        self.sale_completed.emit(done)
        if not done.result.replayed:  # a replay charged nothing: there is no change to give
            self.change_due = done
            self.change_due_changed.emit(done)

    def end_change_due(self) -> None:
        """The next customer has started (a scan, a member, a payment) or the cashier is
        done with the change-due screen."""
        if self.change_due is not None:
            self.change_due = None
            self.change_due_changed.emit(None)

    def paper_mm(self) -> int:
        printer = (self.cfg.devices or {}).get("printer", {})
        paper = printer.get("paper_mm", 80)
        return paper if paper in (58, 80) else 80

    def receipt_state_of(self, sale_id: int) -> tuple[str, str]:
        """(state, reason) of the sale's latest receipt: printing | printed | failed, or
        ("", "") when none was sent."""
        return self._receipt_states.get(sale_id, ("", ""))

    def _set_receipt_state(self, sale_id: int, state: str, reason: str = "") -> None:
        self._receipt_states[sale_id] = (state, reason)
        while len(self._receipt_states) > 50:  # only recent sales are ever asked about
            del self._receipt_states[next(iter(self._receipt_states))]
        self.receipt_state.emit(sale_id, state, reason)

    def print_receipt(self, sale_id: int, copy: bool = False) -> None:
        if self.hub is None:
            self._set_receipt_state(sale_id, "failed", translate("Session", "no printer"))
            return
        till = self.till
        paper = self.paper_mm()

        def send(job: dict) -> None:
            if copy:
                job = {**job, "job_id": f"{job['job_id']}:copy:{time.time_ns()}"}
            self._receipt_jobs[job["job_id"]] = sale_id
            self._set_receipt_state(sale_id, "printing")
            if not self.print_job(job):
                self._receipt_jobs.pop(job["job_id"], None)
                self._set_receipt_state(sale_id, "failed", translate("Session", "no printer"))

        def failed(exc: BaseException) -> None:
            self._set_receipt_state(sale_id, "failed", user_message(exc))
            self._fail(exc, translate("Session", "The receipt cannot be printed:"))

        language = current_language()  # the receipt in the language the cashier reads
        self.submit(lambda: till.receipt_job(sale_id, paper, language=language), send, failed)

    def print_job(self, job: dict) -> bool:
        """Queue a job on the printer; False when this till has no receipt printer."""
        if self.hub is not None and self.hub.submit_print(job) is False:
            self.notice.emit("warning", translate("Session", "No receipt printer is set up on "
                                                  "this till; the sale is saved."))
            return False
        return True

    def kick_drawer(self) -> None:
        if self.hub is not None:
            self.hub.kick_drawer()

    # -- describing lines (for the panels and the customer display) --------------------------
    def line_name(self, row: int) -> str:
        return product_name(self.cart.lines[row].product)
