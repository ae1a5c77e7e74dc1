"""The error line of a back-office edit dialog that has ``self.buttons`` and ``self.error``:
a refused save shows the domain's message and lets the user try again."""

from __future__ import annotations

from typing import Any

from ui.errors import user_message


class ErrorLine:
    buttons: Any
    error: Any

    def show_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(user_message(exc))
        self.error.show()
