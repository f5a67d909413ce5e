"""Where glosa keeps what it installs or caches: ``$GLOSA_HOME``, default ``~/.local/share/glosa``.

Argos packages and compiled Apertium dictionaries live under it, so setting ``GLOSA_HOME``
isolates an install (tests point it at a temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path


def glosa_home() -> Path:
    """The folder for glosa's installed models and caches (not created here)."""
    configured = os.environ.get("GLOSA_HOME")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".local" / "share" / "glosa"
