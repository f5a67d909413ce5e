"""Tell English from Spanish by their commonest words: enough to pick a direction when the
user did not say, with no model to load.
"""

from __future__ import annotations

import re

from glossary.model import Lang

_EN = frozenset("""the of and to in is that it was for on with as he she they we you are be
    at by this have from not but had his her their said will would there been has were which
    who what when an or its our my i me""".split())
_ES = frozenset("""el la los las de del que y en un una es por con para se no lo su sus al
    como más pero fue ha son está dijo este esta ese esa entre sobre también hay muy ya
    nos yo mi le les era están""".split())


def language_scores(text: str) -> dict[str, int]:
    """How many of each language's common words ``text`` has.

    >>> language_scores("El presidente dijo que no.")
    {'en': 0, 'es': 4}
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    return {"en": sum(w in _EN for w in words), "es": sum(w in _ES for w in words)}


def detect_language(text: str) -> Lang | None:
    """``"en"`` or ``"es"``, or ``None`` when the text gives too little to tell.

    >>> detect_language("The mayor said he would not negotiate with the cartel.")
    'en'
    >>> detect_language("El alcalde dijo que no negociará con el cártel.")
    'es'
    >>> detect_language("Culiacán, 2024") is None
    True
    """
    scores = language_scores(text)
    en, es = scores["en"], scores["es"]
    if max(en, es) < 2 or en == es:
        return None
    return "en" if en > es else "es"
