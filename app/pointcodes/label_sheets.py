"""A batch's label sheets for the back office: the whole PDF saved to a file, or its first
sheet in memory for the print dialog's preview. Scoped like every batch service."""

from __future__ import annotations

import io
from pathlib import Path

from app.backoffice.actor import Actor
from app.documents import labels
from app.pointcodes.batches import Progress, _load, batch_codes


def stocks() -> list[labels.LabelStock]:
    return list(labels.STOCKS.values())


def save_labels(actor: Actor, batch_id: int, stock_key: str, path: str | Path,
                progress: Progress | None = None) -> int:
    """Write every label of the batch to ``path``; returns the number of sheets."""
    codes = batch_codes(actor, batch_id)  # checks the actor's scope
    info = _load(batch_id)
    return labels.render_labels(codes, info.product_name, stock_key, path, points=info.points,
                                progress=progress)


def preview_pdf(actor: Actor, batch_id: int, stock_key: str) -> bytes:
    """The batch's first sheet on that stock, as PDF bytes."""
    codes = batch_codes(actor, batch_id)
    info = _load(batch_id)
    s = labels.stock(stock_key)
    out = io.BytesIO()
    labels.render_labels(codes[:s.per_sheet], info.product_name, stock_key, out,
                         points=info.points)
    return out.getvalue()
