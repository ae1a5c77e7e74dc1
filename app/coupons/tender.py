"""Coupons at the till: valued from their offer, for their own member, at the offer's merchant —
as a tender (the offer's face value pays towards the sale) or as a discount (the face value
comes off the offer's product, or off any product of its merchant).

:func:`check` is the read (the till uses it to show what a coupon is worth); :func:`redeem`
claims the coupon for a sale inside that sale's transaction with a conditional UPDATE
(``redeemed_at IS NULL`` and still valid → one row means this sale won), so a coupon is used
once however many tills try at the same moment; :func:`restore` undoes that claim when the
sale is refunded.

Refusals are uniform: an unknown, used, expired, forged code, another member's coupon or one
of another merchant all read ``coupon.not_genuine`` ("this coupon cannot be used"), so a till
cannot be used to learn which codes exist or whose they are. Only a typing slip in a typable
code (its check symbol) is named, before any database call. Each refusal counts against the
terminal (app.throttle), and a terminal with too many refusals must wait before trying again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app import fixed_sql, throttle, typable_codes
from app.clock import utcnow
from app.errors import PatronError, ValidationError
from app.models import Coupon, Member, Merchant, Offer, Sale

KIND = "C"
DISCOUNT, TENDER = "discount", "tender"


@dataclass(frozen=True)
class CouponInfo:
    code: str  # as stored (the canonical form of a typable code)
    title: str
    title_en: str
    value: int  # the offer's face value, minor units
    kind: str = TENDER  # tender | discount
    product_id: int | None = None  # a discount's product; None: any product of the merchant
    product_name: str = ""
    product_name_en: str = ""


def not_genuine(guess: bool = True) -> ValidationError:
    exc = ValidationError("coupon.not_genuine", "this coupon cannot be used")
    exc.guess = guess  # type: ignore[attr-defined]  # counted against the terminal
    return exc


def needs_member() -> ValidationError:
    return ValidationError("coupon.needs_member", "identify the member before using a coupon")


def stored_code(text: str) -> str:
    """The code a coupon is stored under: a typable ``C…`` code typed with hyphens, spaces or
    in lower case is its canonical text (a typo raises ``coupon.typo``, a forgery
    ``coupon.not_genuine``); any other text is taken as is (coupons issued before typable
    codes keep working by their exact code)."""
    raw = text.strip() if isinstance(text, str) else ""
    if not raw:
        raise not_genuine()
    try:
        return typable_codes.parse(raw, KIND).text
    except ValidationError as exc:
        if exc.code == "coupon.not_genuine":  # forged: a guess like any other
            raise not_genuine() from None
        if exc.code != "coupon.not_this_kind":
            raise
    return raw


def looks_like_coupon(text: str) -> bool:
    """Whether a scan is meant as a coupon (a typable ``C…`` code, genuine or not), so the
    till applies it as one instead of looking for a product."""
    code = typable_codes.normalise(text)
    return len(code) == typable_codes.LENGTH and code[0] == KIND


def check(code: str, member: Member | int | None, merchant: Merchant | int,
          terminal_id: int | None = None, *, at: datetime | None = None
          ) -> tuple[Coupon, CouponInfo]:
    """The coupon ``code`` if ``member`` may use it at ``merchant`` now, else a refusal.

    With ``terminal_id``, a terminal that must slow down is refused first
    (``throttle.slow_down``); the caller records a ``coupon.not_genuine`` refusal with
    :func:`record_refusal` once its transaction is over (the count must outlive a rollback)."""
    stored = stored_code(code)  # a typing slip is named here, before any database call
    member_id = member.id if isinstance(member, Member) else member
    if member_id is None:
        raise needs_member()
    coupon = _with_offer(stored, throttle.scopes(terminal_id) if terminal_id is not None else ())
    if coupon is None or coupon.member_id != member_id:
        raise not_genuine()
    offer = coupon.offer
    merchant_id = merchant.id if isinstance(merchant, Merchant) else merchant
    if (offer.merchant_id != merchant_id or coupon.redeemed_at is not None
            or coupon.valid_until <= (at or utcnow())):
        raise not_genuine()
    kind = DISCOUNT if offer.kind == DISCOUNT else TENDER
    return coupon, CouponInfo(coupon.code, offer.title, offer.title_en, offer.face_value, kind,
                              offer.product_id, *coupon.product_names)


def _with_offer(stored: str, scopes: tuple[str, ...] = ()) -> Coupon | None:
    """The coupon with its offer attached and its product's names (``product_names``), in
    one fixed statement on every coupon sale's path; with ``scopes``, their throttle read in
    the same statement, and a scope that must slow down refused before the coupon is."""
    now = utcnow()
    throttled, throttle_params = (throttle.recent_query(scopes, now - throttle.WINDOW)
                                  if scopes else ("SELECT NULL, NULL, NULL, NULL", ()))
    rows = fixed_sql.execute(
        f"SELECT {fixed_sql.columns(Coupon, 'c')}, {fixed_sql.columns(Offer, 'o')}, p.name, "
        "p.name_en, th.* FROM (SELECT 1 AS one) x LEFT JOIN (coupon c JOIN offer o ON "
        "o.id = c.offer_id LEFT JOIN product p ON p.id = o.product_id) ON c.code = ? "
        f"LEFT JOIN ({throttled}) th ON TRUE", (stored, *throttle_params)).fetchall()
    throttle.judge([row[-4:] for row in rows if row[-4] is not None], now)
    row = rows[0][:-4]  # one coupon row at most (the code is unique), once per scope
    if row[0] is None:
        return None
    n = len(fixed_sql.fields(Coupon))
    coupon = fixed_sql.instance(Coupon, row[:n])
    coupon.offer = fixed_sql.instance(Offer, row[n:-2])
    coupon.product_names = (row[-2] or "", row[-1] or "")  # not a column
    return coupon


def record_refusal(exc: BaseException, terminal_id: int | None) -> None:
    """Count a refused coupon against the terminal (own transaction; call outside the one that
    was rolled back). Typing slips, throttling and losing a race for the coupon to another
    till are not guesses and are not counted."""
    if (terminal_id is not None and isinstance(exc, PatronError)
            and exc.code == "coupon.not_genuine" and getattr(exc, "guess", False)):
        throttle.failed(*throttle.scopes(terminal_id), terminal=terminal_id)


def redeem(coupon: Coupon, sale: Sale) -> None:
    """Claim ``coupon`` for ``sale`` (call inside the sale's write transaction)."""
    claimed(fixed_sql.execute(*claim(coupon, sale)).rowcount)


def claim(coupon: Coupon, sale: Sale) -> tuple[str, tuple]:
    """The conditional update that claims ``coupon`` for ``sale`` (one row: this sale won);
    a caller that sends it with other statements (app.fixed_sql.execute_many) passes its
    row count to :func:`claimed`."""
    return ("UPDATE coupon SET redeemed_at = ?, redeemed_store_id = ?, redeemed_sale_id = ? "
            "WHERE id = ? AND redeemed_at IS NULL AND valid_until > ? AND member_id = ?",
            (Coupon.redeemed_at.db_value(sale.created_at), sale.store_id, sale.id, coupon.id,
             Coupon.valid_until.db_value(sale.created_at), sale.member_id))


def claimed(rows: int) -> None:
    """Refuse the sale unless its claim updated the coupon's row."""
    if rows != 1:  # another till's sale took it a moment ago: a race, not a guess
        raise not_genuine(guess=False)


def restore(sale_id: int, now: datetime) -> list[Coupon]:
    """Give back the coupons ``sale_id`` used that are still valid at ``now`` (inside the
    refund's write transaction; a conditional update, so a coupon is given back once)."""
    out = []
    for coupon in Coupon.select().where((Coupon.redeemed_sale == sale_id)
                                        & (Coupon.valid_until > now)):
        given = Coupon.update(redeemed_at=None, redeemed_store=None, redeemed_sale=None).where(
            (Coupon.id == coupon.id) & (Coupon.redeemed_sale == sale_id)).execute()
        if given == 1:
            out.append(coupon)
    return out
