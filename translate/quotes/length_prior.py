"""How plausible it is that two quotes of given lengths translate each other.

Gale and Church (1993, "A program for aligning sentences in bilingual corpora") observed that
the length in characters of a translation is close to proportional to the length of its
source: the Spanish side of an English-Spanish pair has about ``c`` characters per English
character, and the difference ``l_es - c * l_en`` is roughly normal with a variance that grows
with the length. A one-word quote rarely renders a thirty-word one ("húmedo" is not "the most
dramatic finale of a presidency ever").

The aligner uses this only to order candidates whose lexical evidence is close, never to
decide whether a quote has an original at all (see :mod:`translate.quotes.align`).
"""

from __future__ import annotations

import math

#: Spanish characters per English character, and the variance of ``l_es - c * l_en`` per
#: character of (mean) length, both over texts as the aligner compares them (folded, without
#: punctuation, single spaces: :func:`translate.quotes.align._normalise`). Estimated on
#: TICO-19's test set (2,100 English-Spanish sentence pairs, health domain), which shares no
#: text with the quote-pairs benchmark set (drawn from NTREX and FLORES): c = 1.172,
#: s2 = 2.936. For comparison: NTREX 1.165 / 2.956, FLORES 1.190 / 3.455, and the silver
#: quote pairs themselves 1.10-1.12 / 3.2-3.3 (Gale and Church had c = 1, s2 = 6.8 for
#: English-German and English-French, in characters with spaces and punctuation).
SPANISH_PER_ENGLISH = 1.172
VARIANCE_PER_CHARACTER = 2.936
#: Differences beyond this many standard deviations count as this many: past it the prior
#: says "implausible", and how implausible is not worth more (log probability about -5.9).
MAX_DEVIATIONS = 3.0


def length_deviation(original_chars: int, translation_chars: int, original_lang: str,
                     translation_lang: str) -> float:
    """Gale and Church's delta: how many standard deviations the Spanish side's length is
    from what the English side's length predicts (negative: the Spanish side is shorter).

    The variance is taken at the mean of the two lengths (in English characters), so the
    measure is the same whichever side is the original.

    >>> round(length_deviation(3, 6, "en", "es"), 2)     # "wet" / "húmedo"
    0.72
    >>> round(length_deviation(22, 6, "en", "es"), 2)    # "illuminated manuscripts" / "húmedo"
    -3.14
    """
    if original_lang == translation_lang:
        ratio = 1.0
        en, es = original_chars, translation_chars
    else:
        ratio = SPANISH_PER_ENGLISH
        en, es = ((original_chars, translation_chars) if original_lang == "en"
                  else (translation_chars, original_chars))
    mean = max((en + es / ratio) / 2, 1.0)
    return (es - ratio * en) / math.sqrt(VARIANCE_PER_CHARACTER * mean)


def length_log_prior(original_chars: int, translation_chars: int, original_lang: str,
                     translation_lang: str) -> float:
    """Log probability (natural log, at most 0) of a length difference at least this large
    between a text and its translation: ``log(2 * (1 - Phi(|delta|)))``, Gale and Church's
    match probability, with ``|delta|`` capped at :data:`MAX_DEVIATIONS`.

    >>> length_log_prior(1000, 1172, "en", "es")
    0.0
    >>> round(length_log_prior(3, 6, "en", "es"), 2)
    -0.75
    >>> round(length_log_prior(22, 6, "en", "es"), 2)   # capped at 3 deviations
    -5.91
    """
    delta = min(abs(length_deviation(original_chars, translation_chars, original_lang,
                                     translation_lang)), MAX_DEVIATIONS)
    return math.log(math.erfc(delta / math.sqrt(2)))
