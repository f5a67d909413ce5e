"""Term enforcement with the in-memory engine: verify, repair, report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from glossary.csvfile import load_glossary
from glossary.model import Glossary, Lang
from translate.enforce import translate_segments, translate_text
from translate.engines.base import MemoryEngine, Requirement

DATA = Path(__file__).parent.parent / "data" / "translate"


@pytest.fixture(scope="module")
def small() -> Glossary:
    return load_glossary([DATA / "small_terms.csv"])


def one(engine: MemoryEngine, text: str, glossary: Glossary, src: Lang = "en",
        tgt: Lang = "es") -> tuple[str, list[tuple[str, str, str | None, str]]]:
    (res,) = translate_segments([text], src, tgt, engine=engine, glossary=glossary)
    return res.output, [(t.entry_id, t.status.value, t.target_form, t.method) for t in res.terms]


def test_term_already_present(small: Glossary) -> None:
    engine = MemoryEngine({"the drug lord": "el capo", "left": "se fue"})
    out, terms = one(engine, "The drug lord left.", small)
    assert out == "el capo se fue."
    assert terms == [("drug-lord", "present", "capo", "engine")]


def test_forbidden_rendering_replaced_in_number(small: Glossary) -> None:
    engine = MemoryEngine({"the drug lords": "los señores de la droga", "left": "se fueron"})
    out, terms = one(engine, "The drug lords left.", small)
    assert out == "los capos se fueron."
    assert terms == [("drug-lord", "enforced", "capos", "replace-forbidden")]


def test_placeholder_repair_with_article_agreement(small: Glossary) -> None:
    # the engine renders "house" with the wrong word and a masculine article
    engine = MemoryEngine({"the ": "el ", "house": "hogar", "is big": "es grande"})
    out, terms = one(engine, "The house is big.", small)
    assert out == "la vivienda es grande."
    assert terms == [("house-test", "enforced", "vivienda", "placeholder")]


def test_plural_placeholder_repair(small: Glossary) -> None:
    engine = MemoryEngine({"the ": "el ", "houses": "hogares", "are big": "son grandes"})
    out, _terms = one(engine, "The houses are big.", small)
    assert out == "las viviendas son grandes."


def test_sentence_start_is_capitalised(small: Glossary) -> None:
    engine = MemoryEngine({"sinaloa cartel": "Cartel Sinaloa", "denied it": "lo negó"})
    out, terms = one(engine, "Sinaloa cartel denied it.", small)
    assert out == "Cártel de Sinaloa lo negó."
    assert terms[0][1] == "enforced"


def test_report_names_the_form_in_the_kept_translation(small: Glossary) -> None:
    # "house" is repaired by a second translation, which renders the drug lord differently:
    # the drug lord's report names the form in that translation (the output), not the first's
    engine = MemoryEngine({"the drug lord and the house": "el capo y el hogar",
                           "the drug lord and the ": "El Capo y la "})
    out, terms = one(engine, "The drug lord and the house.", small)
    assert out == "El Capo y la vivienda."
    assert terms == [("drug-lord", "present", "Capo", "engine"),
                     ("house-test", "enforced", "vivienda", "placeholder")]


class DroppingEngine(MemoryEngine):
    """Loses every term token: the repair must say so instead of pretending."""

    def translate(self, segments: Sequence[str], src: Lang, tgt: Lang, *,
                  glossary: Glossary | None = None,
                  requirements: Sequence[Sequence[Requirement]] | None = None) -> list[str]:
        return [s.replace("Xqt1x", "algo") for s in super().translate(segments, src, tgt)]


def test_failure_is_reported_with_reason(small: Glossary) -> None:
    out, terms = one(DroppingEngine({"house": "hogar"}), "The house.", small)
    assert out == "The hogar."
    assert terms[0][:3] == ("house-test", "failed", None)
    (res,) = translate_segments(["The house."], "en", "es", engine=DroppingEngine(),
                                glossary=small)
    assert "dropped" in res.terms[0].reason and not res.ok


def test_dnt_kept(small: Glossary) -> None:
    out, terms = one(MemoryEngine({"los zetas": "Las Zetas"}), "Los Zetas attacked.", small)
    assert out.startswith("Los Zetas")
    assert terms[0][0] == "los-zetas" and terms[0][1] == "enforced"


def test_direction_es_en(small: Glossary) -> None:
    out, terms = one(MemoryEngine({"capos": "drug lords"}), "Los capos.", small, "es", "en")
    assert out == "Los drug lords."
    assert terms == [("drug-lord", "present", "drug lords", "engine")]


def test_markup_and_placeholders_survive(small: Glossary) -> None:
    engine = MemoryEngine({"the house": "la vivienda"})
    text = "# **The house** and [the report](http://x.org/a_b) {name}\n\n- The house.\n"
    res = translate_text(text, "en", "es", engine=engine, glossary=small)
    assert res.text == ("# **la vivienda** and [the report](http://x.org/a_b) {name}\n\n"
                        "- la vivienda.\n")
    assert all(s.placeholders_ok for s in res.segments)


def test_one_engine_batch_for_all_segments(small: Glossary) -> None:
    engine = MemoryEngine({"the drug lord": "el capo"})
    translate_text("The drug lord.\nThe drug lord.\n\nThe drug lord.", "en", "es",
                   engine=engine, glossary=small)
    assert len(engine.calls) == 1 and len(engine.calls[0]) == 3


def test_no_glossary_no_terms() -> None:
    res = translate_text("The house.", "en", "es", engine=MemoryEngine({"house": "casa"}))
    assert res.text == "The casa." and res.terms == ()


def test_per_segment_glossaries_share_one_engine_call(small: Glossary) -> None:
    house = Glossary(tuple(e for e in small if e.id == "house-test"))
    lord = Glossary(tuple(e for e in small if e.id == "drug-lord"))
    engine = MemoryEngine({"the ": "el ", "house": "hogar", "drug lord": "señor de la droga"})
    res = translate_segments(["The house.", "The drug lord.", "The house."], "en", "es",
                             engine=engine, glossaries=[house, lord, None])
    assert [r.output for r in res] == ["la vivienda.", "el capo.", "el hogar."]
    assert [len(r.terms) for r in res] == [1, 1, 0]
    # one call for the first translation, one for the placeholder retry; none per sentence
    assert len(engine.calls) == 2


def test_progress_in_chunks(small: Glossary) -> None:
    engine = MemoryEngine({"the drug lord": "el capo"})
    seen: list[tuple[int, int]] = []
    res = translate_text("The drug lord.\n" * 5, "en", "es", engine=engine, glossary=small,
                         progress=lambda done, total: seen.append((done, total)), chunk=2)
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert res.text == "el capo.\n" * 5


def test_batch_for_catalogs_protects_format_strings(small: Glossary) -> None:
    from translate.enforce import translate_batch

    engine = MemoryEngine({"{": "{El ", "houses": "viviendas", "%(count)d": "%(Cuenta)d"})
    (res,) = translate_batch(["%(count)d houses in {city}"], "en", "es", engine=engine,
                             glossary=small)
    assert res.text == "%(count)d viviendas in {city}"
    assert [t.entry_id for t in res.report.present] == ["house-test"]


class ConjugatingEngine(MemoryEngine):
    def conjugate_like(self, lemma: str, model: str, lang: Lang) -> str | None:
        return "se declaró culpable" if model == "abogó" else None


def test_forbidden_verb_replaced_conjugated() -> None:
    from glossary.model import Entry, Pos

    plead = Entry("plead-guilty", "plead guilty", "declararse culpable", pos=Pos.VERB,
                  forbidden_es=("abogar culpable",))
    engine = ConjugatingEngine({"he pleaded guilty": "él abogó culpable"})
    (res,) = translate_segments(["He pleaded guilty."], "en", "es", engine=engine,
                                glossary=Glossary((plead,)))
    assert res.output == "él se declaró culpable."
    assert res.terms[0].method == "replace-forbidden"


class ParticipleEngine(MemoryEngine):
    """Knows the participle of the verb without its clitic only, as Apertium does."""

    def conjugate_like(self, lemma: str, model: str, lang: Lang) -> str | None:
        if model == "abogado" and lemma == "declarar no culpable":
            return "declarado no culpable"
        return None


@pytest.mark.parametrize(("source", "mt", "expected"), [
    ("He has pleaded not guilty.", "Ha abogado no culpable.", "Se ha declarado no culpable."),
    ("They had pleaded not guilty.", "Ellos habían abogado no culpable.",
     "Ellos se habían declarado no culpable."),
    # the clitic in haber's person (it came out "Se hemos declarado")
    ("We have pleaded not guilty.", "Hemos abogado no culpable.",
     "Nos hemos declarado no culpable."),
    ("I have pleaded not guilty.", "He abogado no culpable.", "Me he declarado no culpable."),
    ("After having pleaded not guilty.", "Después de haber abogado no culpable.",
     "Después de haberse declarado no culpable."),
])
def test_forbidden_reflexive_verb_in_a_compound_tense(source: str, mt: str,
                                                      expected: str) -> None:
    """A defect seen on NTREX: "He has pleaded not guilty" came out "Ha declararse no
    culpable" (the lemma put in place of the participle)."""
    from glossary.model import Entry, Pos

    plead = Entry("plead-not-guilty", "plead not guilty", "declararse no culpable",
                  pos=Pos.VERB, forbidden_es=("abogar no culpable",))
    engine = ParticipleEngine({source.lower(): mt})
    (res,) = translate_segments([source], "en", "es", engine=engine, glossary=Glossary((plead,)))
    assert res.output == expected
    assert res.terms[0].method == "replace-forbidden"


