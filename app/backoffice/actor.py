"""Who is signed in to the back office, and the scope every back-office service enforces.

A coalition **operator** sees and changes every merchant; a merchant's **manager** only their
own merchant. Services take an :class:`Actor` as their first argument and ask it before they
read or change anything (``actor.check_merchant(id)``, ``actor.merchants(query, field)``): the
window hiding another merchant's rows is a courtesy, the service refusing them is the rule.

Every change made here is audited with who, when and the row before and after
(:func:`audit_change`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import peewee as pw

from app import audit, staff
from app.errors import PermissionDenied
from app.models import AuditEntry, Staff

BACKOFFICE_ROLES = ("operator", "manager")


@dataclass(frozen=True)
class Actor:
    """A signed-in back-office user: an operator (``merchant_id`` None) or a manager."""

    staff_id: int
    code: str
    name: str
    role: str
    merchant_id: int | None

    @property
    def is_operator(self) -> bool:
        return self.role == "operator"

    @classmethod
    def of(cls, person: Staff) -> Actor:
        if person.role not in BACKOFFICE_ROLES:
            raise PermissionDenied("backoffice.role_refused",
                                   "{name} is a {role}; the back office is for managers and "
                                   "the coalition operator", name=person.name, role=person.role)
        if person.role == "manager" and person.merchant_id is None:
            raise PermissionDenied("backoffice.manager_without_merchant",
                                   "{name} is a manager of no merchant", name=person.name)
        return cls(person.id, person.code, person.name, person.role,
                   None if person.role == "operator" else person.merchant_id)

    def check_merchant(self, merchant_id: int | None) -> None:
        """Refuse touching ``merchant_id``'s data unless this actor may (operators may all;
        coalition-wide rows, ``None``, are the operator's alone)."""
        if self.is_operator:
            return
        if merchant_id is None or merchant_id != self.merchant_id:
            raise PermissionDenied("backoffice.other_merchant",
                                   "{name} may only see and change their own merchant's data",
                                   name=self.name)

    def require_operator(self) -> None:
        if not self.is_operator:
            raise PermissionDenied("backoffice.operator_only",
                                   "only the coalition operator may do this")

    def merchants(self, query: pw.ModelSelect, field: pw.Field) -> pw.ModelSelect:
        """``query`` narrowed to this actor's merchant (unchanged for an operator)."""
        return query if self.is_operator else query.where(field == self.merchant_id)

    def scoped_merchant(self, merchant_id: int | None) -> int | None:
        """The merchant a query should cover: a manager's own whatever was asked for (after
        checking it), an operator's choice (None: all)."""
        if self.is_operator:
            return merchant_id
        if merchant_id is not None:
            self.check_merchant(merchant_id)
        return self.merchant_id


def sign_in(code: str, pin: str) -> Actor:
    """Check the PIN (with the tills' lock-out) and the role: an Actor, or an error."""
    return Actor.of(staff.sign_in(code, pin))


def row_dict(model: pw.Model, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A row's plain values for an audit's before/after (secrets such as PIN hashes left out)."""
    data = model.__data__
    keys = fields or tuple(k for k in data if not k.startswith("pin_"))
    return {k: data.get(k) for k in keys}


def audit_change(actor: Actor, action: str, target: str, before: dict[str, Any] | None,
                 after: dict[str, Any] | None, *, approver: Staff | int | None = None,
                 **detail: object) -> AuditEntry:
    """Record a back-office change: who (actor), when (now), what (action, target) and the
    row's values before and after (None when created or deleted)."""
    return audit.record(action, actor=actor.staff_id, approver=approver, target=target,
                        before=_plain(before), after=_plain(after), **detail)


def _plain(values: dict[str, Any] | None) -> Any:
    return None if values is None else json.loads(json.dumps(values, default=str))
