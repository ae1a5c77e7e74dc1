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
    "kiosk_code": {
        "zh_CN": ("", "您的验证码是 {code}，{minutes} 分钟内有效。请勿告诉他人。"),
        "en": ("", "Your code is {code}. It is valid for {minutes} minutes. Do not share it."),
    },
    "coupon_sms": {
        "zh_CN": ("", "您的电子券“{title}”券码 {code}，有效期至 {valid_until}。结账时出示或报出券码。"),
        "en": ("", "Your coupon \"{title}\": code {code}, valid until {valid_until}. Show or "
               "read the code at the till."),
    },
    "coupon_order": {
        "zh_CN": ("新电子券订单 {code}", "{merchant}：会员 {member} 兑换了“{title}”，券码 {code}，"
                  "有效期至 {valid_until}。"),
        "en": ("New coupon order {code}", "{merchant}: member {member} ordered \"{title}\", "
               "code {code}, valid until {valid_until}."),
    },
    "card_booked": {
        "zh_CN": ("储值卡未归还 {number}", "储值卡 {number}（会员 {member}）在 {due_back} 前未归还："
                  "余额 {balance} 积分已退回会员，押金 {deposit} 积分由发卡商户留存。"),
        "en": ("Card {number} not returned", "Stored-value card {number} (member {member}) was "
               "not returned by {due_back}: its balance of {balance} points went back to the "
               "member; the deposit of {deposit} points stays with the issuing merchant."),
    },
    "points_expiring": {
        "zh_CN": ("积分即将过期", "{name}您好：您有 {points} 积分将于 {date} 过期，请尽快使用。"),
        "en": ("Points about to expire", "Hello {name}: {points} of your points expire on "
               "{date}. Use them before then."),
    },
    "tier_changed": {
        "zh_CN": ("会员等级变更", "{name}您好：您的会员等级已由{old_tier}变为{new_tier}。"),
        "en": ("Your membership tier changed", "Hello {name}: your tier changed from "
               "{old_tier} to {new_tier}."),
    },
    "merchant_statement": {
        "zh_CN": ("结算对账单 {period}", "{merchant}：附件为 {period} 的积分结算对账单，"
                  "净额 {net}。"),
        "en": ("Settlement statement {period}", "{merchant}: attached is the points settlement "
               "statement for {period}; net position {net}."),
    },
    # Sent from the back office to check the mail settings of a terminal.
    "test_message": {
        "zh_CN": ("Patron 测试邮件", "这是一封测试邮件，由 {sender} 于 {at} 从后台发出。"
                  "收到即表示邮件设置正确。"),
        "en": ("Patron test message", "This test message was sent by {sender} at {at} from the "
               "back office. If it arrived, the mail settings work."),
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