#: Spanish forms that show a plural subject, for the agreeing engine below.
_PLURAL = frozenset({"abogaron", "desembarcaron", "han", "habían", "culpables"})


class AgreeingEngine(MemoryEngine):
    """Conjugates ``declarar(se) [no] culpable`` and makes its adjective agree like the first
    form that shows a number, as Apertium's analyser and generator do; a stand-in verb
    (``disembark``) as Apertium offers one. Records what it was asked to agree."""

    SINGULAR = frozenset({"abogó", "desembarcó", "ha", "había"})

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__(table)
        self.asked: list[tuple[str, tuple[str, ...], str]] = []

    def conjugate_like(self, lemma: str, model: str, lang: Lang) -> str | None:
        head, *rest = lemma.split()
        forms = {("declararse", "abogaron"): "se declararon",
                 ("declararse", "desembarcaron"): "se declararon",
                 ("declararse", "abogó"): "se declaró",
                 ("declararse", "desembarcó"): "se declaró",
                 ("declarar", "abogado"): "declarado",
                 ("plead", "disembarked"): "pleaded"}
        form = forms.get((head, model.lower()))
        if form is None:
            return None
        return " ".join([form[:1].upper() + form[1:] if model[:1].isupper() else form, *rest])

    def agree_like(self, words: str, models: Sequence[str], lang: Lang) -> str | None:
        self.asked.append((words, tuple(models), lang))
        for model in models:
            if model.lower() in _PLURAL:
                return words.replace("culpable", "culpables")
            if model.lower() in self.SINGULAR:
                return words
        return None

    def verb_stand_in(self, model: str, src: Lang, tgt: Lang, tag: str = ""
                      ) -> tuple[str, str] | None:
        stand_ins = {"pleaded": ("disembarked", "desembarcar"),
                     "declararon": ("desembarcaron", "disembark")}
        return stand_ins.get(model)

    def find_verb(self, text: str, lemma: str, lang: Lang) -> tuple[int, int] | None:
        for word in ("desembarcaron", "desembarcó", "disembarked"):
            i = text.find(word)
            if i >= 0:
                return i, i + len(word)
        return None


