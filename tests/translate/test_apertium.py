"""The Apertium engine, run for real (CI installs Apertium with `make debs`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary.csvfile import default_terms_dir, load_glossary
from glossary.errors import EngineError
from glossary.model import Glossary
from translate.engines.apertium import (
    ApertiumEngine,
    build_user_dictionaries,
    compile_glossary,
    from_stream,
    to_stream,
)

pytestmark = pytest.mark.skipif(shutil.which("apertium") is None,
                                reason="Apertium is not installed (make debs)")

DATA = Path(__file__).parent.parent / "data" / "translate"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("glosa-home")


@pytest.fixture(scope="module")
def engine(home: Path) -> ApertiumEngine:
    return ApertiumEngine(home=home)


@pytest.fixture(scope="module")
def small() -> Glossary:
    return load_glossary([DATA / "small_terms.csv"])


def test_batch_keeps_segments_apart_and_periods(engine: ApertiumEngine) -> None:
    out = engine.translate(["The house is red.", "", "big dog", "The judge left."], "en", "es")
    assert out == ["La casa es roja.", "", "Perro grande", "El juez dejó."]


def test_stream_escaping_round_trip(engine: ApertiumEngine) -> None:
    text = r"a [b] {c} \d ^e$ @f /g <h> ~i"
    assert from_stream(to_stream(text)) == text
    (out,) = engine.translate(["Xqp1x and [x] ~ y"], "en", "es")
    assert "Xqp1x" in out and "[x]" in out and "~" in out


def test_plural_and_singular_from_user_dictionaries(engine: ApertiumEngine,
                                                    small: Glossary) -> None:
    out = engine.translate(["The drug lord met two drug lords.", "The houses are empty.",
                            "The Sinaloa cartel denied it."], "en", "es", glossary=small)
    assert out == ["El capo cumplió dos capos.", "Las viviendas son vacías.",
                   "El cártel de Sinaloa lo negó."]


def test_spanish_to_english(engine: ApertiumEngine, small: Glossary) -> None:
    out = engine.translate(["Los capos y la vivienda."], "es", "en", glossary=small)
    assert out == ["The drug lords and the house."]


def test_xml_characters_and_phrases(engine: ApertiumEngine, small: Glossary) -> None:
    dicts = build_user_dictionaries(small, "en", "es")
    assert "A&amp;B<b/>&lt;Group&gt;" in dicts.analyser
    (out,) = engine.translate(["Los Zetas were awaiting trial."], "en", "es", glossary=small)
    assert "Los Zetas" in out and "en espera de juicio" in out


def test_cache_is_keyed_by_content(home: Path, small: Glossary) -> None:
    first = compile_glossary(small, "en", "es", home=home)
    stamp = (first / "eng-spa.autobil.bin").stat().st_mtime_ns
    again = compile_glossary(small, "en", "es", home=home)
    assert again == first and (first / "eng-spa.autobil.bin").stat().st_mtime_ns == stamp
    other = compile_glossary(Glossary(small.entries[:1]), "en", "es", home=home)
    assert other != first


def test_desk_glossary_terms(engine: ApertiumEngine) -> None:
    desk = load_glossary([default_terms_dir()])
    out = engine.translate(["The National Action Party and the Jalisco New Generation Cartel."],
                           "en", "es", glossary=desk)
    assert out == ["El Partido Acción Nacional y el Cártel Jalisco Nueva Generación."]


def test_unknown_pair(engine: ApertiumEngine) -> None:
    with pytest.raises(EngineError, match="unknown language pair"):
        engine.translate(["x"], "en", "en")


def test_missing_language_data_says_what_to_install(tmp_path: Path) -> None:
    engine = ApertiumEngine(home=tmp_path, datadir=tmp_path)
    with pytest.raises(EngineError, match="apt-get install apertium apertium-eng-spa"):
        engine.translate(["x"], "en", "es")


def test_verbs_conjugated_by_apertium(engine: ApertiumEngine, small: Glossary) -> None:
    out = engine.translate(["They ousted the judge.", "They will oust him."], "en", "es",
                           glossary=small)
    assert out == ["Expulsaron el juez.", "Le expulsarán."]
    (back,) = engine.translate(["Expulsaron al juez."], "es", "en", glossary=small)
    assert back.startswith("They ousted")


def test_persistent_pipeline_serves_batches_and_recovers(home: Path) -> None:
    with ApertiumEngine(home=home) as engine:
        assert engine.translate(["The dog."], "en", "es") == ["El perro."]
        (pipe,) = engine._pipelines.values()
        assert engine.translate(["The cat.", "Red house"], "en", "es") == ["El gato.",
                                                                          "Casa roja"]
        assert list(engine._pipelines.values()) == [pipe]  # the same process served both
        pipe.proc.kill()
        pipe.proc.wait()
        assert engine.translate(["The dog."], "en", "es") == ["El perro."]
    assert engine._pipelines == {}


def _desk_rows() -> list[list[str]]:
    text = (DATA / "desk_sentences.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("direction", ["en-es", "es-en"])
def test_desk_sentences_every_term_holds(engine: ApertiumEngine, direction: str) -> None:
    from translate.enforce import Status, translate_segments

    src, tgt = direction.split("-")
    rows = [r for r in _desk_rows() if r[0] == direction]
    assert len(rows) >= 20
    desk = load_glossary([default_terms_dir()])
    results = translate_segments([r[1] for r in rows], src, tgt,  # type: ignore[arg-type]
                                 engine=engine, glossary=desk)
    for row, res in zip(rows, results, strict=True):
        found = {t.entry_id for t in res.terms}
        assert set(row[2].split(",")) <= found, (row[1], found)
        failed = [(t.entry_id, t.reason) for t in res.terms if t.status is Status.FAILED]
        assert not failed, (row[1], res.output, failed)


@given(st.text(max_size=60).filter(lambda t: "\0" not in t and "\r" not in t))
def test_stream_round_trip_property(text: str) -> None:
    assert from_stream(to_stream(text)) == text


def test_regular_spanish_verb_apertium_lacks_is_conjugated(engine: ApertiumEngine,
                                                           small: Glossary) -> None:
    from glossary.model import Entry, Pos

    seize = Entry("seize-test", "seize", "decomisar", pos=Pos.VERB)
    glossary = Glossary((*small.entries, seize))
    out = engine.translate(["The army seizes drugs.", "They will seize it."], "en", "es",
                           glossary=glossary)
    assert out == ["El ejército decomisa drogas.", "Lo decomisarán."]


@pytest.mark.parametrize(("lemma", "model", "lang", "expected"), [
    ("declararse culpable", "abogó", "es", "se declaró culpable"),
    ("declararse culpable", "Abogamos", "es", "Nos declaramos culpable"),  # the clitic's person
    ("declararse culpable", "acusé", "es", "me declaré culpable"),
    ("declararse culpable", "abogar", "es", "declararse culpable"),
    ("extraditar", "Cogieron", "es", "Extraditaron"),
    ("plead guilty", "argued", "en", "pleaded guilty"),
    ("xyzar", "abogó", "es", None),
])
def test_conjugate_like(engine: ApertiumEngine, lemma: str, model: str, lang: str,
                        expected: str | None) -> None:
    assert engine.conjugate_like(lemma, model, lang) == expected  # type: ignore[arg-type]


def test_missing_verb_repaired_conjugated_through_a_stand_in(engine: ApertiumEngine) -> None:
    from glossary.model import Entry, Pos
    from translate.enforce import translate_segments

    plead = Entry("plead-not-guilty", "plead not guilty", "declararse no culpable",
                  pos=Pos.VERB)
    sources = ["His clients will plead not guilty.",
               # a compound tense: the clitic goes before the auxiliary (it came out
               # "Los dos hombres haber declararse no culpable")
               "The two men have pleaded not guilty.",
               "The man has pleaded not guilty."]
    results = translate_segments(sources, "en", "es", engine=engine, glossary=Glossary((plead,)))
    # the adjective agrees with the plural subject (issue 3: "no culpable" throughout)
    assert [r.output for r in results] == ["Sus clientes se declararán no culpables.",
                                           "Los dos hombres se han declarado no culpables.",
                                           "El hombre se ha declarado no culpable."]
    assert [r.terms[0].method for r in results] == ["placeholder-verb"] * 3


def test_stand_in_infinitive_agrees_with_the_governing_verb(engine: ApertiumEngine) -> None:
    """Issue 3: with no forbidden rendering to replace, only the stand-in repair puts the
    term in; an infinitive after the verb that governs it showed no number, so the adjective
    stayed singular ("Quieren declararse culpable") and the pronoun third person
    ("Queremos declararse culpable")."""
    from glossary.model import Entry, Pos
    from translate.enforce import translate_segments

    plead = Entry("plead-guilty", "plead guilty", "declararse culpable", pos=Pos.VERB)
    sources = ["They want to plead guilty.", "We want to plead guilty.",
               "I want to plead guilty.", "He wants to plead guilty."]
    results = translate_segments(sources, "en", "es", engine=engine, glossary=Glossary((plead,)))
    assert [r.output for r in results] == ["Quieren declararse culpables.",
                                           "Queremos declararnos culpables.",
                                           "Quiero declararme culpable.",
                                           "Quiere declararse culpable."]
    assert [r.terms[0].method for r in results] == ["placeholder-verb"] * 4


@pytest.mark.parametrize(("word", "expected"), [
    ("Queremos", ("p1", "pl")), ("Podemos", ("p1", "pl")),  # poder is only a modal
    ("apalabraron", ("p3", "pl")), ("Quiero", ("p1", "sg")),
    ("aboga", ("", "sg")),  # a present or an imperative: finite, person not told
    ("como", None), ("hombres", None), ("esperados", None), ("declarar", None),
])
def test_person_of(engine: ApertiumEngine, word: str, expected: tuple[str, str] | None
                   ) -> None:
    assert engine.person_of(word, "es") == expected
    assert engine.person_of(word, "en") is None


@pytest.mark.parametrize(("model", "src", "tag", "expected"), [
    ("indicted", "en", "past", ("disembarked", "desembarcar")),  # the analyser lacks indict
    ("Acquits", "en", "verb", ("Disembarks", "desembarcar")),
    ("pleaded", "en", "", ("disembarked", "desembarcar")),  # known: the tag is not needed
    ("indicted", "en", "", None),
    ("acusado", "es", "part", ("desembarcado", "disembark")),
    ("xyzó", "es", "verb", None),  # a Spanish finite form: the tag names no single form
])
def test_verb_stand_in_by_the_glossary_tag(engine: ApertiumEngine, model: str, src: str,
                                           tag: str, expected: tuple[str, str] | None
                                           ) -> None:
    tgt = "es" if src == "en" else "en"
    assert engine.verb_stand_in(model, src, tgt, tag) == expected  # type: ignore[arg-type]


AGREEMENT = DATA / "verb-agreement"
INFLECTION = DATA / "verb-inflection"


def _agreement_cases(folder: Path = AGREEMENT) -> list[tuple[str, str, str, str]]:
    cases = []
    for path in sorted(folder.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                direction, source, expected = line.split("\t")
                cases.append((path.stem, direction, source, expected))
    return cases


@pytest.mark.parametrize(("defect", "direction", "source", "expected"), _agreement_cases(),
                         ids=[f"{c[0]}:{c[2]}" for c in _agreement_cases()])
def test_verb_term_agrees_with_its_subject(engine: ApertiumEngine, defect: str,
                                           direction: str, source: str, expected: str) -> None:
    """Golden files per defect (issue 3): a verb term's adjective agrees with the subject
    the conjugated verb shows, with the desk glossary and Apertium as shipped."""
    from translate.enforce import Status, translate_segments

    src, tgt = direction.split("-")
    desk = load_glossary([default_terms_dir()])
    (res,) = translate_segments([source], src, tgt, engine=engine,  # type: ignore[arg-type]
                                glossary=desk)
    assert res.output == expected
    assert [t.entry_id for t in res.terms if t.entry_id.startswith("plead")]
    assert all(t.status is not Status.FAILED for t in res.terms)


@pytest.mark.parametrize(("defect", "direction", "source", "expected"),
                         _agreement_cases(INFLECTION),
                         ids=[f"{c[0]}:{c[2]}" for c in _agreement_cases(INFLECTION)])
def test_verb_term_conjugated_not_an_infinitive(engine: ApertiumEngine, defect: str,
                                                direction: str, source: str, expected: str
                                                ) -> None:
    """Golden files per defect (issue 3): a verb term comes out conjugated like the source
    verb (not as its infinitive) and without a stray blank, with the desk glossary and
    Apertium as shipped."""
    from glossary.model import Pos
    from translate.enforce import Status, translate_segments

    src, tgt = direction.split("-")
    desk = load_glossary([default_terms_dir()])
    (res,) = translate_segments([source], src, tgt, engine=engine,  # type: ignore[arg-type]
                                glossary=desk)
    assert res.output == expected
    verbs = [t for t in res.terms if desk[t.entry_id].pos is Pos.VERB]
    assert verbs and all(t.status is not Status.FAILED for t in res.terms)
    assert all(t.target_form is not None and t.target_form in res.output for t in verbs)


@pytest.mark.parametrize(("words", "models", "lang", "expected"), [
    ("no culpable", ["han"], "es", "no culpables"),  # haber's number
    ("culpable", ["abogaron"], "es", "culpables"),
    ("culpable", ["abogó"], "es", "culpable"),  # singular stays
    ("no culpable", ["haber", "no", "culpables"], "es", "no culpables"),  # the words shown
    ("limpio", ["declaradas"], "es", "limpias"),  # a participle shows gender too
    ("inocente", ["Declararon"], "es", "inocentes"),
    ("testimonio", ["rindieron"], "es", "testimonio"),  # a noun: its own number
    ("formalmente", ["acusaron"], "es", "formalmente"),
    ("culpable", ["haber"], "es", None),  # no number shown
    ("guilty", ["pleaded"], "en", "guilty"),  # nothing agrees in English
])
def test_agree_like(engine: ApertiumEngine, words: str, models: list[str], lang: str,
                    expected: str | None) -> None:
    assert engine.agree_like(words, models, lang) == expected  # type: ignore[arg-type]


def test_agreement_is_kept_for_the_next_run(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Like conjugations, an agreement is asked of lt-proc once, not at every run."""
    assert ApertiumEngine(home=tmp_path).agree_like("no culpable", ["han"], "es") \
        == "no culpables"

    def no_lt_proc(*args: object, **kwargs: object) -> object:
        raise AssertionError("an agreement asked before must come from the cache")

    monkeypatch.setattr("translate.engines.apertium._lt_proc", no_lt_proc)
    assert ApertiumEngine(home=tmp_path).agree_like("no culpable", ["han"], "es") \
        == "no culpables"


