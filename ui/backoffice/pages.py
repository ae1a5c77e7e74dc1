"""The back office's pages, in the order of the navigation list.

Each entry names the module and class of one page (imported when first opened, so the window
starts fast) and whether only the coalition operator sees it. The services behind a page
enforce the same scope; hiding a page is a courtesy, not the rule.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ui.widgets.i18n import translate


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source text, translated in context "BackofficePages"
    module: str
    cls: str
    operator_only: bool = False

    def shown_title(self) -> str:
        return translate("BackofficePages", self.title)

    def load(self) -> type:
        return getattr(importlib.import_module(self.module), self.cls)


PAGES: list[PageSpec] = [
    PageSpec("overview", "Overview", "ui.backoffice.overview", "OverviewPage"),
    PageSpec("members", "Members", "ui.backoffice.members", "MembersPage"),
    PageSpec("merchants", "Merchants and stores", "ui.backoffice.merchants", "MerchantsPage"),
    PageSpec("staff", "Staff", "ui.backoffice.staff", "StaffPage"),
    PageSpec("rules", "Earning rules", "ui.backoffice.earning_rules", "EarningRulesPage"),
    PageSpec("tiers", "Tiers", "ui.backoffice.tiers", "TiersPage"),
    PageSpec("import", "Catalogue import", "ui.backoffice.catalogue_import",
             "CatalogueImportPage"),
    PageSpec("point_codes", "Point codes", "ui.backoffice.point_codes", "PointCodesPage"),
    PageSpec("rewards", "Rewards and wallet", "ui.backoffice.rewards", "RewardsPage"),
    PageSpec("partners", "Conversion partners", "ui.backoffice.partners", "PartnersPage",
             operator_only=True),
    PageSpec("settlement", "Settlement", "ui.backoffice.settlement", "SettlementPage"),
    PageSpec("reports", "Reports", "ui.backoffice.reports", "ReportsPage"),
    PageSpec("expiry", "Points expiry", "ui.backoffice.expiry", "ExpiryPage", operator_only=True),
    PageSpec("messages", "Messages", "ui.backoffice.messages", "MessagesPage",
             operator_only=True),
]


def _titles_for_translation() -> None:  # pragma: no cover - read by the translation build
    translate("BackofficePages", "Overview")
    translate("BackofficePages", "Merchants and stores")
    translate("BackofficePages", "Staff")
    translate("BackofficePages", "Messages")
    translate("BackofficePages", "Settlement")
    translate("BackofficePages", "Reports")
    translate("BackofficePages", "Rewards and wallet")
    translate("BackofficePages", "Conversion partners")
    translate("BackofficePages", "Members")
    translate("BackofficePages", "Points expiry")
    translate("BackofficePages", "Catalogue import")
    translate("BackofficePages", "Earning rules")
    translate("BackofficePages", "Tiers")
    translate("BackofficePages", "Point codes")