def _pleas(forbidden: bool = True) -> Glossary:
    from glossary.model import Entry, Pos

    return Glossary((
        Entry("plead-guilty", "plead guilty", "declararse culpable", pos=Pos.VERB,
              forbidden_es=("abogar culpable",) if forbidden else ()),
        Entry("plead-not-guilty", "plead not guilty", "declararse no culpable", pos=Pos.VERB,
              forbidden_es=("abogar no culpable",) if forbidden else ()),
    ))


@pytest.mark.parametrize(("source", "mt", "expected"), [
    # the engine already had the number right on the forbidden verb's adjective
    ("They pleaded guilty.", "Ellos abogaron culpables.", "Ellos se declararon culpables."),
    # ... or did not: the verb's own number decides
    ("They pleaded guilty.", "Ellos abogaron culpable.", "Ellos se declararon culpables."),
    # a compound tense: haber shows the number, the participle does not
    ("The two men have pleaded not guilty.", "Los dos hombres han abogado no culpable.",
     "Los dos hombres se han declarado no culpables."),
    ("They had pleaded not guilty.", "Ellos habían abogado no culpables.",
     "Ellos se habían declarado no culpables."),
    # the infinitive haber shows none: the replaced words do
    ("After having pleaded not guilty.", "Después de haber abogado no culpables.",
     "Después de haberse declarado no culpables."),
    # singular stays as the term is written
    ("He pleaded guilty.", "Él abogó culpable.", "Él se declaró culpable."),
    ("He has pleaded not guilty.", "Ha abogado no culpable.", "Se ha declarado no culpable."),
    ("After having pleaded not guilty.", "Después de haber abogado no culpable.",
     "Después de haberse declarado no culpable."),
])
def test_forbidden_verb_replaced_with_its_adjective_agreeing(source: str, mt: str,
                                                             expected: str) -> None:
    """Issue 3's defect: "Las dos mujeres se declararon culpable" (the plural subject's
    adjective lost when the forbidden "abogaron culpables" was replaced)."""
    engine = AgreeingEngine({source.lower(): mt})
    (res,) = translate_segments([source], "en", "es", engine=engine, glossary=_pleas())
    assert res.output == expected
    assert [(t.status.value, t.method) for t in res.terms] == [("enforced",
                                                                "replace-forbidden")]
    assert res.terms[0].target_form is not None and res.terms[0].target_form in expected


