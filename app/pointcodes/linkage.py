"""The linkage rule: what a shopping guide earns when a member redeems a unit the guide
marked. Per merchant: ``fixed`` points per unit, or ``percent`` of the code's points in basis
points (rounded down). No rule: guides earn nothing."""

from __future__ import annotations

from dataclasses import dataclass

from app.backoffice.actor import Actor, audit_change, row_dict
from app.db import write_tx
from app.errors import ValidationError
from app.models import GuideLinkRule

KINDS = ("fixed", "percent")


@dataclass(frozen=True)
class LinkRule:
    merchant_id: int
    kind: str
    value: int


def guide_points(merchant_id: int, code_points: int) -> int:
    rule = GuideLinkRule.get_or_none(GuideLinkRule.merchant == merchant_id)
    if rule is None:
        return 0
    if rule.kind == "fixed":
        return rule.value
    return code_points * rule.value // 10_000


def rule_of(actor: Actor, merchant_id: int) -> LinkRule:
    actor.check_merchant(merchant_id)
    rule = GuideLinkRule.get_or_none(GuideLinkRule.merchant == merchant_id)
    return LinkRule(merchant_id, rule.kind, rule.value) if rule else LinkRule(merchant_id,
                                                                               "fixed", 0)


def set_rule(actor: Actor, merchant_id: int, kind: str, value: int) -> LinkRule:
    actor.check_merchant(merchant_id)
    if kind not in KINDS:
        raise ValidationError("pointcode.bad_link_kind", "a linkage rule is fixed or percent, "
                              "not {kind}", kind=kind)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or (
            kind == "percent" and value > 10_000):
        raise ValidationError("pointcode.bad_link_value", "a linkage rule's value is a whole "
                              "number from 0 (points, or basis points up to 10000), not {value}",
                              value=repr(value))
    with write_tx():
        rule = GuideLinkRule.get_or_none(GuideLinkRule.merchant == merchant_id)
        before = row_dict(rule) if rule else None
        if rule is None:
            rule = GuideLinkRule.create(merchant=merchant_id, kind=kind, value=value)
        else:
            GuideLinkRule.update(kind=kind, value=value).where(
                GuideLinkRule.id == rule.id).execute()
            rule = GuideLinkRule.get_by_id(rule.id)
        audit_change(actor, "guide_link_rule", f"merchant:{merchant_id}", before, row_dict(rule))
    return LinkRule(merchant_id, kind, value)
