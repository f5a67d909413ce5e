"""Inflected surface forms of glossary terms, so matching finds "cárteles" and "cartel's".

Forms are *generated* from the lemma by the rules of the term-file format (see
``GLOSSARY-FORMAT``/``glossary/README.md``) plus small tables of irregular verbs, instead of
lemmatizing the running text: generation runs once per glossary, and the matcher then finds
every form in one Aho-Corasick pass whatever the number of terms.

Tags (the value in :func:`inflections`):

- nouns, proper nouns, adjectives: ``sg``, ``pl``, ``f``, ``fpl``; English also ``poss``
  (``cartel's``, ``cartels'``);
- verbs: ``inf`` (the lemma), ``verb`` (finite forms: extradites, extraditó...), ``past``
  (English past/participle), ``ger`` (gerund: extraditing, extraditando), ``part``, ``part-f``,
  ``part-pl``, ``part-fpl`` (Spanish participle: extraditado/a/os/as), ``inf-clitic``,
  ``ger-clitic`` (Spanish infinitive or gerund with an object pronoun: extraditarlos,
  extraditándole);
- phrases and adverbs do not inflect: ``base``.

Known limits: irregular Spanish verbs are covered by family tables (tener, poner, venir, decir,
hacer, -ducir, -uir) and a list of common stem-changing verbs; an irregular verb outside those
only gets its regular forms. English irregular verbs come from a table of common ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from glossary.model import NO_PLURAL, Entry, Lang, Pos

# --------------------------------------------------------------------------------------------
# Spanish syllables and written accents
# --------------------------------------------------------------------------------------------

_ACUTE = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú",
          "A": "Á", "E": "É", "I": "Í", "O": "Ó", "U": "Ú"}
_PLAIN = {v: k for k, v in _ACUTE.items()}
_STRONG = set("aeoáéóAEOÁÉÓíúÍÚ")  # accented i/u break a diphthong: they are a nucleus alone
_VOWELS = set("aeiouáéíóúüAEIOUÁÉÍÓÚÜ")
#: Spanish words that start a complement: a multiword noun inflects only the words before them.
_ES_FUNCTION_WORDS = frozenset(
    "de del a al para por contra en con sin sobre entre hacia desde hasta según tras "
    "la las el los lo y e o u".split()
)


def _nuclei(word: str) -> list[tuple[int, int]]:
    """Spans of the syllable nuclei (vowel groups split at hiatus), left to right.

    A ``u`` after ``q`` or before ``e/i`` after ``g`` is silent and not a vowel.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        silent_u = ch in "uU" and i > 0 and (
            word[i - 1] in "qQ" or (word[i - 1] in "gG" and i + 1 < n and word[i + 1] in "eiéíEIÉÍ")
        )
        if ch not in _VOWELS or silent_u:
            i += 1
            continue
        start = i
        j = i + 1
        while j < n and word[j] in _VOWELS:
            # two strong vowels are two syllables (hiatus): le-er, o-es-te
            if word[j] in _STRONG and word[j - 1] in _STRONG:
                break
            j += 1
        spans.append((start, j))
        i = j
    return spans


def _stressed_in(word: str, span: tuple[int, int]) -> int:
    """Index of the vowel that carries the stress inside one nucleus."""
    start, end = span
    for k in range(start, end):
        if word[k] in _PLAIN:
            return k
    for k in range(start, end):
        if word[k] in "aeoAEO":
            return k
    return end - 1  # two weak vowels (cuidar): the second


def _drop_accents(word: str) -> str:
    return "".join(_PLAIN.get(ch, ch) for ch in word)


def _has_accent(word: str) -> bool:
    return any(ch in _PLAIN for ch in word)


def _accent_at(word: str, index: int) -> str:
    return word[:index] + _ACUTE.get(word[index], word[index]) + word[index + 1:]


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _pluralize_es_word(word: str) -> str:
    """One Spanish word's plural by the regular rules."""
    if not word or _is_acronym(word) or any(c.isdigit() for c in word):
        return word
    last = word[-1]
    low = last.lower()
    nuclei = _nuclei(word)
    if low in "aeiouáéíóú":
        return word + "s"
    if low == "z":
        return word[:-1] + ("CES" if last.isupper() else "ces")
    # written accent on the last syllable (-ión, -és, -án...) goes when a syllable is added
    final_accent = bool(nuclei) and any(word[k] in _PLAIN for k in range(*nuclei[-1]))
    if low in "sx":
        if len(nuclei) <= 1:
            return word + "es"  # gas -> gases, mes -> meses
        if final_accent:
            return _drop_accents_last(word, nuclei[-1]) + "es"  # inglés -> ingleses
        return word  # crisis, análisis, lunes, tórax: invariant
    if final_accent:
        return _drop_accents_last(word, nuclei[-1]) + "es"  # extradición -> extradiciones
    if low == "n" and len(nuclei) >= 2 and not _has_accent(word):
        # stress on the last-but-one syllable becomes the third from the end: orden -> órdenes
        return _accent_at(word, _stressed_in(word, nuclei[-2])) + "es"
    return word + "es"  # cártel -> cárteles, federal -> federales, ley -> leyes


