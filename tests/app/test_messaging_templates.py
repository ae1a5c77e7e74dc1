"""Every message kind speaks both languages with the same fields, so a message rendered for a
member in English never lacks what the Chinese one says (and the other way round)."""

from __future__ import annotations

import string

from app.messaging.templates import LANGUAGES, TEMPLATES, render


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_kind_has_both_languages_with_the_same_fields():
    assert {"balance_changed", "points_expiring", "tier_changed", "merchant_statement",
            "test_message"} <= set(TEMPLATES)
    for kind, by_language in TEMPLATES.items():
        assert set(by_language) == set(LANGUAGES), kind
        zh, en = (by_language[lang] for lang in ("zh_CN", "en"))
        assert fields(zh[0]) | fields(zh[1]) == fields(en[0]) | fields(en[1]), kind


def test_each_kind_renders_with_its_fields():
    samples = {"name": "刘", "change": 5, "balance": 10, "reason": "r", "points": 3,
               "date": "2026-12-31", "old_tier": "银卡", "new_tier": "金卡", "merchant": "百联超市",
               "period": "2026-11", "net": "¥1.00", "sender": "op", "at": "now",
               "first_day": "2026-11-01", "last_day": "2026-11-30", "summary": "s", "code": "C2",
               "minutes": 5, "title": "t", "valid_until": "2026-12-31", "member": "8001",
               "coupon": "C2", "amount": "¥1.00", "wallet": "¥2.00", "partner": "p",
               "account": "****1234", "days": 365, "from_tier": "银卡", "to_tier": "金卡",
               "number": "900001", "due_back": "2026-12-31", "deposit": 100,
               "store": "百联超市 南京路店", "offer": "满50减5", "product": "可口可乐"}
    for kind in TEMPLATES:
        for language in LANGUAGES:
            subject, body = render(kind, language, **samples)
            assert subject and body and "{" not in subject + body, (kind, language)
