"""Conversion partners: a member's points become a bank's stored value or an insurer's premium.

A conversion happens in three steps, each safe to repeat with the same conversion UUID:

1. **Spend** (one transaction): the partner must exist, be active and be reachable (its local
   folder exists) *before* anything is written; then the points go back to their issuers
   through the ledger (``ledger.release``, source "partner", key ``partner:<uuid>``) and a
   :class:`PartnerConversion` row records partner, member, points, money and "pending".
2. **Ask the partner** (:class:`PartnerProvider`.convert): outside any transaction.
3. **Record the answer**: accepted → the conversion is owed to the partner in its period's
   settlement; refused → the points come back (``ledger.restore_release``, key
   ``partner:<uuid>:back``, same issuers and expiry) and the row says why. Points are spent
   before the partner is asked so a member cannot spend them twice meanwhile; a refusal after
   the spend is given back by a reversal, never by deleting anything.

A provider that does not answer (the local provider with no response file yet) leaves the
conversion pending; :func:`poll` asks again later (the back office's button, or a job).

The money owed to a partner is ``points × partner.minor_per_100_points // 100``, rounded down
per conversion; :func:`settlement` sums a period per partner, with the issuing merchants that
fund it (from the lots the points came from), and :func:`settlement_csv` exports it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

import peewee as pw

from app import ledger, members
from app.backoffice.actor import Actor, audit_change, row_dict
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import ConfigError, IdempotencyConflict, NotFound, ValidationError
from app.messaging import notices
from app.models import (
    LotUse,
    Member,
    Merchant,
    Partner,
    PartnerConversion,
    Transfer,
)
from app.money import format_money

KINDS = ("bank", "insurance")


# -- the provider interface -------------------------------------------------------------------
@dataclass(frozen=True)
class PartnerRequest:
    conversion_uuid: str
    partner_code: str
    member_number: str
    account_ref: str  # the member's account or policy number at the partner
    points: int
    amount: int  # minor units the partner credits
    currency: str = "CNY"


@dataclass(frozen=True)
class PartnerReceipt:
    status: str  # accepted | refused | pending
    reference: str = ""
    reason: str = ""


class PartnerProvider(Protocol):
    def convert(self, request: PartnerRequest) -> PartnerReceipt:
        """Hand the conversion to the partner; asked again with the same UUID, answer the
        same (never credit twice)."""
        ...


class LocalFileProvider:
    """The partner exchange as files: one request ``<uuid>.request.json`` per conversion,
    written atomically (temporary file + rename) into the partner's folder; the partner's
    answer is ``<uuid>.response.json`` ({"status": "accepted"|"refused", "reference",
    "reason"}). With ``auto_accept`` the drop itself is the acceptance."""

    def __init__(self, folder: str, auto_accept: bool = False) -> None:
        self.folder = Path(folder)
        self.auto_accept = auto_accept

    def check(self) -> None:
        if not str(self.folder) or not self.folder.is_dir():
            raise ConfigError("partner.folder_missing",
                              "the partner exchange folder {folder} does not exist",
                              folder=str(self.folder))

    def convert(self, request: PartnerRequest) -> PartnerReceipt:
        self.check()
        target = self.folder / f"{request.conversion_uuid}.request.json"
        if not target.exists():  # a retry leaves the first request as it was
            payload = json.dumps(request.__dict__, ensure_ascii=False, sort_keys=True, indent=1)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(payload)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return self.answer(request.conversion_uuid)

    def answer(self, conversion_uuid: str) -> PartnerReceipt:
        response = self.folder / f"{conversion_uuid}.response.json"
        if response.exists():
            try:
                data = json.loads(response.read_text(encoding="utf-8"))
                status = str(data.get("status", ""))
            except (ValueError, AttributeError):
                status, data = "", {}
            if status not in ("accepted", "refused"):
                raise ValidationError("partner.bad_response",
                                      "the partner's answer {file} cannot be read",
                                      file=response.name)
            return PartnerReceipt(status, str(data.get("reference", ""))[:64],
                                  str(data.get("reason", ""))[:200])
        if self.auto_accept:
            return PartnerReceipt("accepted", f"LOCAL-{conversion_uuid[:8].upper()}")
        return PartnerReceipt("pending")


def provider_for(partner: Partner) -> LocalFileProvider:
    if partner.provider != "local":
        raise ConfigError("partner.unknown_provider", "no partner provider {provider}",
                          provider=partner.provider)
    return LocalFileProvider(partner.folder, partner.auto_accept)


# -- partners (operator) ----------------------------------------------------------------------
@dataclass(frozen=True)
class PartnerInput:
    code: str
    name: str
    name_en: str
    kind: str
    minor_per_100_points: int
    folder: str
    auto_accept: bool = False
    active: bool = True


@dataclass(frozen=True)
class PartnerRow:
    id: int
    code: str
    name: str
    name_en: str
    kind: str
    minor_per_100_points: int
    folder: str
    auto_accept: bool
    active: bool


def list_partners(actor: Actor) -> list[PartnerRow]:
    """Partners are coalition-wide: the operator manages them; managers may see them."""
    return [PartnerRow(p.id, p.code, p.name, p.name_en, p.kind, p.minor_per_100_points,
                       p.folder if actor.is_operator else "", p.auto_accept, p.active)
            for p in Partner.select().order_by(Partner.code)]


def save_partner(actor: Actor, partner_id: int | None, data: PartnerInput) -> int:
    actor.require_operator()
    code = data.code.strip().upper()
    if not code or not data.name.strip():
        raise ValidationError("partner.needs_code_name", "a partner needs a code and a name")
    if data.kind not in KINDS:
        raise ValidationError("partner.bad_kind", "a partner is a bank or an insurer, not {kind}",
                              kind=repr(data.kind))
    if (not isinstance(data.minor_per_100_points, int) or isinstance(data.minor_per_100_points,
                                                                       bool)
            or data.minor_per_100_points <= 0):
        raise ValidationError("partner.bad_rate",
                              "the rate must be a positive number of cents per 100 points")
    values = {"code": code, "name": data.name.strip(), "name_en": data.name_en.strip(),
              "kind": data.kind, "minor_per_100_points": data.minor_per_100_points,
              "folder": data.folder.strip(), "auto_accept": data.auto_accept,
              "active": data.active}
    with write_tx():
        clash = Partner.get_or_none((Partner.code == code)
                                    & (Partner.id != (partner_id or 0)))
        if clash is not None:
            raise ValidationError("partner.duplicate_code", "a partner with code {code} exists",
                                  code=code)
        if partner_id is None:
            partner = Partner.create(**values)
            audit_change(actor, "partner.create", f"partner:{code}", None, row_dict(partner))
            return partner.id
        partner = lock_row(Partner, partner_id)
        if partner is None:
            raise NotFound("partner.unknown", "no partner {partner}", partner=partner_id)
        before = row_dict(partner)
        Partner.update(**values).where(Partner.id == partner_id).execute()
        audit_change(actor, "partner.change", f"partner:{code}", before,
                     row_dict(Partner.get_by_id(partner_id)))
        return partner_id


# -- converting -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConversionResult:
    conversion_id: int
    status: str
    points: int
    amount: int
    partner_ref: str = ""
    reason: str = ""
    replayed: bool = False


def amount_for(partner: Partner, points: int) -> int:
    return points * partner.minor_per_100_points // 100


def convert(actor: Actor | None, partner_code: str, member_id: int, points: int,
            account_ref: str, client_uuid: str, *, staff_id: int | None = None
            ) -> ConversionResult:
    """Convert a member's points to a partner (see the module's steps). ``actor`` (back
    office) must see the member's home merchant; a kiosk passes None."""
    try:
        key_uuid = uuid.UUID(str(client_uuid))
    except ValueError:
        raise ValidationError("partner.bad_uuid", "{value} is not a conversion UUID",
                              value=str(client_uuid)[:40]) from None
    conversion = PartnerConversion.get_or_none(PartnerConversion.client_uuid == key_uuid)
    if conversion is None:
        conversion = _spend(actor, partner_code, member_id, points, account_ref, key_uuid,
                            staff_id)
    elif (conversion.member_id != member_id or conversion.points != points
          or Partner.get_by_id(conversion.partner_id).code != partner_code.strip().upper()):
        raise IdempotencyConflict("partner.key_reused",
                                  "this conversion was already made with other details")
    if conversion.status != "pending":
        return _result(conversion, replayed=True)
    return _ask(conversion)


