"""Pricing a cart at commit: what the client asked for, at the catalogue's prices today.

The till sends what was scanned (product ids, label barcodes, quantities, grams from the
scale) and what the cashier asked for (discounts, price overrides). Price, tax rate and bonus
points come from the database, a GS1 variable-measure label is re-parsed from its barcode, and
a product of another merchant or an inactive one is refused. A cart restored from the journal
therefore sells at today's prices, never at the ones saved with it.
"""

from __future__ import annotations

from app.cart import Cart, CartLine, check_whole
from app.catalogue import Catalogue, ScanHit
from app.errors import ValidationError


def _priced_line(requested: CartLine, hit: ScanHit) -> CartLine:
    p = hit.product
    if hit.price is not None:  # a variable-price label: its price is the line's total
        line = CartLine(p, 1, p.price, hit.code, fixed_total=hit.price)
    elif p.weighed:
        grams = hit.weight_g if hit.weight_g is not None else requested.quantity
        Cart._check_weight(grams)
        line = CartLine(p, grams, p.price, hit.code)
    else:
        Cart._check_quantity(requested.quantity)
        line = CartLine(p, requested.quantity, p.price, hit.code)
    if requested.price_overridden:  # the asked price; checkout demands an approval for it
        check_whole(requested.unit_price, "price")
        if requested.unit_price < 0:
            raise ValidationError("cart.negative_price", "a price cannot be negative")
        line.unit_price = requested.unit_price
        line.fixed_total = None
        line.price_overridden = True
    check_whole(requested.line_discount, "discount")
    if not 0 <= requested.line_discount <= line.gross:
        raise ValidationError("cart.line_discount_range",
                              "a line discount must be between 0 and the line's price")
    line.line_discount = requested.line_discount
    return line


def price_cart(cart: Cart, catalogue: Catalogue) -> Cart:
    """``cart`` as the catalogue sells it now (same key, member, discounts and approvals)."""
    hits = catalogue.resolve([(line.product.id, line.barcode) for line in cart.lines])
    priced = Cart(lines=[_priced_line(line, hit) for line, hit in zip(cart.lines, hits,
                                                                       strict=True)],
                  member_id=cart.member_id, client_uuid=cart.client_uuid,
                  approvals=list(cart.approvals))
    check_whole(cart.cart_discount, "discount")
    if not 0 <= cart.cart_discount <= sum(line.net for line in priced.lines):
        raise ValidationError("cart.cart_discount_range",
                              "the cart discount must be between 0 and the total")
    priced.cart_discount = cart.cart_discount
    return priced
