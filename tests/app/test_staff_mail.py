"""The ``merchant`` and ``operator`` outbox channels reach people through the terminal's mail
server (a real local SMTP server): a merchant's notice goes to its e-mail on file, the
operator's to the address set in the back office (audited, validated, operator only). With no
address the message fails with a coded reason, waits, and goes out once the address is set."""

from __future__ import annotations

import pytest

from app.backoffice.actor import sign_in
from app.config import MessagingConfig
from app.demo import DEMO_PINS
from app.errors import PermissionDenied, ValidationError
from app.messaging import admin, dispatcher, notices, providers
from app.models import AuditEntry, Merchant, OutboxMessage
from tests.smtp_server import smtp_server


@pytest.fixture
def op(world):
    providers.configure({})
    yield sign_in("op", DEMO_PINS["operator"])
    providers.configure({})


def mail_providers(port: int) -> dict:
    cfg = MessagingConfig(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
                          smtp_from="points@patron.example", smtp_timeout_s=5)
    return providers.from_config(cfg.validate("test"))


def test_merchant_and_operator_notices_arrive_by_email(op, world):
    Merchant.update(settlement_email="orders@bailian.example").where(
        Merchant.id == world.merchant_a.id).execute()
    admin.set_operator_email(op, "  ops@coalition.example ")
    order = {"merchant": "百联超市", "member": "138****8000", "title": "满50减10",
             "code": "C2345", "valid_until": "2026-12-31"}
    notices.queue("coupon-order:1", "merchant", world.merchant_a.code, "coupon_order", "zh_CN",
                  **order)
    notices.queue("card-booked:1", "operator", "coalition", "card_booked", "zh_CN",
                  number="SV0001", member="138****8000", due_back="2026-12-01", balance=50,
                  deposit=20)
    with smtp_server() as server:
        result = dispatcher.dispatch(mail_providers(server.port))
    assert result.sent == 2
    to = sorted(mail["To"] for mail in server.messages)
    assert to == ["ops@coalition.example", "orders@bailian.example"]
    channels = {c.channel: c for c in admin.channel_status(op)}
    assert channels["merchant"].state == channels["operator"].state == "ok"


def test_no_address_is_a_coded_failure_and_the_notice_waits_for_it(op, world):
    Merchant.update(settlement_email="").where(Merchant.id == world.merchant_b.id).execute()
    notices.queue("coupon-order:2", "merchant", world.merchant_b.code, "coupon_order", "zh_CN",
                  merchant="茶语轩", member="138****8000", title="买一送一", code="C6789",
                  valid_until="2026-12-31")
    with smtp_server() as server:
        assert dispatcher.dispatch(mail_providers(server.port)).failed == 1
        row = OutboxMessage.get()
        assert row.error_code == "messaging.no_merchant_address" and row.sent_at is None
        assert world.merchant_b.code in row.last_error and server.messages == []
        Merchant.update(settlement_email="tea@chayu.example").where(
            Merchant.id == world.merchant_b.id).execute()
        admin.retry(op, [row.id])
        assert dispatcher.dispatch(mail_providers(server.port)).sent == 1
        assert [mail["To"] for mail in server.messages] == ["tea@chayu.example"]


@pytest.mark.parametrize("bad", ["ops", "ops@", "@x.cn", "a b@x.cn", "a@b@c", "x" * 250 + "@a.cn",
                                 None, 42])
def test_a_bad_operator_address_is_refused_and_nothing_changes(op, bad):
    admin.set_operator_email(op, "ops@coalition.example")
    with pytest.raises(ValidationError) as err:
        admin.set_operator_email(op, bad)
    assert err.value.code == "messaging.bad_address"
    assert admin.operator_email(op) == "ops@coalition.example"


def test_the_operator_address_is_audited_and_the_operators_alone(op, world):
    admin.set_operator_email(op, "ops@coalition.example")
    admin.set_operator_email(op, "")  # "" stops sending: the notices wait
    changes = list(AuditEntry.select().where(AuditEntry.target == "setting:operator_email")
                   .order_by(AuditEntry.id))
    assert len(changes) == 2 and all(c.actor_id == op.staff_id for c in changes)
    m1 = sign_in("m1", DEMO_PINS["manager"])
    for call in (lambda: admin.operator_email(m1),
                 lambda: admin.set_operator_email(m1, "me@x.cn")):
        with pytest.raises(PermissionDenied):
            call()
