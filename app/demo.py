"""Seed data: a small test world and the demo coalition the README's demo command opens."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from app import ledger, members, staff
from app.barcodes import gtin_check_digit
from app.clock import pinned_at, utcnow
from app.db import write_tx
from app.loyalty.demo import seed_loyalty_demo
from app.models import (
    Barcode,
    Category,
    Member,
    Merchant,
    Offer,
    Product,
    Setting,
    Staff,
    Store,
    Terminal,
    TierMultiplier,
)
from app.pinyin import initials
from app.rewards import demo as rewards_demo

DEMO_PINS = {"cashier": "1111", "manager": "9999", "guide": "2222", "operator": "7777"}


@dataclass
class World:
    merchant_a: Merchant
    merchant_b: Merchant
    store_a: Store
    store_b: Store
    terminal_a: Terminal
    terminal_b: Terminal
    cashier_a: Staff
    manager_a: Staff
    cashier_b: Staff
    manager_b: Staff
    guide_a: Staff
    operator: Staff
    member: Member


def ean13(body12: str) -> str:
    return body12 + str(gtin_check_digit(body12))


def add_product(
    merchant: Merchant, sku: str, name: str, name_en: str, price: int, *,
    barcode: str | None = None, sold_by: str = "unit", tax_rate_bp: int = 1300,
    category: Category | None = None, plu: str | None = None, bonus_points: int = 0,
    unit_weight_g: int | None = None, weight_tolerance_g: int | None = None,
) -> Product:
    product = Product.create(
        merchant=merchant, sku=sku, name=name, name_en=name_en, pinyin_initials=initials(name),
        price=price, sold_by=sold_by, tax_rate_bp=tax_rate_bp, category=category, plu=plu,
        bonus_points=bonus_points, unit_weight_g=unit_weight_g,
        weight_tolerance_g=weight_tolerance_g,
    )
    if barcode:
        Barcode.create(merchant=merchant, code=barcode, product=product)
    return product


def _org(code: str, name: str, name_en: str, store_name: str, region: str,
         earn_points: int = 1) -> tuple[Merchant, Store, Terminal]:
    merchant = Merchant.create(code=code, name=name, name_en=name_en, earn_points=earn_points,
                               earn_per_minor=100)
    store = Store.create(merchant=merchant, code=f"{code}-S1", name=store_name,
                         name_en=name_en + " #1", region=region)
    terminal = Terminal.create(store=store, code=f"{code}-T1")
    return merchant, store, terminal


def _org_details(ma: Merchant, mb: Merchant) -> None:
    """The demo merchants' region codes and settlement details (the back office shows them,
    statements go to the e-mail address)."""
    Merchant.update(province="shanghai", city="shanghai", district="huangpu",
                    settlement_account_name="百联超市有限公司", settlement_bank="中国工商银行",
                    settlement_account_no="6222020200001234", settlement_email="finance@ma.example"
                    ).where(Merchant.id == ma.id).execute()
    Merchant.update(province="shanghai", city="shanghai", district="jingan",
                    settlement_account_name="茶语轩茶业有限公司", settlement_bank="招商银行",
                    settlement_account_no="6225880055556789", settlement_email="finance@mb.example"
                    ).where(Merchant.id == mb.id).execute()


def _staff(merchant: Merchant | None, code: str, name: str, role: str) -> Staff:
    return staff.create_staff(code, name, role, DEMO_PINS[role], merchant)


def seed_minimal() -> World:
    """Two merchants, one store and terminal each, staff, a few products, one member."""
    with write_tx():
        Setting.insert(key="point_value_minor", value="1").on_conflict_ignore().execute()
        ma, sa, ta = _org("MA", "百联超市", "Bailian Market", "百联超市 南京路店", "shanghai")
        mb, sb, tb = _org("MB", "茶语轩", "Tea House", "茶语轩 静安店", "shanghai", earn_points=2)
        _org_details(ma, mb)
        TierMultiplier.create(merchant=ma, tier="gold", percent=150)
        drinks = Category.create(merchant=ma, name="饮料", name_en="Drinks", sort=1)
        fruit = Category.create(merchant=ma, name="水果", name_en="Fruit", sort=2)
        add_product(ma, "A001", "可口可乐 330ml", "Coca-Cola 330ml", 350,
                    barcode="6901939621608", category=drinks, tax_rate_bp=1300,
                    unit_weight_g=345, weight_tolerance_g=15)
        add_product(ma, "A002", "农夫山泉 550ml", "Nongfu Spring 550ml", 200,
                    barcode="6921168509256", category=drinks, bonus_points=5,
                    unit_weight_g=570, weight_tolerance_g=20)
        add_product(ma, "A003", "红富士苹果", "Fuji apples", 1298, sold_by="weight",
                    plu="00101", category=fruit, tax_rate_bp=900)
        add_product(ma, "A004", "香蕉", "Bananas", 698, sold_by="weight", plu="00102",
                    category=fruit, tax_rate_bp=900)
        add_product(ma, "A005", "UPC 进口薯片", "Imported chips (UPC)", 1590,
                    barcode="0012345000065", tax_rate_bp=1300)
        add_product(mb, "B001", "龙井茶 250g", "Longjing tea 250g", 12800,
                    barcode="6923456789012", tax_rate_bp=1300)
    cashier_a = _staff(ma, "c1", "王芳", "cashier")
    manager_a = _staff(ma, "m1", "李经理", "manager")
    cashier_b = _staff(mb, "c2", "张伟", "cashier")
    manager_b = _staff(mb, "m2", "赵经理", "manager")
    guide_a = _staff(ma, "g1", "陈导购", "guide")
    operator = _staff(None, "op", "Coalition Operator", "operator")
    member = members.register("13800138000", "刘洋", store=sa, card_number="880000000001")
    return World(ma, mb, sa, sb, ta, tb, cashier_a, manager_a, cashier_b, manager_b, guide_a,
                 operator, member)


_KINDS = [
    ("牛奶", "Milk", "乳品", "Dairy", 1300, (450, 1800)),
    ("酸奶", "Yoghurt", "乳品", "Dairy", 1300, (350, 1500)),
    ("矿泉水", "Mineral water", "饮料", "Drinks", 1300, (150, 600)),
    ("绿茶饮料", "Green tea drink", "饮料", "Drinks", 1300, (300, 700)),
    ("果汁", "Fruit juice", "饮料", "Drinks", 1300, (500, 1600)),
    ("方便面", "Instant noodles", "粮油", "Pantry", 1300, (350, 1200)),
    ("大米", "Rice", "粮油", "Pantry", 900, (2500, 8900)),
    ("酱油", "Soy sauce", "粮油", "Pantry", 1300, (690, 2500)),
    ("饼干", "Biscuits", "零食", "Snacks", 1300, (450, 2200)),
    ("薯片", "Potato chips", "零食", "Snacks", 1300, (590, 1590)),
    ("巧克力", "Chocolate", "零食", "Snacks", 1300, (800, 4500)),
    ("洗发水", "Shampoo", "日化", "Household", 1300, (1990, 6900)),
    ("牙膏", "Toothpaste", "日化", "Household", 1300, (690, 2990)),
    ("纸巾", "Tissues", "日化", "Household", 1300, (990, 3290)),
]
_BRANDS = [("光明", "Bright"), ("伊利", "Yili"), ("康师傅", "Master Kong"), ("统一", "Uni-President"),
           ("旺旺", "Want Want"), ("海天", "Haitian"), ("金龙鱼", "Arawana"), ("云南白药", "Yunnan Baiyao")]
_SIZES = ["小包装", "标准装", "家庭装", "超值装"]
_SIZES_EN = ["small", "regular", "family", "value pack"]
_WEIGHED = [("红富士苹果", "Fuji apples", 1298), ("香蕉", "Bananas", 698), ("西红柿", "Tomatoes", 598),
            ("黄瓜", "Cucumbers", 498), ("猪肉 五花", "Pork belly", 3280), ("鸡胸肉", "Chicken breast", 2280),
            ("三文鱼", "Salmon", 12800), ("橙子", "Oranges", 898), ("葡萄", "Grapes", 1698),
            ("土豆", "Potatoes", 298)]


_MEMBERS = [("13900139000", "陈静"), ("13700137000", "Alex Wang"), ("15000150000", "黄磊"),
            ("13612345678", "周敏"), ("13888886666", "吴强"), ("15912340000", "郑丽"),
            ("18611112222", "孙浩"), ("13312345670", "Maria Li"), ("17700001111", "马超"),
            ("13566667777", "林晓")]


def seed_demo(products_per_merchant: int = 320, seed: int = 7, history_days: int = 28) -> World:
    """The demo coalition: the minimal world plus hundreds of real-looking products per merchant,
    weighed fresh goods, a few members with cards and points, and ``history_days`` of past
    sales rung up through the till services (app.demo_history)."""
    rng = random.Random(seed)
    world = seed_minimal()
    with write_tx():  # the demo's self-service devices stand in store A
        # Weekly settlement, so the weeks of history below have periods ready to settle.
        Setting.insert(key="settlement_period", value="weekly").on_conflict_ignore().execute()
        # The demo till runs the background jobs (expiry and its notices).
        Setting.insert(key="jobs_terminal", value="MA-T1").on_conflict_ignore().execute()
        # Where the operator's notices (a card to book...) go once a mail server is set up.
        Setting.insert(key="operator_email", value="operator@patron.example"
                       ).on_conflict_ignore().execute()
        for code, role in (("MA-K1", "kiosk"), ("MA-G1", "greeter")):
            Terminal.create(store=world.store_a, code=code, role=role)
        # The demo door greeter recognises people as they walk in (store B shows check-in).
        Store.update(greeting_mode="passive").where(Store.id == world.store_a.id).execute()
    with write_tx():
        for m_index, merchant in enumerate((world.merchant_a, world.merchant_b)):
            cats = {c.name: c for c in Category.select().where(Category.merchant == merchant)}
            n = 0
            for kind, kind_en, cat, cat_en, tax, (lo, hi) in _KINDS * 10:
                for brand, brand_en in _BRANDS:
                    if n >= products_per_merchant:
                        break
                    size = n % len(_SIZES)
                    if cat not in cats:
                        cats[cat] = Category.create(merchant=merchant, name=cat, name_en=cat_en,
                                                    sort=len(cats) + 3)
                    code = ean13(f"69{m_index + 2}{n:09d}")
                    price = rng.randrange(lo, hi, 10)
                    add_product(
                        merchant, f"D{m_index}{n:05d}", f"{brand}{kind} {_SIZES[size]}",
                        f"{brand_en} {kind_en} ({_SIZES_EN[size]})", price, barcode=code,
                        category=cats[cat], tax_rate_bp=tax,
                        unit_weight_g=rng.randrange(100, 2000), weight_tolerance_g=25,
                    )
                    n += 1
        fresh = Category.create(merchant=world.merchant_a, name="生鲜称重", name_en="Fresh by weight",
                                sort=0)
        for i, (name, name_en, price) in enumerate(_WEIGHED):
            add_product(world.merchant_a, f"W{i:03d}", name, name_en, price, sold_by="weight",
                        plu=f"{200 + i:05d}", category=fresh, tax_rate_bp=900)
    with write_tx():
        now = utcnow()
        for title, title_en, desc, points in [
            ("满100减10 生鲜券", "¥10 off fresh food over ¥100", "会员专享，本周有效", 500),
            ("茶语轩 龙井买一送一", "Tea House: Longjing 2-for-1", "凭券到店兑换", 1200),
        ]:
            Offer.create(merchant=world.merchant_a, title=title, title_en=title_en,
                         description=desc, region="shanghai", price_points=points,
                         valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=60))
    # Members join before the history starts, so their welcome points can pay for past sales.
    with pinned_at(utcnow() - timedelta(days=history_days + 1)):
        for i, (phone, name) in enumerate(_MEMBERS):
            member = members.register(phone, name, store=(world.store_a, world.store_b)[i % 2],
                                      card_number=f"88000000{i + 2:04d}", marketing_consent=True)
            with write_tx():
                ledger.award(ledger.member_account(member), world.merchant_b, 500 * (i % 3 + 1),
                             key=f"registration:demo-welcome:{member.number}",
                             reason="demo welcome points", source="registration")
    seed_loyalty_demo(world.merchant_a)  # rules, tiers, a promotion: the history earns by them
    if history_days:
        from app.demo_history import seed_history

        seed_history(world, days=history_days)
    rewards_demo.seed(world)
    return world
