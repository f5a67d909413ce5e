"""glosa's own UI messages through gettext (catalogs in ``locales/``).

Every user-facing string in the CLI goes through :func:`_`, so ``LANG=es_ES.UTF-8`` gives
Spanish help and errors once the ``es`` catalog is compiled.
"""

from __future__ import annotations

import gettext as _gettext
from functools import lru_cache
from pathlib import Path

DOMAIN = "glosa"


def locale_dirs() -> list[Path]:
    """Where compiled catalogs may be: next to the package (installed), or the checkout."""
    here = Path(__file__).resolve().parent
    return [here / "locale", here.parent / "locales"]


@lru_cache(maxsize=1)
def translation() -> _gettext.NullTranslations:
    for d in locale_dirs():
        found = _gettext.find(DOMAIN, str(d))
        if found:
            return _gettext.translation(DOMAIN, str(d), fallback=True)
    return _gettext.NullTranslations()


def _(message: str) -> str:
    """Translate a UI message into the user's language (from LANGUAGE/LC_ALL/LC_MESSAGES/LANG)."""
    return translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation().ngettext(singular, plural, n)
