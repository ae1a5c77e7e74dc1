"""The rewards catalogue: gifts and coupons members buy with points.

A reward is sponsored by one merchant; the points paid for it are accepted by that merchant
(member → sponsor.redeemed through the ledger, source "reward"), so a reward bought with
merchant A's points from merchant B's catalogue settles A → B exactly like a till payment.

Redeeming is one transaction, idempotent by the client's UUID (ledger key ``reward:<uuid>``,
unique ``RewardOrder.client_uuid``): stock goes down by a conditional UPDATE (``stock > 0``,
one row means this redemption got a unit), so two terminals racing for the last unit cannot
both have it; the points are spent; a coupon reward issues a signed coupon of its offer.
Managers manage their own merchant's rewards, the operator everyone's; every change is audited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import peewee as pw

from app import codes, ledger, members
from app.backoffice.actor import Actor, audit_change, row_dict
from app.clock import utcnow
from app.db import write_tx
from app.errors import (
    AlreadyRedeemed,
    IdempotencyConflict,
    NotFound,
    PatronError,
    ValidationError,
)
from app.messaging import notices
from app.models import Coupon, Member, Merchant, Offer, Reward, RewardOrder

KINDS = ("gift", "coupon")
COUPON_PREFIX = "CPN"


@dataclass(frozen=True)
class RewardInput:
    """What a back-office user enters for a reward."""

    merchant_id: int
    kind: str
    title: str
    title_en: str
    points_price: int
    stock: int | None
    starts_at: datetime
    ends_at: datetime
    offer_id: int | None = None
    active: bool = True


@dataclass(frozen=True)
class RewardRow:
    id: int
    merchant_id: int
    merchant_code: str
    kind: str
    title: str
    title_en: str
    points_price: int
    stock: int | None
    starts_at: datetime
    ends_at: datetime
    offer_id: int | None
    active: bool
    redeemed: int = 0


@dataclass(frozen=True)
class OfferChoice:
    id: int
    merchant_id: int
    title: str
    title_en: str


@dataclass(frozen=True)
class Redemption:
    order_id: int
    reward_id: int
    points: int
    member_balance: int
    coupon_code: str = ""
    replayed: bool = False
    stock_left: int | None = field(default=None)


def list_rewards(actor: Actor, merchant_id: int | None = None) -> list[RewardRow]:
    """Rewards in the actor's scope (a manager: their merchant's; the operator: all, or one
    merchant's)."""
    scope = actor.scoped_merchant(merchant_id)
    counts = (RewardOrder.select(RewardOrder.reward, pw.fn.COUNT(RewardOrder.id))
              .group_by(RewardOrder.reward).tuples())
    redeemed = dict(counts)
    query = Reward.select(Reward, Merchant.code).join(Merchant).order_by(Merchant.code, Reward.id)
    if scope is not None:
        query = query.where(Reward.merchant == scope)
    return [RewardRow(r.id, r.merchant_id, r.merchant.code, r.kind, r.title, r.title_en,
                      r.points_price, r.stock, r.starts_at, r.ends_at, r.offer_id, r.active,
                      int(redeemed.get(r.id, 0))) for r in query]


def list_offers(actor: Actor, merchant_id: int | None = None) -> list[OfferChoice]:
    """Offers a coupon reward may issue, in the actor's scope."""
    scope = actor.scoped_merchant(merchant_id)
    query = Offer.select().where(Offer.active).order_by(Offer.id)
    if scope is not None:
        query = query.where(Offer.merchant == scope)
    return [OfferChoice(o.id, o.merchant_id, o.title, o.title_en) for o in query]


