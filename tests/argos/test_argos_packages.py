"""Installing and listing Argos packages: good files install, bad files say what is wrong."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary.errors import EngineError, ParseError
from translate.engines.argos_packages import (
    find_package,
    install_package_file,
    scan_packages,
    validate_argosmodel,
)

META = {"from_code": "en", "to_code": "es", "package_version": "1.0", "type": "translate"}


def good_members(top: str = "translate-en_es-1_0", meta: object = META) -> dict[str, bytes]:
    """A structurally valid package (dummy model bytes: validation does not load the model)."""
    return {
        f"{top}/metadata.json": json.dumps(meta).encode(),
        f"{top}/model/model.bin": b"\0" * 16,
        f"{top}/sentencepiece.model": b"\0" * 16,
    }


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def without(members: dict[str, bytes], suffix: str) -> dict[str, bytes]:
    return {k: v for k, v in members.items() if not k.endswith(suffix)}


T = "translate-en_es-1_0"
# (case, members or raw bytes, expected rules, a phrase the message must carry)
BAD_FILES = [
    ("not-a-zip", b"<html>404 Not Found</html>", ["not-zip"], "not a zip archive"),
    ("empty-zip", {}, ["bad-layout"], "exactly one package folder"),
    ("two-folders", {**good_members(), "other/x.txt": b"x"}, ["bad-layout"], "other"),
    ("file-at-top", {"metadata.json": b"{}"}, ["bad-layout"], "exactly one package folder"),
    ("unsafe-path", {**good_members(), f"{T}/../../evil": b"x"}, ["unsafe-path"],
     "leaves the package folder"),
    ("no-metadata", without(good_members(), "metadata.json"), ["no-metadata"],
     f"missing {T}/metadata.json"),
    ("metadata-not-json", {**good_members(), f"{T}/metadata.json": b'{"from_code": "en",\n'},
     ["bad-metadata"], "invalid JSON"),
    ("metadata-not-object", good_members(meta=["en", "es"]), ["bad-metadata"], "JSON object"),
    ("no-from-code", good_members(meta={"to_code": "es"}), ["bad-metadata"], "'from_code'"),
    ("wrong-pair", good_members(meta={**META, "from_code": "fr", "to_code": "de"}),
     ["unsupported-pair"], "fr->de"),
    ("sbd-package", good_members(meta={**META, "type": "sbd"}), ["bad-metadata"], "'sbd'"),
    ("no-model", without(good_members(), "model.bin"), ["no-model"], "model/model.bin"),
    ("bpe-only", {**without(good_members(), "sentencepiece.model"), f"{T}/bpe.model": b"x"},
     ["no-tokenizer"], "uses BPE"),
    ("everything-missing", {f"{T}/README.md": b"hi"}, ["no-metadata", "no-model", "no-tokenizer"],
     "3 errors"),
]


@pytest.mark.parametrize(("case", "content", "rules", "phrase"), BAD_FILES,
                         ids=[c[0] for c in BAD_FILES])
def test_bad_files_are_refused_with_every_problem(tmp_path: Path, case: str, content: object,
                                                  rules: list[str], phrase: str) -> None:
    path = tmp_path / f"{case}.argosmodel"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        assert isinstance(content, dict)
        write_zip(path, content)
    with pytest.raises(ParseError) as info:
        install_package_file(path, tmp_path / "home")
    assert sorted(f.rule for f in info.value.findings) == sorted(rules)
    message = str(info.value)
    assert phrase in message
    assert all(f.place.startswith(str(path)) for f in info.value.findings)
    assert not (tmp_path / "home" / "argos" / "packages").exists() or not any(
        p for p in (tmp_path / "home" / "argos" / "packages").iterdir()
        if not p.name.startswith(".")), "a refused file must install nothing"


def test_invalid_json_carries_line_and_column(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "m.argosmodel",
                     {**good_members(), f"{T}/metadata.json": b'{\n  "from_code": en\n}'})
    with pytest.raises(ParseError) as info:
        validate_argosmodel(path)
    (finding,) = info.value.findings
    assert (finding.path, finding.line, finding.col) == (f"{path}:{T}/metadata.json", 2, 16)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no such file"):
        install_package_file(tmp_path / "nope.argosmodel", tmp_path)


def test_install_then_list_and_find(tmp_path: Path) -> None:
    model = write_zip(tmp_path / "m.argosmodel", good_members())
    result = install_package_file(model, tmp_path)
    assert result.replaced == ()
    assert (result.package.from_code, result.package.to_code) == ("en", "es")
    assert (result.package.model_dir / "model.bin").is_file()
    packages, problems = scan_packages(tmp_path)
    assert [p.name for p in packages] == [T] and problems == []
    assert find_package("en", "es", tmp_path).path == result.package.path
    assert not [p for p in (tmp_path / "argos" / "packages").iterdir() if p.name.startswith(".")]


def test_a_new_package_replaces_the_old_one_for_the_same_pair(tmp_path: Path) -> None:
    install_package_file(write_zip(tmp_path / "a.argosmodel", good_members()), tmp_path)
    newer = good_members("translate-en_es-1_1", {**META, "package_version": "1.1"})
    result = install_package_file(write_zip(tmp_path / "b.argosmodel", newer), tmp_path)
    assert result.replaced == (T,)
    assert [(p.name, p.version) for p in scan_packages(tmp_path)[0]] == [
        ("translate-en_es-1_1", "1.1")]


def test_a_refused_file_keeps_the_installed_package(tmp_path: Path) -> None:
    install_package_file(write_zip(tmp_path / "a.argosmodel", good_members()), tmp_path)
    (tmp_path / "broken.argosmodel").write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ParseError):
        install_package_file(tmp_path / "broken.argosmodel", tmp_path)
    assert [p.name for p in scan_packages(tmp_path)[0]] == [T]


def test_broken_installed_package_is_reported_not_hidden(tmp_path: Path) -> None:
    broken = tmp_path / "argos" / "packages" / "half-unzipped"
    broken.mkdir(parents=True)
    packages, problems = scan_packages(tmp_path)
    assert packages == []
    assert [p.rule for p in problems] == ["no-metadata"]
    assert "half-unzipped" in problems[0].place


def test_missing_pair_says_how_to_install(tmp_path: Path) -> None:
    install_package_file(write_zip(tmp_path / "a.argosmodel", good_members()), tmp_path)
    with pytest.raises(EngineError) as info:
        find_package("es", "en", tmp_path)
    assert "no Argos model for es->en" in str(info.value)
    assert "glosa engines install FILE.argosmodel" in str(info.value)
    assert "--index es en" in str(info.value)


def test_index_offline_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("argostranslate")
    from translate.engines.argos_packages import install_from_index

    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")  # nothing listens there
    with pytest.raises(EngineError) as info:
        install_from_index("en", "es", tmp_path, timeout=5)
    assert "could not download the Argos package index" in str(info.value)
    assert "glosa engines install FILE.argosmodel" in str(info.value)


def test_index_refuses_other_pairs(tmp_path: Path) -> None:
    from translate.engines.argos_packages import install_from_index

    with pytest.raises(EngineError, match="not fr->de"):
        install_from_index("fr", "de", tmp_path)


@pytest.fixture
def local_index(tmp_path: Path) -> Iterator[str]:
    """An Argos index and its package served over HTTP on the loopback (no internet)."""
    site = tmp_path / "site"
    site.mkdir()
    write_zip(site / "m.argosmodel", good_members("translate-en_es-2_0",
                                                 {**META, "package_version": "2.0"}))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    entries = [
        {**META, "package_version": "1.0", "links": [base + "old.argosmodel"]},
        {**META, "package_version": "2.0", "links": [base + "m.argosmodel"]},
        {**META, "from_code": "en", "to_code": "fr", "links": [base + "fr.argosmodel"]},
    ]
    (site / "index.json").write_text(json.dumps(entries))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_index_install_downloads_the_newest_package(tmp_path: Path, local_index: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("argostranslate")
    from translate.engines.argos_packages import install_from_index

    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", local_index)
    home = tmp_path / "home"
    result = install_from_index("en", "es", home, timeout=5)
    assert (result.package.name, result.package.version) == ("translate-en_es-2_0", "2.0")
    assert [p.name for p in scan_packages(home)[0]] == ["translate-en_es-2_0"]
    assert not list((home / "argos" / "cache" / "downloads").iterdir()), "download left behind"
    with pytest.raises(EngineError, match="has no es->en package"):
        install_from_index("es", "en", home, timeout=5)
