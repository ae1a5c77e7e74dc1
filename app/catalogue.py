"""The catalogue a till sells from: barcode look-up (with GS1 variable measure) and search."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from app import fixed_sql
from app.barcodes import Nomenclature, expand_upce, parse_barcode
from app.db import database, is_sqlite
from app.errors import NotFound, ValidationError
from app.models import Barcode, Category, Product, Store
from app.search_index import PG_SEARCH_TEXT, fold
from app.typed_input import checked


@dataclass(frozen=True)
class ProductInfo:
    """A product as a till sees it: plain values, no database behind it."""

    id: int
    sku: str
    name: str
    name_en: str
    price: int  # per unit, or per kg when sold by weight
    sold_by: str  # unit | weight
    tax_rate_bp: int
    bonus_points: int
    unit_weight_g: int | None
    weight_tolerance_g: int | None
    barcode: str
    category_id: int | None
    category: str = ""  # the category's names, for telling look-alike products apart
    category_en: str = ""

    @property
    def weighed(self) -> bool:
        return self.sold_by == "weight"


@dataclass(frozen=True)
class ScanHit:
    product: ProductInfo
    code: str
    weight_g: int | None = None  # from a variable-weight label
    price: int | None = None  # from a variable-price label (the line's total)


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    name: str
    name_en: str


def _info(p: Product, barcode: str = "", category: Category | None = None) -> ProductInfo:
    return ProductInfo(
        id=p.id, sku=p.sku, name=p.name, name_en=p.name_en, price=p.price, sold_by=p.sold_by,
        tax_rate_bp=p.tax_rate_bp, bonus_points=p.bonus_points, unit_weight_g=p.unit_weight_g,
        weight_tolerance_g=p.weight_tolerance_g, barcode=barcode, category_id=p.category_id,
        category=category.name if category else "", category_en=category.name_en if category else "",
    )


# Shorter than a trigram: such queries go to the term index (app.search_index).
SHORT_QUERY = 3
# PostgreSQL, three characters or more: first the first HEAD_ROWS products are checked one by
# one (a common word has its 40 matches there, and the trigram index would have to gather
# tens of thousands); failing that the trigram index lists up to FEW_MATCHES matches; only a
# query matching more than that and rarely enough to miss the head walks the catalogue on.
HEAD_ROWS = 4000
FEW_MATCHES = 10000


class Catalogue:
    """Look-ups for one store's merchant. Cheap to create; holds no connection."""

    def __init__(self, store: Store) -> None:
        self.merchant_id = store.merchant_id
        self.nomenclature = Nomenclature.from_json(store.barcode_nomenclature)

    def scan(self, raw: str) -> ScanHit:
        """What a scanned code sells. ValidationError for a malformed code, NotFound for an
        unknown one (the till then offers a search)."""
        text = checked(raw)
        if not text:
            raise ValidationError("barcode.empty", "empty barcode")
        if not text.isdigit():
            # Internal codes (Code 128 SKUs) are looked up as they are.
            return self._by_code([text], text)
        parsed = parse_barcode(text, self.nomenclature)
        if parsed.item_ref is not None:
            product = Product.get_or_none(
                (Product.merchant == self.merchant_id) & (Product.plu == parsed.item_ref)
                & (Product.active == True)  # noqa: E712
            )
            if product is None:
                raise NotFound("catalogue.unknown_scale_item",
                               "no product with scale code {item} (label {label})",
                               item=parsed.item_ref, label=text)
            if parsed.weight_g is not None and product.sold_by != "weight":
                raise ValidationError("catalogue.not_sold_by_weight", "{product} is not sold by weight",
                                      product=product.name)
            return ScanHit(_info(product, parsed.code), parsed.code,
                           weight_g=parsed.weight_g, price=parsed.price)
        candidates = [parsed.code, text]
        if len(text) == 8 and text[0] in "01":
            candidates.append("0" + expand_upce(text))  # the same 8 digits read as UPC-E
        return self._by_code(candidates, parsed.code)

    def _by_code(self, candidates: list[str], shown: str) -> ScanHit:
        row = (
            Barcode.select(Barcode.code, Product)
            .join(Product)
            .where((Barcode.merchant == self.merchant_id) & Barcode.code.in_(candidates)
                   & (Product.active == True))  # noqa: E712
            .first()
        )
        if row is None:
            raise NotFound("catalogue.unknown_barcode", "unknown barcode {barcode}", barcode=shown)
        return ScanHit(_info(row.product, row.code), row.code)

    def resolve(self, requests: list[tuple[int, str]]) -> list[ScanHit]:
        """What each cart line ``(product id, barcode)`` sells today: the product, if this
        merchant sells it and it is active (one query for the whole cart); a GS1
        variable-measure label is read again for its weight or price, so the client's copy of
        either is never believed."""
        ids = sorted({product_id for product_id, _ in requests})
        products = {p.id: p for p in self._products(ids)} if ids else {}
        return [self._resolved(products.get(product_id), product_id, barcode.strip())
                for product_id, barcode in requests]

    def _products(self, ids: list[int]) -> list[Product]:
        """This merchant's active products among ``ids``, by a fixed statement (a sale's
        commit reads its lines' products through here)."""
        marks = ", ".join(["?"] * len(ids))
        rows = fixed_sql.execute(
            f"SELECT {fixed_sql.columns(Product, 'p')} FROM product p WHERE p.id IN ({marks}) "
            "AND p.merchant_id = ? AND p.active = ?", (*ids, self.merchant_id, True)).fetchall()
        return [fixed_sql.instance(Product, row) for row in rows]

    def _resolved(self, product: Product | None, product_id: int, code: str) -> ScanHit:
        if product is None:
            raise NotFound("catalogue.not_sold_here", "product {product} is not sold here",
                           product=product_id)
        if code.isdigit() and parse_barcode(code, self.nomenclature).item_ref is not None:
            hit = self.scan(code)
            if hit.product.id != product.id:
                raise ValidationError("catalogue.label_mismatch",
                                      "label {code} is not for {name}", code=code,
                                      name=product.name)
            return hit
        return ScanHit(_info(product, code), code)

    def search(self, text: str, limit: int = 40) -> list[ProductInfo]:
        """By name (Chinese or English), pinyin initials, SKU or barcode; the same products
        in the same order on SQLite and PostgreSQL, shortest names first (then lowest id).

        One or two characters: an ideograph or a pair of adjacent ideographs of the name, or
        the start of the pinyin initials, through the term index — the ``limit`` shortest
        names of all matches. Three or more: a substring of the name, the English name or
        the pinyin initials (ASCII letters folded), through the trigram index — the first
        ``limit`` matches in catalogue (id) order, so a word on 80 000 products costs what
        one on 80 does. Either way an exact SKU or barcode matches too."""
        text = checked(text)
        if not text:
            return []
        ids = self._exact(text)
        if len(text) < SHORT_QUERY:
            ids += self._ids(*self.search_sql("short", text, limit))
        elif is_sqlite():
            ids += self._ids(*self.search_sql("first", text, limit))
        else:
            head = self._ids(*self.search_sql("head", text, limit))
            if len(head) >= limit:
                ids += head
            else:
                found = list(database.obj.execute_sql(*self.search_sql("probe", text, limit)))
                if len(found) <= FEW_MATCHES:
                    ids += sorted(i for i, merchant, active in found
                                  if merchant == self.merchant_id and active)[:limit]
                else:
                    ids += self._ids(*self.search_sql("first", text, limit))
        if not ids:
            return []
        rows = (
            Product.select(Product, Category)
            .join(Category, pw.JOIN.LEFT_OUTER)
            .where(Product.id.in_(sorted(set(ids))))
            .order_by(pw.fn.LENGTH(Product.name), Product.id)
            .limit(limit)
        )
        return [_info(p, category=p.category if p.category_id else None) for p in rows]

    @staticmethod
    def _ids(sql: str, params: list[object]) -> list[int]:
        return [row[0] for row in database.obj.execute_sql(sql, params)]

    def _exact(self, text: str) -> list[int]:
        ph = database.obj.param
        m = self.merchant_id
        return self._ids(
            f"SELECT id FROM product WHERE merchant_id = {ph} AND sku = {ph} AND active = {ph}"
            f" UNION ALL SELECT b.product_id FROM barcode AS b JOIN product AS p"
            f" ON p.id = b.product_id WHERE b.merchant_id = {ph} AND b.code = {ph}"
            f" AND p.active = {ph}", [m, text, True, m, text, True])

    def search_sql(self, step: str, text: str, limit: int = 40) -> tuple[str, list[object]]:
        """The statement of one step of ``search`` for a checked ``text``: ``short`` (one or
        two characters), ``first`` (the first ``limit`` matches in id order) or, on
        PostgreSQL, ``head`` (matches among the first HEAD_ROWS products) and ``probe`` (up
        to FEW_MATCHES + 1 matches, any order). Separate so that each can be EXPLAINed."""
        ph = database.obj.param
        m = self.merchant_id
        key = fold(text)
        if step == "short":
            # Keyed in result order: the first ``limit`` entries are the answer.
            return (f"SELECT t.product_id FROM product_term AS t "
                    f"JOIN product AS p ON p.id = t.product_id "
                    f"WHERE t.merchant_id = {ph} AND t.term = {ph} AND p.active = {ph} "
                    f"ORDER BY t.name_len, t.product_id LIMIT {int(limit)}", [m, key, True])
        if is_sqlite():
            # FTS5 yields matches in rowid order: the LIMIT stops the scan early.
            return (f"SELECT p.id FROM product_fts AS f JOIN product AS p ON p.id = f.rowid "
                    f"WHERE product_fts MATCH {ph} AND p.merchant_id = {ph} "
                    f"AND p.active = {ph} ORDER BY f.rowid LIMIT {int(limit)}",
                    ['"' + key.replace('"', '""') + '"', m, True])
        if step == "probe":
            like = "%" + key.replace("\\", "\\\\").replace("%", "\\%") \
                .replace("_", "\\_") + "%"
            # The merchant and the flag are checked on the rows: a condition on them here
            # would tempt the planner into reading the merchant's every product.
            return (f"SELECT id, merchant_id, active FROM product "
                    f"WHERE {PG_SEARCH_TEXT} LIKE {ph} LIMIT {FEW_MATCHES + 1}", [like])
        if step == "head":
            return (f"SELECT id FROM (SELECT id, {PG_SEARCH_TEXT} FROM product "
                    f"WHERE merchant_id = {ph} AND active = {ph} ORDER BY id "
                    f"LIMIT {HEAD_ROWS}) AS head WHERE strpos({PG_SEARCH_TEXT}, {ph}) > 0 "
                    f"ORDER BY id LIMIT {int(limit)}", [m, True, key])
        # Many matches: walk the ids and check each product (strpos() is no trigram
        # operator, so the planner walks the primary key and stops at ``limit``).
        return (f"SELECT id FROM product WHERE merchant_id = {ph} AND active = {ph} "
                f"AND strpos({PG_SEARCH_TEXT}, {ph}) > 0 ORDER BY id LIMIT {int(limit)}",
                [m, True, key])

    def categories(self) -> list[CategoryInfo]:
        rows = Category.select().where(Category.merchant == self.merchant_id).order_by(
            Category.sort, Category.name
        )
        return [CategoryInfo(c.id, c.name, c.name_en) for c in rows]

    def in_category(self, category_id: int, limit: int = 60) -> list[ProductInfo]:
        rows = (
            Product.select()
            .where((Product.category == category_id) & (Product.merchant == self.merchant_id)
                   & (Product.active == True))  # noqa: E712
            .order_by(Product.name)
            .limit(limit)
        )
        return [_info(p) for p in rows]

    def product(self, product_id: int) -> ProductInfo:
        p = Product.get_or_none((Product.id == product_id)
                                & (Product.merchant == self.merchant_id))
        if p is None:
            raise NotFound("catalogue.no_product", "no product {product}", product=product_id)
        return _info(p)