def _checked(data: RewardInput) -> None:
    if data.kind not in KINDS:
        raise ValidationError("reward.bad_kind", "a reward is a gift or a coupon, not {kind}",
                              kind=repr(data.kind))
    if not data.title.strip():
        raise ValidationError("reward.no_title", "a reward needs a title")
    if (not isinstance(data.points_price, int) or isinstance(data.points_price, bool)
            or data.points_price <= 0):
        raise ValidationError("reward.bad_price",
                              "a reward costs a positive whole number of points, not {price}",
                              price=repr(data.points_price))
    if data.stock is not None and (not isinstance(data.stock, int) or data.stock < 0):
        raise ValidationError("reward.bad_stock", "stock must be zero or more, not {stock}",
                              stock=repr(data.stock))
    if not data.starts_at < data.ends_at:
        raise ValidationError("reward.bad_period",
                              "a reward's period must end after it starts ({start} – {end})",
                              start=data.starts_at.date().isoformat(),
                              end=data.ends_at.date().isoformat())
    if Merchant.get_or_none(Merchant.id == data.merchant_id) is None:
        raise NotFound("reward.no_merchant", "no merchant {merchant}", merchant=data.merchant_id)
    if data.kind == "coupon":
        offer = Offer.get_or_none(Offer.id == data.offer_id) if data.offer_id else None
        if offer is None:
            raise ValidationError("reward.needs_offer", "a coupon reward needs an offer to issue")
        if offer.merchant_id != data.merchant_id:
            raise ValidationError("reward.offer_other_merchant",
                                  "the offer {offer} belongs to another merchant",
                                  offer=offer.title)


def save_reward(actor: Actor, reward_id: int | None, data: RewardInput) -> int:
    """Create (``reward_id`` None) or change a reward; returns its id. Audited."""
    actor.check_merchant(data.merchant_id)
    _checked(data)
    values = {"merchant": data.merchant_id, "kind": data.kind, "title": data.title.strip(),
              "title_en": data.title_en.strip(), "points_price": data.points_price,
              "stock": data.stock, "starts_at": data.starts_at, "ends_at": data.ends_at,
              "offer": data.offer_id if data.kind == "coupon" else None,
              "active": data.active}
    with write_tx():
        if reward_id is None:
            reward = Reward.create(**values)
            audit_change(actor, "reward.create", f"reward:{reward.id}", None, row_dict(reward))
            return reward.id
        reward = _locked_reward(actor, reward_id)
        before = row_dict(reward)
        Reward.update(**values).where(Reward.id == reward_id).execute()
        after = row_dict(Reward.get_by_id(reward_id))
        audit_change(actor, "reward.change", f"reward:{reward_id}", before, after)
        return reward_id


def set_active(actor: Actor, reward_id: int, active: bool) -> None:
    with write_tx():
        reward = _locked_reward(actor, reward_id)
        before = row_dict(reward)
        Reward.update(active=active).where(Reward.id == reward_id).execute()
        audit_change(actor, "reward.activate" if active else "reward.deactivate",
                     f"reward:{reward_id}", before, row_dict(Reward.get_by_id(reward_id)))


def _locked_reward(actor: Actor, reward_id: int) -> Reward:
    from app.db import lock_row

    reward = lock_row(Reward, reward_id)
    if reward is None:
        raise NotFound("reward.unknown", "no reward {reward}", reward=reward_id)
    actor.check_merchant(reward.merchant_id)
    return reward  # type: ignore[return-value]


# -- redeeming --------------------------------------------------------------------------------
def redeem(actor: Actor | None, reward_id: int, member_id: int, client_uuid: str, *,
           staff_id: int | None = None) -> Redemption:
    """A member buys one unit of a reward with points. ``actor`` is the back-office user doing
    it for the member (scope: the reward's merchant); a kiosk passes None."""
    try:
        key_uuid = uuid.UUID(str(client_uuid))
    except ValueError:
        raise ValidationError("reward.bad_uuid", "{value} is not a client UUID",
                              value=str(client_uuid)[:40]) from None
    if (done := _replay(key_uuid, reward_id, member_id)) is not None:
        return done
    try:
        with write_tx():
            return _redeem(actor, reward_id, member_id, key_uuid, staff_id)
    except (pw.IntegrityError, PatronError):
        # The same UUID redeemed concurrently elsewhere: give its result, not a second unit.
        done = _replay(key_uuid, reward_id, member_id)
        if done is None:
            raise
        return done


