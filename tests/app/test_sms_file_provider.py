"""SMS through the file provider: one JSON line per SMS, read back per phone (the kiosk's
SMS-code test does), each key once; an unwritable file is a coded error and the SMS waits."""

from __future__ import annotations

import json
from datetime import timedelta

from app.clock import utcnow
from app.config import MessagingConfig
from app.messaging import dispatcher, notices, providers
from app.messaging.providers import SmsFileProvider, read_sms
from app.models import Member, OutboxMessage


def test_sms_lines_are_written_and_read_back_per_phone(db, tmp_path):
    path = tmp_path / "spool" / "sms.jsonl"
    notices.queue("a:1", "sms", "13800138000", "points_expiring", "zh_CN", name="刘",
                  points=30, date="2026-12-31")
    notices.queue("a:2", "sms", "13900139000", "points_expiring", "en", name="Liu",
                  points=5, date="2026-12-31")
    assert dispatcher.dispatch({"sms": SmsFileProvider(path)}).sent == 2
    [mine] = read_sms(path, "13800138000")
    assert mine["key"] == "a:1" and mine["kind"] == "points_expiring"
    assert mine["text"] == "【积分即将过期】刘您好：您有 30 积分将于 2026-12-31 过期，请尽快使用。"
    assert [e["key"] for e in read_sms(path, "13900139000")] == ["a:2"]
    assert read_sms(path, "13700000000") == [] and read_sms(tmp_path / "none", "1") == []
    # the raw file: UTF-8 JSON, one object per line
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["to"] == "13800138000"


def test_a_resent_sms_is_read_once(tmp_path):
    path = tmp_path / "sms.jsonl"
    provider = SmsFileProvider(path)
    message = providers.Outgoing("k:1", "13800138000", "", "验证码 123456", "kiosk_code")
    with provider.session() as session:
        session.send(message)
        session.send(message)  # a crash between the write and the outbox update
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    assert [e["text"] for e in read_sms(path, "13800138000")] == ["验证码 123456"]


def test_a_balance_notice_from_a_sale_reaches_the_members_phone(world, tmp_path):
    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.checkout import Tender
    from app.till import Till

    till = Till.open()
    till.sign_in("c1", "1111")
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"), quantity=3)
    cart.member_id = world.member.id
    till.pay(cart, [Tender("cash", cart.totals().total)])
    till.pay(cart, [Tender("cash", cart.totals().total)])  # a retry: still one notice
    [row] = OutboxMessage.select().where(OutboxMessage.kind == "balance_changed")
    assert row.idempotency_key == f"sale:{cart.client_uuid}:balance"
    path = tmp_path / "sms.jsonl"
    dispatcher.dispatch(providers.from_config(MessagingConfig(sms_provider="file",
                                                              sms_file=str(path))))
    member = Member.get_by_id(world.member.id)
    [sms] = read_sms(path, member.phone)
    assert "积分+" in sms["text"] and world.merchant_a.name in sms["text"]


def test_an_unwritable_sms_file_is_a_coded_error_and_the_sms_waits(db, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    notices.queue("b:1", "sms", "13800138000", "points_expiring", "zh_CN", name="刘",
                  points=1, date="x")
    result = dispatcher.dispatch({"sms": SmsFileProvider(blocker / "sms.jsonl")})
    assert result.failed == 1 and result.provider_down
    row = OutboxMessage.get()
    assert row.error_code == "messaging.sms_file_unwritable" and row.sent_at is None
    later = utcnow() + timedelta(hours=1)
    assert dispatcher.dispatch({"sms": SmsFileProvider(tmp_path / "ok.jsonl")}, later).sent == 1
