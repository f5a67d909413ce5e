"""One build step on top of pyproject.toml: compile glosa's own UI catalogs into the package.

``locales/<lang>/LC_MESSAGES/glosa.po`` (reviewed, in git) becomes
``translate/locale/<lang>/LC_MESSAGES/glosa.mo`` in the wheel, where :mod:`translate.i18n`
looks first, so ``pip install .`` speaks Spanish without ``make locales``. The compile is
glosa's own (strict read, then polib's MO writer: what ``glosa catalog compile`` does), so a
malformed catalog fails the build instead of shipping a truncated translation. Editable
installs keep using the checkout's ``locales/`` (compiled by ``make locales``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithLocales(build_py):
    """``build_py``, then the compiled UI catalogs next to the package's modules."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        sys.path.insert(0, str(ROOT))
        from translate.catalog import po
        from translate.catalog.mo import mo_bytes

        for source in sorted(ROOT.glob("locales/*/LC_MESSAGES/glosa.po")):
            lang = source.parent.parent.name
            target = Path(self.build_lib, "translate", "locale", lang, "LC_MESSAGES", "glosa.mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(mo_bytes(po.read_catalog(source)))


setup(cmdclass={"build_py": BuildWithLocales})
