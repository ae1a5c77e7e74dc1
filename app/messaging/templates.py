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
        "zh_CN": ("验证码", "您的验证码是 {code}，{minutes} 分钟内有效。请勿告诉他人。"),
        "en": ("Your code", "Your code is {code}. It is valid for {minutes} minutes. Do not "
               "share it."),
    },
    "visit_offer": {
        "zh_CN": ("{store}欢迎您", "{name}您好，欢迎光临{store}！为您推荐：{offer}。详情请到收银台或自助机查看。"),
        "en": ("Welcome to {store}", "Hello {name}, welcome to {store}! An offer for you: "
               "{offer}. Ask at the till or see the kiosk."),
    },
    "visit_favourite": {
        "zh_CN": ("{store}欢迎您", "{name}您好，欢迎光临{store}！您常买的{product}今天有货。"),
        "en": ("Welcome to {store}", "Hello {name}, welcome to {store}! Your usual {product} "
               "is in store today."),
    },
    "coupon_sms": {
        "zh_CN": ("电子券 {title}", "您的电子券“{title}”券码 {code}，有效期至 {valid_until}。"
                  "结账时出示或报出券码。"),
        "en": ("Coupon {title}", "Your coupon \"{title}\": code {code}, valid until "
               "{valid_until}. Show or read the code at the till."),
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
    # Sent from the back office to check the mail settings of a terminal.
    "test_message": {
        "zh_CN": ("Patron 测试邮件", "这是一封测试邮件，由 {sender} 于 {at} 从后台发出。"
                  "收到即表示邮件设置正确。"),
        "en": ("Patron test message", "This test message was sent by {sender} at {at} from the "
               "back office. If it arrived, the mail settings work."),
    },
    "merchant_statement": {
        "zh_CN": ("积分结算对账单 {merchant} {first_day} 至 {last_day}",
                  "{merchant}：\n附件是 {first_day} 至 {last_day} 的积分结算对账单。\n{summary}\n"
                  "如有疑问，请在后台“结算”页面查看每笔明细。"),
        "en": ("Points settlement statement {merchant} {first_day} to {last_day}",
               "{merchant}:\nAttached is your points settlement statement for {first_day} to "
               "{last_day}.\n{summary}\nThe back office's Settlement page shows every entry "
               "behind it."),
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
