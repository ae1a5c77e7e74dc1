"""Whose data a call may touch: the merchant and store of the terminal it comes from.

A scope is derived from the terminal's row in the database, never from ids the client sends
along (a till could claim any store). Services build one with :func:`of_terminal` and ask it
before they read or change another party's records.

Refunds happen at the selling merchant's terminals only: the money goes back out of that
merchant's drawer and books. A coalition that settles refunds between its merchants can say so
with the ``refund_policy`` setting (``selling_merchant``, the default, or ``coalition``).
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from app.errors import ConfigError, NotFound, PermissionDenied
from app.models import Merchant, Sale, Setting, Staff, Store, Terminal

REFUND_POLICY_KEY = "refund_policy"
REFUND_POLICIES = ("selling_merchant", "coalition")


@dataclass(frozen=True)
class Scope:
    """The terminal a call comes from and the store and merchant it belongs to."""

    terminal_id: int
    store_id: int
    merchant_id: int

    def check_staff(self, person: Staff) -> None:
        """Refuse a staff member who does not work for this terminal's merchant."""
        if person.merchant_id != self.merchant_id:
            raise PermissionDenied("scope.staff_other_merchant",
                                   "{name} does not work for this till's merchant",
                                   name=person.name)

    def may_see_sale(self, sale: Sale) -> bool:
        return sale.merchant_id == self.merchant_id or refund_policy() == "coalition"

    def check_refund(self, sale: Sale) -> None:
        """Refuse refunding ``sale`` here unless this terminal's merchant sold it (or the
        coalition's policy lets any merchant refund)."""
        if not self.may_see_sale(sale):
            raise PermissionDenied("scope.refund_other_merchant",
                                   "receipt {receipt} was sold by another merchant; refund it "
                                   "at that merchant's till", receipt=sale.receipt_no)

    def sales(self) -> pw.ModelSelect:
        """The sales this terminal may look up (for receipts, history and refunds)."""
        query = Sale.select()
        if refund_policy() == "coalition":
            return query
        return query.where(Sale.merchant == self.merchant_id)


def of_terminal(terminal_id: int) -> Scope:
    """The scope of ``terminal_id``, read from the database."""
    row = (Terminal.select(Terminal.id, Store.id, Store.merchant, Terminal.code,
                           Terminal.active & Store.active & Merchant.active)
           .join(Store).join(Merchant).where(Terminal.id == terminal_id).tuples().first())
    if row is None:
        raise NotFound("scope.no_terminal", "terminal {terminal} is not registered",
                       terminal=terminal_id)
    if not row[4]:  # deactivated in the back office while the till was open: no more sales
        raise PermissionDenied("scope.terminal_inactive",
                               "terminal “{terminal}”, its store or its merchant is deactivated "
                               "in the back office", terminal=row[3])
    return Scope(terminal_id=row[0], store_id=row[1], merchant_id=row[2])


def refund_policy() -> str:
    row = Setting.get_or_none(Setting.key == REFUND_POLICY_KEY)
    policy = row.value.strip() if row is not None else "selling_merchant"
    if policy not in REFUND_POLICIES:
        raise ConfigError("scope.bad_refund_policy",
                          "setting refund_policy is “{value}”; use selling_merchant or coalition",
                          value=policy)
    return policy
