"""Argos packages (``.argosmodel`` files): validate, install, list, fetch from the Argos index.

Packages live under ``$GLOSA_HOME/argos/packages/<name>/`` (``metadata.json``, ``model/``,
``sentencepiece.model``), the layout argostranslate itself uses, so its own tools can read them.

Installing a file is done here rather than with ``argostranslate.package.install_from_path``:
that function unzips in place (a failed or half install stays behind) and afterwards imports
``argostranslate.translate``, which loads stanza, spaCy, onnxruntime and torch (4-5 s, about
300 MB, and it writes under ``$HOME``). We validate first, unzip into a staging folder and move
it into place. The online index (listing and downloading) goes through argostranslate.package,
imported with its folders pointed under ``$GLOSA_HOME``.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from glossary.errors import EngineError, ParseError
from glossary.findings import Finding, Severity
from translate.home import glosa_home

#: The language pairs glosa translates.
PAIRS: frozenset[tuple[str, str]] = frozenset({("en", "es"), ("es", "en")})
EXTRA_HINT = "pip install 'glosa[argos]'"


@dataclass(frozen=True)
class ArgosPackage:
    """An installed Argos translation package for one language pair."""

    path: Path
    from_code: str
    to_code: str
    version: str
    description: str = ""
    target_prefix: str = ""  # a token some multilingual models expect first in the target

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece_model(self) -> Path:
        return self.path / "sentencepiece.model"


@dataclass(frozen=True)
class InstallResult:
    """What ``install_package_file`` did: the package now installed, and what it replaced."""

    package: ArgosPackage
    replaced: tuple[str, ...] = ()  # names of packages removed (same name or same pair)


def argos_dir(home: Path | None = None) -> Path:
    return (home or glosa_home()) / "argos"


def packages_dir(home: Path | None = None) -> Path:
    """Where Argos packages are installed: ``$GLOSA_HOME/argos/packages``."""
    return argos_dir(home) / "packages"


def _error(path: str, rule: str, message: str, line: int | None = None,
           col: int | None = None) -> Finding:
    return Finding(path, line, col, Severity.ERROR, rule, message)


def _metadata_problems(place: str, text: str) -> tuple[dict[str, Any], list[Finding]]:
    """Parse ``metadata.json`` text; return it and every problem found (empty dict if unusable)."""
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, [_error(place, "bad-metadata", f"invalid JSON: {exc.msg}", exc.lineno,
                           exc.colno)]
    if not isinstance(meta, dict):
        return {}, [_error(place, "bad-metadata", "metadata.json must hold a JSON object")]
    problems = []
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            problems.append(_error(place, "bad-metadata",
                                   f"missing {key!r} (the package's language codes)"))
    kind = meta.get("type", "translate")
    if kind != "translate":
        problems.append(_error(place, "bad-metadata",
                               f"package type is {kind!r}; glosa installs 'translate' packages"))
    if not problems and (meta["from_code"], meta["to_code"]) not in PAIRS:
        problems.append(_error(
            place, "unsupported-pair",
            f"this package translates {meta['from_code']}->{meta['to_code']}; "
            "glosa needs an en->es or es->en package"))
    return meta, problems


def _package_from_meta(path: Path, meta: dict[str, Any]) -> ArgosPackage:
    return ArgosPackage(
        path=path,
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        version=str(meta.get("package_version", "")),
        description=str(meta.get("description", "")),
        target_prefix=str(meta.get("target_prefix", "") or ""),
    )


def validate_argosmodel(path: Path) -> tuple[str, dict[str, Any]]:
    """Check that ``path`` is an installable ``.argosmodel``; return its folder and metadata.

    Collects every problem (not a zip, unsafe or stray paths, missing or broken
    ``metadata.json``, a pair glosa does not translate, no model or tokenizer) and raises one
    ``ParseError`` listing them, each as ``path: problem``.
    """
    where = str(path)
    if not path.is_file():
        raise ParseError([_error(where, "not-found", "no such file")], what=where)
    if not zipfile.is_zipfile(path):
        raise ParseError([_error(where, "not-zip", "not a zip archive (an .argosmodel file is "
                                 "a zip of a package folder; was the download cut short?)")],
                         what=where)
    problems: list[Finding] = []
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            bad = zf.testzip()
            if bad is not None:
                problems.append(_error(f"{where}:{bad}", "corrupt", "damaged member (bad CRC)"))
            tops = set()
            for name in names:
                parts = PurePosixPath(name).parts
                if name.startswith("/") or ".." in parts or "\\" in name:
                    problems.append(_error(f"{where}:{name}", "unsafe-path",
                                           "member path leaves the package folder"))
                elif parts:
                    tops.add(parts[0])
            if len(tops) != 1 or any(n.rstrip("/") in tops and not n.endswith("/")
                                     for n in names):
                problems.append(_error(
                    where, "bad-layout",
                    "the zip must hold exactly one package folder "
                    f"(found: {', '.join(sorted(tops)) or 'nothing'})"))
                raise ParseError(problems, what=where)
            top = tops.pop()
            if top.startswith("."):
                problems.append(_error(where, "bad-layout",
                                       f"package folder name {top!r} starts with a dot"))
            members = set(names)
            meta_name = f"{top}/metadata.json"
            meta: dict[str, Any] = {}
            if meta_name not in members:
                problems.append(_error(where, "no-metadata",
                                       f"missing {meta_name} (from_code, to_code, version)"))
            else:
                raw = zf.read(meta_name)
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    problems.append(_error(f"{where}:{meta_name}", "bad-metadata",
                                           f"not UTF-8 (byte {exc.start})"))
                else:
                    meta, found = _metadata_problems(f"{where}:{meta_name}", text)
                    problems.extend(found)
            if f"{top}/model/model.bin" not in members:
                problems.append(_error(where, "no-model",
                                       f"missing {top}/model/model.bin (the CTranslate2 model)"))
            if f"{top}/sentencepiece.model" not in members:
                hint = (" (this package uses BPE; glosa decodes SentencePiece packages only)"
                        if f"{top}/bpe.model" in members else "")
                problems.append(_error(where, "no-tokenizer",
                                       f"missing {top}/sentencepiece.model{hint}"))
    except (zipfile.BadZipFile, OSError) as exc:
        problems.append(_error(where, "not-zip", f"cannot read the zip: {exc}"))
    if problems:
        raise ParseError(problems, what=where)
    return top, meta


def read_package(path: Path) -> ArgosPackage:
    """The installed package in folder ``path``; ``ParseError`` if its metadata is unusable."""
    meta_path = path / "metadata.json"
    try:
        text = meta_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError([_error(str(meta_path), "no-metadata", f"cannot read: {exc}")],
                         what=str(path)) from None
    meta, problems = _metadata_problems(str(meta_path), text)
    if problems:
        raise ParseError(problems, what=str(path))
    return _package_from_meta(path, meta)


def scan_packages(home: Path | None = None) -> tuple[list[ArgosPackage], list[Finding]]:
    """Every installed package (sorted by pair, then name), and problems with broken ones."""
    root = packages_dir(home)
    found: list[ArgosPackage] = []
    problems: list[Finding] = []
    if not root.is_dir():
        return found, problems
    for child in sorted(root.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            found.append(read_package(child))
        except ParseError as exc:
            problems.extend(exc.findings)
    found.sort(key=lambda p: (p.from_code, p.to_code, p.name))
    return found, problems


def find_package(src: str, tgt: str, home: Path | None = None) -> ArgosPackage:
    """The installed package for ``src``->``tgt``, or an ``EngineError`` saying how to get one."""
    packages, _ = scan_packages(home)
    for package in packages:
        if (package.from_code, package.to_code) == (src, tgt):
            return package
    raise EngineError(
        f"no Argos model for {src}->{tgt} in {packages_dir(home)}; install one with "
        f"`glosa engines install FILE.argosmodel` (or, online, "
        f"`glosa engines install --index {src} {tgt}`)")


def install_package_file(path: Path, home: Path | None = None) -> InstallResult:
    """Validate and install an ``.argosmodel`` file; it replaces any package for the same pair.

    The zip is unpacked into a staging folder beside the packages and moved into place, so an
    interrupted install leaves the previous package intact.
    """
    top, meta = validate_argosmodel(path)
    root = packages_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    dest = root / top
    pair = (meta["from_code"], meta["to_code"])
    installed, _ = scan_packages(home)
    old = [p.path for p in installed if (p.from_code, p.to_code) == pair or p.path == dest]
    if dest.exists() and dest not in old:
        old.append(dest)
    with tempfile.TemporaryDirectory(dir=root, prefix=".installing-") as staging:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(staging)
        retired = Path(staging) / ".retired"
        retired.mkdir()
        for i, previous in enumerate(old):
            os.replace(previous, retired / str(i))
        os.replace(Path(staging) / top, dest)
    return InstallResult(_package_from_meta(dest, meta), tuple(sorted(p.name for p in old)))


@contextmanager
def _argostranslate(home: Path | None) -> Iterator[tuple[Any, Any]]:
    """``argostranslate.package`` and ``.settings``, with every folder under ``$GLOSA_HOME``.

    argostranslate reads its folders from the environment once, at import, and creates them
    (under ``$HOME`` by default); we set the environment for that import only, then point the
    settings at this ``home`` for the duration of the call.
    """
    base = argos_dir(home)
    pkgs = packages_dir(home)
    overrides = {
        "XDG_DATA_HOME": base / "data",
        "XDG_CONFIG_HOME": base / "config",
        "XDG_CACHE_HOME": base / "cache",
        "ARGOS_PACKAGES_DIR": pkgs,
    }
    saved = {key: os.environ.get(key) for key in overrides}
    try:
        os.environ.update({key: str(value) for key, value in overrides.items()})
        import argostranslate.package as package_mod
        import argostranslate.settings as settings
    except ImportError as exc:
        raise EngineError(f"the Argos index needs argostranslate ({exc}); {EXTRA_HINT}") from None
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    downloads = base / "cache" / "downloads"
    for folder in (pkgs, downloads):
        folder.mkdir(parents=True, exist_ok=True)
    settings.package_data_dir = pkgs
    settings.package_dirs = [pkgs]
    settings.downloads_dir = downloads
    settings.local_package_index = base / "index.json"
    yield package_mod, settings


def install_from_index(src: str, tgt: str, home: Path | None = None,
                       timeout: float = 30.0) -> InstallResult:
    """Download the newest ``src``->``tgt`` package of the Argos index and install it (online).

    The index is ``$ARGOS_PACKAGE_INDEX/index.json`` (argostranslate's setting, read per call).
    """
    if (src, tgt) not in PAIRS:
        raise EngineError(f"glosa translates en->es and es->en, not {src}->{tgt}")
    import logging

    log = logging.getLogger("argostranslate.utils")
    old_timeout = socket.getdefaulttimeout()
    with _argostranslate(home) as (package_mod, settings):
        index_file = Path(settings.local_package_index)
        index_file.unlink(missing_ok=True)  # a stale index would hide that we are offline
        index_url = settings.get_setting("ARGOS_PACKAGE_INDEX", default=settings.package_index)
        settings.remote_package_index = str(index_url).rstrip("/") + "/index.json"
        log.disabled = True  # it logs network errors itself; we report them once, below
        socket.setdefaulttimeout(timeout)
        try:
            package_mod.update_package_index()
            if not index_file.exists():
                raise EngineError(
                    f"could not download the Argos package index ({settings.remote_package_index}):"
                    " no network? Offline, install a downloaded model with "
                    "`glosa engines install FILE.argosmodel`")
            candidates = [p for p in package_mod.get_available_packages()
                          if (p.from_code, p.to_code) == (src, tgt)
                          and getattr(p, "type", "translate") == "translate"]
            if not candidates:
                raise EngineError(f"the Argos index has no {src}->{tgt} package")
            from packaging.version import InvalidVersion, Version

            def version(p: Any) -> Version:
                try:
                    return Version(str(p.package_version))
                except InvalidVersion:
                    return Version("0")

            chosen = max(candidates, key=version)
            try:
                downloaded = Path(chosen.download())
            except Exception as exc:  # argostranslate raises bare Exception on failure
                raise EngineError(f"download of the Argos {src}->{tgt} package failed: {exc}; "
                                  "install a downloaded file with "
                                  "`glosa engines install FILE.argosmodel`") from None
        finally:
            socket.setdefaulttimeout(old_timeout)
            log.disabled = False
    try:
        return install_package_file(downloaded, home)
    finally:
        downloaded.unlink(missing_ok=True)

