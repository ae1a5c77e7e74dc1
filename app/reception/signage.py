"""The notice for the store's door where the greeter runs (SPEC §1.6: people are told before
they are recognised). Shown in the greeter's staff screen and in the README; both languages
are printed on the one sign."""

from __future__ import annotations

SIGNAGE = {
    "zh_CN": (
        "本店入口设有会员人脸识别迎宾。\n"
        "只有在收银台自愿登记过人脸的会员才会被识别；未登记的访客不会被记录，画面不保存。\n"
        "人脸特征保留 {days} 天（期间未到店即自动删除）。\n"
        "随时可在收银台、自助机或向店员撤回同意，您的人脸特征会立即全部删除。\n"
        "不登记人脸不影响会员权益：刷卡或报手机号同样可以识别会员。"
    ),
    "en": (
        "Members are recognised by face at this entrance.\n"
        "Only members who chose to enrol their face at the till are recognised; visitors who "
        "have not enrolled are not recorded, and no pictures are kept.\n"
        "Face templates are kept for {days} days without a visit, then deleted.\n"
        "Withdraw at any time at the till, the kiosk or with our staff: every template is "
        "deleted at once.\n"
        "Enrolling is optional: your card or phone number identifies you just as well."
    ),
}


def signage(language: str, days: int) -> str:
    return SIGNAGE.get(language, SIGNAGE["en"]).format(days=days)
