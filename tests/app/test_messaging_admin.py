"""The outbox in the back office: states and counts, the channels' status (a refused login
shows), send again (audited), send a test e-mail to a real SMTP server; operator only."""

from __future__ import annotations

import json

import pytest

from app.backoffice.actor import sign_in
from app.config import MessagingConfig
from app.demo import DEMO_PINS
from app.errors import ConfigError, PermissionDenied, ValidationError
from app.messaging import admin, dispatcher, notices, providers
from app.messaging.providers import ProviderDown, SmtpProvider
from app.models import AuditEntry, OutboxMessage
from tests.smtp_server import smtp_server


@pytest.fixture
def op(world):
    providers.configure({})
    yield sign_in("op", DEMO_PINS["operator"])
    providers.configure({})


def smtp(port: int, password: str) -> SmtpProvider:
    return SmtpProvider(MessagingConfig(smtp_host="127.0.0.1", smtp_port=port,
                                        smtp_security="none", smtp_user="till",
                                        smtp_password=password, smtp_from="p@patron.example",
                                        smtp_timeout_s=5))


def queue(key: str, channel: str = "email", to: str = "a@b.cn") -> None:
    notices.queue(key, channel, to, "points_expiring", "zh_CN", name="刘", points=1, date="x")


def test_a_manager_is_refused(world):
    m1 = sign_in("m1", DEMO_PINS["manager"])
    for call in (lambda: admin.outbox(m1), lambda: admin.retry(m1, [1]),
                 lambda: admin.send_test(m1, "email", "a@b.cn"),
                 lambda: admin.dispatch_now(m1), lambda: admin.channel_status(m1)):
        with pytest.raises(PermissionDenied) as err:
            call()
        assert err.value.code == "backoffice.operator_only"


def test_states_counts_status_and_send_again(op):
    queue("q:1")
    queue("q:2")
    queue("s:1", "sms", "13800138000")
    with smtp_server(users={"till": "right"}) as server:
        providers.configure({"email": smtp(server.port, "wrong")})
        assert admin.channel_status(op)[0].state == "idle"
        admin.dispatch_now(op)
        view = admin.outbox(op)
        assert view.counts == {"queued": 1, "failing": 2, "failed": 0, "sent": 0, "all": 3}
        email, sms, *_ = view.channels
        assert (email.state, email.error_code) == ("failing", "messaging.smtp_login_refused")
        assert "127.0.0.1" in email.provider and (sms.state, sms.provider) == ("unconfigured", "")
        [masked] = [r for r in view.rows if r.channel == "sms"]
        assert masked.recipient == "138****8000" and masked.state == "queued"
        failing = admin.outbox(op, "failing").rows
        assert {r.key for r in failing} == {"q:1", "q:2"}
        assert all("refused the login" in r.last_error for r in failing)

        # the password is put right; "send again" makes them due now, audited
        providers.configure({"email": smtp(server.port, "right")})
        assert admin.dispatch_now(op).sent == 0  # still backing off
        assert admin.retry(op, [r.id for r in failing]) == 2
        entry = AuditEntry.select().where(AuditEntry.action == "messaging.retry").first()
        detail = json.loads(entry.detail)
        assert entry.actor_id == op.staff_id and detail["before"]["attempts"] == 1
        assert detail["after"]["next_attempt_at"] != detail["before"]["next_attempt_at"]
        assert admin.dispatch_now(op).sent == 2
    assert len(server.messages) == 2
    view = admin.outbox(op)
    assert view.counts["sent"] == 2 and view.channels[0].state == "ok"
    # a sent message is never sent again
    assert admin.retry(op, [r.id for r in admin.outbox(op, "sent").rows]) == 0
    with pytest.raises(ValidationError):
        admin.outbox(op, "lost")
    with pytest.raises(ValidationError):
        admin.retry(op, [])


def test_a_parked_message_is_shown_and_can_be_sent_again(op):
    queue("p:1")
    OutboxMessage.update(failed_at=OutboxMessage.created_at, error_code="messaging.smtp_refused",
                         last_error="550 no", attempts=dispatcher.MAX_ATTEMPTS).execute()
    [row] = admin.outbox(op, "failed").rows
    assert row.state == "failed" and row.error_code == "messaging.smtp_refused"
    admin.retry(op, [row.id])
    assert admin.outbox(op).counts["failed"] == 0
    assert OutboxMessage.get().failed_at is None


def test_send_a_test_email(op):
    with pytest.raises(ConfigError) as err:
        admin.send_test(op, "email", "ops@patron.example")
    assert err.value.code == "messaging.no_provider"
    with smtp_server(users={"till": "right"}) as server:
        providers.configure({"email": smtp(server.port, "right")})
        with pytest.raises(ValidationError):
            admin.send_test(op, "email", "not an address")
        assert "SMTP" in admin.send_test(op, "email", "ops@patron.example")
        providers.configure({"email": smtp(server.port, "wrong")})
        with pytest.raises(ProviderDown) as down:
            admin.send_test(op, "email", "ops@patron.example")
        assert down.value.code == "messaging.smtp_login_refused"
    [mail] = server.messages
    assert mail["Subject"] == "Patron 测试邮件" and "测试邮件" in mail.get_content()
    assert AuditEntry.select().where(AuditEntry.action == "messaging.test_sent").count() == 1
    assert OutboxMessage.select().count() == 0  # straight through, not queued