def _spend(actor: Actor | None, partner_code: str, member_id: int, points: int,
           account_ref: str, key_uuid: uuid.UUID, staff_id: int | None) -> PartnerConversion:
    partner = Partner.get_or_none(Partner.code == partner_code.strip().upper())
    if partner is None or not partner.active:
        raise NotFound("partner.unknown", "no partner {partner}", partner=partner_code)
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("partner.no_member", "no member {member}", member=member_id)
    if actor is not None:
        actor.check_merchant(member.home_merchant_id)
    if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
        raise ValidationError("partner.bad_points",
                              "points to convert must be a positive whole number, got {points}",
                              points=repr(points))
    if not account_ref.strip():
        raise ValidationError("partner.no_account",
                              "enter the member's account or policy number at the partner")
    amount = amount_for(partner, points)
    if amount <= 0:
        raise ValidationError("partner.too_few_points",
                              "{points} points convert into less than one cent", points=points)
    provider_for(partner).check()  # unreachable partner: refuse before spending anything
    key = f"partner:{key_uuid}"
    staff = staff_id or (actor.staff_id if actor else None)
    try:
        with write_tx():
            ledger.release(ledger.member_account(member), points, key=key,
                           reason=f"converted to {partner.name}", source="partner",
                           ctx=ledger.Context(staff=staff, source_ref=key))
            conversion = PartnerConversion.create(
                client_uuid=key_uuid, partner=partner, member=member, points=points,
                amount=amount, account_ref=account_ref.strip()[:64], staff=staff)
            if actor is not None:
                audit_change(actor, "partner.convert", f"partner:{partner.code}", None,
                             row_dict(conversion), member=member.number)
    except pw.IntegrityError:  # the same UUID at the same moment elsewhere
        found = PartnerConversion.get_or_none(PartnerConversion.client_uuid == key_uuid)
        if found is None:
            raise
        return found
    return conversion