def _replay(key_uuid: uuid.UUID, reward_id: int, member_id: int) -> Redemption | None:
    order = RewardOrder.get_or_none(RewardOrder.client_uuid == key_uuid)
    if order is None:
        return None
    if order.reward_id != reward_id or order.member_id != member_id:
        raise IdempotencyConflict("reward.key_reused",
                                  "this redemption was already made for another reward or member")
    coupon = Coupon.get_by_id(order.coupon_id).code if order.coupon_id else ""
    return Redemption(order.id, reward_id, order.points, ledger.balance(member_id), coupon,
                      replayed=True,
                      stock_left=Reward.select(Reward.stock).where(Reward.id == reward_id)
                      .scalar())


def _redeem(actor: Actor | None, reward_id: int, member_id: int, key_uuid: uuid.UUID,
            staff_id: int | None) -> Redemption:
    reward = Reward.get_or_none(Reward.id == reward_id)
    if reward is None:
        raise NotFound("reward.unknown", "no reward {reward}", reward=reward_id)
    if actor is not None:
        actor.check_merchant(reward.merchant_id)
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("reward.no_member", "no member {member}", member=member_id)
    now = utcnow()
    if not reward.active or not reward.starts_at <= now < reward.ends_at:
        raise ValidationError("reward.not_available", "{title} is not available now",
                              title=reward.title)
    if reward.stock is not None:
        taken = Reward.update(stock=Reward.stock - 1).where(
            (Reward.id == reward.id) & (Reward.stock > 0)).execute()
        if taken != 1:
            raise AlreadyRedeemed("reward.out_of_stock", "{title} is out of stock",
                                  title=reward.title)
    staff = staff_id or (actor.staff_id if actor else None)
    key = f"reward:{key_uuid}"
    ledger.spend(ledger.member_account(member), reward.merchant, reward.points_price, key=key,
                 reason=f"reward {reward.title}", source="reward",
                 ctx=ledger.Context(merchant=reward.merchant_id, staff=staff, source_ref=key))
    coupon = None
    if reward.kind == "coupon":
        offer = Offer.get_by_id(reward.offer_id)
        coupon = Coupon.create(code=codes.sign(COUPON_PREFIX, key_uuid.hex),
                               client_uuid=key_uuid, offer=offer, member=member,
                               valid_until=now + timedelta(days=offer.coupon_validity_days))
    order = RewardOrder.create(client_uuid=key_uuid, reward=reward, member=member,
                               merchant=reward.merchant_id, points=reward.points_price,
                               transfer_key=key, coupon=coupon, staff=staff)
    notices.queue_member(member, "reward_redeemed", f"{key}:notice", title=reward.title,
                         points=reward.points_price, balance=ledger.balance(member),
                         coupon=coupon.code if coupon else "")
    if actor is not None:
        audit_change(actor, "reward.redeem", f"reward:{reward.id}", None,
                     row_dict(order), member=member.number)
    stock_left = Reward.select(Reward.stock).where(Reward.id == reward.id).scalar()
    return Redemption(order.id, reward.id, reward.points_price, ledger.balance(member),
                      coupon.code if coupon else "", stock_left=stock_left)


def merchant_choices(actor: Actor) -> list[tuple[int, str, str, str]]:
    """(id, code, name, English name) of the merchants the actor may keep rewards for."""
    query = actor.merchants(Merchant.select().where(Merchant.active), Merchant.id)
    return [(m.id, m.code, m.name, m.name_en) for m in query.order_by(Merchant.code)]


def redeem_for_number(actor: Actor, reward_id: int, member_number: str,
                      client_uuid: str) -> Redemption:
    """The back office redeems a reward for the member with this number (or card)."""
    member = members.identify(member_number)  # member number, card, phone or QR
    return redeem(actor, reward_id, member.id, client_uuid)