@pytest.mark.parametrize(("source", "mt", "expected"), [
    ("The two women pleaded guilty.", "Las dos mujeres desembarcaron.",
     "Las dos mujeres se declararon culpables."),
    ("The woman pleaded guilty.", "La mujer desembarcó.", "La mujer se declaró culpable."),
])
def test_missing_verb_filled_with_its_adjective_agreeing(source: str, mt: str,
                                                         expected: str) -> None:
    """The other repair: the term missing, a stand-in verb translated in its place and the
    term conjugated like it; its adjective agrees with the stand-in's number."""
    stand_in = source.replace("pleaded guilty", "disembarked").lower()
    engine = AgreeingEngine({source.lower(): mt.replace("desembarc", "declar"),
                             stand_in: mt})
    (res,) = translate_segments([source], "en", "es", engine=engine,
                                glossary=_pleas(forbidden=False))
    assert res.output == expected
    assert [(t.status.value, t.method) for t in res.terms] == [("enforced",
                                                                "placeholder-verb")]


def test_english_target_asks_no_agreement() -> None:
    """Spanish -> English: nothing agrees in English; the plural Spanish term is found in
    the source (it was not: "se declararon culpables" was no form of the term) and the
    English verb conjugated."""
    engine = AgreeingEngine({"los dos hombres desembarcaron.": "The two men disembarked.",
                             "los dos hombres se declararon culpables.":
                                 "The two men declared guilty."})
    (res,) = translate_segments(["Los dos hombres se declararon culpables."], "es", "en",
                                engine=engine, glossary=_pleas())
    assert [t.entry_id for t in res.terms] == ["plead-guilty"]
    assert res.output == "The two men pleaded guilty."
    assert engine.asked == []