def _request(conversion: PartnerConversion) -> PartnerRequest:
    partner = Partner.get_by_id(conversion.partner_id)
    member = Member.get_by_id(conversion.member_id)
    return PartnerRequest(str(conversion.client_uuid), partner.code, member.number,
                          conversion.account_ref, conversion.points, conversion.amount)


def _ask(conversion: PartnerConversion) -> ConversionResult:
    partner = Partner.get_by_id(conversion.partner_id)
    receipt = provider_for(partner).convert(_request(conversion))
    return _record(conversion.id, receipt)


def _record(conversion_id: int, receipt: PartnerReceipt) -> ConversionResult:
    """Write the partner's answer once: the first answer stands (the row is locked)."""
    with write_tx():
        conversion = lock_row(PartnerConversion, conversion_id)
        if conversion.status != "pending" or receipt.status == "pending":
            return _result(conversion, replayed=conversion.status != "pending")
        if receipt.status == "refused":
            key = f"partner:{conversion.client_uuid}"
            ledger.restore_release(ledger.released(key), key=f"{key}:back",
                                   reason="refused by the partner", source="partner",
                                   ctx=ledger.Context(staff=conversion.staff_id,
                                                      source_ref=key))
        PartnerConversion.update(status=receipt.status, partner_ref=receipt.reference,
                                 reason=receipt.reason, decided_at=utcnow()).where(
            PartnerConversion.id == conversion_id).execute()
        member = Member.get_by_id(conversion.member_id)
        partner = Partner.get_by_id(conversion.partner_id)
        notices.queue_member(member, f"partner_{receipt.status}",
                             f"partner:{conversion.client_uuid}:notice",
                             partner=partner.name, points=conversion.points,
                             amount=format_money(conversion.amount),
                             account=conversion.account_ref, reason=receipt.reason or "-",
                             balance=ledger.balance(member))
        return _result(PartnerConversion.get_by_id(conversion_id), replayed=False)


def _result(c: PartnerConversion, replayed: bool) -> ConversionResult:
    return ConversionResult(c.id, c.status, c.points, c.amount, c.partner_ref, c.reason,
                            replayed)


