"""The channels' providers: e-mail through SMTP, SMS through a provider interface (here a
file with one JSON line per SMS, which the kiosk's tests and a gateway script read back).

A provider sends within a *session* (one SMTP connection for a batch) and raises
:class:`SendFailed` with a code when a message cannot go out. :class:`ProviderDown` means the
provider itself is unusable (login refused, server unreachable): the dispatcher keeps the
message and tries again later, and never parks it as failed for that reason.

The configuration (host, login, password) comes from the terminal's own file
(:class:`app.config.MessagingConfig`), never from the shared database.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import smtplib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from pathlib import Path
from typing import Protocol

from app.clock import utcnow
from app.config import MessagingConfig
from app.errors import PatronError

log = logging.getLogger(__name__)

Attachment = tuple[str, str, bytes]  # file name, MIME type, content


class SendFailed(PatronError):
    """This message could not be sent (the recipient was refused, the server said no)."""

    provider_down = False


class ProviderDown(SendFailed):
    """The provider cannot send anything now (login refused, server away): not the message's
    fault, so it waits for the provider rather than running out of attempts."""

    provider_down = True


@dataclass(frozen=True)
class Outgoing:
    """One message as a provider sees it."""

    key: str  # the outbox idempotency key: the e-mail's Message-ID is made from it
    recipient: str
    subject: str
    body: str
    kind: str = ""
    attachments: tuple[Attachment, ...] = field(default=())


class Session(Protocol):
    def send(self, message: Outgoing) -> None: ...


class Provider(Protocol):
    channel: str  # the outbox channel it serves: email | sms | merchant | operator
    name: str  # shown in the back office ("SMTP smtp.example.com:587", "SMS file ...")

    def session(self) -> contextlib.AbstractContextManager[Session]: ...


# -- e-mail ----------------------------------------------------------------------------------

def message_id(key: str, sender: str) -> str:
    """A Message-ID made from the outbox key: a message sent twice (a crash between the
    server's acceptance and the outbox update) carries the same id both times, so mail
    clients and archives show it once."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "patron.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}.patron@{domain}>"


def build_email(message: Outgoing, sender: str) -> EmailMessage:
    """A UTF-8 e-mail (Chinese subject, body and file names encoded as the RFCs say)."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message_id(message.key, sender)
    mail["X-Patron-Key"] = message.key
    mail.set_content(message.body, charset="utf-8")
    for name, mime, data in message.attachments:
        maintype, _, subtype = mime.partition("/")
        mail.add_attachment(data, maintype=maintype or "application",
                            subtype=subtype or "octet-stream", filename=name)
    return mail


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
        else str(exc.smtp_error)
    return f"{exc.smtp_code} {text}".strip()


class SmtpProvider:
    channel = "email"

    def __init__(self, cfg: MessagingConfig) -> None:
        self.cfg = cfg
        self.sender = cfg.smtp_from or cfg.smtp_user
        self.name = f"SMTP {cfg.smtp_host}:{cfg.port} ({cfg.smtp_security})"

    def _tls(self) -> ssl.SSLContext:
        """Certificates are always checked: against the system's CAs, or the private CA the
        config names (a password never goes to a server that is not the one configured)."""
        ca = self.cfg.smtp_ca_file
        return ssl.create_default_context(cafile=str(Path(ca).expanduser()) if ca else None)

    def _connect(self) -> smtplib.SMTP:
        cfg = self.cfg
        try:
            if cfg.smtp_security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    cfg.smtp_host, cfg.port, timeout=cfg.smtp_timeout_s, context=self._tls())
            else:
                smtp = smtplib.SMTP(cfg.smtp_host, cfg.port, timeout=cfg.smtp_timeout_s)
            try:
                if cfg.smtp_security == "starttls":
                    smtp.starttls(context=self._tls())
                if cfg.smtp_user:
                    smtp.login(cfg.smtp_user, cfg.smtp_password)
            except BaseException:
                with contextlib.suppress(OSError, smtplib.SMTPException):
                    smtp.close()
                raise
        except smtplib.SMTPAuthenticationError as exc:
            raise ProviderDown("messaging.smtp_login_refused",
                               "the mail server {host} refused the login of {user}: {reply}",
                               host=cfg.smtp_host, user=cfg.smtp_user,
                               reply=_reply(exc)) from exc
        except ssl.SSLCertVerificationError as exc:
            raise ProviderDown("messaging.smtp_untrusted",
                               "the mail server {host} showed a certificate this terminal does "
                               "not trust: {reason}", host=cfg.smtp_host,
                               reason=exc.verify_message or str(exc)) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise ProviderDown("messaging.smtp_unsupported",
                               "the mail server {host} does not offer {what}",
                               host=cfg.smtp_host, what=str(exc) or cfg.smtp_security) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise ProviderDown("messaging.smtp_unreachable",
                               "the mail server {host}:{port} cannot be reached: {reason}",
                               host=cfg.smtp_host, port=cfg.port,
                               reason=str(exc) or type(exc).__name__) from exc
        return smtp

    @contextlib.contextmanager
    def session(self) -> Iterator[_SmtpSession]:
        smtp = self._connect()
        try:
            yield _SmtpSession(self, smtp)
        finally:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.quit()


class _SmtpSession:
    def __init__(self, provider: SmtpProvider, smtp: smtplib.SMTP) -> None:
        self.provider = provider
        self.smtp = smtp

    def send(self, message: Outgoing) -> None:
        host = self.provider.cfg.smtp_host
        mail = build_email(message, self.provider.sender)
        try:
            self.smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            replies = "; ".join(_reply(smtplib.SMTPResponseException(code, text))
                                for code, text in exc.recipients.values())
            raise SendFailed("messaging.recipient_refused",
                             "the mail server refused the recipient {recipient}: {reply}",
                             recipient=message.recipient, reply=replies) from exc
        except smtplib.SMTPSenderRefused as exc:
            raise ProviderDown("messaging.sender_refused",
                               "the mail server {host} refused the sender {sender}: {reply}",
                               host=host, sender=self.provider.sender,
                               reply=_reply(exc)) from exc
        except smtplib.SMTPResponseException as exc:
            raise SendFailed("messaging.smtp_refused",
                             "the mail server {host} refused the message: {reply}",
                             host=host, reply=_reply(exc)) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise ProviderDown("messaging.smtp_unreachable",
                               "the mail server {host}:{port} cannot be reached: {reason}",
                               host=host, port=self.provider.cfg.port,
                               reason=str(exc) or type(exc).__name__) from exc


# -- SMS -------------------------------------------------------------------------------------

class SmsFileProvider:
    """SMS written to a file, one JSON object per line: {"at", "key", "to", "kind", "text"}.

    For the demo, tests and sites whose SMS gateway picks messages up from a file. Each line
    is written with a single append and flushed to disk before the message counts as sent."""

    channel = "sms"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = f"SMS file {self.path}"

    @contextlib.contextmanager
    def session(self) -> Iterator[SmsFileProvider]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProviderDown("messaging.sms_file_unwritable",
                               "the SMS file {path} cannot be written: {reason}",
                               path=str(self.path), reason=str(exc)) from exc
        yield self

    def send(self, message: Outgoing) -> None:
        text = f"【{message.subject}】{message.body}" if message.subject else message.body
        line = json.dumps({"at": utcnow().isoformat(timespec="seconds"), "key": message.key,
                           "to": message.recipient, "kind": message.kind, "text": text},
                          ensure_ascii=False) + "\n"
        try:
            # O_APPEND with one write: two dispatchers appending at once never interleave.
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise ProviderDown("messaging.sms_file_unwritable",
                               "the SMS file {path} cannot be written: {reason}",
                               path=str(self.path), reason=str(exc)) from exc


def read_sms(path: Path | str, phone: str) -> list[dict]:
    """The SMS the file provider wrote to ``phone``, oldest first, each key once (a message
    written again after a crash is the same message)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    seen: set[str] = set()
    found = []
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        if entry.get("to") == phone and entry.get("key") not in seen:
            seen.add(entry.get("key"))
            found.append(entry)
    return found