def _drop_accents_last(word: str, span: tuple[int, int]) -> str:
    start, end = span
    return word[:start] + _drop_accents(word[start:end]) + word[end:]


def _pluralize_es(term: str) -> str:
    words = term.split(" ")
    if len(words) == 1:
        return _pluralize_es_word(term)
    # head-first noun phrase: inflect the words before the first complement
    out: list[str] = []
    inflect = True
    for w in words:
        if w.lower() in _ES_FUNCTION_WORDS:
            inflect = False
        out.append(_pluralize_es_word(w) if inflect else w)
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------------------------

#: irregular English plurals news copy meets (the term files give en_plural for the rest)
_EN_IRREGULAR_PLURAL = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "life": "lives",
    "wife": "wives", "knife": "knives", "thief": "thieves", "half": "halves", "leaf": "leaves",
    "crisis": "crises", "analysis": "analyses", "thesis": "theses", "criterion": "criteria",
    "phenomenon": "phenomena", "foot": "feet", "tooth": "teeth", "mouse": "mice",
    "alumnus": "alumni", "attorney general": "attorneys general",
}
_EN_MAN_NOT_MEN = ("human", "german", "roman", "shaman", "caiman", "ottoman", "talisman")


def _en_noun_plural(word: str) -> str:
    """The plural of one English noun: the irregular table, -man -> -men, else -s rules."""
    low = word.lower()
    irregular = _EN_IRREGULAR_PLURAL.get(low)
    if irregular is not None:
        return _match_case(irregular, word) if not word.isupper() else irregular.upper()
    if low.endswith("man") and not low.endswith(_EN_MAN_NOT_MEN) and not _is_acronym(word):
        return word[:-2] + "en"  # gunman -> gunmen, congressman -> congressmen
    return _en_s(word)


def _en_s(word: str) -> str:
    """The -s form of an English verb or regular noun (third person, plural)."""
    if not word:
        return word
    if _is_acronym(word):
        return word + "s"
    low = word.lower()
    if len(low) > 1 and low.endswith("y") and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _pluralize_en(term: str) -> str:
    irregular = _EN_IRREGULAR_PLURAL.get(term.lower())
    if irregular is not None:
        return irregular
    head, sep, last = term.rpartition(" ")
    return head + sep + _en_noun_plural(last)


def pluralize(term: str, lang: Lang) -> str:
    """The regular plural of ``term`` by the format's rules (used when no plural is given).

    English inflects the last word; Spanish a single word (vowel +s, consonant +es, -z -ces,
    a written accent on the last syllable drops, a stressed penultimate before -n gains one).
    A multiword Spanish term inflects the words before its first complement (a heuristic:
    the term files must give ``es_plural`` for those). Acronyms do not inflect in Spanish.

    >>> pluralize("drug lord", "en"), pluralize("militia", "en"), pluralize("ally", "en")
    ('drug lords', 'militias', 'allies')
    >>> pluralize("tax", "en"), pluralize("church", "en"), pluralize("attorney", "en")
    ('taxes', 'churches', 'attorneys')
    >>> pluralize("gunman", "en"), pluralize("human", "en"), pluralize("crisis", "en")
    ('gunmen', 'humans', 'crises')
    >>> pluralize("cártel", "es"), pluralize("extradición", "es"), pluralize("capo", "es")
    ('cárteles', 'extradiciones', 'capos')
    >>> pluralize("juez", "es"), pluralize("orden", "es"), pluralize("crisis", "es")
    ('jueces', 'órdenes', 'crisis')
    >>> pluralize("inglés", "es"), pluralize("ley", "es"), pluralize("CJNG", "es")
    ('ingleses', 'leyes', 'CJNG')
    >>> pluralize("acusación formal", "es"), pluralize("orden de aprehensión", "es")
    ('acusaciones formales', 'órdenes de aprehensión')
    """
    return _pluralize_en(term) if lang == "en" else _pluralize_es(term)


# --------------------------------------------------------------------------------------------
# English verbs
# --------------------------------------------------------------------------------------------