def test_warm_cache_knows_its_forced_entries_without_asking_apertium(
        home: Path, small: Glossary, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = ApertiumEngine(home=home)
    cold.translate(["The cartel."], "en", "es", glossary=small)
    expected = cold.forced_entries(small, "en", "es")
    cold.close()
    assert expected

    def no_lt_proc(*args: object, **kwargs: object) -> object:
        raise AssertionError("a warm cache must not query lt-proc about verbs")

    monkeypatch.setattr("translate.engines.apertium.conjugated_verbs", no_lt_proc)
    with ApertiumEngine(home=home) as warm:
        warm.translate(["The cartel."], "en", "es", glossary=small)
        assert warm.forced_entries(small, "en", "es") == expected


def test_conjugations_are_kept_for_the_next_run(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A repaired verb's conjugation is asked of lt-proc once, not at every run (each ask is
    a process loading a 33 MB analyser: the peak of `glosa translate`'s memory on NTREX)."""
    first = ApertiumEngine(home=tmp_path)
    assert first.conjugate_like("declararse culpable", "abogó", "es") == "se declaró culpable"
    assert first.conjugate_like("xyzar", "abogó", "es") is None

    def no_lt_proc(*args: object, **kwargs: object) -> object:
        raise AssertionError("a conjugation asked before must come from the cache")

    monkeypatch.setattr("translate.engines.apertium._lt_proc", no_lt_proc)
    second = ApertiumEngine(home=tmp_path)
    assert second.conjugate_like("declararse culpable", "abogó", "es") == "se declaró culpable"
    assert second.conjugate_like("xyzar", "abogó", "es") is None


# The pipeline glosa starts itself: the mode file's programs, without the apertium script.

_TRICKY = ["The Sinaloa cartel denied it.", "Two drug lords met Xqzzy in Oct.", "",
           "a [b] {c} \\d ^e$ @f /g <h> ~i", "Line one\nline two", "I didn't leak.",
           "He said: «no» -- 'yes' & 100% (maybe)."]


@pytest.mark.parametrize(("src", "tgt"), [("en", "es"), ("es", "en")])
def test_direct_pipeline_translates_as_the_apertium_script(engine: ApertiumEngine,
                                                           small: Glossary, src: str,
                                                           tgt: str) -> None:
    import subprocess

    from translate.engines.apertium import pair_name
    from translate.engines.prestart import PIPELINE_ENV

    for glossary in (None, small):
        datadir = engine._datadir_for(glossary, src, tgt)  # type: ignore[arg-type]
        cmd = engine._command(src, tgt, datadir)  # type: ignore[arg-type]
        assert cmd[:2] == ["sh", "-c"] and "apertium " not in cmd[2]
        assert "wblank" not in cmd[2] and cmd[2].count(" -z") == cmd[2].count("|") + 1
        script = engine._script_command(src, tgt, datadir)  # type: ignore[arg-type]
        assert script[0] == "apertium"
        payload = "".join(to_stream(s) + "\n\0" for s in _TRICKY).encode("utf-8")
        outs = [subprocess.run(c, input=payload, capture_output=True, check=True,
                               env={**os.environ, **PIPELINE_ENV}).stdout
                for c in (cmd, script)]
        assert outs[0] == outs[1], pair_name(src, tgt)  # type: ignore[arg-type]
        chunks = outs[0].split(b"\0")  # the end of input adds empty chunks
        assert len(chunks) > len(_TRICKY) and not b"".join(chunks[len(_TRICKY):]).strip()
        assert b"*" not in outs[0] and b"Xqzzy" in chunks[1]


def test_direct_pipeline_is_apertiums_null_flush_mode_without_wblank_stages() -> None:
    import subprocess

    from translate.engines.apertium import SYSTEM_DATADIR, direct_pipeline

    if shutil.which("apertium-wblank-mode") is None:
        pytest.skip("apertium-wblank-mode is not installed")
    for pair in ("eng-spa", "spa-eng"):
        mode = SYSTEM_DATADIR / "modes" / f"{pair}.mode"
        theirs = subprocess.run(["apertium-wblank-mode", "-z", str(mode)], capture_output=True,
                                text=True, check=True).stdout
        stages = [s.split() for s in theirs.replace("'", "").replace("$1", "-n")
                  .replace(" $2", "").split("|") if "wblank" not in s]
        ours = direct_pipeline(mode.read_text(encoding="utf-8"))
        assert ours is not None
        assert [s.split() for s in ours.split("|")] == stages


def test_a_mode_file_with_other_programs_runs_through_the_apertium_script(
        tmp_path: Path) -> None:
    from translate.engines.apertium import SYSTEM_DATADIR

    (tmp_path / "modes").mkdir()
    system = (SYSTEM_DATADIR / "modes" / "eng-spa.mode").read_text(encoding="utf-8")
    (tmp_path / "modes" / "eng-spa.mode").write_text(
        system.replace("| apertium-pretransfer", "| cg-proc x.bin | apertium-pretransfer"),
        encoding="utf-8")
    engine = ApertiumEngine(home=tmp_path, datadir=tmp_path)
    assert engine._command("en", "es", None) == ["apertium", "-f", "none", "-u", "-z", "-d",
                                                 str(tmp_path), "eng-spa"]


def test_bilingual_entries_read_the_source_first_and_translate_as_aligned_ones(
        tmp_path: Path, small: Glossary) -> None:
    """The user bilingual dictionary is written source-first (cheaper to follow, see
    ``_bi_entry``); it must give ``lt-proc -b`` exactly what the entries lined up letter by
    letter give, for the glossary's own words, words that begin like them, and other words."""
    import re
    import subprocess

    from translate.engines.apertium import SYSTEM_DATADIR

    source_first = build_user_dictionaries(small, "en", "es").bilingual
    assert "<r/></p><p><l/>" in source_first
    aligned = re.sub(r"<p><l>(.*?)</l><r/></p><p><l/><r>(.*?)</r></p>",
                     r"<p><l>\1</l><r>\2</r></p>", source_first)
    assert aligned != source_first and "<r/>" not in aligned
    system = SYSTEM_DATADIR / "apertium-eng-spa" / "eng-spa.autobil.bin"
    words = ["^drug lord<n><sg>$", "^drug lord<n><pl>$", "^drug<n><sg>$", "^drug lo<n><sg>$",
             "^Drug lord<n><sg>$", "^house<n><sg>$", "^House<n><pl>$", "^Sinaloa Cartel<np><al>$",
             "^Sinaloa<np><loc>$", "^oust<vblex><past>$", "^awaiting trial<adv>$",
             "^awaiting<vblex><ger>$", "^A\\&B \\<Group\\><np><al>$", "^dog<n><sg>$",
             "^the<det><def>$"]
    outputs = []
    for name, dix in (("first", source_first), ("aligned", aligned)):
        (tmp_path / f"{name}.dix").write_text(dix, encoding="utf-8")
        for cmd in (["lt-comp", "lr", f"{name}.dix", f"{name}.user.bin"],
                    ["lt-append", str(system), f"{name}.user.bin", f"{name}.bin"]):
            subprocess.run(cmd, cwd=tmp_path, check=True, capture_output=True)
        outputs.append(subprocess.run(
            ["lt-proc", "-z", "-b", f"{name}.bin"], cwd=tmp_path, check=True,
            capture_output=True, input=" ".join(words).encode() + b"\0",
            env={**os.environ, "LC_ALL": "C.UTF-8"}).stdout.decode())
    assert outputs[0] == outputs[1]
    assert "/capo<n><m><sg>" in outputs[0] and "/cártel de Sinaloa<np><al><m>" in outputs[0]
    assert "^house<n><sg>/vivienda<n><f><sg>/casa<n><f><sg>" in outputs[0]  # glossary first
    assert "/Grupo A&B<np><al><m>" in outputs[0]
