"""Member look-up for the back office: find a member, then their balance, open lots, points
history and consents.

What a merchant may see of a coalition member (SPEC.md §2, LEDGER.md): members are the
coalition's, shared by every merchant, so a manager finds any member and sees their balance,
their open lots with expiry dates, and their consents — what they need to serve the member at
their counter. A points movement belongs to the merchant it happened at (``Transfer.merchant``;
a lot to its issuer): a manager sees their own merchant's in full, another merchant's only as
"another merchant" — date, kind and points, which explain the balance, but not which merchant,
nor its reason, terminal or staff. Movements of no merchant (expiry, coalition corrections)
are the member's own and shown. The operator sees everything. A manager asking for another
merchant's history is refused.

Phones are shown masked (138****8000) everywhere here. Every search and every member opened
is audited (who looked up whom): they touch personal data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from app import audit
from app.backoffice.actor import Actor
from app.clock import utcnow
from app.db import database, is_sqlite, write_tx
from app.errors import NotFound, ValidationError
from app.ledger import balance
from app.models import (
    Account,
    Consent,
    Lot,
    Member,
    MemberCard,
    Merchant,
    Staff,
    Terminal,
    Transfer,
)

FIELDS = ("auto", "card", "phone", "name", "number")
SOURCES = ("sale", "refund", "code", "coupon", "adjustment", "expiry", "settlement",
           "registration", "feedback", "guide")
MAX_RESULTS = 50
MAX_PAGE = 200


def mask_phone(phone: str) -> str:
    """138****8000: the first three and last four digits."""
    return phone[:3] + "*" * max(len(phone) - 7, 0) + phone[-4:] if len(phone) > 7 else phone


def mask_card(number: str) -> str:
    return "*" * max(len(number) - 4, 0) + number[-4:]


def last4_expr() -> pw.Node:
    """The last four digits of the phone, spelt exactly as migration v13's index has it."""
    if is_sqlite():
        return pw.fn.substr(Member.phone, pw.SQL("-4"))
    return pw.fn.right(Member.phone, pw.SQL("4"))


def _audit_lookup(action: str, actor: Actor, target: str, **detail: object) -> None:
    """Who looked up whom, in its own small transaction committed without waiting for the
    disk (PostgreSQL ``synchronous_commit = off``; SQLite ``synchronous = NORMAL`` for this
    commit, which in WAL mode is durable against a process crash): a read's audit row is not
    money, and only a power cut could lose the last moment of them, while the look-up answers
    without a disk sync."""
    db = database.obj
    if is_sqlite():
        db.execute_sql("PRAGMA synchronous = NORMAL")
    try:
        with write_tx():
            if not is_sqlite():
                db.execute_sql("SET LOCAL synchronous_commit = off")
            audit.record(action, actor=actor.staff_id, target=target, **detail)
    finally:
        if is_sqlite():
            db.execute_sql("PRAGMA synchronous = FULL")


# -- search ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MemberRow:
    id: int
    number: str
    name: str
    phone: str  # masked
    tier: str
    home_merchant: str


def _field_of(text: str) -> str:
    digits = re.sub(r"[\s\-+]", "", text)
    if not digits.isdigit():
        return "name"
    if len(digits) == 4:
        return "phone"
    if len(digits) == 11 and digits.startswith("1"):
        return "phone"
    return "number"  # member numbers and card numbers; "number" also tries cards


def _query(text: str, field: str) -> pw.ModelSelect:
    query = Member.select(Member, Merchant).join(
        Merchant, pw.JOIN.LEFT_OUTER, on=(Member.home_merchant == Merchant.id))
    if field == "card":
        return query.join(MemberCard, on=(MemberCard.member == Member.id)).where(
            (MemberCard.number == text) & (MemberCard.active == True))  # noqa: E712
    if field == "phone":
        digits = re.sub(r"[\s\-()]", "", text)
        if len(digits) == 4 and digits.isdigit():
            return query.where(last4_expr() == digits)
        from app.members import normalize_phone

        return query.where(Member.phone == normalize_phone(text))
    if field == "number":
        by_card = MemberCard.select(MemberCard.member).where(
            (MemberCard.number == text) & (MemberCard.active == True))  # noqa: E712
        return query.where((Member.number == text) | Member.id.in_(by_card))
    # name: prefix matches first, then the rest containing it (Chinese names have no case)
    return query.where(Member.name.contains(text)).order_by(
        pw.Case(None, [(Member.name.startswith(text), 0)], 1), Member.name, Member.id)


