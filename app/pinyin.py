"""Pinyin initials for Chinese product names, so a cashier can type “kkkl” for 可口可乐."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _lazy_pypinyin():  # type: ignore[no-untyped-def]
    import pypinyin  # imported on first use: it loads a large dictionary

    return pypinyin


def initials(name: str) -> str:
    """'可口可乐 330ml' → 'kkkl330ml'. Latin letters and digits are kept, lower-cased."""
    pypinyin = _lazy_pypinyin()
    letters = pypinyin.lazy_pinyin(name, style=pypinyin.Style.FIRST_LETTER, errors="default")
    return "".join(ch for ch in "".join(letters).lower() if ch.isalnum())
