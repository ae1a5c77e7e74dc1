"""The QApplication: theme, fonts, translations — shared by every role."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
_translator: QTranslator | None = None


def make_application(language: str = "zh_CN") -> QApplication:
    qapp = QApplication.instance() or QApplication(["patron"])
    qapp.setApplicationName("Patron")
    qapp.setOrganizationName("Patron")
    theme = RESOURCES / "theme.qss"
    if theme.exists():
        qapp.setStyleSheet(theme.read_text(encoding="utf-8"))
    set_language(language)
    return qapp  # type: ignore[return-value]


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