def search(actor: Actor, text: str, field: str = "auto") -> list[MemberRow]:
    """Members matching ``text`` by card, phone (whole number or its last four digits), name
    (prefix or contained) or member number; ``auto`` guesses the field from the text. At most
    MAX_RESULTS rows. Audited with the ids found."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("lookup.empty", "type a card, phone, name or member number")
    if len(text) > 64:
        raise ValidationError("lookup.too_long", "a search is at most 64 characters")
    if field not in FIELDS:
        raise ValidationError("lookup.bad_field", "no member look-up by {field}", field=field)
    if field == "auto":
        field = _field_of(text)
    if field == "phone" and len(re.sub(r"\D", "", text)) < 4:
        raise ValidationError("lookup.phone_short",
                              "type the whole phone number or its last four digits")
    members = list(_query(text, field).limit(MAX_RESULTS))
    rows = [MemberRow(m.id, m.number, m.name, mask_phone(m.phone), m.tier,
                      m.home_merchant.name if m.home_merchant_id else "") for m in members]
    _audit_lookup("member_search", actor, f"search:{field}", found=[r.id for r in rows])
    return rows


# -- one member -----------------------------------------------------------------------------
@dataclass(frozen=True)
class LotRow:
    issuer: str | None  # None: another merchant's (a manager does not see which)
    points: int
    remaining: int
    awarded_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class ConsentRow:
    kind: str
    purpose: str
    retention_days: int
    granted_at: datetime
    withdrawn_at: datetime | None


@dataclass(frozen=True)
class MemberDetail:
    id: int
    number: str
    name: str
    phone: str  # masked
    email: str
    tier: str
    language: str
    home_merchant: str
    registered_at: datetime
    balance: int
    cards: tuple[str, ...]  # masked
    lots: tuple[LotRow, ...]
    consents: tuple[ConsentRow, ...]


def _member(member_id: int) -> Member:
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("lookup.no_member", "no member {member}", member=member_id)
    return member


def _account_id(member_id: int) -> int | None:
    return Account.select(Account.id).where(
        Account.owner_key == f"member:{member_id}").scalar()


def _merchant_names() -> dict[int, str]:
    return dict(Merchant.select(Merchant.id, Merchant.name).tuples())


def detail(actor: Actor, member_id: int, now: datetime | None = None) -> MemberDetail:
    """One member's panel (audited: who opened whom)."""
    now = now or utcnow()
    member = _member(member_id)
    names = _merchant_names()
    account = _account_id(member.id)
    lots: list[LotRow] = []
    if account is not None:
        for lot in (Lot.select().where((Lot.account == account) & (Lot.remaining > 0)
                                       & Lot.expired_at.is_null() & (Lot.expires_at > now))
                    .order_by(Lot.expires_at, Lot.id)):
            shown = actor.is_operator or lot.issuer_id == actor.merchant_id
            lots.append(LotRow(names.get(lot.issuer_id, "") if shown else None, lot.points,
                               lot.remaining, lot.awarded_at, lot.expires_at))
    consents = tuple(ConsentRow(c.kind, c.purpose, c.retention_days, c.granted_at,
                                c.withdrawn_at)
                     for c in member.consents.order_by(Consent.granted_at, Consent.id))
    cards = tuple(mask_card(c.number) for c in member.cards.where(
        MemberCard.active == True).order_by(MemberCard.id))  # noqa: E712
    _audit_lookup("member_view", actor, f"member:{member.id}")
    return MemberDetail(member.id, member.number, member.name, mask_phone(member.phone),
                        member.email, member.tier, member.language,
                        names.get(member.home_merchant_id, "") if member.home_merchant_id
                        else "", member.created_at, balance(member, now), cards,
                        tuple(lots), consents)


# -- history --------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    source: str
    points: int  # + to the member, − from the member
    merchant: str | None  # None: another merchant's entry (hidden from a manager)
    reason: str
    terminal: str
    staff: str
    hidden: bool  # another merchant's entry: only date, kind and points shown


@dataclass(frozen=True)
class HistoryPage:
    rows: tuple[HistoryRow, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def history(actor: Actor, member_id: int, *, merchant_id: int | None = None,
            source: str | None = None, start: datetime | None = None,
            end: datetime | None = None, page: int = 0, page_size: int = 50) -> HistoryPage:
    """A member's points movements, newest first, filtered by merchant, kind (source) and
    period [start, end), one page at a time. A manager may filter by their own merchant only;
    other merchants' entries reach them as "another merchant" (see the module's rule)."""
    if merchant_id is not None:
        actor.check_merchant(merchant_id)
    if source is not None and source not in SOURCES:
        raise ValidationError("lookup.bad_source", "no points movements of kind {source}",
                              source=source)
    if start is not None and end is not None and end <= start:
        raise ValidationError("lookup.bad_period", "the period ends before it starts")
    if page < 0 or not 1 <= page_size <= MAX_PAGE:
        raise ValidationError("lookup.bad_page", "no such page of the history")
    member = _member(member_id)
    account = _account_id(member.id)
    if account is None:
        return HistoryPage((), 0, page, page_size)
    where = (Transfer.debit == account) | (Transfer.credit == account)
    if merchant_id is not None:
        where &= Transfer.merchant == merchant_id
    if source is not None:
        where &= Transfer.source == source
    if start is not None:
        where &= Transfer.created_at >= start
    if end is not None:
        where &= Transfer.created_at < end
    total = Transfer.select().where(where).count()
    query = (Transfer.select(Transfer, Terminal.code.alias("terminal_code"),
                             Staff.name.alias("staff_name"))
             .join(Terminal, pw.JOIN.LEFT_OUTER, on=(Transfer.terminal == Terminal.id))
             .switch(Transfer)
             .join(Staff, pw.JOIN.LEFT_OUTER, on=(Transfer.staff == Staff.id))
             .where(where).order_by(Transfer.created_at.desc(), Transfer.id.desc())
             .paginate(page + 1, page_size).objects())
    names = _merchant_names()
    rows = []
    for t in query:
        signed = t.amount if t.credit_id == account else -t.amount
        hidden = not actor.is_operator and t.merchant_id is not None \
            and t.merchant_id != actor.merchant_id
        if hidden:
            rows.append(HistoryRow(t.created_at, t.source, signed, None, "", "", "", True))
            continue
        rows.append(HistoryRow(t.created_at, t.source, signed,
                               names.get(t.merchant_id, "") if t.merchant_id else "",
                               t.reason, t.terminal_code or "", t.staff_name or "", False))
    return HistoryPage(tuple(rows), total, page, page_size)


def merchants_for_filter(actor: Actor) -> list[tuple[int, str]]:
    """The merchants a history may be filtered by: all for the operator, a manager's own."""
    query = actor.merchants(Merchant.select(Merchant.id, Merchant.name), Merchant.id)
    return [(m.id, m.name) for m in query.order_by(Merchant.code)]