#: base: past, participle (same when one form). Common irregular verbs of news copy.
_EN_IRREGULAR_TEXT = """
arise arose arisen|be was|were,been|bear bore borne|beat beat beaten|become became become|
begin began begun|bend bent|beset beset|bet bet|bid bid|bind bound|bite bit bitten|bleed bled|
blow blew blown|
break broke broken|bring brought|build built|burn burned|burnt|buy bought|catch caught|
choose chose chosen|come came come|cost cost|cut cut|deal dealt|dig dug|do did done|draw drew drawn|
drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed|feel felt|fight fought|
find found|flee fled|fly flew flown|forbid forbade forbidden|forget forgot forgotten|
forgive forgave forgiven|freeze froze frozen|get got|gotten|give gave given|go went gone|
grow grew grown|hang hung|hanged|have had|hear heard|hide hid hidden|hit hit|hold held|hurt hurt|
input input|inputted|keep kept|know knew known|lay laid|lead led|leave left|lend lent|let let|
lie lay lain|lose lost|
make made|mean meant|meet met|mislead misled|offset offset|output output|outputted|
overcome overcame overcome|oversee oversaw overseen|
overthrow overthrew overthrown|pay paid|plead pleaded|pled|preset preset|put put|quit quit|
read read|reset reset|
ride rode ridden|
ring rang rung|rise rose risen|run ran run|say said|see saw seen|seek sought|sell sold|send sent|
set set|shake shook shaken|shoot shot|show showed shown|shut shut|sing sang sung|sink sank sunk|
sit sat|sleep slept|slay slew slain|speak spoke spoken|spend spent|split split|spread spread|
stand stood|steal stole stolen|stick stuck|strike struck|swear swore sworn|sweep swept|
take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|
undercut undercut|undergo underwent undergone|understand understood|
undertake undertook undertaken|uphold upheld|upset upset|wake woke woken|wear wore worn|win won|
withdraw withdrew withdrawn|
withhold withheld|write wrote written
"""


