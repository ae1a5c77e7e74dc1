"""Queuing a message: the member's language and channel, once per key, attachments kept."""

import pytest

from app.errors import ConfigError, ValidationError
from app.messaging import notices
from app.models import Member, OutboxMessage


def test_a_member_notice_is_rendered_in_their_language_once(world):
    member = Member.get_by_id(world.member.id)
    notices.queue_member(member, "balance_changed", "t:1", change=120, balance=620, reason="购物")
    notices.queue_member(member, "balance_changed", "t:1", change=120, balance=620, reason="购物")
    rows = list(OutboxMessage.select())
    assert len(rows) == 1
    assert rows[0].channel == "sms" and rows[0].recipient == member.phone
    assert "+120" in rows[0].body and "620" in rows[0].body and "积分" in rows[0].subject
    member.email, member.language = "liu@example.com", "en"
    member.save()
    notices.queue_member(member, "balance_changed", "t:2", change=-5, balance=615, reason="x")
    row = OutboxMessage.get(OutboxMessage.idempotency_key == "t:2")
    assert row.channel == "email" and row.subject == "Your points changed" and "-5" in row.body


def test_attachments_round_trip_and_bad_templates_are_refused(world):
    notices.queue("s:1", "email", "a@b.cn", "balance_changed", "en",
                  attachments=[("s.pdf", "application/pdf", b"%PDF-1.4\x00\xff")],
                  name="A", change=1, balance=1, reason="r")
    row = OutboxMessage.get(OutboxMessage.idempotency_key == "s:1")
    assert notices.attachments_of(row.attachments) == [("s.pdf", "application/pdf",
                                                        b"%PDF-1.4\x00\xff")]
    with pytest.raises(ConfigError):
        notices.queue("s:2", "email", "a@b.cn", "no_such_kind")
    with pytest.raises(ConfigError):
        notices.queue("s:3", "email", "a@b.cn", "balance_changed", name="A")
    with pytest.raises(ValidationError):
        notices.queue("s:4", "sms", "", "balance_changed", name="A", change=1, balance=1,
                      reason="r")
    assert OutboxMessage.select().count() == 1
