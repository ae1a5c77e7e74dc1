"""E-mail through SMTP to a real local server (aiosmtpd): Chinese subject and body arrive
decoded, a PDF attachment arrives byte for byte, a refused login is a coded error on the
message, which stays queued and goes out once the login works."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from reportlab.pdfgen import canvas

from app import config
from app.clock import utcnow
from app.config import MessagingConfig
from app.errors import ConfigError
from app.messaging import dispatcher, notices
from app.messaging.providers import SmtpProvider, message_id
from app.models import OutboxMessage
from tests.smtp_server import free_port, self_signed, smtp_server


def statement_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Statement MA 2026-11")
    page.save()
    return out.getvalue()


def smtp(port: int, user: str = "", password: str = "") -> dict:
    cfg = MessagingConfig(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
                          smtp_user=user, smtp_password=password,
                          smtp_from="Patron 积分联盟 <points@patron.example>", smtp_timeout_s=5)
    return {"email": SmtpProvider(cfg.validate("test"))}


def queue_statement(key: str = "statement:MA:2026-11", pdf: bytes = b"") -> None:
    notices.queue(key, "email", "finance@bailian.example", "merchant_statement", "zh_CN",
                  attachments=[("对账单-2026-11.pdf", "application/pdf", pdf)],
                  merchant="百联超市", first_day="2026-11-01", last_day="2026-11-30",
                  summary="百联超市 应收 茶语轩 ¥1,234.50")


def test_a_statement_arrives_with_chinese_text_and_its_pdf(db):
    pdf = statement_pdf()
    queue_statement(pdf=pdf)
    with smtp_server(users={"till": "s3cret"}) as server:
        result = dispatcher.dispatch(smtp(server.port, "till", "s3cret"))
    assert result.sent == 1
    assert server.logins == ["till"]
    [mail] = server.messages
    assert mail["Subject"] == "积分结算对账单 百联超市 2026-11-01 至 2026-11-30"
    assert "积分联盟" in mail["From"] and mail["To"] == "finance@bailian.example"
    assert mail["Message-ID"] == message_id("statement:MA:2026-11", "points@patron.example")
    body = mail.get_body(("plain",)).get_content()
    assert "百联超市" in body and "百联超市 应收 茶语轩 ¥1,234.50" in body
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_filename() == "对账单-2026-11.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == pdf
    row = OutboxMessage.get()
    assert row.sent_at is not None and row.attempts == 1 and row.error_code == ""


def test_a_refused_login_is_a_coded_error_and_the_message_waits(db):
    queue_statement(pdf=b"%PDF-1.4 tiny")
    with smtp_server(users={"till": "s3cret"}) as server:
        result = dispatcher.dispatch(smtp(server.port, "till", "wrong"))
        assert result.sent == 0 and result.failed == 1 and result.provider_down
        assert server.messages == []
        row = OutboxMessage.get()
        assert row.error_code == "messaging.smtp_login_refused"
        assert "refused the login of till" in row.last_error and "535" in row.last_error
        assert row.sent_at is None and row.failed_at is None and row.attempts == 1
        assert row.next_attempt_at > utcnow()
        # Not due before its backoff: a dispatcher with the right password leaves it for now.
        assert dispatcher.dispatch(smtp(server.port, "till", "s3cret")).sent == 0
        later = utcnow() + dispatcher.backoff(1) + timedelta(seconds=1)
        assert dispatcher.dispatch(smtp(server.port, "till", "s3cret"), later).sent == 1
    assert len(server.messages) == 1
    row = OutboxMessage.get()
    assert row.sent_at is not None and row.attempts == 2


def test_a_refused_login_never_parks_the_message(db):
    queue_statement(pdf=b"%PDF")
    with smtp_server(users={"till": "s3cret"}) as server:
        now = utcnow()
        for _ in range(dispatcher.MAX_ATTEMPTS + 2):
            now += dispatcher.BACKOFF_CAP + timedelta(seconds=1)
            dispatcher.dispatch(smtp(server.port, "till", "wrong"), now)
    row = OutboxMessage.get()
    assert row.attempts == dispatcher.MAX_ATTEMPTS + 2
    assert row.failed_at is None and row.sent_at is None  # waits for the login, not parked


def test_an_unreachable_server_is_a_coded_error(db):
    queue_statement(pdf=b"%PDF")
    result = dispatcher.dispatch(smtp(free_port()))
    assert result.failed == 1
    row = OutboxMessage.get()
    assert row.error_code == "messaging.smtp_unreachable" and "127.0.0.1" in row.last_error


def test_a_refused_recipient_counts_against_the_message_until_it_is_parked(db):
    notices.queue("m:1", "email", "nobody@nowhere.example", "points_expiring", "en",
                  name="Liu", points=30, date="2026-12-31")
    with smtp_server(refuse_recipients=True) as server:
        now = utcnow()
        for _ in range(dispatcher.MAX_ATTEMPTS):
            now += dispatcher.BACKOFF_CAP + timedelta(seconds=1)
            dispatcher.dispatch(smtp(server.port), now)
    assert server.messages == []
    row = OutboxMessage.get()
    assert row.error_code == "messaging.recipient_refused" and "550" in row.last_error
    assert row.failed_at is not None and row.attempts == dispatcher.MAX_ATTEMPTS
    # Parked: later runs leave it alone until the back office sends it again.
    assert dispatcher.dispatch(smtp(server.port), now + dispatcher.BACKOFF_CAP * 2).failed == 0


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_with_the_servers_ca_and_refusal_without_it(db, tmp_path, security):
    cert = self_signed(tmp_path)
    queue_statement(pdf=b"%PDF-1.4 tls")
    with smtp_server(users={"till": "s3cret"}, tls=security, cert=cert) as server:
        base = dict(smtp_host="127.0.0.1", smtp_port=server.port, smtp_security=security,
                    smtp_user="till", smtp_password="s3cret", smtp_timeout_s=5)
        untrusting = SmtpProvider(MessagingConfig(**base).validate("t"))
        assert dispatcher.dispatch({"email": untrusting}).failed == 1
        row = OutboxMessage.get()
        assert row.error_code == "messaging.smtp_untrusted", row.last_error
        assert server.logins == []  # the password never went to an untrusted server
        trusting = SmtpProvider(MessagingConfig(**base, smtp_ca_file=str(cert[0])).validate("t"))
        later = utcnow() + dispatcher.BACKOFF_CAP
        assert dispatcher.dispatch({"email": trusting}, later).sent == 1
    assert server.logins == ["till"] and server.messages[0]["Subject"] == "积分结算对账单 百联超市 2026-11-01 至 2026-11-30"


def test_the_messaging_section_of_the_config_file(tmp_path):
    path = tmp_path / "till.toml"
    path.write_text('[messaging]\nsmtp_host = "mail.example.cn"\nsmtp_security = "ssl"\n'
                    'smtp_user = "till@example.cn"\nsmtp_password = "pw"\n'
                    'sms_provider = "file"\nsms_file = "/var/spool/patron/sms.jsonl"\n',
                    encoding="utf-8")
    cfg = config.load(path).messaging
    assert (cfg.smtp_host, cfg.port, cfg.smtp_security) == ("mail.example.cn", 465, "ssl")
    assert str(cfg.sms_path()) == "/var/spool/patron/sms.jsonl"
    for bad, code in (('smtp_security = "tls"', "config.smtp_security"),
                      ('smtp_port = "25"', "config.wrong_type"),
                      ('smtp_host = "h"\nsmtp_user = "u"', "config.smtp_login"),
                      ('sms_provider = "carrier-pigeon"', "config.sms_provider"),
                      ('smtp_ca_file = "/no/such/ca.pem"', "config.smtp_ca_file"),
                      ('smtp_pasword = "x"', "config.unknown_setting")):
        path.write_text(f"[messaging]\n{bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError) as err:
            config.load(path)
        assert err.value.code == code, bad
