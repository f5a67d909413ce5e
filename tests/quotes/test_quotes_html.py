"""The HTML report, opened in headless Chromium: what a reviewer would see."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.quotes.storydata import ALIGN, story_engine
from translate.quotes.align import align_quotes
from translate.quotes.report_html import render_html

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)


def _report(tmp_path: Path) -> Path:
    original = (ALIGN / "story.es.txt").read_text(encoding="utf-8")
    translation = (ALIGN / "story.en.txt").read_text(encoding="utf-8")
    translation = translation.replace("14 people", "41 people").replace(
        "We are not going", "We are going")
    translation += '\n"The army will take over the police <tomorrow>," Payan said.\n'
    result = align_quotes(original, translation, story_engine(), original_lang="es",
                          translation_lang="en", mode="document")
    page = tmp_path / "report.html"
    page.write_text(render_html(result, original_name="story.es.txt",
                                translation_name="story.en.txt"), encoding="utf-8")
    return page


def test_page_is_self_contained_and_escaped(tmp_path: Path) -> None:
    html = _report(tmp_path).read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert "&lt;tomorrow&gt;" in html  # quote text is escaped, never markup


def _dump_dom(page: Path, tmp_path: Path) -> str:
    profile = tmp_path / "profile"
    cmd = [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_chromium_shows_findings_in_place(tmp_path: Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (make debs installs it)")
        pytest.skip("chromium is not installed")
    dom = _dump_dom(_report(tmp_path), tmp_path)
    # the changed number and the dropped negation are marked where they stand
    assert re.search(r'<mark class="number"[^>]*>41</mark>', dom)
    assert re.search(r'<mark class="number"[^>]*>14</mark>', dom)  # the original's side
    assert re.search(r'<mark class="negation"[^>]*>No</mark>', dom)
    # one row per quote: 4 pairs, 1 unsourced, 1 missing
    rows = re.findall(r'<tr class="(\w+)" data-pair="(\w+)"', dom)
    assert sorted(kind for _, kind in rows) == sorted(
        ["full", "full", "split", "full", "unsourced", "missing"])
    assert sum(1 for cls, _ in rows if cls == "error") == 4
    summary = re.search(r'id="summary" data-errors="(\d+)"', dom)
    assert summary and summary.group(1) == "4"
    assert "El presupuesto de seguridad" in dom  # the missing original is shown
