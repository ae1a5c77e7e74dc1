"""A real SMTP server for tests (aiosmtpd), listening on a free local port.

    with smtp_server(users={"till": "secret"}) as server:
        ...  # send to server.port; server.messages holds what arrived (email.message objects)
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    refuse_recipients: bool = False


class _Handler:
    def __init__(self, server: Server) -> None:
        self.server = server

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):  # noqa: N802
        if self.server.refuse_recipients:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.server.messages.append(email.message_from_bytes(
            envelope.original_content, policy=email.policy.default))
        return "250 OK"


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (and its key), made with openssl: the test's private CA."""
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@contextlib.contextmanager
def smtp_server(users: dict[str, str] | None = None, *, refuse_recipients: bool = False,
                tls: str = "", cert: tuple[Path, Path] | None = None) -> Iterator[Server]:
    """Serve on 127.0.0.1; ``users``: the logins it accepts (None: no AUTH offered);
    ``refuse_recipients``: answer 550 to every RCPT; ``tls``: "starttls" (required before
    AUTH) or "ssl" (implicit), with ``cert`` (certificate, key)."""
    server = Server(free_port(), refuse_recipients=refuse_recipients)

    def authenticate(smtp, session, envelope, mechanism, auth_data):  # noqa: ARG001
        if isinstance(auth_data, LoginPassword):
            user = auth_data.login.decode()
            if users and users.get(user) == auth_data.password.decode():
                server.logins.append(user)
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    kwargs: dict = {}
    if users is not None:
        kwargs = {"authenticator": authenticate, "auth_require_tls": tls == "starttls"}
    if tls:
        assert cert is not None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(cert[0]), str(cert[1]))
        if tls == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        else:
            kwargs.update(ssl_context=context)
    controller = Controller(_Handler(server), hostname="127.0.0.1", port=server.port,
                            **kwargs)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()
