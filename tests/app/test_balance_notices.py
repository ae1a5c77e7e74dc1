"""Balance-change notices: a sale that earns or spends points queues one message per sale in
the member's language (a replayed commit adds none), a refund that moves points queues one
per refund, a sale that moves no points queues none — all inside the sale's transaction."""

from __future__ import annotations

import uuid

from app import approvals, ledger
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.models import Member, OutboxMessage
from app.refunds import refund


def till(world) -> TillContext:
    return TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id)


def cart_of(world, qty: int, member: bool = True) -> Cart:
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"), quantity=qty)  # ¥3.50 each
    if member:
        cart.member_id = world.member.id
    return cart


def notices() -> list[OutboxMessage]:
    return list(OutboxMessage.select().where(OutboxMessage.kind == "balance_changed")
                .order_by(OutboxMessage.id))


def test_earning_spending_and_refunding_each_queue_one_notice(world):
    cart = cart_of(world, 10)  # ¥35.00 → 35 points
    sale = checkout(cart, [Tender("cash", 100_00)], till(world))
    checkout(cart, [Tender("cash", 100_00)], till(world))  # replayed: no second notice
    [earned] = notices()
    assert earned.idempotency_key == f"sale:{cart.client_uuid}:balance"
    assert earned.channel == "sms" and earned.recipient == world.member.phone
    assert "+35" in earned.body and f"{ledger.balance(world.member)} 分" in earned.body
    assert sale.receipt_no in earned.body

    member = Member.get_by_id(world.member.id)
    member.email, member.language = "liu@example.cn", "en"
    member.save()
    spend = cart_of(world, 1)  # ¥3.50: 30 points (¥0.30) and cash; earns 3
    paid = checkout(spend, [Tender("points", points=30), Tender("cash", 320)], till(world))
    mail = notices()[-1]
    assert mail.channel == "email" and mail.subject == "Your points changed"
    assert paid.points_spent == 30
    change = paid.points_earned - 30
    assert f"changed by {change:+d}" in mail.body
    assert f"balance is now {paid.member_balance}" in mail.body

    grant = approvals.grant_by_pin("refund", world.cashier_a, "9999", world.terminal_a.id,
                                   approvals.sale_target(sale.sale_id))
    key = str(uuid.uuid4())
    done = refund(sale.sale_id, None, till(world), grant, key)
    back = notices()[-1]
    assert back.idempotency_key == f"refund:{key}:balance"
    assert f"-{done.points_reversed}" in back.body and len(notices()) == 3


def test_a_sale_without_points_queues_nothing(world):
    checkout(cart_of(world, 2, member=False), [Tender("cash", 100_00)], till(world))
    assert notices() == []
