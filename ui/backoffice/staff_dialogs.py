"""The staff page's dialogs: add a staff member, change a role, set a new PIN."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.models.org import STAFF_ROLES
from app.orgadmin import people
from app.orgadmin.merchants import MerchantRow
from app.orgadmin.people import StaffRow
from ui.backoffice.context import BackofficeContext
from ui.backoffice.form_dialog import FormDialog
from ui.backoffice.org_words import shown_name, staff_role_text
from ui.widgets.i18n import translate


def _roles(operator: bool) -> list[str]:
    """The roles the actor may give: only the operator makes operators."""
    return [r for r in STAFF_ROLES if operator or r != "operator"]


class StaffDialog(FormDialog):
    """Add a staff member of a merchant (or, for the operator, an operator) with a first PIN."""

    def __init__(
        self,
        ctx: BackofficeContext,
        merchant_choices: list[MerchantRow],
        merchant_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "staffDialog", parent)
        operator = bool(ctx.actor and ctx.actor.is_operator)
        self.add_line("code", max_length=32)
        self.add_line("name", max_length=120)
        self.add_combo("role", [(staff_role_text(r), r) for r in _roles(operator)])
        self.add_combo(
            "merchant", [(f"{m.code}  {shown_name(m)}", m.id) for m in merchant_choices if m.active]
        )
        self.add_line("pin", max_length=8, password=True)
        self.add_line("pin_again", max_length=8, password=True)
        if merchant_id is not None:
            self.choose("merchant", merchant_id)
        self.fields["merchant"].setEnabled(operator)
        self.fields["role"].currentIndexChanged.connect(self._role_changed)
        self.retranslate()

    def _role_changed(self) -> None:
        # An operator belongs to no merchant: the merchant list does not apply.
        self.fields["merchant"].setEnabled(
            bool(self.ctx.actor and self.ctx.actor.is_operator)
            and self.choice("role") != "operator"
        )

    def save(self) -> None:
        if self.text("pin") != self.text("pin_again"):
            self.failed(translate("StaffDialogs", "The two PINs differ; type the new PIN twice."))
            return
        role = self.choice("role")
        self.run(
            people.add_staff,
            code=self.text("code"),
            name=self.text("name"),
            role=role,
            pin=self.text("pin"),
            merchant_id=None if role == "operator" else self.choice("merchant"),
        )

    def retranslate(self) -> None:
        self.setWindowTitle(translate("StaffDialogs", "Staff member"))
        self.heading.setText(translate("StaffDialogs", "Add a staff member"))
        self.set_labels(
            {
                "code": translate("StaffDialogs", "Staff code"),
                "name": translate("StaffDialogs", "Name"),
                "role": translate("StaffDialogs", "Role"),
                "merchant": translate("StaffDialogs", "Merchant"),
                "pin": translate("StaffDialogs", "First PIN"),
                "pin_again": translate("StaffDialogs", "First PIN again"),
            }
        )
        self.fields["pin"].setPlaceholderText(translate("StaffDialogs", "4 to 8 digits"))
        combo = self.fields["role"]
        for i in range(combo.count()):
            combo.setItemText(i, staff_role_text(combo.itemData(i)))
        self.retranslate_buttons()


class RoleDialog(FormDialog):
    def __init__(
        self, ctx: BackofficeContext, row: StaffRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "roleDialog", parent)
        self.row = row
        roles = (
            ["operator"] if row.role == "operator" else [r for r in STAFF_ROLES if r != "operator"]
        )
        self.add_combo("role", [(staff_role_text(r), r) for r in roles])
        self.choose("role", row.role)
        self.retranslate()

    def save(self) -> None:
        self.run(people.change_role, self.row.id, self.choice("role"))

    def retranslate(self) -> None:
        self.setWindowTitle(translate("StaffDialogs", "Change role"))
        self.heading.setText(
            translate("StaffDialogs", "Change the role of {0} ({1})").format(
                self.row.name, self.row.code
            )
        )
        self.set_labels({"role": translate("StaffDialogs", "Role")})
        self.retranslate_buttons()


class PinResetDialog(FormDialog):
    """Type a new PIN twice. The page asks for the manager's approval before saving when the
    signed-in actor is a manager (``approval`` set by then)."""

    def __init__(
        self, ctx: BackofficeContext, row: StaffRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "pinResetDialog", parent)
        self.row = row
        self.approval: object | None = None
        self.add_line("pin", max_length=8, password=True)
        self.add_line("pin_again", max_length=8, password=True)
        self.needs_approval = not (ctx.actor and ctx.actor.is_operator)
        self.approval_requested = None  # set by the page: callable(dialog) opening the PIN pad
        self.retranslate()

    def save(self) -> None:
        if self.text("pin") != self.text("pin_again"):
            self.failed(translate("StaffDialogs", "The two PINs differ; type the new PIN twice."))
            return
        if self.needs_approval and self.approval is None and self.approval_requested:
            self.approval_requested(self)
            return
        self.run(people.reset_pin, self.row.id, self.text("pin"), self.approval)

    def failed(self, exc: BaseException | str) -> None:
        if getattr(exc, "code", "").startswith("approval."):
            self.approval = None  # used, expired or refused: the next save asks again
        super().failed(exc)

    def approved(self, approval: object) -> None:
        self.approval = approval
        self.submit()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("StaffDialogs", "Reset PIN"))
        text = translate("StaffDialogs", "Set a new PIN for {0} ({1}).").format(
            self.row.name, self.row.code
        )
        if self.needs_approval:
            text += "\n" + translate(
                "StaffDialogs", "A manager of the merchant approves with their PIN."
            )
        self.heading.setText(text)
        self.set_labels(
            {
                "pin": translate("StaffDialogs", "New PIN"),
                "pin_again": translate("StaffDialogs", "New PIN again"),
            }
        )
        self.fields["pin"].setPlaceholderText(translate("StaffDialogs", "4 to 8 digits"))
        self.retranslate_buttons()