def _parse_irregular(text: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for item in text.replace("\n", "").split("|"):
        parts = item.split()
        if len(parts) >= 2:
            table[parts[0]] = tuple(parts[1:])
    # "burn burned|burnt" and friends: a bare word continues the previous entry
    current = ""
    for item in text.replace("\n", "").split("|"):
        parts = item.split()
        if len(parts) >= 2:
            current = parts[0]
        elif len(parts) == 1 and current:
            table[current] = (*table[current], parts[0])
    return table


_EN_IRREGULAR = _parse_irregular(_EN_IRREGULAR_TEXT)
#: polysyllables stressed on a final consonant-vowel-consonant double it (acquit -> acquitted)
_EN_DOUBLING_SUFFIXES = ("mit", "quit", "quip", "cur", "fer", "pel", "trol", "gret", "bid",
                         "vet", "pin", "sit", "set", "put", "cut", "ban", "lap", "mat", "nap",
                         "rob", "wed")
_EN_NO_DOUBLING = ("offer", "suffer", "differ", "proffer", "visit", "deposit", "limit",
                   "benefit", "credit", "edit", "exhibit", "inhibit", "profit", "prohibit",
                   "audit", "solicit", "elicit", "posit", "target", "budget", "market", "vomit")


def _en_doubles(word: str) -> bool:
    low = word.lower()
    if len(low) < 3 or low.endswith(("w", "x", "y")):
        return False
    c1, v, c2 = low[-3], low[-2], low[-1]
    if low[-4:-2] == "qu":
        c1 = "q"  # acquit: the u of qu is not a vowel
    cvc = c1 not in "aeiou" and v in "aeiou" and c2 not in "aeiou"
    if not cvc:
        return False
    vowel_groups = len(re.findall(r"[aeiouy]+", low.replace("qu", "q")))
    if vowel_groups == 1:
        return True
    return low.endswith(_EN_DOUBLING_SUFFIXES) and not low.endswith(_EN_NO_DOUBLING)


def _en_verb_forms(verb: str) -> dict[str, str]:
    """base -> tags for one English verb (the first word of a multiword verb)."""
    low = verb.lower()
    forms: dict[str, str] = {verb: "inf", _en_s(verb): "verb"}
    irregular = _EN_IRREGULAR.get(low)
    if irregular:
        for form in irregular:
            for alt in form.split(","):
                forms.setdefault(_match_case(alt, verb), "past")
        if low == "be":
            forms.update({"is": "verb", "are": "verb", "am": "verb"})
    if irregular is None or low in ("plead", "hang", "burn"):
        if low.endswith("e") and not low.endswith("ee"):
            past = verb + "d"
        elif len(low) > 1 and low.endswith("y") and low[-2] not in "aeiou":
            past = verb[:-1] + "ied"
        elif _en_doubles(verb):
            past = verb + verb[-1] + "ed"
        else:
            past = verb + "ed"
        forms.setdefault(past, "past")
    if low.endswith("ie"):
        ger = verb[:-2] + "ying"
    elif low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and low != "be":
        ger = verb[:-1] + "ing"
    elif _en_doubles(verb):
        ger = verb + verb[-1] + "ing"
    else:
        ger = verb + "ing"
    forms.setdefault(ger, "ger")
    return forms


def _match_case(form: str, model: str) -> str:
    return form[:1].upper() + form[1:] if model[:1].isupper() else form


# --------------------------------------------------------------------------------------------
# Spanish verbs
# --------------------------------------------------------------------------------------------

# Endings per conjugation, in order: present (6), preterite (6), imperfect (6), future (6),
# conditional (6), present subjunctive (6), imperfect subjunctive -ra (6) and -se (6),
# imperative vosotros. Future and conditional attach to the infinitive.
_AR = ("o as a amos áis an é aste ó amos asteis aron aba abas aba ábamos abais aban "
       "e es e emos éis en ara aras ara áramos arais aran ase ases ase ásemos aseis asen ad")
_ER = ("o es e emos éis en í iste ió imos isteis ieron ía ías ía íamos íais ían "
       "a as a amos áis an iera ieras iera iéramos ierais ieran iese ieses iese iésemos ieseis "
       "iesen ed")
_IR = ("o es e imos ís en í iste ió imos isteis ieron ía ías ía íamos íais ían "
       "a as a amos áis an iera ieras iera iéramos ierais ieran iese ieses iese iésemos ieseis "
       "iesen id")
_FUT = "é ás á emos éis án ía ías ía íamos íais ían"

# Slots: present 0-5, preterite 6-11, imperfect 12-17, future 18-23, conditional 24-29,
# present subjunctive 30-35, imperfect subjunctive -ra 36-41 and -se 42-47, imperative 48.
#: slots where the stem is stressed (a stem-changing verb changes there: cierro, cierre)
_STRESSED_SLOTS = (0, 1, 2, 5, 30, 31, 32, 35)
#: slots where an -ir stem-changer closes e->i, o->u (pidió, durmieron, pidamos, pidiera)
_IR_CLOSING_SLOTS = (8, 11, 33, 34, *range(36, 48))

#: Common news verbs with a stem change ('ie', 'ue', 'i'), beyond the family tables below.
_ES_STEM_CHANGE: dict[str, str] = {
    **dict.fromkeys(
        "cerrar confesar despertar gobernar manifestar negar comenzar empezar calentar "
        "recomendar encerrar sentar defender entender perder tender extender querer advertir "
        "sentir mentir convertir invertir preferir herir consentir divertir pensar atravesar "
        "arrepentir".split(), "ie"),
    **dict.fromkeys(
        "mover absolver resolver volver devolver probar aprobar comprobar encontrar contar "
        "recordar mostrar demostrar costar sonar soltar morir dormir poder forzar almorzar "
        "colgar rogar renovar acostar torcer promover remover".split(), "ue"),
    **dict.fromkeys(
        "pedir seguir perseguir conseguir impedir elegir reelegir corregir competir medir "
        "vestir servir repetir despedir rendir gemir".split(), "i"),
}

#: Irregular families: lemma suffix -> (forms over the 49 slots with the suffix's own stem).
#: Only the slots that differ from the regular paradigm are listed, by slot number.
_ES_FAMILY: dict[str, dict[int, str]] = {}


def _family(base: str, text: str) -> None:
    _ES_FAMILY[base] = {i: f for i, f in enumerate(text.split()) if f != "-"}


# slots: pres 0-5, pret 6-11, impf 12-17, fut 18-23, cond 24-29, subj 30-35, ra 36-41,
# se 42-47, imperative 48. "-" keeps the regular form.
_family("tener", "tengo tienes tiene - - tienen tuve tuviste tuvo tuvimos tuvisteis tuvieron "
        "- - - - - - tendré tendrás tendrá tendremos tendréis tendrán tendría tendrías tendría "
        "tendríamos tendríais tendrían tenga tengas tenga tengamos tengáis tengan tuviera "
        "tuvieras tuviera tuviéramos tuvierais tuvieran tuviese tuvieses tuviese tuviésemos "
        "tuvieseis tuviesen -")
_family("poner", "pongo - - - - - puse pusiste puso pusimos pusisteis pusieron - - - - - - "
        "pondré pondrás pondrá pondremos pondréis pondrán pondría pondrías pondría pondríamos "
        "pondríais pondrían ponga pongas ponga pongamos pongáis pongan pusiera pusieras pusiera "
        "pusiéramos pusierais pusieran pusiese pusieses pusiese pusiésemos pusieseis pusiesen -")
_family("venir", "vengo vienes viene - - vienen vine viniste vino vinimos vinisteis vinieron "
        "- - - - - - vendré vendrás vendrá vendremos vendréis vendrán vendría vendrías vendría "
        "vendríamos vendríais vendrían venga vengas venga vengamos vengáis vengan viniera "
        "vinieras viniera viniéramos vinierais vinieran viniese vinieses viniese viniésemos "
        "vinieseis viniesen -")
_family("decir", "digo dices dice - - dicen dije dijiste dijo dijimos dijisteis dijeron "
        "- - - - - - diré dirás dirá diremos diréis dirán diría dirías diría diríamos diríais "
        "dirían diga digas diga digamos digáis digan dijera dijeras dijera dijéramos dijerais "
        "dijeran dijese dijeses dijese dijésemos dijeseis dijesen -")
_family("hacer", "hago - - - - - hice hiciste hizo hicimos hicisteis hicieron - - - - - - "
        "haré harás hará haremos haréis harán haría harías haría haríamos haríais harían haga "
        "hagas haga hagamos hagáis hagan hiciera hicieras hiciera hiciéramos hicierais hicieran "
        "hiciese hicieses hiciese hiciésemos hicieseis hiciesen -")
_family("ducir", "duzco - - - - - duje dujiste dujo dujimos dujisteis dujeron - - - - - - "
        "- - - - - - - - - - - - duzca duzcas duzca duzcamos duzcáis duzcan dujera dujeras "
        "dujera dujéramos dujerais dujeran dujese dujeses dujese dujésemos dujeseis dujesen -")
_family("ir", "voy vas va vamos vais van fui fuiste fue fuimos fuisteis fueron iba ibas iba "
        "íbamos ibais iban - - - - - - - - - - - - vaya vayas vaya vayamos vayáis vayan fuera "
        "fueras fuera fuéramos fuerais fueran fuese fueses fuese fuésemos fueseis fuesen -")

_IRREGULAR_GERUND = {"decir": "diciendo", "venir": "viniendo", "ir": "yendo"}


def _change_stem(stem: str, change: str) -> str:
    """Apply a stem change to the last stem vowel: e->ie, o->ue, e->i, o->u."""
    target = {"ie": "e", "ue": "o", "i": "e", "u": "o"}[change]
    idx = stem.rfind(target)
    if idx < 0:
        return stem
    return stem[:idx] + change + stem[idx + 1:]


def _orthographic(stem: str, ending: str, kind: str) -> str:
    """Spelling changes that keep the stem's sound before the ending."""
    first = ending[:1]
    if kind == "ar" and first in ("e", "é"):
        if stem.endswith("c"):
            return stem[:-1] + "qu"  # buscar -> busqué
        if stem.endswith("gu"):
            return stem[:-1] + "ü"  # averiguar -> averigüe
        if stem.endswith("g"):
            return stem + "u"  # entregar -> entregué
        if stem.endswith("z"):
            return stem[:-1] + "c"  # realizar -> realicé
    if kind != "ar" and first in ("a", "o", "á"):
        if stem.endswith(("gu", "qu")) and kind == "ir":
            return stem[:-2] + ("g" if stem.endswith("gu") else "c")  # distinguir -> distingo
        if stem.endswith("c") and not stem.endswith(("uc",)):
            return stem[:-1] + "z"  # vencer -> venzo
        if stem.endswith("g"):
            return stem[:-1] + "j"  # proteger -> protejo
    return stem


#: participles of irregular verbs and of their compounds (suffix match)
_PARTICIPLE_SUFFIX = {"decir": "dicho", "hacer": "hecho", "poner": "puesto",
                      "volver": "vuelto", "solver": "suelto", "abrir": "abierto",
                      "scribir": "scrito", "cubrir": "cubierto"}
_PARTICIPLE_EXACT = {"morir": "muerto", "romper": "roto", "ver": "visto", "prever": "previsto",
                     "imprimir": "impreso"}


def _participle(inf: str, regular: str) -> str:
    low = inf.lower()
    if low in _PARTICIPLE_EXACT:
        return _PARTICIPLE_EXACT[low]
    for suffix, part in _PARTICIPLE_SUFFIX.items():
        if low.endswith(suffix):
            return inf[: len(inf) - len(suffix)] + part
    return regular


def _es_verb_forms(inf: str) -> dict[str, str]:
    """Forms of one Spanish infinitive (no clitics), tagged.

    >>> f = _es_verb_forms("detener")
    >>> [x for x in ("detuvo", "detienen", "detenido", "deteniendo", "detuvieron") if x in f]
    ['detuvo', 'detienen', 'detenido', 'deteniendo', 'detuvieron']
    >>> f = _es_verb_forms("perseguir")
    >>> [x for x in ("persigo", "persiguió", "persiguiendo", "perseguimos") if x in f]
    ['persigo', 'persiguió', 'persiguiendo', 'perseguimos']
    >>> sorted(k for k, v in _es_verb_forms("extraditar").items() if v.startswith("part"))
    ['extraditada', 'extraditadas', 'extraditado', 'extraditados']
    """
    forms: dict[str, str] = {inf: "inf"}
    table = _es_conjugation(inf)
    if table is None:
        return forms
    finite, gerund, participle = table
    for form in finite:
        forms.setdefault(form, "verb")
    forms.setdefault(gerund, "ger")
    stem_p = participle[:-1]
    for suffix, tag in (("o", "part"), ("a", "part-f"), ("os", "part-pl"), ("as", "part-fpl")):
        forms.setdefault(stem_p + suffix, tag)
    return forms


def _es_conjugation(inf: str) -> tuple[list[str], str, str] | None:
    """The finite forms of a Spanish infinitive by slot (see ``_STRESSED_SLOTS``: six persons
    per tense, p1 sg first, then the imperative ``vosotros``), its gerund and participle;
    None when ``inf`` is no infinitive."""
    low = inf.lower()
    if (len(low) < 3 and low != "ir") or low[-2:] not in ("ar", "er", "ir", "ír"):
        return None
    kind = _drop_accents(low[-2:])
    stem = inf[:-2]
    endings = (_AR if kind == "ar" else _ER if kind == "er" else _IR).split()
    future = [_drop_accents(inf) + e for e in _FUT.split()]
    stems = [stem] * 49
    change = _ES_STEM_CHANGE.get(low)
    gerund_stem = stem
    if change is not None:
        changed = _change_stem(stem, change)
        for slot in _STRESSED_SLOTS:
            stems[slot] = changed
        if kind == "ir":
            closed = _change_stem(stem, "i" if change in ("ie", "i") else "u")
            for slot in _IR_CLOSING_SLOTS:
                stems[slot] = closed
            gerund_stem = closed
    finite: list[str] = []
    for slot in range(49):
        if 18 <= slot < 30:
            finite.append(future[slot - 18])
            continue
        ending = endings[slot if slot < 18 else slot - 12]
        finite.append(_orthographic(stems[slot], ending, kind) + ending)
    gerund = gerund_stem + ("ando" if kind == "ar" else "iendo")
    participle = stem + ("ado" if kind == "ar" else "ido")

    vowel_stem = (kind != "ar" and stem[-1:].lower() in ("a", "e", "o", "u")
                  and not low.endswith(("guir", "quir")))
    uir = vowel_stem and low.endswith("uir")
    if vowel_stem:
        # leer -> leyó, leyeron, leyendo, leído; construir -> construyó, construyendo
        for slot in (8, 11, *range(36, 48)):
            finite[slot] = finite[slot].replace(stem + "i", stem + "y", 1)
        gerund = stem + "yendo"
        if not uir:
            participle = stem + "ído"
            for slot in (7, 9, 10):
                finite[slot] = finite[slot].replace(stem + "i", stem + "í", 1)
    if uir:
        # construir -> construyo, construye, construya (y before a vowel other than i)
        for slot in (0, 1, 2, 5, *range(30, 36)):
            finite[slot] = stem + "y" + finite[slot][len(stem):]

    family = next((f for f in _ES_FAMILY if low.endswith(f) and (f != "ir" or low == "ir")),
                  None)
    if family is not None:
        prefix = inf[: len(inf) - len(family)]
        for slot, form in _ES_FAMILY[family].items():
            finite[slot] = prefix + form
        if family in _IRREGULAR_GERUND:
            gerund = prefix + _IRREGULAR_GERUND[family]
    return finite, gerund, _participle(inf, participle)


def _gerund_with_clitic(gerund: str, clitic: str) -> str:
    """declarando + se -> declarándose (the stress needs a written accent)."""
    nuclei = _nuclei(gerund)
    if len(nuclei) < 2:
        return gerund + clitic
    return _accent_at(gerund, _stressed_in(gerund, nuclei[-2])) + clitic


def _es_complement_forms(rest: str) -> list[str]:
    """The words after a Spanish verb term's verb (``no culpable``) as they read when they
    agree with a plural, feminine, or feminine plural subject (``no culpables``), in that
    order, the ones that differ from ``rest`` only.

    Without a lexicon every content word before the first complement is taken for a
    predicative adjective, but ``no`` and ``-mente`` adverbs are not: ``rendir testimonio``
    also admits ``rendir testimonios`` (grammatical, if not what the term says). These forms
    are for *finding* the term; repairs inflect only what Apertium's analyser reads as an
    adjective (``translate.enforce``).

    >>> _es_complement_forms("no culpable"), _es_complement_forms("formalmente")
    (['no culpables'], [])
    >>> _es_complement_forms("por vencido")
    []
    >>> _es_complement_forms("limpio")
    ['limpios', 'limpia', 'limpias']
    """
    words = rest.split(" ")
    inflect = [False] * len(words)
    for i, w in enumerate(words):
        low = w.lower()
        if low in _ES_FUNCTION_WORDS:
            break
        inflect[i] = bool(low) and low != "no" and not low.endswith("mente")
    if not any(inflect):
        return []

    def each(change: Callable[[str], str]) -> str:
        return " ".join(change(w) if on else w for w, on in zip(words, inflect, strict=True))

    def feminine(word: str) -> str:
        return _es_adj_feminine(word) or word

    out: list[str] = []
    for form in (each(_pluralize_es_word), each(feminine),
                 each(lambda w: _pluralize_es_word(feminine(w)))):
        if form != rest and form not in out:
            out.append(form)
    return out


def _es_verb_phrase_forms(term: str) -> dict[str, str]:
    """Forms of a Spanish verb term (``declararse culpable``): the verb conjugated (its clitic
    before a finite form, after a gerund), the words after it as written and, where they
    can, agreeing with a plural or feminine subject (``se declararon culpables``)."""
    first, sep, rest = term.partition(" ")
    reflexive = first.lower().endswith(("arse", "erse", "irse", "írse"))
    base = first[:-2] if reflexive else first
    rests = [rest, *_es_complement_forms(rest)] if rest else [rest]
    table = _es_conjugation(base) if reflexive else None
    verb_forms = _es_verb_forms(base)
    out: dict[str, str] = {}
    for complement in rests:
        out.setdefault(first + sep + complement, "inf")
        if table is not None:  # the clitic of each finite form's person: nos declaramos
            for slot, form in enumerate(table[0]):
                clitic = _ES_CLITICS[slot % 6] if slot < 48 else "se"
                out.setdefault(clitic + " " + form + sep + complement, "verb")
        for form, tag in verb_forms.items():
            if tag == "inf" or (reflexive and tag == "verb"):
                continue
            if reflexive and tag == "ger":
                out.setdefault(_gerund_with_clitic(form, "se") + sep + complement, tag)
            else:
                out.setdefault(form + sep + complement, tag)
    if not reflexive:  # an object pronoun attached: acusarlos formalmente, absolviéndole
        gerund = next((f for f, t in verb_forms.items() if t == "ger"), None)
        for clitic in _ES_OBJECT_CLITICS:
            for complement in rests:
                out.setdefault(first + clitic + sep + complement, "inf-clitic")
                if gerund:
                    out.setdefault(_gerund_with_clitic(gerund, clitic) + sep + complement,
                                   "ger-clitic")
    return out


#: Pronouns that attach to an infinitive or gerund as its object.
_ES_OBJECT_CLITICS = ("lo", "la", "los", "las", "le", "les", "me", "te", "nos", "os")


#: The reflexive clitic of each person, in the order of a tense's six finite forms.
_ES_CLITICS = ("me", "te", "se", "nos", "os", "se")


def _en_verb_phrase_forms(term: str) -> dict[str, str]:
    first, sep, rest = term.partition(" ")
    return {form + sep + rest: tag for form, tag in _en_verb_forms(first).items()}


# --------------------------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------------------------

def _en_possessives(sg: str, pl: str | None) -> list[str]:
    out = [sg + "'s"]
    if sg.endswith("s"):
        out.append(sg + "'")
    if pl:
        out.append(pl + "'" if pl.endswith("s") else pl + "'s")
    return out


def _es_adj_feminine(term: str) -> str | None:
    """Regular feminine of a Spanish adjective: -o -> -a, -or -> -ora; None when invariant."""
    first, sep, rest = term.partition(" ")
    low = first.lower()
    if low.endswith("o"):
        return first[:-1] + "a" + sep + rest
    if low.endswith(("dor", "tor", "sor")):
        return first + "a" + sep + rest
    return None


def _term_forms(term: str, entry: Entry, lang: Lang, preferred: bool) -> dict[str, str]:
    """Forms of one accepted or forbidden term of ``entry``."""
    pos = entry.pos
    if pos in (Pos.PHRASE, Pos.ADV):
        return {term: "base"}
    if pos is Pos.VERB:
        return _en_verb_phrase_forms(term) if lang == "en" else _es_verb_phrase_forms(term)
    forms: dict[str, str] = {term: "sg"}
    explicit = entry.plural(lang)
    plural: str | None
    if explicit == NO_PLURAL:
        plural = None
    elif explicit and preferred:
        plural = explicit
    elif pos is Pos.PROPER or (lang == "es" and _is_acronym(term)):
        plural = None
    else:
        plural = pluralize(term, lang)
    if plural == term:
        plural = None
    if plural:
        forms.setdefault(plural, "pl")
    if lang == "es":
        feminine: str | None = None
        if entry.es_feminine and preferred:
            feminine = entry.es_feminine
        elif pos is Pos.ADJ:
            feminine = _es_adj_feminine(term)
        if feminine and feminine != term:
            forms.setdefault(feminine, "f")
            if plural is not None:
                forms.setdefault(pluralize(feminine, "es"), "fpl")
    else:
        for poss in _en_possessives(term, plural):
            forms.setdefault(poss, "poss")
    return forms


def tagged_forms(entry: Entry, lang: Lang, *, forbidden: bool = False
                 ) -> dict[str, tuple[str, str]]:
    """Every form of the entry's accepted (or, with ``forbidden``, forbidden) terms in
    ``lang``, mapped to ``(lemma, tag)``; the first lemma that yields a form keeps it."""
    return dict(_tagged_cached(entry, lang, forbidden))


@lru_cache(maxsize=65536)
def _tagged_cached(entry: Entry, lang: Lang, forbidden: bool
                   ) -> tuple[tuple[str, tuple[str, str]], ...]:
    forms: dict[str, tuple[str, str]] = {}
    if forbidden:
        for term in entry.forbidden(lang):
            for form, tag in _term_forms(term, entry, lang, preferred=False).items():
                forms.setdefault(form, (term, tag))
    else:
        for i, term in enumerate(entry.accepted(lang)):
            for form, tag in _term_forms(term, entry, lang, preferred=i == 0).items():
                forms.setdefault(form, (term, tag))
    return tuple(forms.items())


def inflections(entry: Entry, lang: Lang) -> dict[str, str]:
    """Every surface form of the entry's accepted terms (preferred + variants) in ``lang``,
    mapped to a grammatical tag ('sg', 'pl', 'f', 'fpl', 'poss', 'inf', 'verb', ...).

    >>> from glossary.model import Entry, Gender
    >>> e = Entry("cartel", "cartel", "cártel", gender=Gender.M, es_variants=("cartel",))
    >>> sorted(inflections(e, "es").items())
    [('cartel', 'sg'), ('carteles', 'pl'), ('cártel', 'sg'), ('cárteles', 'pl')]
    >>> sorted(inflections(e, "en").items())
    [('cartel', 'sg'), ("cartel's", 'poss'), ('cartels', 'pl'), ("cartels'", 'poss')]
    """
    return {form: tag for form, (_lemma, tag) in _tagged_cached(entry, lang, False)}


def forbidden_forms(entry: Entry, lang: Lang) -> set[str]:
    """The entry's forbidden renderings in ``lang`` and their inflections.

    >>> from glossary.model import Entry
    >>> e = Entry("drug-lord", "drug lord", "capo", forbidden_es=("señor de la droga",))
    >>> sorted(forbidden_forms(e, "es"))
    ['señor de la droga', 'señores de la droga']
    """
    return {form for form, _ in _tagged_cached(entry, lang, True)}


def forbidden_inflections(entry: Entry, lang: Lang) -> dict[str, str]:
    """Forbidden forms mapped to their tag (see :func:`inflections`)."""
    return {form: tag for form, (_lemma, tag) in _tagged_cached(entry, lang, True)}


def lemma_of(entry: Entry, lang: Lang, form: str) -> str | None:
    """The accepted or forbidden term of ``entry`` that ``form`` is an inflection of."""
    for forbidden in (False, True):
        found = tagged_forms(entry, lang, forbidden=forbidden).get(form)
        if found is not None:
            return found[0]
    return None
