"""Message templates, per kind and language: a subject and a body with ``{name}`` fields.

Add a kind here with both languages; :func:`render` refuses an unknown kind or a missing
field, so a message is never sent half-filled.
"""

from __future__ import annotations

from app.errors import ConfigError

LANGUAGES = ("zh_CN", "en")

# kind -> language -> (subject, body)
TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "balance_changed": {
        "zh_CN": ("积分变动通知", "{name}您好：您的积分{change:+d}，当前余额 {balance} 分。（{reason}）"),
        "en": ("Your points changed", "Hello {name}: your points changed by {change:+d}; "
               "your balance is now {balance}. ({reason})"),
    },
    "tier_changed": {
        "zh_CN": ("会员等级变更通知", "{name}您好：您近 {days} 天累计获得 {points} 积分，"
                  "会员等级已由{from_tier}调整为{to_tier}。"),
        "en": ("Your membership tier changed", "Hello {name}: you earned {points} points in "
               "the last {days} days, so your tier changed from {from_tier} to {to_tier}."),
    },
}


def render(kind: str, language: str, **params: object) -> tuple[str, str]:
    """The (subject, body) of ``kind`` in ``language`` (English when that language has none)."""
    by_language = TEMPLATES.get(kind)
    if by_language is None:
        raise ConfigError("messaging.unknown_template", "no message template “{kind}”", kind=kind)
    subject, body = by_language.get(language) or by_language["en"]
    try:
        return subject.format(**params), body.format(**params)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError("messaging.template_fields",
                          "message template “{kind}” needs {missing}", kind=kind,
                          missing=str(exc)) from exc
