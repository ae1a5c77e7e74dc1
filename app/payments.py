"""Tender records: a "qr" or "card" tender must point to a payment its provider captured.

A provider (a QR wallet acquirer; the simulated one for the demo and tests) charges the
customer and stores a :class:`~app.models.PaymentRecord`. Checkout then *claims* the record in
the sale's own transaction with a conditional UPDATE (``sale IS NULL`` → one row means this
sale won), so one payment can never pay two sales, and its amount must be what the tender
applies. The external card terminal has no API: its approval code is recorded the same way
when the sale commits, and the same code cannot pay a second sale on that terminal.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Protocol

import peewee as pw

from app.clock import utcnow
from app.db import database, write_tx
from app.errors import AlreadyRedeemed, NotFound, PermissionDenied, ValidationError
from app.models import PaymentRecord, Sale, Terminal
from app.money import format_money

CARD_PROVIDER = "card-terminal"


@dataclass(frozen=True)
class CapturedPayment:
    """What the till puts in a tender's reference after the provider took the money."""

    kind: str
    provider: str
    reference: str
    amount: int


class PaymentProvider(Protocol):
    name: str

    def charge(self, merchant_id: int, terminal_id: int | None, amount: int,
               customer_code: str) -> CapturedPayment:
        """Take ``amount`` from the customer whose wallet shows ``customer_code``."""
        ...


class RefundingProvider(PaymentProvider, Protocol):
    """A provider that can pay money back to the wallet a captured payment came from."""

    def refund(self, reference: str, amount: int, key: str) -> str:
        """Pay ``amount`` of captured payment ``reference`` back; returns the refund's reference.
        ``key`` is the refund's idempotency key: asked again with it, the acquirer answers with
        the same refund instead of paying twice (a retry after a failed commit)."""
        ...


class SimulatedQrProvider:
    """A wallet acquirer for the demo and tests: any 18-digit payment code pays, once."""

    name = "simulated-qr"

    def charge(self, merchant_id: int, terminal_id: int | None, amount: int,
               customer_code: str) -> CapturedPayment:
        code = customer_code.strip()
        if not (code.isascii() and code.isdigit() and len(code) == 18):
            raise ValidationError("payment.bad_customer_code",
                                  "a wallet payment code has 18 digits")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise ValidationError("payment.bad_amount", "a payment must be more than zero")
        reference = f"SIM{secrets.token_hex(12).upper()}"
        with write_tx():
            PaymentRecord.create(kind="qr", provider=self.name, reference=reference,
                                 merchant=merchant_id, terminal=terminal_id, amount=amount)
        return CapturedPayment("qr", self.name, reference, amount)

    def refund(self, reference: str, amount: int, key: str) -> str:
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise ValidationError("payment.bad_amount", "a payment must be more than zero")
        digest = hashlib.sha256(f"{reference}|{key}".encode()).hexdigest()
        return f"SIMR{digest[:22].upper()}"  # the same key, the same refund


PROVIDERS: dict[str, PaymentProvider] = {SimulatedQrProvider.name: SimulatedQrProvider()}


def provider(name: str = SimulatedQrProvider.name) -> PaymentProvider:
    try:
        return PROVIDERS[name]
    except KeyError:
        raise NotFound("payment.unknown_provider", "no payment provider {name}",
                       name=name) from None


def claim_qr(reference: str, amount: int, sale: Sale) -> None:
    """Mark the captured QR payment ``reference`` as paying ``sale`` (inside its transaction)."""
    record = PaymentRecord.get_or_none((PaymentRecord.kind == "qr")
                                       & (PaymentRecord.reference == reference.strip()))
    if record is None or record.status != "captured":
        raise NotFound("payment.unknown", "no captured QR payment {reference}",
                       reference=reference)
    if record.merchant_id != sale.merchant_id:
        raise PermissionDenied("payment.other_merchant",
                               "QR payment {reference} was taken for another merchant",
                               reference=reference)
    if record.amount != amount:
        raise ValidationError("payment.amount_mismatch",
                              "QR payment {reference} is for {paid}, not {applied}",
                              reference=reference, paid=format_money(record.amount),
                              applied=format_money(amount))
    claimed = PaymentRecord.update(sale=sale.id, used_at=utcnow()).where(
        (PaymentRecord.id == record.id) & PaymentRecord.sale.is_null()
    ).execute()
    if claimed != 1:
        raise AlreadyRedeemed("payment.used", "QR payment {reference} has already paid a sale",
                              reference=reference)


def record_card(approval_code: str, amount: int, sale: Sale, terminal: Terminal) -> None:
    """Record the card terminal's approval for ``sale``; the same code cannot pay twice."""
    reference = f"{terminal.code}:{approval_code.strip()}"[:64]
    try:
        with database.obj.atomic():  # a savepoint: a duplicate leaves the sale's tx usable
            PaymentRecord.create(kind="card", provider=CARD_PROVIDER, reference=reference,
                                 merchant=sale.merchant_id, terminal=terminal.id, amount=amount,
                                 sale=sale.id, used_at=utcnow())
    except pw.IntegrityError:
        raise AlreadyRedeemed("payment.card_code_used",
                              "card approval code {code} has already paid a sale",
                              code=approval_code) from None


def qr_refunder(reference: str) -> RefundingProvider | None:
    """The provider that can pay QR payment ``reference`` back, or None (then it goes back
    in cash)."""
    record = PaymentRecord.get_or_none((PaymentRecord.kind == "qr")
                                       & (PaymentRecord.reference == reference.strip()))
    found = PROVIDERS.get(record.provider) if record is not None else None
    return found if callable(getattr(found, "refund", None)) else None  # type: ignore[return-value]


def record_refund(kind: str, provider_name: str, reference: str, amount: int, refund_sale: Sale,
                  terminal: Terminal) -> None:
    """Record money paid back to a card or wallet by ``refund_sale`` (inside its transaction);
    a refund reference, like an approval code, is used once."""
    try:
        with database.obj.atomic():
            PaymentRecord.create(kind=kind, provider=provider_name, reference=reference[:64],
                                 merchant=refund_sale.merchant_id, terminal=terminal.id,
                                 amount=amount, status="refunded", sale=refund_sale.id,
                                 used_at=utcnow())
    except pw.IntegrityError:
        raise AlreadyRedeemed("payment.refund_reference_used",
                              "refund reference {reference} has already been recorded",
                              reference=reference) from None


def card_refund_reference(refund_code: str, terminal: Terminal) -> str:
    """How a card terminal's refund reference is stored (the approval codes' namespace)."""
    return f"{terminal.code}:{refund_code.strip()}"[:64]
