"""glosa's own UI messages through gettext (catalogs in ``locales/``).

Every user-facing string in the CLI goes through :func:`_`, so ``LANG=es_ES.UTF-8`` gives
Spanish help and errors once the ``es`` catalog is compiled. The ``.mo`` is a build product,
not in git: a wheel carries it as ``translate/locale/es/LC_MESSAGES/glosa.mo`` (``setup.py``
compiles it at build time), a checkout has it in ``locales/`` after ``make locales`` (part of
``make setup``). ``GLOSA_LOCALEDIR`` points at another folder of compiled catalogs (tests use
it).
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "glosa"


def locale_dirs() -> list[Path]:
    """Where compiled catalogs may be: next to the package (installed), or the checkout."""
    here = Path(__file__).resolve().parent
    extra = os.environ.get("GLOSA_LOCALEDIR")
    return [*([Path(extra)] if extra else []), here / "locale", here.parent / "locales"]


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


def bind_library_messages() -> None:
    """Let libraries that call the stdlib's ``gettext.gettext`` (typer's help panels:
    "Options", "Arguments"...) find their words in glosa's catalog too."""
    for d in locale_dirs():
        if _gettext.find(DOMAIN, str(d)):
            _gettext.bindtextdomain(DOMAIN, str(d))
            _gettext.textdomain(DOMAIN)
            return
