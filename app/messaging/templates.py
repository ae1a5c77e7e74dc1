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
    # points used beyond the till (app.rewards)
    "reward_redeemed": {
        "zh_CN": ("积分兑换成功", "{name}您好：您已用 {points} 积分兑换“{title}”，当前积分余额 "
                  "{balance}。{coupon}"),
        "en": ("Reward redeemed", "Hello {name}: you redeemed “{title}” for {points} points; "
               "your balance is now {balance}. {coupon}"),
    },
    "wallet_converted": {
        "zh_CN": ("积分已转入储值钱包", "{name}您好：{points} 积分已转换为 {amount} 存入您的储值钱包，"
                  "钱包余额 {wallet}，可在联盟内任一商户使用。"),
        "en": ("Points moved to your wallet", "Hello {name}: {points} points became {amount} in "
               "your wallet; it now holds {wallet} and pays at any merchant of the coalition."),
    },
    "partner_accepted": {
        "zh_CN": ("积分转换成功", "{name}您好：{points} 积分已转换为 {amount}，转入{partner}"
                  "（账号 {account}）。"),
        "en": ("Points converted", "Hello {name}: {points} points became {amount} at {partner} "
               "(account {account})."),
    },
    "partner_refused": {
        "zh_CN": ("积分转换未成功", "{name}您好：{partner}未接受您的 {points} 积分转换（{reason}），"
                  "积分已退回，当前余额 {balance}。"),
        "en": ("Points conversion refused", "Hello {name}: {partner} refused the conversion of "
               "{points} points ({reason}); the points are back, your balance is {balance}."),
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