# -- the coalition's own people ------------------------------------------------------------

OPERATOR_CHANNEL = "operator"
OPERATOR_EMAIL_KEY = "operator_email"  # coalition setting: where operator notices go


def staff_address(channel: str, recipient: str) -> str:
    """The e-mail address behind a ``merchant`` notice (the merchant's code: its e-mail on
    file) or an ``operator`` notice (the coalition setting ``operator_email``)."""
    from app.models import Merchant, Setting

    if channel == "merchant":
        address = (Merchant.select(Merchant.settlement_email)
                   .where(Merchant.code == recipient).scalar())
        if not address:
            raise SendFailed("messaging.no_merchant_address",
                             "merchant {code} has no e-mail address on file: set it on the "
                             "merchants page", code=recipient)
        return str(address)
    address = Setting.select(Setting.value).where(Setting.key == OPERATOR_EMAIL_KEY).scalar()
    if not address:
        raise SendFailed("messaging.no_operator_address",
                         "the operator's notices have no e-mail address: set it on the "
                         "messages page")
    return str(address)


class StaffMailProvider:
    """The ``merchant`` and ``operator`` channels, sent as e-mail through this terminal's mail
    server: a merchant's notices (a coupon ordered at the kiosk...) to its e-mail on file, the
    operator's (a stored-value card to book...) to the coalition's operator address. A missing
    address fails the message with a reason the back office shows; it is sent once set."""

    def __init__(self, channel: str, mail: SmtpProvider) -> None:
        self.channel = channel
        self.mail = mail
        self.name = f"{mail.name} ({channel})"

    @contextlib.contextmanager
    def session(self) -> Iterator[_StaffMailSession]:
        with self.mail.session() as smtp:
            yield _StaffMailSession(self.channel, smtp)


class _StaffMailSession:
    def __init__(self, channel: str, smtp: _SmtpSession) -> None:
        self.channel = channel
        self.smtp = smtp

    def send(self, message: Outgoing) -> None:
        address = staff_address(self.channel, message.recipient)
        self.smtp.send(dataclasses.replace(message, recipient=address))


# -- this terminal's providers ---------------------------------------------------------------

def from_config(cfg: MessagingConfig) -> dict[str, Provider]:
    """The providers ``cfg`` sets up, by channel (a channel left out is sent by another
    terminal, or waits in the outbox until one is configured)."""
    found: dict[str, Provider] = {}
    if cfg.smtp_host:
        mail = SmtpProvider(cfg)
        found["email"] = mail
        for channel in ("merchant", OPERATOR_CHANNEL):
            found[channel] = StaffMailProvider(channel, mail)
    if cfg.sms_provider == "file":
        found["sms"] = SmsFileProvider(cfg.sms_path())
    return found


_configured: dict[str, Provider] = {}


def configure(cfg: MessagingConfig | dict[str, Provider]) -> dict[str, Provider]:
    """Set this process's providers (at start-up, from the terminal's config file)."""
    global _configured
    _configured = dict(cfg) if isinstance(cfg, dict) else from_config(cfg)
    return _configured


def configured() -> dict[str, Provider]:
    return dict(_configured)
