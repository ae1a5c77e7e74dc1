"""The shopper's flows on the kiosk's home screen, in order. Each entry names the module and
class of the flow's first screen (imported when first opened). A flow that needs to know who
the shopper is says so (``needs_member``); the home screen then asks them to identify first."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ui.widgets.i18n import translate


@dataclass(frozen=True)
class FlowSpec:
    key: str
    title: str  # English source text, translated in context "KioskFlows"
    subtitle: str
    module: str
    cls: str
    needs_member: bool = False

    def shown_title(self) -> str:
        return translate("KioskFlows", self.title)

    def shown_subtitle(self) -> str:
        return translate("KioskFlows", self.subtitle)

    def load(self) -> type:
        return getattr(importlib.import_module(self.module), self.cls)


FLOWS: list[FlowSpec] = [
    FlowSpec("offers", "Offers and coupons", "See today's offers from every shop",
             "ui.kiosk.screens.offers", "OffersScreen"),
    FlowSpec("account", "My points and coupons", "Your balance, expiring points, coupons",
             "ui.kiosk.screens.account", "AccountScreen", needs_member=True),
    FlowSpec("point_code", "Scan a point code", "Points for the product you bought",
             "ui.kiosk.screens.point_code", "PointCodeScreen", needs_member=True),
    FlowSpec("return_card", "Return a card", "Get a card's balance and deposit back",
             "ui.kiosk.screens.return_card", "ReturnCardScreen"),
]


def _titles_for_translation() -> None:  # pragma: no cover - read by the translation build
    translate("KioskFlows", "Offers and coupons")
    translate("KioskFlows", "See today's offers from every shop")
    translate("KioskFlows", "My points and coupons")
    translate("KioskFlows", "Your balance, expiring points, coupons")
    translate("KioskFlows", "Scan a point code")
    translate("KioskFlows", "Points for the product you bought")
    translate("KioskFlows", "Return a card")
    translate("KioskFlows", "Get a card's balance and deposit back")