class UnknownVerbEngine(MemoryEngine):
    """Like Apertium with a verb its analyser lacks (``indicted``): a stand-in only by the
    glossary's tag; Spanish conjugation of ``acusar``; no English generation of ``indict``
    (Apertium spells ``acquited`` or nothing)."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__(table)
        self.tags: list[str] = []

    def conjugate_like(self, lemma: str, model: str, lang: Lang) -> str | None:
        head, *rest = lemma.split()
        forms = {("acusar", "desembarcaron"): "acusaron", ("acusar", "desembarcarán"): "acusarán",
                 ("acusar", "desembarcar"): "acusar", ("acusar", "desembarcando"): "acusando",
                 ("acquit", "disembarked"): "acquited"}
        form = forms.get((head, model))
        return " ".join([form, *rest]) if form else None

    def verb_stand_in(self, model: str, src: Lang, tgt: Lang, tag: str = ""
                      ) -> tuple[str, str] | None:
        self.tags.append(tag)
        forms = {("en", "past"): ("disembarked", "desembarcar"),
                 ("en", "inf"): ("disembark", "desembarcar"),
                 ("en", "ger"): ("disembarking", "desembarcar"),
                 ("es", "verb"): ("desembarcaron", "disembark")}
        return forms.get((src, tag))

    def find_verb(self, text: str, lemma: str, lang: Lang) -> tuple[int, int] | None:
        for word in ("desembarcaron", "desembarcarán", "desembarcarles", "desembarcándole",
                     "disembarked"):
            i = text.find(word)
            if i >= 0:
                return i, i + len(word)
        return None


def test_verb_unknown_to_the_engine_is_conjugated_by_its_glossary_tag() -> None:
    """Issue 3: "Prosecutors indicted the two men." came out "Fiscales acusar formalmente
    los dos hombres": the engine could not read "indicted", so no stand-in verb was
    translated and the term went in as its infinitive. The glossary reads it (past)."""
    from glossary.model import Entry, Pos

    indict = Entry("indict", "indict", "acusar formalmente", pos=Pos.VERB)
    engine = UnknownVerbEngine({
        "prosecutors indicted the two men.": "Fiscales indicted los dos hombres.",
        "prosecutors xqt1x the two men.": "Fiscales Xqt1x los dos hombres.",
        "prosecutors disembarked the two men.": "Fiscales desembarcaron los dos hombres."})
    (res,) = translate_segments(["Prosecutors indicted the two men."], "en", "es",
                                engine=engine, glossary=Glossary((indict,)))
    assert engine.tags == ["past"]
    assert res.output == "Fiscales acusaron formalmente los dos hombres."
    assert [(t.status.value, t.method) for t in res.terms] == [("enforced",
                                                                "placeholder-verb")]


def test_forbidden_verb_that_shows_no_tense_is_conjugated_through_a_stand_in() -> None:
    """Issue 3: "Prosecutors will indict him." came out "Fiscales acusar formalmente le":
    the forbidden rendering was the untranslated "indict", which shows no tense, so the term
    went in as its lemma; now the stand-in verb is tried, and wins when it holds."""
    from glossary.model import Entry, Pos

    indict = Entry("indict", "indict", "acusar formalmente", pos=Pos.VERB,
                   forbidden_es=("indict",))
    engine = UnknownVerbEngine({
        "prosecutors will indict him.": "Fiscales indict le.",
        "prosecutors will disembark him.": "Fiscales le desembarcarán."})
    (res,) = translate_segments(["Prosecutors will indict him."], "en", "es",
                                engine=engine, glossary=Glossary((indict,)))
    assert engine.tags == ["inf"]
    assert res.output == "Fiscales le acusarán formalmente."
    assert [(t.method, t.reason) for t in res.terms] == [("placeholder-verb",
                                                          "replaced 'indict'")]


@pytest.mark.parametrize(("source", "stand_in", "mt", "expected"), [
    ("The jury voted to indict them.", "the jury voted to disembark them.",
     "El jurado votó para desembarcarles.", "El jurado votó para acusarles formalmente."),
    ("After indicting him, they left.", "after disembarking him, they left.",
     "Después de desembarcándole, se fueron.",
     "Después de acusándole formalmente, se fueron."),
])
def test_pronoun_attached_to_the_stand_in_attaches_to_the_term(source: str, stand_in: str,
                                                               mt: str, expected: str) -> None:
    """Issue 3: "votó a acusar formalmente les" (the pronoun loose after the term): the
    pronoun the engine attached to the stand-in verb goes on the term's verb."""
    from glossary.model import Entry, Pos

    indict = Entry("indict", "indict", "acusar formalmente", pos=Pos.VERB)
    engine = UnknownVerbEngine({stand_in: mt})
    (res,) = translate_segments([source], "en", "es", engine=engine,
                                glossary=Glossary((indict,)))
    assert res.output == expected
    assert [(t.status.value, t.method) for t in res.terms] == [("enforced",
                                                                "placeholder-verb")]


