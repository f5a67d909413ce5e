"""Apertium (eng-spa / spa-eng) as a glosa engine, with the glossary as user dictionaries.

How a batch is translated: the segments are written as Apertium stream text separated by NUL
bytes to a long-running pipeline, the one ``apertium -f none -u -z PAIR`` runs, started by
glosa itself without the script's pass-through wrappers (:func:`direct_pipeline`; ``-z``
makes every tool of the pipeline treat NUL as a hard boundary, so no segment's words leak
into the next one), and the output is cut at the NULs. With lttoolbox 3.7.1 ``lt-proc -b``
holds the last chunks back until more bytes arrive, so every batch is followed by marker
chunks (see :class:`Pipeline`).
If the persistent pipeline misbehaves, the batch runs in a pipeline of its own. Never one
process per sentence.

How the glossary gets in: its entries become three small dictionaries in the ``.dix`` format
(source analyser, bilingual, target generator), compiled with ``lt-comp`` and appended to the
pair's own with ``lt-append``, plus a copy of the pair's mode file pointing at them. The
bilingual entries carry a negative weight so ``lt-proc -b`` lists them before the pair's own
translations (transfer takes the first). Nouns get singular and plural entries in all three
dictionaries, so "two drug lords" becomes "dos capos" with agreement done by Apertium's
transfer rules. Everything compiled is cached under ``$GLOSA_HOME/apertium/`` keyed by the
glossary's content hash; an unchanged glossary is never recompiled.

What the dictionaries cannot do (verbs, adjectives, terms the tagger reads otherwise) is left
to ``translate.enforce``, which verifies every term and repairs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import EngineError
from glossary.model import Entry, Gender, Glossary, Lang, Pos
from translate.engines.base import Requirement
from translate.engines.pipeline import RESERVED as _SPECIAL
from translate.engines.pipeline import (  # noqa: F401  (re-exported: the engine's API)
    Pipeline,
    PipelineBatch,
    _end_process,
    batch_timeout,
    from_stream,
    to_stream,
)
from translate.engines.prestart import PIPELINE_ENV, kill_process
from translate.home import glosa_home

if TYPE_CHECKING:
    from translate.engines.conjugations import ConjugationStore
    from translate.lexicon import BilingualLexicon

#: Apertium's name for each translation direction glosa supports.
PAIRS: dict[tuple[str, str], str] = {("en", "es"): "eng-spa", ("es", "en"): "spa-eng"}
#: What to install when Apertium is missing (Debian/Ubuntu).
INSTALL_HINT = "sudo apt-get install apertium apertium-eng-spa lttoolbox-dev"
SYSTEM_DATADIR = Path(os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium"))
#: Part of the cache key: bump it when the dictionaries built from the same glossary change.
COMPILER_VERSION = 5
#: In a compiled glossary's folder: the ids of the entries its dictionaries force, one a line
#: (so a run with a warm cache need not ask Apertium which verbs it conjugates again).
FORCED_FILE = "forced-entries.txt"
#: Compiled glossaries kept per direction (older ones are removed).
CACHE_KEEP = 24
_USER_WEIGHT = "-10"


def pair_name(src: Lang, tgt: Lang) -> str:
    """``eng-spa`` for en->es; an :class:`EngineError` for a pair Apertium does not do here."""
    try:
        return PAIRS[(src, tgt)]
    except KeyError:
        raise EngineError(
            f"unknown language pair {src}->{tgt}: apertium translates en->es and es->en"
        ) from None


# --------------------------------------------------------------------------------------------
# User dictionaries from a glossary
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UserDictionaries:
    """The three ``.dix`` sources for one glossary and one direction."""

    pair: str
    analyser: str
    bilingual: str
    generator: str
    entries: tuple[str, ...]  # ids of the glossary entries compiled in
    skipped: tuple[str, ...]  # ids left to enforcement (verbs, adjectives...)


def _dix_text(text: str) -> str:
    """A surface or lemma for a ``.dix``: XML-escaped, spaces as ``<b/>``."""
    return "<b/>".join(_xml_escape(part, {'"': "&quot;"}) for part in text.split(" "))


def _xml_escape(text: str, entities: Mapping[str, str] | None = None) -> str:
    """``xml.sax.saxutils.escape``, imported only when a glossary is compiled (it pulls in
    ``urllib``, which every ``glosa translate`` would otherwise pay for at start-up)."""
    from xml.sax.saxutils import escape

    return escape(text, entities or {})


def _tags(*names: str) -> str:
    return "".join(f'<s n="{n}"/>' for n in names if n)


def _mono_entry(surface: str, lemma: str, tags: Sequence[str], weight: str = "") -> str:
    w = f' w="{weight}"' if weight else ""
    return f"<e{w}><p><l>{_dix_text(surface)}</l><r>{_dix_text(lemma)}{_tags(*tags)}</r></p></e>"


def _bi_entry(left: str, ltags: Sequence[str], right: str, rtags: Sequence[str]) -> str:
    """A bilingual entry as two pairs, the source read first with no output, then the
    translation written with no input (``cartel<n>:`` then ``:cártel<n><m>``).

    The same translation as one pair (``<l>cartel<n></l><r>cártel<n><m></r>``), at a lower
    cost: ``lt-comp`` lines the two sides up letter by letter, so entries whose sources share
    a beginning but whose translations differ (``drug lord``/``drug trafficker``) became
    separate paths from the first letter, and ``lt-proc -b`` followed each of them for every
    word that begins alike. Read first, they share one path until the sources part. Each
    source has one entry here, so the order of the outputs cannot change either (about 5% of
    the bilingual step's instructions on NTREX with the desk glossary; same output).

    >>> _bi_entry("drug lord", ("n",), "capo", ("n", "m")).split("<p>")[1:]
    ['<l>drug<b/>lord<s n="n"/></l><r/></p>', '<l/><r>capo<s n="n"/><s n="m"/></r></p></e>']
    """
    return (f'<e w="{_USER_WEIGHT}"><p><l>{_dix_text(left)}{_tags(*ltags)}</l><r/></p>'
            f"<p><l/><r>{_dix_text(right)}{_tags(*rtags)}</r></p></e>")


def _dictionary(entries: Iterable[str], alphabet: str, symbols: Iterable[str]) -> str:
    sdefs = "".join(f'<sdef n="{s}"/>' for s in sorted(set(symbols)))
    body = "\n".join(entries)
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dictionary>\n"
            f"<alphabet>{_xml_escape(alphabet)}</alphabet>\n<sdefs>{sdefs}</sdefs>\n"
            f'<section id="glosa" type="standard">\n{body}\n</section>\n</dictionary>\n')


_BASE_ALPHABET = ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                  "ÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜàáâäçèéêëìíîïñòóôöùúûü")
_SYMBOLS = ("n", "np", "al", "adv", "vblex", "sg", "pl", "sp", "m", "f", "mf", "nt",
            "inf", "ger", "pp", "pri", "ifi", "pii", "fti", "cni", "prs", "pis", "imp",
            "p1", "p2", "p3")
#: A verb's surface forms with their Apertium tags after ``<vblex>``.
Paradigm = tuple[tuple[str, tuple[str, ...]], ...]
_ES_VERB_TAGS: tuple[tuple[str, ...], ...] = (
    ("inf",), ("ger",), *[("pp", g, n) for g in ("m", "f") for n in ("sg", "pl")],
    *[(t, p, n) for t in ("pri", "ifi", "pii", "fti", "cni", "prs", "pis")
      for p in ("p1", "p2", "p3") for n in ("sg", "pl")],
    *[("imp", p, n) for p, n in (("p2", "sg"), ("p3", "sg"), ("p1", "pl"), ("p2", "pl"),
                                 ("p3", "pl"))],
)
_EN_VERB_TAGS: tuple[tuple[str, ...], ...] = (
    ("inf",), ("pres",), ("pri", "p3", "sg"), ("past",), ("pp",), ("ger",),
)
#: ``glossary.forms`` verb tags that name one form, as Apertium tags (English ``past`` is
#: past or participle alike for a regular verb; the engine reads which in context).
_FORM_TAGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("en", "inf"): ("inf",), ("en", "verb"): ("pri", "p3", "sg"), ("en", "past"): ("past",),
    ("en", "ger"): ("ger",), ("es", "inf"): ("inf",), ("es", "ger"): ("ger",),
    ("es", "part"): ("pp", "m", "sg"), ("es", "part-f"): ("pp", "f", "sg"),
    ("es", "part-pl"): ("pp", "m", "pl"), ("es", "part-fpl"): ("pp", "f", "pl"),
}
#: Regular Spanish verbs Apertium conjugates, one per ending whose spelling changes alike
#: (sacar -> saque, pagar -> pague, cazar -> cace); other endings (-cer, -ger, -uir...) have
#: irregular spellings and are left to enforcement.
_ES_MODELS: tuple[tuple[str, str], ...] = (
    ("car", "sacar"), ("gar", "pagar"), ("zar", "cazar"), ("guar", ""), ("ger", ""), ("gir", ""),
    ("cer", ""), ("cir", ""), ("uir", ""), ("ar", "usar"), ("er", "temer"), ("ir", "vivir"),
)


def _forms(entry: Entry, lang: Lang) -> dict[str, tuple[str, str]]:
    """Accepted forms of ``entry`` in ``lang`` -> (lemma, tag), from the glossary's own rules."""
    from glossary.forms import tagged_forms

    return tagged_forms(entry, lang)


def _gender(entry: Entry) -> str:
    return entry.gender.value if entry.gender else Gender.M.value


def build_user_dictionaries(glossary: Glossary, src: Lang, tgt: Lang,
                            verbs: Collection[str] | Mapping[str, Paradigm] = ()
                            ) -> UserDictionaries:
    """The glossary's entries for ``src -> tgt`` as analyser, bilingual and generator ``.dix``.

    Nouns (sg + pl), proper nouns and fixed phrases are compiled in. Verbs listed in ``verbs``
    (ids of entries whose two lemmas Apertium's own analyser and generator already conjugate,
    see :func:`conjugated_verbs`) get a bilingual entry, so Apertium inflects them; when
    ``verbs`` maps an id to a Spanish paradigm (a regular verb Apertium does not know), its
    forms go into the Spanish analyser or generator too. Other
    parts of speech are listed in ``skipped`` and left to enforcement.
    """
    pair = pair_name(src, tgt)
    analyser: list[str] = []
    bilingual: list[str] = []
    generator: list[str] = []
    compiled: list[str] = []
    skipped: list[str] = []
    letters: set[str] = set()
    seen_bi: set[tuple[str, str]] = set()
    for entry in glossary.for_direction(src, tgt):
        if entry.pos is Pos.VERB and entry.id in verbs:
            paradigm = verbs[entry.id] if isinstance(verbs, Mapping) else ()
            spanish = entry.term("es")
            for surface, tags in paradigm:
                line = _mono_entry(surface, spanish, ("vblex", *tags), _USER_WEIGHT)
                (generator if tgt == "es" else analyser).append(line)
                letters.update(surface)
            key = (entry.term(src), "vblex")
            if key not in seen_bi:
                seen_bi.add(key)
                bilingual.append(_bi_entry(entry.term(src), ("vblex",), entry.term(tgt),
                                           ("vblex",)))
            compiled.append(entry.id)
            continue
        if entry.pos not in (Pos.NOUN, Pos.PROPER, Pos.PHRASE):
            skipped.append(entry.id)
            continue
        src_lemma = entry.term(src)
        tgt_lemma = entry.term(tgt)
        if not src_lemma.strip() or not tgt_lemma.strip():
            skipped.append(entry.id)
            continue
        src_forms = _forms(entry, src)
        tgt_forms = {form: tag for form, (lemma, tag) in _forms(entry, tgt).items()
                     if lemma == tgt_lemma}
        gender = _gender(entry)
        if entry.pos is Pos.PHRASE:
            stags: tuple[str, ...] = ("adv",)
            for form, (_lemma, tag) in src_forms.items():
                if tag == "base":
                    analyser.append(_mono_entry(form, src_lemma, stags, _USER_WEIGHT))
                    letters.update(form)
            key = (src_lemma, "adv")
            if key not in seen_bi:
                seen_bi.add(key)
                bilingual.append(_bi_entry(src_lemma, stags, tgt_lemma, stags))
            generator.append(_mono_entry(tgt_lemma, tgt_lemma, stags, _USER_WEIGHT))
            compiled.append(entry.id)
            continue
        if entry.pos is Pos.PROPER:
            head: tuple[str, ...] = ("np", "al")
        else:
            head = ("n",)
        src_gender: tuple[str, ...] = (gender,) if src == "es" else ()
        # analyser: every accepted source form -> the preferred source lemma
        for form, (_lemma, tag) in src_forms.items():
            if tag not in ("sg", "pl"):
                continue
            analyser.append(_mono_entry(form, src_lemma, (*head, *src_gender, tag), _USER_WEIGHT))
            letters.update(form)
        # bilingual: lemma + head tags (+ gender for Spanish) -> target lemma + tags
        tgt_gender: tuple[str, ...] = (gender,) if tgt == "es" else ()
        key = (src_lemma, ".".join(head))
        if key not in seen_bi:
            seen_bi.add(key)
            bilingual.append(_bi_entry(src_lemma, (*head, *src_gender),
                                       tgt_lemma, (*head, *tgt_gender)))
        # generator: target lemma + tags -> surface, both numbers where there are both
        plural = next((f for f, t in tgt_forms.items() if t == "pl"), None)
        numbers = {"sg": tgt_lemma, "pl": plural or tgt_lemma, "sp": tgt_lemma}
        if tgt == "es":
            gender_sets: list[tuple[str, ...]] = [(gender,)]
        else:
            # English generation: the Spanish gender may still ride along on proper nouns
            gender_sets = [(), ("m",), ("f",), ("mf",), ("nt",)] if entry.pos is Pos.PROPER \
                else [()]
        for gset in gender_sets:
            for number, surface in numbers.items():
                generator.append(_mono_entry(surface, tgt_lemma, (*head, *gset, number),
                                             _USER_WEIGHT))
        compiled.append(entry.id)
    alphabet = "".join(sorted(set(_BASE_ALPHABET) | {c for c in letters if c.isalpha()}))
    return UserDictionaries(
        pair=pair,
        analyser=_dictionary(analyser, alphabet, _SYMBOLS),
        bilingual=_dictionary(bilingual, "", _SYMBOLS),
        generator=_dictionary(generator, alphabet, _SYMBOLS),
        entries=tuple(compiled),
        skipped=tuple(skipped),
    )


# --------------------------------------------------------------------------------------------
# Compiling and caching
# --------------------------------------------------------------------------------------------

def _run(cmd: Sequence[str], what: str) -> None:
    proc = subprocess.run(list(cmd), capture_output=True, text=True)
    if proc.returncode != 0:
        raise EngineError(f"{what} failed ({' '.join(cmd)}): {proc.stderr.strip()[:500]}")


def _require_tools(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        raise EngineError(
            f"apertium engine not available: {', '.join(missing)} not found; "
            f"install it with `{INSTALL_HINT}`"
        )


def system_mode_file(pair: str, datadir: Path = SYSTEM_DATADIR) -> Path:
    """The installed mode file of ``pair``; an :class:`EngineError` says what to install."""
    mode = datadir / "modes" / f"{pair}.mode"
    if not mode.is_file():
        raise EngineError(
            f"Apertium language data for {pair} is not installed ({mode} missing); "
            f"install it with `{INSTALL_HINT}`"
        )
    return mode


def conjugated_verbs(glossary: Glossary, src: Lang, tgt: Lang,
                     datadir: Path = SYSTEM_DATADIR) -> dict[str, Paradigm]:
    """Single-word verb entries Apertium can inflect, mapped to the Spanish forms glosa must
    add (empty when the pair already conjugates the Spanish verb).

    The English verb must be known to the pair's English analyser (en->es) or generator
    (es->en). A Spanish verb the pair does not know gets the forms of a regular model verb of
    the same ending (``decomisar`` like ``usar``), generated by Apertium itself.
    """
    pair = pair_name(src, tgt)
    cands = [e for e in glossary.for_direction(src, tgt) if e.pos is Pos.VERB
             and " " not in e.en.strip() and " " not in e.es.strip() and e.en and e.es
             and not e.es.endswith("se")]
    if not cands:
        return {}
    mode_text = system_mode_file(pair, datadir).read_text(encoding="utf-8")
    analyser = _bin_in_mode(mode_text, f"{pair}.automorf.bin")
    generator = _bin_in_mode(mode_text, f"{pair}.autogen.bin")
    if src == "en":
        english = [("<vblex>" in a) for a in _lt_proc([analyser],
                                                     "".join(e.en + "\n" for e in cands))]
        known_es = [not g.startswith("#") and bool(g.strip()) for g in _lt_proc(
            ["-g", generator], "".join(_verb_request(e.es, ("inf",)) for e in cands))]
    else:
        english = [not g.startswith("#") and bool(g.strip()) for g in _lt_proc(
            ["-g", generator], "".join(_verb_request(e.en, ("inf",)) for e in cands))]
        known_es = [("<vblex>" in a) for a in _lt_proc([analyser],
                                                     "".join(e.es + "\n" for e in cands))]
    if len(english) != len(cands) or len(known_es) != len(cands):
        return {}
    out: dict[str, Paradigm] = {}
    wanted: list[tuple[Entry, str, str]] = []
    for e, en_ok, es_ok in zip(cands, english, known_es, strict=True):
        if not en_ok:
            continue
        if es_ok:
            out[e.id] = ()
            continue
        ending, model = next(((end, m) for end, m in _ES_MODELS if e.es.endswith(end)),
                             ("", ""))
        if model:
            wanted.append((e, ending, model))
    if wanted:
        # the model verbs' forms, generated by the eng-spa generator (it knows Spanish)
        es_generator = _bin_in_mode(system_mode_file("eng-spa", datadir).read_text("utf-8"),
                                    "eng-spa.autogen.bin")
        models = sorted({m for _e, _end, m in wanted})
        requests = "".join(_verb_request(m, tags) for m in models for tags in _ES_VERB_TAGS)
        forms = _lt_proc(["-g", es_generator], requests)
        if len(forms) == len(models) * len(_ES_VERB_TAGS):
            table = {m: forms[i * len(_ES_VERB_TAGS):(i + 1) * len(_ES_VERB_TAGS)]
                     for i, m in enumerate(models)}
            for e, ending, model in wanted:
                stem, model_stem = e.es[: -len(ending)], model[: -len(ending)]
                paradigm = tuple((stem + form[len(model_stem):], tags)
                                 for form, tags in zip(table[model], _ES_VERB_TAGS, strict=True)
                                 if form.startswith(model_stem) and not form.startswith("#"))
                if paradigm:
                    out[e.id] = paradigm
    return out


def _verb_request(lemma: str, tags: Sequence[str]) -> str:
    """One line for ``lt-proc -g``: ``^lemma<vblex><tag>...$``."""
    return "^" + _SPECIAL.sub(r"\\\1", lemma) + "<vblex>" + "".join(f"<{t}>" for t in tags) + "$\n"


def _lt_proc(args: Sequence[str], text: str) -> list[str]:
    try:
        proc = subprocess.run(["lt-proc", *args], input=text.encode("utf-8"),
                              capture_output=True)
    except FileNotFoundError:
        return []
    if proc.returncode != 0:
        return []
    return proc.stdout.decode("utf-8", "replace").splitlines()


def compile_glossary(glossary: Glossary, src: Lang, tgt: Lang, *,
                     home: Path | None = None, datadir: Path = SYSTEM_DATADIR) -> Path:
    """Compile ``glossary`` for ``src -> tgt`` (or reuse the cache); return the data dir to
    pass to ``apertium -d``."""
    pair = pair_name(src, tgt)
    root = (home or glosa_home()) / "apertium" / pair
    target = root / f"{glossary.content_hash}-c{COMPILER_VERSION}"
    if (target / "modes" / f"{pair}.mode").is_file():
        os.utime(target)
        return target
    _require_tools("lt-comp", "lt-append")
    mode_text = system_mode_file(pair, datadir).read_text(encoding="utf-8")
    dicts = build_user_dictionaries(glossary, src, tgt,
                                    conjugated_verbs(glossary, src, tgt, datadir))
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
    try:
        (work / "modes").mkdir()
        parts = {"automorf": ("lr", dicts.analyser), "autobil": ("lr", dicts.bilingual),
                 "autogen": ("rl", dicts.generator)}
        for name, (direction, source) in parts.items():
            system_bin = _bin_in_mode(mode_text, f"{pair}.{name}.bin")
            dix = work / f"user.{name}.dix"
            dix.write_text(source, encoding="utf-8")
            _run(["lt-comp", direction, str(dix), str(work / f"user.{name}.bin")],
                 f"compiling the glossary ({name})")
            merged = work / f"{pair}.{name}.bin"
            _run(["lt-append", system_bin, str(work / f"user.{name}.bin"), str(merged)],
                 f"merging the glossary ({name})")
            mode_text = mode_text.replace(f"'{system_bin}'", f"'{merged}'").replace(
                f" {system_bin}", f" '{merged}'")
        final_mode = mode_text.replace(str(work), str(target))
        (work / FORCED_FILE).write_text("".join(i + "\n" for i in dicts.entries), "utf-8")
        (work / "modes" / f"{pair}.mode").write_text(final_mode, encoding="utf-8")
        try:
            os.rename(work, target)
        except OSError:
            if not (target / "modes" / f"{pair}.mode").is_file():
                raise
            shutil.rmtree(work, ignore_errors=True)  # someone else built it meanwhile
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _prune(root)
    return target


#: Programs of a mode file that take ``-z`` (null flush) and run alike in a pipeline of glosa's
#: own; a mode file with any other program runs through the ``apertium`` script instead.
_NULL_FLUSH_PROGRAMS = frozenset({
    "lt-proc", "apertium-tagger", "apertium-pretransfer", "apertium-transfer",
    "apertium-interchunk", "apertium-postchunk", "lrx-proc",
})
_SHELL_SYNTAX = re.compile(r"[;&<>()`$*?{}\n\\]")


def direct_pipeline(mode_text: str) -> str | None:
    """The pipeline of a mode file as ``apertium -f none -u -z`` runs it, minus the script's
    wrappers: every program with ``-z``, unknown words unmarked (``$1`` is ``-n``), the
    tagger's optional flag (``$2``) empty; None when the mode file holds anything else than a
    plain pipeline of the programs glosa knows.

    What the script adds around it costs CPU for nothing here: ``cat`` three times and two
    ``gawk`` filters (which pass the text through unchanged unless ``AP_SETVAR`` is set; glosa
    runs the pipeline with its own environment), and ``apertium-wblank-attach``/``-detach``,
    which only act on word-bound blanks (``[[...]]``); glosa's stream never has one
    (:func:`to_stream` escapes every ``[`` of the text). Each of those seven processes read
    and wrote every segment, with a flush per NUL.

    >>> direct_pipeline("lt-proc 'a.bin' | apertium-tagger -g $2 'p' | lt-proc $1 'g.bin'")
    'lt-proc -z a.bin | apertium-tagger -z -g p | lt-proc -z -n g.bin'
    >>> direct_pipeline("lt-proc 'a.bin' | cg-proc 'x.bin'") is None
    True
    """
    import shlex

    lexer = shlex.shlex(mode_text, posix=True, punctuation_chars="|")
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:
        return None
    stages: list[list[str]] = [[]]
    for token in tokens:
        if token == "|":
            stages.append([])
        elif token == "$1":
            stages[-1].append("-n")
        elif token == "$2":
            continue
        elif _SHELL_SYNTAX.search(token) or set(token) == {"|"}:
            return None
        else:
            stages[-1].append(token)
    if any(not s or s[0] not in _NULL_FLUSH_PROGRAMS for s in stages):
        return None
    return " | ".join(" ".join(shlex.quote(a) for a in [s[0], "-z", *s[1:]]) for s in stages)


def pipeline_command(mode_file: Path) -> list[str] | None:
    """``sh -c`` running :func:`direct_pipeline` of ``mode_file`` (None: no such pipeline)."""
    try:
        pipeline = direct_pipeline(mode_file.read_text(encoding="utf-8"))
    except OSError:
        return None
    return None if pipeline is None else ["sh", "-c", pipeline]


def _bin_in_mode(mode_text: str, filename: str) -> str:
    m = re.search(r"'?(/[^' |]*/" + re.escape(filename) + r")'?", mode_text)
    if not m:
        raise EngineError(f"the Apertium mode file does not use {filename}; cannot add a glossary")
    return m.group(1)


_VERB_HEADS = frozenset({"vblex", "vbhaver", "vbser", "vbmod", "vaux"})


def _readings(analysis: str) -> list[tuple[str, list[str]]]:
    """``^han/haber<vbhaver><pri><p3><pl>$`` -> ``[("haber", ["vbhaver", "pri", "p3", "pl"])]``
    (an unknown word has none)."""
    body = analysis.strip().removeprefix("^").removesuffix("$")
    out = []
    for reading in body.split("/")[1:]:
        lemma, _sep, tags = reading.partition("<")
        if lemma.startswith("*") or not tags:
            continue
        out.append((lemma, re.findall(r"<([^>]+)>", "<" + tags)))
    return out


def _number_shown(analysis: str) -> tuple[str, str | None] | None:
    """The number, and gender where it shows, that a Spanish word gives what agrees with it:
    a finite verb or auxiliary its person's number, a participle or an adjective its own;
    None for an infinitive, a gerund or a word that is neither.

    >>> _number_shown("^han/haber<vbhaver><pri><p3><pl>$")
    ('pl', None)
    >>> _number_shown("^declaradas/declarar<vblex><pp><f><pl>$")
    ('pl', 'f')
    >>> _number_shown("^culpables/culpable<adj><mf><pl>/culpable<n><mf><pl>$")
    ('pl', None)
    >>> _number_shown("^haber/haber<vbhaver><inf>$") is None
    True
    """
    readings = _readings(analysis)
    for _lemma, tags in readings:  # a verb reading first: the word is there as a verb
        number = next((t for t in tags if t in ("sg", "pl")), None)
        if tags[0] not in _VERB_HEADS or number is None:
            continue
        if "pp" in tags:
            return number, next((t for t in tags if t in ("m", "f")), None)
        if any(t in ("p1", "p2", "p3") for t in tags):
            return number, None
    for _lemma, tags in readings:
        number = next((t for t in tags if t in ("sg", "pl")), None)
        if tags[0] == "adj" and number is not None:
            return number, next((t for t in tags if t in ("m", "f")), None)
    return None


def _person_shown(analysis: str) -> str | None:
    """``"p1 pl"`` when every reading of a word is a finite verb form, with the person and
    number they share ("" for one they do not: ``aboga`` is a present or an imperative,
    ``" sg"``); None when a reading is anything else.

    >>> _person_shown("^Queremos/Querer<vbmod><pri><p1><pl>/Querer<vblex><pri><p1><pl>$")
    'p1 pl'
    >>> _person_shown("^aboga/abogar<vblex><pri><p3><sg>/abogar<vblex><imp><p2><sg>$")
    ' sg'
    >>> _person_shown("^como/como<cnjadv>/comer<vblex><pri><p1><sg>$") is None
    True
    >>> _person_shown("^esperados/esperar<vblex><pp><m><pl>$") is None
    True
    """
    persons, numbers = set(), set()
    readings = _readings(analysis)
    for _lemma, tags in readings:
        person = next((t for t in tags if t in ("p1", "p2", "p3")), None)
        number = next((t for t in tags if t in ("sg", "pl")), None)
        if tags[0] not in _VERB_HEADS or person is None or number is None:
            return None
        persons.add(person)
        numbers.add(number)
    if not readings:
        return None
    return (persons.pop() if len(persons) == 1 else "") + " " + \
        (numbers.pop() if len(numbers) == 1 else "")


def _adjective_reading(analysis: str) -> tuple[str, str] | None:
    """The lemma and gender (m, f or mf) of a word's adjective reading, if it has one."""
    for lemma, tags in _readings(analysis):
        if tags[0] == "adj":
            return lemma, next((t for t in tags if t in ("m", "f", "mf")), "mf")
    return None


def _reflexive_clitic(tags: str) -> str:
    """The reflexive clitic of a finite verb's person: ``<p1><pl>`` -> ``nos``.

    >>> _reflexive_clitic("<ifi><p1><pl>"), _reflexive_clitic("<pri><p3><sg>")
    ('nos', 'se')
    """
    person = re.search(r"<(p[123])>(?:<[^>]+>)*?<(sg|pl)>", tags)
    if person is None:
        return "se"
    return {("p1", "sg"): "me", ("p2", "sg"): "te", ("p1", "pl"): "nos",
            ("p2", "pl"): "os"}.get((person.group(1), person.group(2)), "se")


#: Spanish object and reflexive pronouns that attach to an infinitive or gerund, longest first.
_ES_ENCLITICS = ("nos", "les", "los", "las", "me", "te", "se", "os", "lo", "la", "le")


def _accent_gerund(form: str) -> str:
    """A Spanish gerund as it is written with an enclitic (``desembarcando`` ->
    ``desembarcándo``, as in ``desembarcándole``); other forms unchanged.

    >>> _accent_gerund("desembarcando"), _accent_gerund("absolviendo"), _accent_gerund("ir")
    ('desembarcándo', 'absolviéndo', 'ir')
    """
    for plain, accented in (("ando", "ándo"), ("iendo", "iéndo"), ("yendo", "yéndo")):
        if form.endswith(plain):
            return form[: -len(plain)] + accented
    return form


def _match_initial(form: str, model: str) -> str:
    return form[:1].upper() + form[1:] if model[:1].isupper() else form


def _prune(root: Path, keep: int = CACHE_KEEP) -> None:
    """Keep the ``keep`` most recently used compiled glossaries of a direction."""
    dirs = [d for d in root.iterdir() if d.is_dir() and not d.name.startswith(".")]
    if len(dirs) <= keep:
        return
    dirs.sort(key=lambda d: d.stat().st_mtime, reverse=True)
    for old in dirs[keep:]:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchStats:
    """Timings of the last batch, for benchmarks."""

    segments: int
    compile_seconds: float
    translate_seconds: float


class _LtServer:
    """A long-running ``lt-proc -z`` (analyser or generator) answering one query per NUL;
    used for the few words repairs need, so they cost microseconds, not a process each."""

    def __init__(self, args: Sequence[str]) -> None:
        self.proc = subprocess.Popen(["lt-proc", "-z", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     env=dict(os.environ, **PIPELINE_ENV))

    def query(self, text: str, timeout: float = 10.0) -> list[str]:
        import select

        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(text.encode("utf-8") + b"\0")
        stdin.flush()
        buf = b""
        deadline = time.monotonic() + timeout
        while not buf.endswith(b"\0"):
            left = deadline - time.monotonic()
            ready, _w, _x = select.select([stdout.fileno()], [], [], max(left, 0))
            if not ready:
                raise EngineError("lt-proc did not answer")
            chunk = os.read(stdout.fileno(), 1 << 16)
            if not chunk:
                raise EngineError("lt-proc ended")
            buf += chunk
        return buf[:-1].decode("utf-8", "replace").splitlines()

    def close(self) -> None:
        _end_process(self.proc)


class EngineBatch:
    """A batch submitted to :class:`ApertiumEngine`: the persistent pipeline's
    :class:`PipelineBatch`, or, when there is none or it misbehaves, a pipeline of its own
    for this batch (run when the result is asked for)."""

    def __init__(self, engine: ApertiumEngine, cmd: Sequence[str], segments: Sequence[str],
                 pair: str, compile_seconds: float, pipe: Pipeline | None,
                 batch: PipelineBatch | None) -> None:
        self._engine = engine
        self._cmd = list(cmd)
        self._segments = list(segments)
        self._pair = pair
        self._compile_seconds = compile_seconds
        self._pipe = pipe
        self._batch = batch
        self._out: list[str] | None = None
        self._t0 = time.perf_counter()

    def __iter__(self) -> Iterator[str]:
        """The translations as they arrive (all of them when the pipeline behaves; else
        fewer, and :meth:`result` gives the authoritative list)."""
        if self._batch is not None and self._out is None:
            yield from self._batch
        else:
            yield from self.result()

    def result(self) -> list[str]:
        """Every translation, in order."""
        if self._out is None:
            out: list[str] | None = [] if not self._segments else None
            if self._batch is not None:
                try:
                    out = self._batch.result()
                except (EngineError, OSError):
                    self._engine._discard(self._cmd, self._pipe)
            if out is None:
                out = self._engine._run_once(self._cmd, self._segments, self._pair)
            self._out = out
            self._engine.last = BatchStats(len(self._segments), self._compile_seconds,
                                           time.perf_counter() - self._t0)
        return self._out


class ApertiumEngine:
    """Translate batches with Apertium; the glossary (when given) as user dictionaries."""

    name = "apertium"

    #: Pipelines kept running at once (one per glossary and direction; oldest closed first).
    MAX_PIPELINES = 2

    def __init__(self, *, home: Path | None = None, datadir: Path = SYSTEM_DATADIR,
                 use_dictionaries: bool = True, persistent: bool = True,
                 helpers: bool = False, dictd: Path | None = None,
                 mythes: Path | None = None) -> None:
        self.home = home
        self.datadir = datadir
        #: where FreeDict's dictd databases are (None: the system's, /usr/share/dictd)
        self.dictd = dictd
        #: where the English thesaurus is (None: the system's, /usr/share/mythes)
        self.mythes = mythes
        self.use_dictionaries = use_dictionaries
        self.persistent = persistent
        self.helpers = helpers
        self._pipelines: dict[tuple[str, ...], Pipeline] = {}
        self._commands: dict[Path, list[str]] = {}  # mode file -> the pipeline's command
        self._compiled: dict[str, Path] = {}  # pair -> the last compiled glossary's data dir
        self._lt: dict[tuple[str, ...], _LtServer] = {}
        self._conjugated: dict[tuple[str, str, str, str], str | None] = {}
        self._conjugations: ConjugationStore | None = None
        self._stand_in_cache: dict[str, list[str]] = {}
        self.last: BatchStats | None = None
        self._forced: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._lexicon: tuple[BilingualLexicon | None] | None = None

    def check(self, src: Lang, tgt: Lang) -> None:
        """Raise :class:`EngineError` saying what to install when the pair cannot run."""
        pair = pair_name(src, tgt)
        _require_tools("apertium", "lt-proc")
        system_mode_file(pair, self.datadir)

    def translate(
        self,
        segments: Sequence[str],
        src: Lang,
        tgt: Lang,
        *,
        glossary: Glossary | None = None,
        requirements: Sequence[Sequence[Requirement]] | None = None,
    ) -> list[str]:
        """One translation per segment, in order, from one Apertium pipeline."""
        return self.submit(segments, src, tgt, glossary=glossary).result()

    def start(self, src: Lang, tgt: Lang, glossary: Glossary | None = None
              ) -> list[str] | None:
        """Compile ``glossary`` (or find it cached) and start its pipeline now, so Apertium
        loads its dictionaries (about 0.3 s) while the caller still prepares the text; return
        the pipeline's command (None when pipelines are not kept running)."""
        self.check(src, tgt)
        if not self.persistent:
            return None
        cmd = self._command(src, tgt, self._datadir_for(glossary, src, tgt))
        try:
            self._pipeline(cmd)
        except OSError:
            pass  # submit() tries again and falls back to a pipeline per batch
        return cmd

    def submit(self, segments: Sequence[str], src: Lang, tgt: Lang, *,
               glossary: Glossary | None = None) -> EngineBatch:
        """Start translating ``segments`` and return at once: iterate the result to take the
        translations as they come out of the pipeline, or call its ``result()``."""
        self.check(src, tgt)
        t0 = time.perf_counter()
        datadir = self._datadir_for(glossary, src, tgt) if segments else None
        t1 = time.perf_counter()
        return self._submit(self._command(src, tgt, datadir), segments, pair_name(src, tgt),
                            t1 - t0)

    def _datadir_for(self, glossary: Glossary | None, src: Lang, tgt: Lang) -> Path | None:
        """The compiled glossary's data dir for ``apertium -d``; None for the pair's own."""
        if glossary is None or not self.use_dictionaries \
                or not len(glossary.for_direction(src, tgt)):
            return None
        datadir = compile_glossary(glossary, src, tgt, home=self.home, datadir=self.datadir)
        self._compiled[pair_name(src, tgt)] = datadir
        return datadir

    def _command(self, src: Lang, tgt: Lang, datadir: Path | None) -> list[str]:
        """The pipeline's own programs (:func:`pipeline_command`), or, for a mode file glosa
        cannot run itself, the ``apertium`` script."""
        mode = (datadir or self.datadir) / "modes" / f"{pair_name(src, tgt)}.mode"
        if mode not in self._commands:
            self._commands[mode] = pipeline_command(mode) or self._script_command(src, tgt,
                                                                                  datadir)
        return self._commands[mode]

    def _script_command(self, src: Lang, tgt: Lang, datadir: Path | None) -> list[str]:
        cmd = ["apertium", "-f", "none", "-u", "-z"]
        if datadir is not None:
            cmd += ["-d", str(datadir)]
        elif self.datadir != SYSTEM_DATADIR:
            cmd += ["-d", str(self.datadir)]
        cmd.append(pair_name(src, tgt))
        return cmd

    def _pipeline(self, cmd: Sequence[str]) -> Pipeline:
        """The running pipeline for ``cmd``, started if needed (oldest closed first)."""
        key = tuple(cmd)
        from translate.engines.prestart import adopt, adopt_early

        pipe = self._pipelines.pop(key, None) or adopt_early(cmd)
        if pipe is None or not pipe.alive():
            if pipe is not None:
                pipe.close()
            while len(self._pipelines) >= self.MAX_PIPELINES:
                self._pipelines.pop(next(iter(self._pipelines))).close()
            pipe = Pipeline(cmd, adopt(cmd))
        self._pipelines[key] = pipe  # most recently used last
        return pipe

    def _discard(self, cmd: Sequence[str], pipe: Pipeline | None) -> None:
        """Kill a pipeline that misbehaved; the next batch starts a fresh one."""
        if self._pipelines.get(tuple(cmd)) is pipe:
            del self._pipelines[tuple(cmd)]
        if pipe is not None:
            kill_process(pipe.proc)
            pipe.close()

    def run_pipeline(self, segments: Sequence[str], src: Lang, tgt: Lang,
                     datadir: Path | None = None) -> list[str]:
        """Translate ``segments`` with the persistent pipeline for ``datadir`` (started on
        first use), or, if that fails, with a fresh pipeline for this batch alone."""
        return self._submit(self._command(src, tgt, datadir), segments,
                            pair_name(src, tgt), 0.0).result()

    def _submit(self, cmd: Sequence[str], segments: Sequence[str], pair: str,
                compile_seconds: float) -> EngineBatch:
        pipe: Pipeline | None = None
        if self.persistent and segments:
            try:
                pipe = self._pipeline(cmd)
                batch = pipe.submit(segments, timeout=batch_timeout(segments))
                return EngineBatch(self, cmd, segments, pair, compile_seconds, pipe, batch)
            except (EngineError, OSError):
                self._discard(cmd, pipe)
        return EngineBatch(self, cmd, segments, pair, compile_seconds, None, None)

    def _run_once(self, cmd: Sequence[str], segments: Sequence[str], pair: str) -> list[str]:
        """One pipeline for this batch: write everything, close, cut the output at NULs."""
        # a sentence-final period right before NUL is dropped by the pipeline; a blank keeps it
        payload = "".join(to_stream(s) + "\n\0" for s in segments).encode("utf-8")
        try:
            proc = subprocess.run(list(cmd), input=payload, capture_output=True,
                                  env=dict(os.environ, **PIPELINE_ENV))
        except FileNotFoundError:
            raise EngineError(f"apertium not found; install it with `{INSTALL_HINT}`") from None
        if proc.returncode != 0:
            raise EngineError(f"apertium {pair} failed: "
                              f"{proc.stderr.decode('utf-8', 'replace').strip()[:500]}")
        chunks = proc.stdout.decode("utf-8", "replace").split("\0")
        if len(chunks) < len(segments):
            raise EngineError(f"apertium {pair} returned {len(chunks)} segments for "
                              f"{len(segments)}")
        return [from_stream(c).strip() for c in chunks[: len(segments)]]

    def conjugate_like(self, lemma: str, model: str, lang: Lang) -> str | None:
        """The verb ``lemma`` (first word; a Spanish ``-se`` is a reflexive clitic; the rest
        kept) in the tense, person and number of the verb form ``model``, by Apertium's own
        analyser and generator; None when either does not know the word.

        Used to repair a wrong verb in a translation: ``abogó`` + ``declararse culpable`` ->
        ``se declaró culpable``.
        """
        words = lemma.split()
        if not words or not model.strip():
            return None
        head, rest = words[0], words[1:]
        clitic = ""
        if lang == "es" and head.endswith("se") and len(head) > 4:
            head, clitic = head[:-2], "se"
        pair = "spa-eng" if lang == "es" else "eng-spa"
        other = "eng-spa" if lang == "es" else "spa-eng"
        try:
            analyser = _bin_in_mode(system_mode_file(pair, self.datadir).read_text("utf-8"),
                                    f"{pair}.automorf.bin")
            generator = _bin_in_mode(system_mode_file(other, self.datadir).read_text("utf-8"),
                                     f"{other}.autogen.bin")
            compiled = self._compiled.get(other)
            if compiled is not None and (compiled / f"{other}.autogen.bin").is_file():
                generator = str(compiled / f"{other}.autogen.bin")  # glossary verbs too
        except EngineError:
            return None
        key = (lemma, model, lang, generator)
        if key in self._conjugated:
            return self._conjugated[key]
        store = self._conjugation_store()
        stored_key = store.key(analyser, generator, lemma, model, lang)
        known, result = store.get(stored_key)
        if not known:
            result = self._conjugate(head, clitic, rest, model, analyser, generator)
            store.put(stored_key, result)
        self._conjugated[key] = result
        return result

    def _conjugation_store(self) -> ConjugationStore:
        """The answers of earlier runs (see ``translate.engines.conjugations``)."""
        if self._conjugations is None:
            from translate.engines.conjugations import FILENAME, ConjugationStore

            self._conjugations = ConjugationStore((self.home or glosa_home()) / "apertium"
                                                  / FILENAME)
        return self._conjugations

    def _conjugate(self, head: str, clitic: str, rest: Sequence[str], model: str,
                   analyser: str, generator: str) -> str | None:
        (analysis,) = self._lt_query([analyser], model.strip() + "\n")[:1] or [""]
        m = re.search(r"/[^/<$]+<vblex>((?:<[^>]+>)+)", analysis)
        if not m:
            return None
        tags = m.group(1)
        if clitic and ("<ger>" in tags or "<imp>" in tags or "<pp>" in tags):
            return None  # the clitic would move and change the accent: leave it (asked first,
            #              so the generator is not loaded for nothing)
        (form,) = self._lt_query(["-g", generator],
                           "^" + _SPECIAL.sub(r"\\\1", head) + "<vblex>" + tags + "$\n")[:1] or [""]
        form = form.strip()
        if not form or form.startswith("#") or "<" in form:
            return None
        if clitic:
            form = form + clitic if "<inf>" in tags else f"{_reflexive_clitic(tags)} {form}"
        if model[:1].isupper():
            form = form[:1].upper() + form[1:]
        return " ".join([form, *rest])

    def agree_like(self, words: str, models: Sequence[str], lang: Lang) -> str | None:
        """``words`` (what follows a verb term's verb: ``no culpable``) with each word that
        Apertium's analyser reads as an adjective in the number, and the gender where it
        shows, of the first of ``models`` that shows a number: a finite verb or auxiliary by
        its person's number (``han`` -> ``no culpables``), a participle or an adjective by
        its own number and gender. Singular and no feminine leaves ``words`` as they are, as
        does English (nothing there agrees); None when no model shows a number or the
        analyser or generator is missing. Answers are kept like conjugations.
        """
        if lang != "es" or not words.strip():
            return words
        models = [m for m in models if m.strip() and not _SPECIAL.search(m)]
        if not models:
            return None
        try:
            analyser = _bin_in_mode(system_mode_file("spa-eng", self.datadir)
                                    .read_text("utf-8"), "spa-eng.automorf.bin")
            generator = _bin_in_mode(system_mode_file("eng-spa", self.datadir)
                                     .read_text("utf-8"), "eng-spa.autogen.bin")
        except EngineError:
            return None
        question = "\t".join(models)
        key = ("agree " + words, question, lang, generator)
        if key in self._conjugated:
            return self._conjugated[key]
        store = self._conjugation_store()
        stored_key = store.key(analyser, generator, "agree " + words, question, lang)
        known, result = store.get(stored_key)
        if not known:
            result = self._agree(words, models, analyser, generator)
            store.put(stored_key, result)
        self._conjugated[key] = result
        return result

    def _agree(self, words: str, models: Sequence[str], analyser: str, generator: str
               ) -> str | None:
        tokens = words.split(" ")
        asked = [*models, *(t if not _SPECIAL.search(t) else "" for t in tokens)]
        lines = self._lt_query([analyser], "".join(a + "\n" for a in asked))
        if len(lines) != len(asked):
            return None
        shown = next((found for found in map(_number_shown, lines[:len(models)])
                      if found is not None), None)
        if shown is None:
            return None
        number, gender = shown
        if number == "sg" and gender != "f":
            return words  # the term is written singular, masculine: nothing to change
        adjectives = [_adjective_reading(line) for line in lines[len(models):]]
        requests = [(i, lemma, own if own == "mf" else (gender or own))
                    for i, found in enumerate(adjectives) if found is not None
                    for lemma, own in (found,)]
        if not requests:
            return words
        forms = self._lt_query(["-g", generator], "".join(
            "^" + _SPECIAL.sub(r"\\\1", lemma) + f"<adj><{g}><{number}>$\n"
            for _i, lemma, g in requests))
        if len(forms) != len(requests):
            return None
        out = list(tokens)
        for (i, _lemma, _g), form in zip(requests, forms, strict=True):
            form = form.strip()
            if form and not form.startswith("#") and "<" not in form:
                out[i] = _match_initial(form, tokens[i])
        return " ".join(out)

    def person_of(self, word: str, lang: Lang) -> tuple[str, str] | None:
        """The person and number (``("p1", "pl")``) of ``word`` when Apertium's analyser reads
        it only as a finite verb (``Queremos``, ``Podemos``, ``Van``; either is "" where its
        readings differ: ``aboga``, present or imperative, gives ``("", "sg")``); None for
        any other word (``como`` is also a conjunction), and in English. A verb that governs
        a reflexive infinitive gives it its pronoun (``queremos declararnos``). Answers are
        kept like conjugations."""
        if lang != "es" or not word.strip() or _SPECIAL.search(word) or " " in word.strip():
            return None
        try:
            analyser = _bin_in_mode(system_mode_file("spa-eng", self.datadir)
                                    .read_text("utf-8"), "spa-eng.automorf.bin")
        except EngineError:
            return None
        key = ("person", word, lang, analyser)
        if key in self._conjugated:
            result = self._conjugated[key]
        else:
            store = self._conjugation_store()
            stored_key = store.key(analyser, analyser, "finite person", word, lang)
            known, result = store.get(stored_key)
            if not known:
                (analysis,) = self._lt_query([analyser], word.strip() + "\n")[:1] or [""]
                result = _person_shown(analysis)
                store.put(stored_key, result)
            self._conjugated[key] = result
        if not result:
            return None
        person, _sep, number = result.partition(" ")
        return person, number

    def _lt_query(self, args: Sequence[str], text: str) -> list[str]:
        """Ask ``lt-proc``: a long-running one with ``helpers`` (fast, but each holds its
        dictionary in memory beside the pipeline: about 25 MB apiece), else one process call."""
        if not self.helpers:
            return _lt_proc(args, text)
        key = tuple(args)
        server = self._lt.get(key)
        try:
            if server is None or server.proc.poll() is not None:
                server = self._lt[key] = _LtServer(args)
            return server.query(text)
        except (EngineError, OSError):
            broken = self._lt.pop(key, None)
            if broken is not None:
                broken.proc.kill()
                broken.close()
            return _lt_proc(args, text)

    #: Verbs with one plain translation each way, used as stand-ins for glossary verbs.
    STAND_IN = {"en": "disembark", "es": "desembarcar"}

    def verb_stand_in(self, model: str, src: Lang, tgt: Lang, tag: str = ""
                      ) -> tuple[str, str] | None:
        """A verb to translate in place of a glossary verb: the stand-in (``disembark``)
        inflected like ``model`` (``pleaded`` -> ``disembarked``), and its target lemma
        (``desembarcar``), so the translation shows where and how the verb goes.

        Where the analyser does not know ``model`` (the pair leaves ``indicted`` and
        ``acquitted`` untranslated), ``tag``, the glossary's own reading of it
        (``glossary.forms``: ``past``), says which form of the stand-in to use."""
        form = self.conjugate_like(self.STAND_IN[src], model, src)
        if not form and tag:
            form = self._stand_in_form(src, tag)
            if form and model[:1].isupper():
                form = form[:1].upper() + form[1:]
        return (form, self.STAND_IN[tgt]) if form else None

    def _stand_in_form(self, lang: Lang, tag: str) -> str | None:
        """The stand-in verb in the form a ``glossary.forms`` verb tag names, by Apertium's
        generator; None for a tag that names no single form (Spanish ``verb``: any person)."""
        tags = _FORM_TAGS.get((lang, tag))
        if tags is None:
            return None
        other = "eng-spa" if lang == "es" else "spa-eng"
        try:
            generator = _bin_in_mode(system_mode_file(other, self.datadir).read_text("utf-8"),
                                     f"{other}.autogen.bin")
        except EngineError:
            return None
        (form,) = self._lt_query(["-g", generator],
                                 _verb_request(self.STAND_IN[lang], tags))[:1] or [""]
        form = form.strip()
        return form if form and not form.startswith("#") and "<" not in form else None

    def _stand_in_forms(self, lang: Lang) -> list[str]:
        """Every form of the stand-in verb in ``lang``, longest first (one lt-proc call, once)."""
        if lang not in self._stand_in_cache:
            other = "eng-spa" if lang == "es" else "spa-eng"
            tags = _ES_VERB_TAGS if lang == "es" else _EN_VERB_TAGS
            try:
                generator = _bin_in_mode(system_mode_file(other, self.datadir)
                                         .read_text("utf-8"), f"{other}.autogen.bin")
                lines = _lt_proc(["-g", generator], "".join(
                    _verb_request(self.STAND_IN[lang], t) for t in tags))
            except EngineError:
                lines = []
            forms = {f.strip() for f in lines if f.strip() and not f.startswith("#")}
            self._stand_in_cache[lang] = sorted(forms, key=len, reverse=True)
        return self._stand_in_cache[lang]

    def find_verb(self, text: str, lemma: str, lang: Lang) -> tuple[int, int] | None:
        """The span of the first word of ``text`` that ``lang``'s analyser reads as a form of
        the verb ``lemma``."""
        if lemma == self.STAND_IN[lang]:
            forms = self._stand_in_forms(lang)
            if forms:
                # a Spanish infinitive or gerund may carry enclitics (desembarcarles,
                # desembarcándole): the span takes them in
                accented = [_accent_gerund(f) for f in forms if _accent_gerund(f) != f]
                enclitics = r"(?:" + "|".join(_ES_ENCLITICS) + r"){0,2}" if lang == "es" else ""
                rx = re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, [*accented, *forms]))
                                + r")" + enclitics + r"\b")
                m = rx.search(text)
                return (m.start(), m.end()) if m else None
        pair = "spa-eng" if lang == "es" else "eng-spa"
        words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        if not words:
            return None
        try:
            analyser = _bin_in_mode(system_mode_file(pair, self.datadir).read_text("utf-8"),
                                    f"{pair}.automorf.bin")
        except EngineError:
            return None
        lines = self._lt_query([analyser], "".join(text[s:e] + "\n" for s, e in words))
        needle = f"/{lemma}<vblex>"
        for (s, e), analysis in zip(words, lines, strict=False):
            if needle in analysis:
                return s, e
        return None

    def forced_entries(self, glossary: Glossary, src: Lang, tgt: Lang) -> tuple[str, ...]:
        """Ids of the entries compiled into user dictionaries (the engine forces those)."""
        if not self.use_dictionaries:
            return ()
        key = (glossary.content_hash, src, tgt)
        compiled = self._compiled.get(pair_name(src, tgt))
        if key not in self._forced and compiled is not None \
                and compiled.name.startswith(glossary.content_hash + "-") \
                and (compiled / FORCED_FILE).is_file():
            ids = (compiled / FORCED_FILE).read_text("utf-8").split()
            self._forced[key] = tuple(ids)
        if key not in self._forced:
            verbs = conjugated_verbs(glossary, src, tgt, self.datadir)
            self._forced[key] = build_user_dictionaries(glossary, src, tgt, verbs).entries
        return self._forced[key]

    def bilingual_lexicon(self) -> BilingualLexicon | None:
        """The pair's bilingual dictionaries as a word list (built once, then cached under
        ``$GLOSA_HOME``), for comparing texts across languages word by word, widened with
        FreeDict's English-Spanish dictionaries when they are installed
        (:mod:`translate.engines.freedict_lexicon`: everyday senses Apertium leaves out), and
        carrying the English thesaurus when it is installed (:mod:`translate.thesaurus`)."""
        if self._lexicon is None:
            import dataclasses

            from translate.engines.apertium_lexicon import apertium_lexicon
            from translate.engines.freedict_lexicon import SYSTEM_DICTD, freedict_pairs
            from translate.lexicon import merge_lexicon
            from translate.thesaurus import SYSTEM_MYTHES, english_thesaurus

            lexicon = apertium_lexicon(self.home, self.datadir)
            if lexicon is not None:
                lexicon = dataclasses.replace(
                    merge_lexicon(lexicon, freedict_pairs(self.dictd or SYSTEM_DICTD)),
                    thesaurus=english_thesaurus(self.mythes or SYSTEM_MYTHES, self.home))
            self._lexicon = (lexicon,)
        return self._lexicon[0]

    def close(self) -> None:
        """Stop the running pipelines and lt-proc helpers."""
        while self._pipelines:
            self._pipelines.pop(next(iter(self._pipelines))).close()
        while self._lt:
            self._lt.pop(next(iter(self._lt))).close()

    def detach(self) -> None:
        """Close the pipelines' input and output and return without waiting for their dozen
        processes to wind down (about 0.1 s): for a command that exits next; the processes
        see the end of their input and end on their own."""
        while self._pipelines:
            proc = self._pipelines.pop(next(iter(self._pipelines))).proc
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass
        self.close()

    def __enter__(self) -> ApertiumEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
