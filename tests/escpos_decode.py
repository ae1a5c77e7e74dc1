"""Reading captured ESC/POS bytes back: the QR codes' contents (from the ``GS ( k … 1 P 0``
store-data command) and the text (GB18030 between the commands)."""

from __future__ import annotations

GS = b"\x1d"


def qr_payloads(data: bytes) -> list[str]:
    """Every QR code's content, in print order."""
    out, at = [], 0
    while (at := data.find(GS + b"(k", at)) >= 0:
        p_l, p_h = data[at + 3], data[at + 4]
        body = data[at + 5:at + 5 + p_l + 256 * p_h]
        if body[:3] == b"1P0":
            out.append(body[3:].decode("utf-8"))
        at += 5 + p_l + 256 * p_h
    return out


def text_of(data: bytes) -> str:
    return data.decode("gb18030", errors="replace")
