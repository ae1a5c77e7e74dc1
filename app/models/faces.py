"""What keeps every running greeter's face index in step with the database.

Each transaction that adds or removes face templates takes the next value of one counter
(``FaceCounter``, a single row locked for the transaction, so versions commit in order) and
stamps it on the templates it stores (``FaceTemplate.version``) and on a ``FaceTombstone`` per
template it deletes. A greeter holding version v reads ``version > v`` from both tables: a
cheap indexed query it can afford every two seconds.
"""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field


class FaceCounter(BaseModel):
    """One row (id 1): the last face-change version handed out, and the newest version whose
    tombstones have been pruned (an index older than that must reload in full)."""

    version = pw.BigIntegerField(default=0)
    pruned_through = pw.BigIntegerField(default=0)


class FaceTombstone(BaseModel):
    """A deleted template (consent withdrawn, expired, replaced): ids only, never the encoding."""

    template_id = pw.BigIntegerField()
    member_id = pw.BigIntegerField()
    version = pw.BigIntegerField(index=True)
    reason = pw.CharField(max_length=16)  # withdrawn | expired | replaced
    at = created_at_field()
