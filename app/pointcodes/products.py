"""The product picker of the back office's "Generate batch" dialog: the actor's merchant's
active products whose name, English name, SKU or pinyin initials match what was typed."""

from __future__ import annotations

from dataclasses import dataclass

from app.backoffice.actor import Actor
from app.models import Merchant, Product


@dataclass(frozen=True)
class ProductChoice:
    id: int
    sku: str
    name: str
    name_en: str
    merchant_id: int
    merchant_code: str


def find_products(actor: Actor, text: str, limit: int = 50) -> list[ProductChoice]:
    text = (text or "").strip()
    query = (Product.select(Product, Merchant).join(Merchant)
             .where(Product.active == True))  # noqa: E712
    query = actor.merchants(query, Product.merchant)
    if text:
        # (a typed % or _ widens the match: harmless in a picker of one's own products)
        query = query.where(Product.name.contains(text) | Product.name_en.contains(text)
                            | Product.sku.startswith(text)
                            | Product.pinyin_initials.startswith(text.lower()))
    query = query.order_by(Merchant.code, Product.name).limit(limit)
    return [ProductChoice(p.id, p.sku, p.name, p.name_en, p.merchant_id, p.merchant.code)
            for p in query]
