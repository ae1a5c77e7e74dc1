"""The domain's codes that appear inside sentences (an action a manager approves, a tender
kind), in the UI language: an error such as "{action} needs a manager's approval" must never
show "no_sale" to a cashier."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def action_text(action: str) -> str:
    """What a manager is asked to approve (app.approvals action codes)."""
    texts = {
        "line_void": translate("Actions", "Remove a line from the cart"),
        "cart_void": translate("Actions", "Void the whole cart"),
        "discount": translate("Actions", "Discount above the limit"),
        "price_override": translate("Actions", "Change a price"),
        "refund": translate("Actions", "Refund"),
        "void": translate("Actions", "Void a completed sale"),
        "no_sale": translate("Actions", "Open the cash drawer (no sale)"),
        "shift_close": translate("Actions", "Close the shift"),
        "devices": translate("Actions", "Open the Devices screen"),
        "kiosk_staff": translate("Actions", "Open the kiosk's staff screen"),
        "pin_reset": translate("Actions", "Reset a staff member's PIN"),
    }
    # An action this build does not know still reads as words, not as an identifier.
    return texts.get(action, action.replace("_", " "))


def tender_text(kind: str) -> str:
    """A way of paying (app.checkout tender kinds)."""
    names = {
        "cash": translate("Tenders", "Cash"),
        "card": translate("Tenders", "Card"),
        "points": translate("Tenders", "Points"),
        "qr": translate("Tenders", "QR pay"),
        "coupon": translate("Tenders", "Coupon"),
        "wallet": translate("Tenders", "Wallet"),
    }
    return names.get(kind, kind)


def device_status_text(status: str) -> str:
    """A device's state (hardware status values) in words."""
    words = {
        "connected": translate("DeviceStatus", "connected"),
        "disconnected": translate("DeviceStatus", "disconnected"),
        "connecting": translate("DeviceStatus", "connecting"),
        "error": translate("DeviceStatus", "error"),
    }
    return words.get(status, status)


def readable_params(code: str, params: dict[str, object]) -> dict[str, object]:
    """``params`` with the codes among them replaced by their words."""
    out = dict(params)
    if isinstance(out.get("action"), str):
        out["action"] = action_text(str(out["action"]))
    if code.startswith("tender.") and isinstance(out.get("kind"), str):
        out["kind"] = tender_text(str(out["kind"]))
    return out
