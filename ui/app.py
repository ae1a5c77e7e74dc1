"""The QApplication: theme, fonts, translations — shared by every role."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

from ui.widgets import scaling

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
_translator: QTranslator | None = None


def make_application(language: str = "zh_CN") -> QApplication:
    qapp = QApplication.instance() or QApplication(["patron"])
    qapp.setApplicationName("Patron")
    qapp.setOrganizationName("Patron")
    apply_theme(qapp.primaryScreen())
    set_language(language)
    return qapp  # type: ignore[return-value]


def apply_theme(screen: QScreen | None) -> float:
    """The theme scaled for ``screen`` (see ui.widgets.scaling); returns the factor used."""
    qapp = QApplication.instance()
    if screen is not None:
        area = screen.availableGeometry()
        scaling.set_factor(scaling.factor_for(area.width(), area.height()))
    theme = RESOURCES / "theme.qss"
    if theme.exists():
        qapp.setStyleSheet(scaling.scale_stylesheet(theme.read_text(encoding="utf-8"),
                                                    scaling.factor()))
    return scaling.factor()


def show_on_screen(window: QWidget, fullscreen: bool) -> None:
    """Open a role's main window on the screen it belongs to: the whole screen when the
    terminal is configured fullscreen, otherwise the screen's available area (inside panels
    and task bars), never larger — and the theme scaled to that screen."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is not None and scaling.factor_for(
            screen.availableGeometry().width(),
            screen.availableGeometry().height()) != scaling.factor():
        apply_theme(screen)
    if fullscreen:
        window.showFullScreen()
    else:
        _fit_available(window, screen)
    handle = window.windowHandle()
    if handle is not None and not window.property("followsScreen"):
        # dragged to another monitor: type follows that screen (sizes set in code stay)
        window.setProperty("followsScreen", True)
        handle.screenChanged.connect(apply_theme)


def _fit_available(window: QWidget, screen: QScreen | None) -> None:
    """Maximised within the available area; where maximising is not honoured (some window
    managers, the offscreen platform) the geometry set first already fits."""
    if screen is not None:
        area = screen.availableGeometry()
        window.setMinimumSize(min(window.minimumWidth(), area.width()),
                              min(window.minimumHeight(), area.height()))
        window.setGeometry(area)
    window.showMaximized()
    if screen is not None:  # a window manager's frame must not push the window off the area
        area, frame = screen.availableGeometry(), window.frameGeometry()
        if not area.contains(frame):
            margins = frame.size() - window.geometry().size()
            window.resize(area.size() - margins)
            window.move(area.topLeft())


def set_language(language: str) -> bool:
    """Switch the UI language at run time; widgets retranslate on QEvent.LanguageChange."""
    global _translator
    qapp = QApplication.instance()
    if _translator is not None:
        qapp.removeTranslator(_translator)
        _translator = None
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return True
    qm = RESOURCES / "i18n" / f"patron_{language}.qm"
    translator = QTranslator(qapp)
    if qm.exists() and translator.load(str(qm)):
        qapp.installTranslator(translator)
        _translator = translator
        return True
    log.warning("no %s translation at %s (run scripts/build_translations.py --release-only); "
                "showing English", language, qm)
    return False
