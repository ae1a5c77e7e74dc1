"""Printing a coupon slip on the kiosk printer: the job is built off the GUI thread, handed to
the device hub's spool (on disk first, so paper running out or a crash never loses it, and its
job id makes sure it prints once), and the caller hears when that job has printed."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from app.coupons.slip import coupon_slip_job
from ui.kiosk.context import KioskContext
from ui.widgets.i18n import current_language


def print_slip(ctx: KioskContext, member_id: int, coupon_id: int, *, reprint: bool = False,
               queued: Callable[[str], None], printed: Callable[[str], None],
               no_printer: Callable[[], None]) -> None:
    """``queued(job_id)`` once spooled, ``printed(job_id)`` when the printer has done it."""
    kiosk, language = ctx.kiosk, current_language()
    token = uuid.uuid4().hex[:12] if reprint else ""
    hub = ctx.hub

    def submit(job: dict) -> None:
        job_id = job["job_id"]

        def done(printed_id: str) -> None:
            if printed_id == job_id:
                hub.printed.disconnect(done)
                printed(job_id)

        if not hasattr(hub, "submit_print"):
            no_printer()
            return
        hub.printed.connect(done)
        if not hub.submit_print(job):
            hub.printed.disconnect(done)
            no_printer()
            return
        queued(job_id)

    ctx.run(lambda: coupon_slip_job(kiosk, member_id, coupon_id, language, reprint=token),
            submit)
