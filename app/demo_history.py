"""A few weeks of past trading for the demo coalition, rung up through the real till services
(app.till / app.checkout) with the clock pinned to each moment: sales with and without
members, points earned at one merchant and spent at the other, so look-ups, reports, charts
and settlement statements have something true to show."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from app.cart import Cart
from app.checkout import Tender
from app.clock import pinned_at, utcnow
from app.demo import DEMO_PINS, World
from app.models import Barcode, Member, Product
from app.till import Till


def _codes(merchant_id: int, limit: int = 60) -> list[str]:
    rows = (Barcode.select(Barcode.code).join(Product, on=(Barcode.product == Product.id))
            .where((Barcode.merchant == merchant_id) & (Product.sold_by == "unit"))
            .order_by(Barcode.id).limit(limit).tuples())
    return [code for (code,) in rows]


def seed_history(world: World, days: int = 28, sales_per_day: int = 6, seed: int = 11,
                 until: datetime | None = None) -> int:
    """Ring up ``sales_per_day`` sales per merchant for each of the last ``days`` days (store
    hours, Shanghai time). Returns how many sales were committed."""
    rng = random.Random(seed)
    end = (until or utcnow()).replace(hour=1, minute=0, second=0, microsecond=0)
    member_ids = [m.id for m in Member.select(Member.id).order_by(Member.id)]
    tills = []
    for terminal, cashier in ((world.terminal_a, "c1"), (world.terminal_b, "c2")):
        till = Till.open(terminal.code)
        till.sign_in(cashier, DEMO_PINS["cashier"])
        tills.append((till, _codes(till.merchant_id)))
    committed = 0
    for day in range(days, 0, -1):
        opening = end - timedelta(days=day)  # 09:00 Shanghai = 01:00 UTC
        for till, codes in tills:
            moments = sorted(rng.randrange(0, 12 * 3600) for _ in range(sales_per_day))
            for seconds in moments:
                with pinned_at(opening + timedelta(seconds=seconds)):
                    committed += _one_sale(till, codes, member_ids, rng)
    return committed


def _one_sale(till: Till, codes: list[str], member_ids: list[int], rng: random.Random) -> int:
    cart = Cart()
    for _ in range(rng.randint(1, 5)):
        cart.add(till.scan(rng.choice(codes)), quantity=rng.choice((1, 1, 1, 2, 3)))
    tenders: list[Tender] = []
    if member_ids and rng.random() < 0.7:
        cart.member_id = rng.choice(member_ids)
        held = till.member(cart.member_id).points
        if held >= 200 and rng.random() < 0.3:  # pays part with points (maybe another's)
            points = min(held, cart.totals().total // till.point_value, rng.randrange(100, 400))
            if points > 0:
                tenders.append(Tender("points", points=points))
    due = cart.totals().total - sum(t.points * till.point_value for t in tenders)
    tenders.append(Tender("card", due, reference=f"DEMO{rng.randrange(10**6):06d}")
                   if rng.random() < 0.4 else Tender("cash", due))
    till.pay(cart, tenders)
    return 1
