"""The queue of welcome cards: the newest arrival on top, a few at most."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.clock import store_time_text
from ui.widgets.i18n import is_english, tier_name, translate

MAX_CARDS = 4


def _product(fav: object) -> str:
    return (getattr(fav, "name_en", "") or fav.name) if is_english() else fav.name


class WelcomeCardWidget(QFrame):
    def __init__(self, card: object, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeCard")
        self.card = card
        self.timezone = timezone
        self.title = QLabel(objectName="welcomeName")
        self.status = QLabel(objectName="welcomeStatus")
        self.favourites = QLabel(objectName="welcomeFavourites")
        self.coupons = QLabel(objectName="welcomeCoupons")
        self.last_visit = QLabel(objectName="welcomeLastVisit")
        layout = QVBoxLayout(self)
        for w in (self.title, self.status, self.favourites, self.coupons, self.last_visit):
            w.setWordWrap(True)
            layout.addWidget(w)
        self.retranslate()

    def retranslate(self) -> None:
        c = self.card
        self.title.setText(translate("Greeter", "Welcome, {0}!").format(c.name))
        self.status.setText(translate("Greeter", "{0} member · {1} points").format(
            tier_name(c.tier), f"{c.points:,}".replace(",", " ")))
        favs = "、".join(_product(f) for f in c.favourites) if not is_english() else \
            ", ".join(_product(f) for f in c.favourites)
        self.favourites.setText(translate("Greeter", "Favourites: {0}").format(
            favs or translate("Greeter", "none yet")))
        titles = [(t_en or t) if is_english() else t for t, t_en in c.coupons]
        self.coupons.setText(translate("Greeter", "Coupons: {0}").format(
            ", ".join(titles) if titles else translate("Greeter", "none")))
        self.last_visit.setText(translate("Greeter", "Last visit: {0}").format(
            store_time_text(c.last_visit, self.timezone, "%Y-%m-%d %H:%M")
            if c.last_visit else translate("Greeter", "first visit")))


class CardQueue(QWidget):
    def __init__(self, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeQueue")
        self.timezone = timezone
        self.heading = QLabel(objectName="welcomeHeading")
        self.empty = QLabel(objectName="welcomeEmpty")
        self.empty.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        self.cards: list[WelcomeCardWidget] = []
        self.retranslate()

    def add(self, card: object) -> WelcomeCardWidget:
        # the same member again (walked out and in): move their card to the top
        for old in [w for w in self.cards if w.card.member_id == card.member_id]:
            self._remove(old)
        widget = WelcomeCardWidget(card, self.timezone, self)
        self.cards.insert(0, widget)
        self._layout.insertWidget(1, widget)
        while len(self.cards) > MAX_CARDS:
            self._remove(self.cards[-1])
        self.empty.setVisible(not self.cards)
        return widget

    def _remove(self, widget: WelcomeCardWidget) -> None:
        self.cards.remove(widget)
        self._layout.removeWidget(widget)
        widget.deleteLater()

    def retranslate(self) -> None:
        self.heading.setText(translate("Greeter", "Welcome"))
        self.empty.setText(translate("Greeter", "Members who have enrolled their face at the "
                                                "till are welcomed here as they come in."))
        self.empty.setVisible(not self.cards)
        for w in self.cards:
            w.retranslate()
