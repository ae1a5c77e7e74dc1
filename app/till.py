"""The till: the use cases a cashier window needs, as one object returning plain values.

Windows call these methods on a worker thread (ui.ops.OpRunner); nothing here knows Qt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app import approvals, coupons, members, payments, refunds, scope, staff
from app.approvals import Approval
from app.cart import Cart
from app.catalogue import Catalogue, CategoryInfo, ProductInfo, ScanHit
from app.checkout import SaleResult, Tender, TillContext, checkout, find_sale
from app.clock import store_time_text, store_timezone, utcnow
from app.errors import NotFound, PatronError, PermissionDenied
from app.members import MemberSummary
from app.models import Member, Merchant, Offer, Sale, Shift, Staff, Store, Terminal
from app.points_rules import point_value_minor
from app.pricing import price_cart
from app.typed_input import checked

if TYPE_CHECKING:
    from app.shifts import ShiftReport


@dataclass(frozen=True)
class StaffInfo:
    id: int
    code: str
    name: str
    role: str


@dataclass(frozen=True)
class SaleSummary:
    id: int
    receipt_no: str
    kind: str
    created_at: str
    total: int
    member_name: str


@dataclass(frozen=True)
class OfferInfo:
    title: str
    title_en: str
    description: str
    price_points: int
    price: int


def _staff_info(s: Staff) -> StaffInfo:
    return StaffInfo(s.id, s.code, s.name, s.role)


def check_terminal_open(terminal: Terminal) -> None:
    """Refuse opening a terminal the back office deactivated, or one of a closed store or a
    deactivated merchant."""
    if not terminal.active:
        raise PermissionDenied("till.terminal_inactive",
                               "terminal “{terminal}” is deactivated in the back office",
                               terminal=terminal.code)
    store = Store.get_by_id(terminal.store_id)
    if not store.active:
        raise PermissionDenied("till.store_inactive",
                               "store “{store}” is closed in the back office", store=store.code)
    if not Merchant.get_by_id(store.merchant_id).active:
        raise PermissionDenied("till.merchant_inactive",
                               "merchant of store “{store}” is deactivated in the back office",
                               store=store.code)


class Till:
    """One terminal's till. Create with :meth:`open` after the database is bound."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal_id = terminal.id
        self.terminal_code = terminal.code
        store = Store.get_by_id(terminal.store_id)
        merchant = Merchant.get_by_id(store.merchant_id)
        self.store_id = store.id
        self.store_name = store.name
        self.store_name_en = store.name_en
        self.merchant_id = merchant.id
        self.merchant_name = merchant.name
        self.currency = store.currency
        self.timezone = store_timezone(store)  # every time shown or printed is in it
        self.point_value = point_value_minor()
        # For the window's pre-check only; checkout reads the store's limit again at commit.
        self.discount_limit_bp = store.discount_limit_bp
        self._catalogue = Catalogue(store)
        self.cashier: StaffInfo | None = None
        self.shift_id: int | None = None

    @classmethod
    def open(cls, terminal_code: str = "") -> Till:
        query = Terminal.select().order_by(Terminal.id)
        terminal = (query.where(Terminal.code == terminal_code) if terminal_code else query).first()
        if terminal is None and terminal_code:
            raise NotFound("till.unknown_terminal", "terminal “{terminal}” is not registered",
                           terminal=terminal_code)
        if terminal is None:
            raise NotFound("till.no_terminal", "no terminal is registered in this database "
                           "(run with --demo to seed one)")
        check_terminal_open(terminal)
        return cls(terminal)

    # -- health -----------------------------------------------------------------------------
    def ping(self) -> bool:
        """A cheap round trip to the database (the window's online indicator)."""
        return Terminal.select(Terminal.id).where(Terminal.id == self.terminal_id).exists()

    def committed_sale(self, client_uuid: str) -> str:
        """The receipt number of the sale committed under this cart key, or ''."""
        sale = find_sale(client_uuid)
        return sale.receipt_no if sale is not None else ""

    def offers(self) -> list[OfferInfo]:
        """Offers running now at this store's merchant (the customer display's slideshow)."""
        now = utcnow()
        rows = Offer.select().where(
            (Offer.merchant == self.merchant_id) & (Offer.active == True)  # noqa: E712
            & (Offer.valid_from <= now) & (Offer.valid_until > now)
        ).order_by(Offer.valid_until)
        return [OfferInfo(o.title, o.title_en, o.description, o.price_points, o.price)
                for o in rows]

    # -- staff -----------------------------------------------------------------------------
    def sign_in(self, code: str, pin: str) -> StaffInfo:
        self.cashier = _staff_info(staff.sign_in(checked(code), pin))
        return self.cashier

    def context(self) -> TillContext:
        if self.cashier is None:
            raise NotFound("till.no_cashier", "no cashier is signed in")
        return TillContext(self.store_id, self.terminal_id, self.cashier.id, self.shift_id)

    def approve(self, action: str, pin: str, target: str) -> Approval:
        """A manager's PIN approves ``action`` on ``target`` (``sale:<id>``, ``cart:<uuid>``,
        ``shift:<id>``, ``terminal:<id>``; see app.approvals) for the signed-in cashier. The
        handle is used up by the service that does the action."""
        if self.cashier is None:
            raise NotFound("till.no_cashier", "no cashier is signed in")
        return approvals.grant_by_pin(action, Staff.get_by_id(self.cashier.id), pin,
                                      self.terminal_id, target)

    def approval_target(self) -> str:
        """The target of an approval for this till itself (no sale, the devices screen)."""
        return approvals.terminal_target(self.terminal_id)

    def open_devices(self, approval: Approval) -> None:
        """Opening the devices screen uses a manager's approval for this till (audited)."""
        ctx = self.context()
        approvals.record_approved(approval, action="devices",
                                  target=approvals.terminal_target(self.terminal_id),
                                  requester_id=ctx.cashier_id, terminal_id=self.terminal_id)

    # -- catalogue --------------------------------------------------------------------------
    def scan(self, code: str) -> ScanHit:
        return self._catalogue.scan(code)

    def search(self, text: str) -> list[ProductInfo]:
        return self._catalogue.search(text)

    def categories(self) -> list[CategoryInfo]:
        return self._catalogue.categories()

    def products_in(self, category_id: int) -> list[ProductInfo]:
        return self._catalogue.in_category(category_id)

    # -- members ---------------------------------------------------------------------------
    def identify(self, text: str) -> MemberSummary:
        return members.summary(members.identify(text))

    def member(self, member_id: int) -> MemberSummary:
        return members.summary(Member.get_by_id(member_id))

    def register_member(self, phone: str, name: str, marketing_consent: bool,
                        card_number: str | None = None) -> MemberSummary:
        """The till's registration form cannot be sent without the terms ticked."""
        cashier = Staff.get_by_id(self.cashier.id) if self.cashier else None
        name, card_number = checked(name), checked(card_number) if card_number else None
        member = members.register(phone, name, store=Store.get_by_id(self.store_id),
                                  staff=cashier, marketing_consent=marketing_consent,
                                  terms_accepted=True, card_number=card_number)
        return members.summary(member)

    # -- paying ----------------------------------------------------------------------------
    def reprice(self, cart: Cart) -> Cart:
        """``cart`` at today's catalogue prices (a cart restored from the journal)."""
        return price_cart(cart, self._catalogue)

    def charge_qr(self, amount: int, customer_code: str) -> payments.CapturedPayment:
        """Take ``amount`` from the customer's wallet code; the sale then claims the payment."""
        return payments.provider().charge(self.merchant_id, self.terminal_id, amount,
                                          customer_code)

    def check_coupon(self, code: str, member_id: int | None) -> coupons.CouponInfo:
        """What the member's coupon is worth here (redeemed only when the sale commits). A
        refusal counts against this till, which must slow down after too many."""
        try:
            return coupons.check(code, member_id, self.merchant_id, self.terminal_id)[1]
        except PatronError as exc:
            coupons.record_refusal(exc, self.terminal_id)
            raise

    def pay(self, cart: Cart, tenders: list[Tender]) -> SaleResult:
        return checkout(cart, tenders, self.context())

    def refund(self, sale_id: int, lines: dict[int, int] | None, approval: Approval,
               client_uuid: str | None = None, *, refund_to: str | None = None,
               card_references: dict[str, str] | None = None) -> refunds.RefundResult:
        return refunds.refund(sale_id, lines, self.context(), approval,
                              client_uuid or str(uuid.uuid4()), refund_to=refund_to,
                              card_references=card_references)

    def preview_refund(self, sale_id: int, lines: dict[int, int] | None,
                       refund_to: str | None = None) -> refunds.RefundResult:
        return refunds.preview_refund(sale_id, lines, self.context(), refund_to=refund_to)

    def void(self, sale_id: int, approval: Approval,
             client_uuid: str | None = None) -> refunds.RefundResult:
        return refunds.void_sale(sale_id, self.context(), approval,
                                 client_uuid or str(uuid.uuid4()))

    def no_sale(self, approval: Approval, reason: str = "") -> None:
        refunds.no_sale(self.context(), approval, reason)

    def record_cart_action(self, action: str, approval: Approval, cart_uuid: str,
                           **detail: object) -> None:
        refunds.record_cart_action(action, self.context(), approval, cart_uuid, **detail)

    def find_sale(self, receipt_no: str) -> SaleSummary:
        return self._summary(refunds.find_by_receipt(checked(receipt_no), self.terminal_id))

    def refundable_lines(self, sale_id: int) -> list[refunds.RefundableLine]:
        return refunds.refundable_lines(sale_id, self.terminal_id)

    def recent_sales(self, limit: int = 100) -> list[SaleSummary]:
        here = scope.of_terminal(self.terminal_id)
        query = here.sales().where(Sale.terminal == self.terminal_id)
        if self.shift_id is not None:
            query = query.where(Sale.shift == self.shift_id)
        return [self._summary(s) for s in query.order_by(Sale.id.desc()).limit(limit)]

    def _summary(self, s: Sale) -> SaleSummary:
        name = s.member.name if s.member_id else ""
        return SaleSummary(s.id, s.receipt_no, s.kind,
                           store_time_text(s.created_at, self.timezone), s.total, name)

    def store_now(self) -> str:
        """The store's wall-clock time, "YYYY-MM-DD HH:MM" (the status-bar clock)."""
        return store_time_text(utcnow(), self.timezone, "%Y-%m-%d %H:%M")

    # -- documents ---------------------------------------------------------------------------
    # Documents take the language of the window that asks for them ("zh_CN" or "en").
    def receipt_pdf(self, sale_id: int, folder: Path, language: str = "zh_CN") -> Path:
        from app.documents.receipt import build_receipt, receipt_pdf

        receipt = build_receipt(sale_id)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"receipt-{receipt.receipt_no}.pdf"
        receipt_pdf(receipt, path, language=language)
        return path

    def receipt_job(self, sale_id: int, paper_mm: int = 80, open_drawer: bool = False,
                    language: str = "zh_CN") -> dict:
        from app.documents.receipt import build_receipt, receipt_print_job

        return receipt_print_job(build_receipt(sale_id), paper_mm, language,
                                 open_drawer=open_drawer)

    # == shifts ===============================================================================
    # (written for the cashier window; app.shifts holds the rules, app.documents.shift_report
    # the documents)
    def current_shift(self) -> ShiftInfo | None:
        """The terminal's open shift (remembered: sales are rung up in it), or None."""
        from app import shifts

        row = shifts.current_shift(self.terminal_id)
        self.shift_id = row.id if row is not None else None
        return _shift_info(row, self.timezone) if row is not None else None

    def open_shift(self, opening_float: int) -> ShiftInfo:
        from app import shifts

        if self.cashier is None:
            raise NotFound("till.no_cashier", "no cashier is signed in")
        row = shifts.open_shift(self.terminal_id, self.cashier.id, opening_float)
        self.shift_id = row.id
        return _shift_info(row, self.timezone)

    def x_report(self) -> ShiftReport:
        from app import shifts

        if self.shift_id is None:
            raise NotFound("till.no_shift", "no shift is open on this till")
        return shifts.x_report(self.shift_id)

    def close_shift(self, denomination_counts: dict[int, int],
                    approval: Approval | None = None) -> ShiftReport:
        """Close the open shift with the drawer count; returns its Z report. Closed by the
        approving manager when there is an approval, else by the signed-in cashier."""
        from app import shifts

        if self.cashier is None:
            raise NotFound("till.no_cashier", "no cashier is signed in")
        if self.shift_id is None:
            raise NotFound("till.no_shift", "no shift is open on this till")
        row = shifts.close_shift(self.shift_id, self.cashier.id, denomination_counts, approval)
        self.shift_id = None
        return shifts.z_report(row.id)

    def z_report(self, shift_id: int) -> ShiftReport:
        from app import shifts

        return shifts.z_report(shift_id)

    def shift_report_job(self, report: ShiftReport, paper_mm: int = 80,
                         language: str = "zh_CN") -> dict:
        from app.documents.shift_report import shift_report_print_job

        return shift_report_print_job(report, paper_mm, language)

    def shift_report_pdf(self, report: ShiftReport, folder: Path,
                         language: str = "zh_CN") -> Path:
        from app.documents.shift_report import shift_report_pdf

        folder.mkdir(parents=True, exist_ok=True)
        number = f"Z{report.z_number:04d}" if report.z_number is not None else "X"
        path = folder / f"shift-{report.shift_id}-{number}.pdf"
        shift_report_pdf(report, path, language)
        return path


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    opened_at: str
    cashier_id: int
    opening_float: int


def _shift_info(row: Shift, timezone: str) -> ShiftInfo:
    return ShiftInfo(row.id, store_time_text(row.opened_at, timezone, "%Y-%m-%d %H:%M"),
                     row.cashier_id, row.opening_float)
