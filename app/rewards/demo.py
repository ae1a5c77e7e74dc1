"""Demo rewards, a demo partner and a converted wallet, so the back office has something to
show (made through the services, like the rest of the demo)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from app.backoffice.actor import Actor
from app.clock import utcnow
from app.config import data_dir
from app.models import Member, Offer, Staff
from app.rewards import catalogue, partners, wallet
from app.rewards.catalogue import RewardInput
from app.rewards.partners import PartnerInput


def seed(world: object, exchange_folder: Path | None = None) -> None:
    operator = Actor.of(Staff.get(Staff.role == "operator"))
    now = utcnow()
    a, b = world.merchant_a, world.merchant_b  # type: ignore[attr-defined]
    starts, ends = now - timedelta(days=1), now + timedelta(days=90)
    for merchant, kind, title, title_en, price, stock in [
        (a, "gift", "环保购物袋", "Reusable shopping bag", 300, 200),
        (a, "gift", "保温杯 500ml", "Thermos flask 500ml", 2500, 20),
        (b, "gift", "龙井茶 50g 体验装", "Longjing tea 50g sampler", 1800, 50),
    ]:
        catalogue.save_reward(operator, None, RewardInput(
            merchant.id, kind, title, title_en, price, stock, starts, ends))
    offer = Offer.select().where(Offer.merchant == a.id).order_by(Offer.id).first()
    if offer is not None:
        catalogue.save_reward(operator, None, RewardInput(
            a.id, "coupon", offer.title, offer.title_en, 500, None, starts, ends,
            offer_id=offer.id))
    folder = exchange_folder or data_dir() / "partners" / "icbc"
    folder.mkdir(parents=True, exist_ok=True)
    partners.save_partner(operator, None, PartnerInput(
        "ICBC", "工商银行储值卡", "ICBC stored-value card", "bank", 80, str(folder),
        auto_accept=True))
    partners.save_partner(operator, None, PartnerInput(
        "PICC", "人保车险保费", "PICC motor insurance premium", "insurance", 100,
        str(folder.parent / "picc")))
    member = Member.select().where(Member.phone == "13700137000").first()
    if member is not None:
        wallet.convert(operator, member.id, 400, str(uuid.uuid4()))
        partners.convert(operator, "ICBC", member.id, 200, "6222 0200 1234 5678",
                         str(uuid.uuid4()))
