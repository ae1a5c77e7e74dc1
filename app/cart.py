"""The cart being rung up: lines, discounts, tax-inclusive totals. Pure values, no database.

The cart is what the till *asks* for: checkout re-prices it from the catalogue at commit
(app.pricing), so the prices, tax rates and bonus points held here are for display only.
Approvals a manager gave for this cart (big discounts, price overrides) travel with it and
are consumed by checkout in the sale's transaction.

Prices are tax-inclusive (as in China); the tax shown is the part of each line's total that is
tax: ``total × rate / (1 + rate)``, rounded once per line. A weighed line costs
``grams × price per kg / 1000``, rounded once, half up.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

from app import approvals
from app.approvals import Approval
from app.catalogue import ProductInfo, ScanHit
from app.errors import ValidationError
from app.money import allocate, div_round

MAX_UNITS_PER_LINE = 9999
MAX_WEIGHT_G = 100_000


@dataclass
class CartLine:
    product: ProductInfo
    quantity: int  # units, or grams when weighed
    unit_price: int  # per unit or per kg (after any approved override)
    barcode: str = ""
    line_discount: int = 0
    fixed_total: int | None = None  # a variable-price label fixes the line's total
    price_overridden: bool = False

    @property
    def weighed(self) -> bool:
        return self.product.weighed

    @property
    def gross(self) -> int:
        if self.fixed_total is not None:
            return self.fixed_total
        if self.weighed:
            return div_round(self.quantity * self.unit_price, 1000)
        return self.quantity * self.unit_price

    @property
    def net(self) -> int:
        return self.gross - self.line_discount


@dataclass(frozen=True)
class LineTotals:
    gross: int
    discount: int  # line discount + its share of the cart discount
    total: int
    tax: int


@dataclass(frozen=True)
class CartTotals:
    subtotal: int  # Σ gross
    discount: int  # Σ line discounts + cart discount
    total: int
    tax: int
    lines: tuple[LineTotals, ...]
    item_count: int


def discount_limit(base: int, limit_bp: int) -> int:
    """The largest discount on ``base`` a cashier may give without a manager."""
    return base * limit_bp // 10000


def discount_needs_approval(amount: int, base: int, limit_bp: int) -> bool:
    return amount > discount_limit(base, limit_bp)


def check_whole(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError("cart.not_whole", "{what} must be a whole number", what=what)
    return value


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    cart_discount: int = 0
    member_id: int | None = None
    # The sale's idempotency key: one per cart, so a retried payment commits one sale.
    client_uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Manager approvals for this cart (target ``cart:<client_uuid>``), consumed at commit.
    approvals: list[Approval] = field(default_factory=list)

    @property
    def approval_target(self) -> str:
        return approvals.cart_target(self.client_uuid)

    def add_approval(self, approval: Approval) -> None:
        self.approvals.append(approval)

    # -- editing -----------------------------------------------------------------------
    def add(self, hit: ScanHit, quantity: int = 1, weight_g: int | None = None) -> int:
        """Add a scanned product; returns the index of the line that changed."""
        p = hit.product
        if hit.price is not None:
            self.lines.append(CartLine(p, 1, p.price, hit.code, fixed_total=hit.price))
            return len(self.lines) - 1
        if p.weighed:
            grams = hit.weight_g if hit.weight_g is not None else weight_g
            if grams is None:
                raise ValidationError("cart.needs_weight", "{name} is sold by weight: put it on the scale",
                                      name=p.name)
            self._check_weight(grams)
            self.lines.append(CartLine(p, grams, p.price, hit.code))
            return len(self.lines) - 1
        self._check_quantity(quantity)
        for i, line in enumerate(self.lines):
            if (line.product.id == p.id and line.fixed_total is None and not line.price_overridden
                    and line.line_discount == 0):
                self.set_quantity(i, line.quantity + quantity)
                return i
        self.lines.append(CartLine(p, quantity, p.price, hit.code))
        return len(self.lines) - 1

    @staticmethod
    def _check_quantity(quantity: int) -> None:
        check_whole(quantity, "quantity")
        if quantity <= 0:
            raise ValidationError("cart.quantity_min", "quantity must be at least 1")
        if quantity > MAX_UNITS_PER_LINE:
            raise ValidationError("cart.quantity_max", "quantity above {limit} is not allowed",
                                  limit=MAX_UNITS_PER_LINE)

    @staticmethod
    def _check_weight(grams: int) -> None:
        check_whole(grams, "weight")
        if grams <= 0:
            raise ValidationError("cart.weight_min", "weight must be more than zero")
        if grams > MAX_WEIGHT_G:
            raise ValidationError("cart.weight_max", "weight is above the scale's range")

    def set_quantity(self, index: int, quantity: int) -> None:
        line = self.lines[index]
        if line.weighed or line.fixed_total is not None:
            raise ValidationError("cart.fixed_quantity",
                                  "a weighed or priced label line cannot change quantity")
        self._check_quantity(quantity)
        line.quantity = quantity
        if line.line_discount > line.gross:
            line.line_discount = line.gross

    def remove(self, index: int) -> CartLine:
        return self.lines.pop(index)

    def set_line_discount(self, index: int, amount: int) -> None:
        line = self.lines[index]
        check_whole(amount, "discount")
        if amount < 0 or amount > line.gross:
            raise ValidationError("cart.line_discount_range",
                                  "a line discount must be between 0 and the line's price")
        line.line_discount = amount

    def set_cart_discount(self, amount: int) -> None:
        check_whole(amount, "discount")
        net = sum(line.net for line in self.lines)
        if amount < 0 or amount > net:
            raise ValidationError("cart.cart_discount_range",
                                  "the cart discount must be between 0 and the total")
        self.cart_discount = amount

    def override_price(self, index: int, unit_price: int) -> None:
        """Asks for a new price; checkout sells it only with a "price_override" approval for
        this cart (see :meth:`add_approval`)."""
        check_whole(unit_price, "price")
        if unit_price < 0:
            raise ValidationError("cart.negative_price", "a price cannot be negative")
        line = self.lines[index]
        line.unit_price = unit_price
        line.fixed_total = None
        line.price_overridden = True
        line.line_discount = min(line.line_discount, line.gross)

    def clear(self) -> None:
        self.lines.clear()
        self.cart_discount = 0
        self.member_id = None
        self.client_uuid = str(uuid.uuid4())
        self.approvals.clear()

    def renew_key(self) -> None:
        """Sell the same lines under a new idempotency key (a fresh sale). Approvals were
        given for the old key and do not carry over."""
        self.client_uuid = str(uuid.uuid4())
        self.approvals.clear()

    # -- totals ------------------------------------------------------------------------
    def totals(self) -> CartTotals:
        nets = [line.net for line in self.lines]
        shares = allocate(self.cart_discount, nets)
        out = []
        for line, net, share in zip(self.lines, nets, shares, strict=True):
            total = net - share
            rate = line.product.tax_rate_bp
            tax = div_round(total * rate, 10000 + rate)
            out.append(LineTotals(line.gross, line.line_discount + share, total, tax))
        return CartTotals(
            subtotal=sum(t.gross for t in out),
            discount=sum(t.discount for t in out),
            total=sum(t.total for t in out),
            tax=sum(t.tax for t in out),
            lines=tuple(out),
            item_count=sum(1 if line.weighed else line.quantity for line in self.lines),
        )

    # -- persistence (crash restore) -------------------------------------------------------
    def to_dict(self) -> dict:
        data = asdict(self)
        data["approvals"] = [{**a, "expires_at": a["expires_at"].isoformat()}
                             for a in data["approvals"]]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Cart:
        lines = [CartLine(**{**ln, "product": ProductInfo(**ln["product"])})
                 for ln in data.get("lines", [])]
        cart = cls(lines=lines, cart_discount=data.get("cart_discount", 0),
                   member_id=data.get("member_id"))
        if data.get("client_uuid"):
            cart.client_uuid = data["client_uuid"]
        cart.approvals = [Approval(**{**a, "expires_at": datetime.fromisoformat(a["expires_at"])})
                          for a in data.get("approvals", [])]
        return cart

    def copy(self) -> Cart:
        return Cart([replace(line) for line in self.lines], self.cart_discount, self.member_id,
                    self.client_uuid, list(self.approvals))
