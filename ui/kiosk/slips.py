"""Printing a coupon slip on the kiosk printer: the job is built off the GUI thread, handed to
the device hub's spool (on disk first, so paper running out or a crash never loses it, and its
job id makes sure it prints once), and the caller hears when that job has printed."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject

from app.coupons.slip import coupon_slip_job
from ui.kiosk.context import KioskContext
from ui.widgets.i18n import current_language


def print_slip(ctx: KioskContext, owner: QObject, member_id: int, coupon_id: int, *,
               reprint: bool = False, queued: Callable[[str], None],
               printed: Callable[[str], None], no_printer: Callable[[], None]) -> None:
    """``queued(job_id)`` once spooled, ``printed(job_id)`` when the printer has done it —
    unless ``owner`` (the screen asking) is gone by then: the slip still prints, unheard."""
    kiosk, language = ctx.kiosk, current_language()
    token = uuid.uuid4().hex[:12] if reprint else ""
    hub = ctx.hub

    def submit(job: dict) -> None:
        job_id = job["job_id"]
        if not hasattr(hub, "submit_print") or not hub.submit_print(job):
            if shiboken6.isValid(owner):
                no_printer()
            return
        if not shiboken6.isValid(owner):
            return  # spooled and printing; nobody left to tell
        listening = [True]

        def done(printed_id: str) -> None:
            if printed_id == job_id and listening[0]:
                forget()
                printed(job_id)

        def forget() -> None:
            if listening[0]:
                listening[0] = False
                hub.printed.disconnect(done)

        hub.printed.connect(done)
        owner.destroyed.connect(forget)
        queued(job_id)

    ctx.run(lambda: coupon_slip_job(kiosk, member_id, coupon_id, language, reprint=token),
            submit)