def poll(actor: Actor | None = None) -> int:
    """Ask the partners again about every pending conversion; returns how many were decided."""
    if actor is not None:
        actor.require_operator()
    decided = 0
    for conversion in PartnerConversion.select().where(PartnerConversion.status == "pending"):
        partner = Partner.get_by_id(conversion.partner_id)
        try:  # convert again, not only read: a request that never got dropped is dropped now
            receipt = provider_for(partner).convert(_request(conversion))
        except (ConfigError, ValidationError):
            continue  # this partner cannot answer now; the others still can
        if _record(conversion.id, receipt).status != "pending":
            decided += 1
    return decided


# -- looking at conversions and settling with partners ----------------------------------------
@dataclass(frozen=True)
class ConversionRow:
    id: int
    created_at: datetime
    partner_code: str
    member_number: str
    points: int
    amount: int
    status: str
    partner_ref: str
    reason: str


def list_conversions(actor: Actor, partner_code: str | None = None,
                     limit: int = 500) -> list[ConversionRow]:
    """Recent conversions: the operator sees all, a manager those of their merchant's members."""
    query = (PartnerConversion.select(PartnerConversion, Partner.code, Member.number)
             .join(Partner).switch(PartnerConversion).join(Member)
             .order_by(PartnerConversion.id.desc()).limit(limit))
    query = actor.merchants(query, Member.home_merchant)
    if partner_code:
        query = query.where(Partner.code == partner_code)
    return [ConversionRow(c.id, c.created_at, c.partner.code, c.member.number, c.points,
                          c.amount, c.status, c.partner_ref, c.reason) for c in query]


@dataclass(frozen=True)
class PartnerOwed:
    partner_code: str
    partner_name: str
    conversions: int
    points: int
    amount: int  # minor units owed to the partner
    funded_by: dict[str, int]  # issuing merchant code → points of its that went


def settlement(actor: Actor, start: datetime, end: datetime) -> list[PartnerOwed]:
    """What each partner is owed for conversions it accepted in [start, end) (by the time
    they were made), and whose points they were."""
    actor.require_operator()
    if not start < end:
        raise ValidationError("settlement.bad_period",
                              "a settlement period must end after it starts ({start} – {end})",
                              start=start.isoformat(), end=end.isoformat())
    out: list[PartnerOwed] = []
    for partner in Partner.select().order_by(Partner.code):
        rows = list(PartnerConversion.select().where(
            (PartnerConversion.partner == partner) & (PartnerConversion.status == "accepted")
            & (PartnerConversion.created_at >= start) & (PartnerConversion.created_at < end)))
        if not rows:
            continue
        funded: dict[str, int] = {}
        keys = [f"partner:{c.client_uuid}:" for c in rows]
        for key in keys:
            uses = (LotUse.select(Merchant.code, pw.fn.SUM(LotUse.amount))
                    .join(Transfer, on=(LotUse.transfer == Transfer.id))
                    .switch(LotUse).join(Merchant, on=(LotUse.issuer == Merchant.id))
                    .where(Transfer.idempotency_key.startswith(key)
                           & Transfer.reverses.is_null())
                    .group_by(Merchant.code).tuples())
            for code, amount in uses:
                funded[code] = funded.get(code, 0) + int(amount)
        out.append(PartnerOwed(partner.code, partner.name, len(rows),
                               sum(c.points for c in rows), sum(c.amount for c in rows),
                               dict(sorted(funded.items()))))
    return out


def settlement_csv(actor: Actor, start: datetime, end: datetime) -> str:
    """The period's partner settlement as CSV: one line per partner and funding merchant."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["period_start", "period_end", "partner", "conversions", "points",
                     "amount_minor", "amount", "issuer", "issuer_points"])
    for owed in settlement(actor, start, end):
        for issuer, pts in (owed.funded_by.items() or [("", 0)]):
            writer.writerow([start.date().isoformat(), end.date().isoformat(),
                             owed.partner_code, owed.conversions, owed.points, owed.amount,
                             format_money(owed.amount, symbol=False), issuer, pts])
    return buf.getvalue()


def convert_for_number(actor: Actor, partner_code: str, member_number: str, points: int,
                       account_ref: str, client_uuid: str) -> ConversionResult:
    """The back office converts points for the member with this number."""
    member = members.identify(member_number)  # member number, card, phone or QR
    return convert(actor, partner_code, member.id, points, account_ref, client_uuid)
