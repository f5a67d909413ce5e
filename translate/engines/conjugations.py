"""Verb conjugations asked of Apertium, kept on disk so a warm run asks no ``lt-proc``.

Repairing a verb (``abogó culpable`` -> ``se declaró culpable``) asks Apertium's analyser
what the wrong verb form is and its generator for the glossary verb in that form: a short
``lt-proc`` process per question, about 0.06 s of CPU and, while it runs, 33 MB (the
analyser it loads). The same NTREX file asks the same three questions at every run, and
those processes were the process tree's peak memory. The answers depend only on the
question and on the two dictionary files, so they are kept in
``$GLOSA_HOME/apertium/conjugations.json``, each under a key that includes the size and
modification time of both files: a recompiled glossary or an upgraded Apertium asks again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: Answers kept (the oldest go first). About 350 bytes each, and the file is rewritten
#: whole when an answer is added, so it stays small; a desk's texts ask far fewer.
KEEP = 1024
FILENAME = "conjugations.json"


def _stamp(path: str) -> str:
    """The file's identity for a cache key: path, size and modification time."""
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


#: How the answers are made: part of every key, raised when glosa asks or answers otherwise
#: (2: a reflexive clitic in the verb's person, ``nos declaramos``; agreements kept too), so
#: an older glosa's answers are asked again.
VERSION = 2


class ConjugationStore:
    """Answers of ``ApertiumEngine.conjugate_like`` (a form, or None for "cannot"), on disk.

    Read at the first lookup, written (atomically) when an answer is added. A file that
    cannot be read or written is no error: the answers are then asked again.
    """

    def __init__(self, path: Path, keep: int = KEEP) -> None:
        self.path = path
        self.keep = keep
        self._answers: dict[str, str | None] | None = None
        self._stamps: dict[str, str] = {}

    def key(self, analyser: str, generator: str, lemma: str, model: str, lang: str) -> str:
        """The key of one question: both dictionaries' identities and the question itself."""
        stamps = []
        for path in (analyser, generator):
            if path not in self._stamps:
                self._stamps[path] = _stamp(path)
            stamps.append(self._stamps[path])
        return json.dumps([VERSION, *stamps, lemma, model, lang], ensure_ascii=False)

    def _load(self) -> dict[str, str | None]:
        if self._answers is None:
            self._answers = {}
            try:
                data = json.loads(self.path.read_text("utf-8"))
            except (OSError, ValueError):
                data = None
            if isinstance(data, dict):
                self._answers = {k: v for k, v in data.items()
                                 if isinstance(k, str) and (v is None or isinstance(v, str))}
        return self._answers

    def get(self, key: str) -> tuple[bool, str | None]:
        """``(True, answer)`` when the question was answered before, else ``(False, None)``."""
        answers = self._load()
        if key in answers:
            return True, answers[key]
        return False, None

    def put(self, key: str, answer: str | None) -> None:
        """Keep ``answer`` (on disk at once: the next run may be a moment away)."""
        from glossary.atomic import write_text_atomic

        answers = self._load()
        answers[key] = answer
        while len(answers) > self.keep:
            answers.pop(next(iter(answers)))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(answers, ensure_ascii=False, indent=0))
        except OSError:
            pass
