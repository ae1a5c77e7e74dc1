"""The cashier's multi-step actions: a dialog, maybe a manager's approval, then the change.

Each flow opens its dialog with ``open()`` (the event loop keeps running: scans, device
status, the database worker) and remembers it as ``self.dialog`` so tests can drive it.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.approvals import sale_target, shift_target
from app.checkout import SaleResult
from ui.cashier.approval import request_approval
from ui.cashier.discount_dialog import DiscountDialog
from ui.cashier.entry_dialog import EntryDialog
from ui.cashier.history_dialog import HistoryDialog
from ui.cashier.member_dialogs import IdentifyDialog, RegisterDialog
from ui.cashier.payment_dialog import PaymentDialog
from ui.cashier.refund_dialog import RefundDialog, refund_summary
from ui.cashier.session import SaleDone, TillSession
from ui.cashier.shift_dialogs import CloseShiftDialog, OpenShiftDialog, ReportDialog
from ui.cashier.sign_in_dialog import SignInDialog
from ui.cashier.weigh_dialog import WeighDialog
from ui.widgets.banner import Banner
from ui.widgets.i18n import product_name, translate


class Flows(QObject):
    def __init__(self, window: QWidget, session: TillSession, banner: Banner) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.banner = banner
        self.dialog: QDialog | None = None

    # -- dialogs -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        previous = self.dialog
        self.dialog = dialog

        def finished(_: int) -> None:
            if self.dialog is dialog:
                self.dialog = previous if previous is not None and previous.isVisible() else None
            refocus = getattr(self.window, "focus_entry", None)
            if refocus is not None and self.dialog is None:
                refocus()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def busy_elsewhere(self) -> bool:
        return self.dialog is not None and self.dialog.isVisible()

    def _approve(self, action: str, then, detail: str = "", *, target: str) -> None:  # type: ignore[no-untyped-def]
        """Ask a manager to approve ``action`` on ``target`` (app.approvals names targets);
        ``then(approval)`` gets the handle, which the domain uses up doing the action."""
        parent = self.dialog if self.busy_elsewhere() else self.window
        dialog = request_approval(parent, self.session, action, then, detail=detail,
                                  target=target)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        previous = self.dialog
        self.dialog = dialog

        def finished(_: int) -> None:
            if self.dialog is dialog:
                self.dialog = previous if previous is not None and previous.isVisible() else None

        dialog.finished.connect(finished)

    # -- signing in and shifts ---------------------------------------------------------------
    def sign_in(self) -> None:
        dialog = SignInDialog(self.session, self.window)
        dialog.signed_in.connect(lambda info: self.banner.show_message(
            "info", translate("Flows", "Welcome, {0}.").format(info.name)))
        self._open(dialog)

    def open_shift(self) -> None:
        self._open(OpenShiftDialog(self.session, self.window))

    def x_report(self) -> None:
        till = self.session.till
        self.session.submit(till.x_report, lambda r: self._open(
            ReportDialog(self.session, r, self.window)))

    def close_shift(self) -> None:
        if self.session.cart.lines:
            self.banner.show_message("warning", translate("Flows", "Finish or void the sale in progress "
                                                   "before closing the shift."))
            return
        shift = self.session.shift
        if shift is None:
            return
        dialog = CloseShiftDialog(self.session, self.window)
        dialog.counted.connect(lambda counts: self._approve(
            "shift_close", lambda approval: self._close_shift(counts, approval),
            target=shift_target(shift.id)))
        self._open(dialog)

    def _close_shift(self, counts: dict[int, int], approval: Any) -> None:
        def done(report: Any) -> None:
            self.banner.show_message("success", translate("Flows", "Shift closed: Z report {0}.").format(
                report.z_number))
            dialog = ReportDialog(self.session, report, self.window)
            self._open(dialog)

        self.session.close_shift(counts, approval, done,
                                 lambda exc: self.session._fail(exc))

    # -- the cart ---------------------------------------------------------------------------
    def weigh(self, hit: Any) -> None:
        dialog = WeighDialog(self.session, hit, self.window)
        dialog.weighed.connect(lambda h, grams: self.session.add_hit(h, 1, grams))
        self._open(dialog)

    def step_quantity(self, row: int, delta: int) -> None:
        lines = self.session.cart.lines
        if not 0 <= row < len(lines):
            return
        line = lines[row]
        if line.weighed or line.fixed_total is not None:
            self.banner.show_message("warning", translate("Flows", "A weighed or labelled item cannot change "
                                                   "quantity; remove it and weigh again."))
            return
        self.set_quantity(row, line.quantity + delta)

    def set_quantity(self, row: int, quantity: int) -> None:
        if quantity <= 0:
            self.remove_line(row)
            return
        if self.session.needs_approval_for_quantity(row, quantity):
            name = self.session.line_name(row)
            self._approve("line_void", lambda a: self.session.set_quantity(row, quantity, a),
                          detail=f"{name}: {self.session.cart.lines[row].quantity} → {quantity}",
                          target=self.session.cart.approval_target)
        else:
            self.session.set_quantity(row, quantity)

    def edit_quantity(self, row: int) -> None:
        lines = self.session.cart.lines
        if not 0 <= row < len(lines):
            return
        line = lines[row]
        if line.weighed or line.fixed_total is not None:
            self.step_quantity(row, 0)
            return
        dialog = EntryDialog(translate("Flows", "Quantity"), product_name(line.product), "quantity",
                             str(line.quantity), self.window)
        dialog.entered.connect(lambda q: self.set_quantity(row, q))
        self._open(dialog)

    def remove_line(self, row: int) -> None:
        if not 0 <= row < len(self.session.cart.lines):
            return
        name = self.session.line_name(row)
        self._approve("line_void", lambda a: self.session.remove_line(row, a), detail=name,
                      target=self.session.cart.approval_target)

    def line_discount(self, row: int) -> None:
        lines = self.session.cart.lines
        if not 0 <= row < len(lines):
            return
        line = lines[row]
        s = self.session
        dialog = DiscountDialog(product_name(line.product), line.gross, s.discount_limit(line.gross),
                                s.money, line.line_discount, self.window)

        def apply(amount: int) -> None:
            if s.needs_approval_for_line_discount(row, amount):
                self._approve("discount", lambda a: s.set_line_discount(row, amount, a),
                              detail=f"{product_name(line.product)}: -{s.money(amount)}",
                              target=s.cart.approval_target)
            else:
                s.set_line_discount(row, amount)

        dialog.entered.connect(apply)
        self._open(dialog)

    def cart_discount(self) -> None:
        s = self.session
        if not s.cart.lines:
            return
        base = sum(ln.net for ln in s.cart.lines)
        dialog = DiscountDialog(translate("Flows", "whole cart"), base, s.discount_limit(base), s.money,
                                s.cart.cart_discount, self.window)

        def apply(amount: int) -> None:
            if s.needs_approval_for_cart_discount(amount):
                self._approve("discount", lambda a: s.set_cart_discount(amount, a),
                              detail=translate("Flows", "Cart discount -{0}").format(s.money(amount)),
                              target=s.cart.approval_target)
            else:
                s.set_cart_discount(amount)

        dialog.entered.connect(apply)
        self._open(dialog)

    def override_price(self, row: int) -> None:
        lines = self.session.cart.lines
        if not 0 <= row < len(lines):
            return
        line = lines[row]
        s = self.session
        price = line.fixed_total if line.fixed_total is not None else line.unit_price
        dialog = EntryDialog(translate("Flows", "New price"), product_name(line.product) + (
            translate("Flows", " (per kg)") if line.weighed and line.fixed_total is None else ""), "money",
            f"{price // 100}.{price % 100:02d}", self.window)
        dialog.entered.connect(lambda p: self._approve(
            "price_override", lambda a: s.override_price(row, p, a),
            detail=f"{product_name(line.product)}: {s.money(price)} → {s.money(p)}",
            target=s.cart.approval_target))
        self._open(dialog)

    def clear_cart(self) -> None:
        if not self.session.cart.lines:
            self.session.set_member(None)
            return
        self._approve("cart_void", self.session.clear_cart,
                      detail=translate("Flows", "{0} lines, {1}").format(
                          len(self.session.cart.lines),
                          self.session.money(self.session.cart.totals().total)),
                      target=self.session.cart.approval_target)

    # -- members -----------------------------------------------------------------------------
    def identify(self) -> None:
        self._open(IdentifyDialog(self.session, self.window))

    def register(self) -> None:
        self._open(RegisterDialog(self.session, parent=self.window))

    def face_enrolment(self) -> None:
        """Enrol the attached member's face (or withdraw that consent): the face code loads
        only now, never at till start."""
        if self.session.member is None:
            return
        from ui.cashier.face_enrolment import FaceEnrolmentDialog

        hub = getattr(self.window, "hub", None)
        devices = getattr(hub, "devices", {}) or {}
        camera = devices.get("camera") or devices.get("camera-scanner")
        dialog = FaceEnrolmentDialog(self.session, camera, self.window)
        name = self.session.member.name
        dialog.enrolled.connect(lambda n: self.banner.show_message("success", translate(
            "Flows", "{0}'s face is enrolled ({1} templates).").format(name, n)))
        dialog.withdrawn.connect(lambda n: self.banner.show_message("success", translate(
            "Flows", "Face consent withdrawn: {0} templates deleted.").format(n)))
        self._open(dialog)

    # -- paying ------------------------------------------------------------------------------
    def pay(self) -> None:
        s = self.session
        if s.paying or not s.cart.lines:
            return
        if s.cashier is not None and s.shift is None:
            self.banner.show_message("warning", translate("Flows", "Open a shift before taking payment."))
            self.open_shift()
            return
        dialog = PaymentDialog(s, self.window)
        dialog.paid.connect(self._paid)
        self._open(dialog)

    def coupon(self, code: str) -> None:
        """A coupon scanned or typed at the till's entry: pay the sale with it."""
        s = self.session
        if self.busy_elsewhere() or s.paying:
            return
        if not s.cart.lines:
            self.banner.show_message("info", translate(
                "Flows", "That is a coupon: scan the items first, then the coupon."))
            return
        if s.member is None:
            self.banner.show_message("warning", translate(
                "Flows", "That is a coupon: identify the member first, then scan it again."))
            return
        self.pay()
        if isinstance(self.dialog, PaymentDialog):
            self.dialog.use_coupon(code)

    def _paid(self, result: SaleResult) -> None:
        if result.replayed:
            text = translate("Flows", "This sale was already saved as receipt {0}; nothing was charged again.")
            self.banner.show_message("warning", text.format(result.receipt_no))
            return
        text = translate("Flows", "Paid {0}. Receipt {1}.").format(self.session.money(result.total),
                                                   result.receipt_no)
        if result.change:
            text = translate("Flows", "CHANGE {0}").format(self.session.money(result.change)) + " — " + text
        if result.points_earned:
            text += " " + translate("Flows", "+{0} points.").format(result.points_earned)
        self.banner.show_message("success", text)

    def sale_done(self, done: SaleDone) -> None:
        """Hook for the window (the customer display listens to the session directly)."""

    # -- after the sale ----------------------------------------------------------------------
    def history(self) -> None:
        dialog = HistoryDialog(self.session, self.window)
        dialog.refund_requested.connect(lambda sale: self.refund(sale.receipt_no))
        dialog.void_requested.connect(self.void_sale)
        self._open(dialog)

    def refund(self, receipt_no: str = "") -> None:
        dialog = RefundDialog(self.session, receipt_no, self.window, approve=self._approve)
        dialog.refunded.connect(lambda r: self.banner.show_message(
            "success", refund_summary(self.session, r)))
        self._open(dialog)

    def void_sale(self, sale: Any) -> None:
        s = self.session
        till = s.till
        key = str(uuid.uuid4())

        def approved(approval: Any) -> None:
            def done(result: Any) -> None:
                if result.tender == "cash" and result.money_back:
                    s.kick_drawer()
                s.print_receipt(result.sale_id)
                self.banner.show_message("success", translate("Flows", "Sale {0} voided: give back {1}.").format(
                    sale.receipt_no, s.money(result.money_back)))

            s.submit(lambda: till.void(sale.id, approval, key), done)

        self._approve("void", approved, detail=f"{sale.receipt_no} {s.money(sale.total)}",
                      target=sale_target(sale.id))

    def devices(self) -> None:
        """The Devices screen, for a manager. Scans are held back from the till meanwhile."""
        s = self.session
        if s.hub is None:
            return

        till = s.till

        def opened(_: Any) -> None:
            from ui.devices_screen import open_devices_screen

            def swallow(_text: str) -> bool:
                return True

            s.push_scan_sink(swallow)
            screen = open_devices_screen(s.hub, self.window)
            screen.finished.connect(lambda _: s.pop_scan_sink(swallow))

        def approved(approval: Any) -> None:
            # The domain uses the approval up (and audits it) before the screen opens.
            s.submit(lambda: till.open_devices(approval), opened)

        self._approve("devices", approved, target=till.approval_target())

    def no_sale(self) -> None:
        s = self.session
        till = s.till

        def approved(approval: Any) -> None:
            s.submit(lambda: till.no_sale(approval, "no sale"), lambda _: s.kick_drawer())

        self._approve("no_sale", approved, target=till.approval_target())
