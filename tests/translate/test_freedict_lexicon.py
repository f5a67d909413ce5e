"""FreeDict's dictd databases as a word list that widens Apertium's, for the quote aligner."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from translate.engines.freedict_lexicon import _B64, dictd_entries, freedict_pairs
from translate.lexicon import lexicon_from_pairs, merge_lexicon, word_coverage


def _b64(n: int) -> str:
    digits = ""
    while True:
        digits = _B64[n % 64] + digits
        n //= 64
        if not n:
            return digits


def write_dictd(folder: Path, name: str, entries: dict[str, str]) -> None:
    """A dictd database as dictfmt writes one: a header entry, then the entries."""
    data = b""
    index: list[str] = []
    for head, body in {"00-database-info": "A test dictionary\n", **entries}.items():
        raw = body.encode("utf-8")
        index.append(f"{head}\t{_b64(len(data))}\t{_b64(len(raw))}")
        data += raw
    (folder / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(data))


def test_dictd_entries_skip_the_header_and_read_each_entry() -> None:
    data = b"headerjoke /x/\nbroma\n"
    index = f"00-database-info\tA\tG\njoke\tG\t{_b64(len(data) - 6)}\n"
    assert list(dictd_entries(index, data)) == [("joke", "joke /x/\nbroma\n")]


def test_freedict_pairs_read_both_directions(tmp_path: Path) -> None:
    write_dictd(tmp_path, "freedict-eng-spa",
                {"joke": "joke /dʒouk/\n1. bromear\n2. broma, burla\n",
                 "wet": "wet /wet/\nmojado\n"})
    write_dictd(tmp_path, "freedict-spa-eng",
                {"grave": "grave /ɡɾˈaβe/\n1. important, serious\n2. court\n"})
    pairs = set(freedict_pairs(tmp_path))
    assert {("joke", "bromear"), ("joke", "broma"), ("joke", "burla"), ("wet", "mojado"),
            ("important", "grave"), ("serious", "grave"), ("court", "grave")} == pairs


def test_no_installed_freedict_no_pairs(tmp_path: Path) -> None:
    assert freedict_pairs(tmp_path / "nothing") == []
    # a damaged database is skipped, not a crash
    (tmp_path / "freedict-eng-spa.index").write_text("joke\tA\tZ\n", encoding="utf-8")
    (tmp_path / "freedict-eng-spa.dict.dz").write_bytes(b"not gzip")
    assert freedict_pairs(tmp_path) == []


def test_widened_list_links_what_apertium_alone_does_not() -> None:
    apertium = lexicon_from_pairs([("prank", "broma"), ("heavy", "pesado"), ("sick", "enfermo")])
    # Apertium's senses only: "joke" is not reached
    assert word_coverage("una broma pesada", "es", "some sort of sick joke.", "en",
                         apertium) == (0.0, 0.0)
    wider = merge_lexicon(apertium, [("joke", "broma")])
    cov = word_coverage("una broma pesada", "es", "some sort of sick joke.", "en", wider)
    assert cov is not None and cov[0] == 0.5 and cov[1] > 0
    assert merge_lexicon(apertium, []) is apertium


@pytest.mark.skipif(shutil.which("lt-print") is None or
                    not Path("/usr/share/apertium/apertium-eng-spa").is_dir(),
                    reason="Apertium eng-spa is not installed (make debs)")
def test_apertium_engine_widens_its_list_with_freedict(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.translate.test_thesaurus import write_mythes
    from translate.engines.apertium import ApertiumEngine

    write_dictd(tmp_path, "freedict-spa-eng", {"zzzpalabra": "zzzpalabra /x/\nzzzword\n"})
    # and the English thesaurus rides along (one engine, one lt-print dump, for both)
    write_mythes(tmp_path, {"zzzword": ["(noun)|zzzsynonym"]})
    # the thesaurus caches its index under the engine's home, not $GLOSA_HOME
    monkeypatch.setenv("GLOSA_HOME", str(tmp_path / "elsewhere"))
    engine = ApertiumEngine(home=tmp_path / "home", dictd=tmp_path, mythes=tmp_path)
    try:
        lexicon = engine.bilingual_lexicon()
        assert lexicon is not None
        assert lexicon.translations("zzzword", "en") == {"zzzpalabra"}
        assert lexicon.translations("zzzpalabra", "es") == {"zzzword"}
        assert lexicon.thesaurus is not None
        assert lexicon.thesaurus.synonyms("zzzword") == {"zzzsynonym"}
        assert list((tmp_path / "home").glob("thesaurus/*"))
        assert not (tmp_path / "elsewhere").exists()
    finally:
        engine.close()