def test_forbidden_verb_kept_as_lemma_when_no_stand_in_holds() -> None:
    from glossary.model import Entry, Pos

    indict = Entry("indict", "indict", "acusar formalmente", pos=Pos.VERB,
                   forbidden_es=("indict",))
    engine = UnknownVerbEngine({"indict them!": "¡indict les!"})
    (res,) = translate_segments(["Indict them!"], "en", "es", engine=engine,
                                glossary=Glossary((indict,)))
    assert res.output == "¡acusar formalmente les!"
    assert res.terms[0].method == "replace-forbidden"
    assert res.terms[0].reason.endswith("the engine could not conjugate it there")


def test_english_verb_term_takes_the_glossary_form_of_the_stand_in_tense() -> None:
    """Issue 3, Spanish -> English: the engine spelled "acquited" (no accepted form), so the
    lemma went in ("The judges it acquit"); the glossary's own past form goes in instead."""
    from glossary.model import Entry, Pos

    acquit = Entry("acquit", "acquit", "absolver", pos=Pos.VERB)
    engine = UnknownVerbEngine({"los jueces lo absolvieron.": "The judges it absolved.",
                             "los jueces lo desembarcaron.": "The judges disembarked it.",
                             "los jueces lo xqt1x.": "The judges it Xqt1x."})
    (res,) = translate_segments(["Los jueces lo absolvieron."], "es", "en", engine=engine,
                                glossary=Glossary((acquit,)))
    assert res.output == "The judges acquitted it."


@pytest.mark.parametrize(("source", "mt", "expected"), [
    # Apertium drops a reflexive "se" and keeps its blank before the full stop
    ("El hombre se ha declarado.", "The man has declared .", "The man has declared."),
    ("Dijo: no , nunca ; ¿ y ?", "He said: no , never ; and ?", "He said: no , never ; and ?"),
    ("Hola, ¿qué tal?", "Hello , how are you ?", "Hello, how are you?"),
])
def test_blank_before_closing_punctuation_dropped_unless_the_source_has_it(
        source: str, mt: str, expected: str) -> None:
    engine = MemoryEngine({source.lower(): mt})
    (res,) = translate_segments([source], "es", "en", engine=engine)
    assert res.output == expected


def test_doubled_spaces_from_the_engine_collapsed() -> None:
    engine = MemoryEngine({"will ": ""})
    (res,) = translate_segments(["They will go `a  b`."], "en", "es", engine=engine)
    assert res.output == "They go `a  b`."


def test_requirements_inflect_each_occurrence_like_its_source(small: Glossary) -> None:
    """The target forms are worked out once per entry and source tag (cached): a singular
    and a plural occurrence of one term still want different forms, and a do-not-translate
    term keeps each occurrence's own spelling."""
    from translate.enforce import requirements_for

    text = "A drug lord met two drug lords and Los Zetas; los Zetas left."
    reqs = requirements_for(text, small.for_direction("en", "es"), "en", "es")
    assert [(r.source_form, r.targets[0]) for r in reqs] == [
        ("drug lord", "capo"), ("drug lords", "capos"), ("Los Zetas", "Los Zetas"),
        ("los Zetas", "los Zetas")]
    assert set(reqs[0].targets) == set(reqs[1].targets) == {"capo", "capos"}
    again = requirements_for(text, small.for_direction("en", "es"), "en", "es")
    assert again == reqs
