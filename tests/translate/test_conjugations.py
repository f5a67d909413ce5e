"""The on-disk store of verb conjugations (translate.engines.conjugations)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from translate.engines.conjugations import ConjugationStore


def _dicts(tmp_path: Path) -> tuple[str, str]:
    analyser, generator = tmp_path / "a.bin", tmp_path / "g.bin"
    analyser.write_bytes(b"analyser")
    generator.write_bytes(b"generator")
    return str(analyser), str(generator)


def test_answers_survive_a_new_store(tmp_path: Path) -> None:
    a, g = _dicts(tmp_path)
    store = ConjugationStore(tmp_path / "c.json")
    key = store.key(a, g, "declararse culpable", "abogó", "es")
    assert store.get(key) == (False, None)
    store.put(key, "se declaró culpable")
    store.put(store.key(a, g, "xyzar", "abogó", "es"), None)
    again = ConjugationStore(tmp_path / "c.json")
    assert again.get(again.key(a, g, "declararse culpable", "abogó", "es")) == (
        True, "se declaró culpable")
    assert again.get(again.key(a, g, "xyzar", "abogó", "es")) == (True, None)


def test_a_changed_dictionary_asks_again(tmp_path: Path) -> None:
    a, g = _dicts(tmp_path)
    store = ConjugationStore(tmp_path / "c.json")
    store.put(store.key(a, g, "extraditar", "Cogieron", "es"), "Extraditaron")
    Path(g).write_bytes(b"a recompiled glossary")
    os.utime(g, ns=(1, 1))
    fresh = ConjugationStore(tmp_path / "c.json")
    assert fresh.get(fresh.key(a, g, "extraditar", "Cogieron", "es")) == (False, None)


def test_an_older_glosas_answers_are_asked_again(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers made another way (before version 2: "se declaramos", not "nos declaramos")
    must not come back from a warm cache."""
    a, g = _dicts(tmp_path)
    monkeypatch.setattr("translate.engines.conjugations.VERSION", 1)
    old = ConjugationStore(tmp_path / "c.json")
    old.put(old.key(a, g, "declararse culpable", "abogamos", "es"), "se declaramos culpable")
    monkeypatch.undo()
    fresh = ConjugationStore(tmp_path / "c.json")
    assert fresh.get(fresh.key(a, g, "declararse culpable", "abogamos", "es")) == (False, None)


def test_a_broken_or_unwritable_file_is_no_error(tmp_path: Path) -> None:
    a, g = _dicts(tmp_path)
    (tmp_path / "c.json").write_text("{not json", "utf-8")
    store = ConjugationStore(tmp_path / "c.json")
    key = store.key(a, g, "extraditar", "Cogieron", "es")
    assert store.get(key) == (False, None)
    blocked = tmp_path / "file"
    blocked.write_text("", "utf-8")
    unwritable = ConjugationStore(blocked / "c.json")  # its folder is a file
    unwritable.put(key, "Extraditaron")
    assert unwritable.get(key) == (True, "Extraditaron")


def test_only_the_newest_answers_are_kept(tmp_path: Path) -> None:
    a, g = _dicts(tmp_path)
    store = ConjugationStore(tmp_path / "c.json", keep=2)
    keys = [store.key(a, g, verb, "abogó", "es") for verb in ("uno", "dos", "tres")]
    for k in keys:
        store.put(k, "x")
    again = ConjugationStore(tmp_path / "c.json", keep=2)
    assert [again.get(k)[0] for k in keys] == [False, True, True]
