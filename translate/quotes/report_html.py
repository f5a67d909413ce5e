"""One self-contained HTML page: originals and translations side by side, findings in place.

No scripts, no external files: a desk can mail it or attach it to a ticket. Every quote row
carries ``data-kinds`` (its finding kinds) and every highlighted word a ``<mark>`` whose class
is the finding kind, so the page can be checked by machine as well as read.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from glossary.findings import Finding
from translate.quotes.align import Alignment, QuotePair
from translate.quotes.extract import Quote

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#1b1b1b;background:#fff}
h1{font-size:1.3em;margin:0 0 .3em} .summary{margin:0 0 1em;color:#444}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #ccc;padding:.5em .6em;vertical-align:top;text-align:left}
th{background:#f3f3f3;overflow-wrap:anywhere} td.line{width:3.5em;color:#777;font-size:.85em}
tr.error td{background:#fff5f5} tr.warning td{background:#fffbea}
.speaker{color:#555;font-size:.85em;display:block;margin-top:.3em}
.machine{color:#777;font-size:.8em;display:block;margin-top:.3em;font-style:italic}
.none{color:#999;font-style:italic}
ul.findings{margin:0;padding-left:1.1em;font-size:.9em}
li.error{color:#9b1c1c} li.warning{color:#8a5a00}
mark{padding:0 .1em;border-radius:2px}
mark.number{background:#ffd6a5} mark.negation{background:#ffadad} mark.name{background:#caffbf}
mark.term{background:#bdb2ff}
.kind{font-weight:600;font-family:ui-monospace,monospace}
"""


def render_html(alignment: Alignment, *, original_name: str = "original",
                translation_name: str = "translation") -> str:
    """The alignment as one HTML page (a string)."""
    errors = sum(1 for f in alignment.findings if f.is_error)
    warnings = len(alignment.findings) - errors
    rows: list[tuple[int, str]] = []
    for pair in alignment.pairs:
        rows.append((pair.translations[0].line, _pair_row(pair)))
    for quote in alignment.unsourced:
        found = [f for f in alignment.findings if f.rule == "unsourced"
                 and f.data.get("translation_line") == quote.line
                 and f.data.get("translation") == quote.text]
        rows.append((quote.line, _single_row(None, quote, found)))
    for quote in alignment.missing:
        found = [f for f in alignment.findings if f.rule == "missing"
                 and f.data.get("original") == quote.text]
        rows.append((10**9 + quote.line, _single_row(quote, None, found)))
    rows.sort(key=lambda r: r[0])
    head = (f"<tr><th>{_e(original_name)} ({_e(alignment.original_lang)})</th>"
            f"<th>{_e(translation_name)} ({_e(alignment.translation_lang)})</th>"
            "<th>findings</th></tr>")
    body = "\n".join(r for _, r in rows)
    # findings about a text rather than a pair (a quotation never closed), above the table
    about_texts = [f for f in alignment.findings if f.rule == "unclosed-quote"]
    text_list = ("<ul class=\"findings\" id=\"text-findings\">" + "".join(
        f"<li class=\"{_e(f.severity.value)}\" data-rule=\"{_e(f.rule)}\">"
        f"<b>{_e(f.place)}</b>: {_e(f.message)}</li>" for f in about_texts) + "</ul>"
        if about_texts else "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>glosa quotes: {_e(translation_name)}</title><style>{_CSS}</style></head>"
        f"<body><h1>Quotes in {_e(translation_name)} against {_e(original_name)}</h1>"
        f"<p class=\"summary\" id=\"summary\" data-errors=\"{errors}\" "
        f"data-warnings=\"{warnings}\">{len(alignment.pairs)} paired, "
        f"{len(alignment.unsourced)} without an original, {len(alignment.missing)} missing "
        f"({_e(alignment.mode)} mode); {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}</p>"
        f"{text_list}<table><thead>{head}</thead><tbody>\n{body}\n</tbody></table></body></html>\n")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _row_class(findings: Sequence[Finding]) -> str:
    if any(f.is_error for f in findings):
        return "error"
    return "warning" if findings else "ok"


def _pair_row(pair: QuotePair) -> str:
    src_marks = [(item, f.rule, f.message) for f in pair.findings
                 for item in f.data.get("source_items", [])]
    tgt_marks = [(item, f.rule, f.message) for f in pair.findings
                 for item in f.data.get("target_items", [])]
    original = " ".join(_highlight(q.text, src_marks) for q in pair.originals)
    translation = " … ".join(_highlight(q.text, tgt_marks) for q in pair.translations)
    left = (f"{original}{_speaker(pair.originals[0])}"
            f"<span class=\"machine\" title=\"the engine's translation\">"
            f"{_e(pair.machine)}</span>")
    right = f"{translation}{_speaker(pair.translations[0])}"
    return _row(pair.findings, left, right, pair.kind,
                [q.line for q in pair.originals], [q.line for q in pair.translations])


def _single_row(original: Quote | None, translation: Quote | None,
                findings: Sequence[Finding]) -> str:
    none = "<span class=\"none\">(none)</span>"
    left = f"{_e(original.text)}{_speaker(original)}" if original else none
    right = f"{_e(translation.text)}{_speaker(translation)}" if translation else none
    return _row(findings, left, right, "unsourced" if original is None else "missing",
                [original.line] if original else [], [translation.line] if translation else [])


def _row(findings: Sequence[Finding], left: str, right: str, kind: str,
         original_lines: Iterable[int], translation_lines: Iterable[int]) -> str:
    kinds = " ".join(sorted({f.rule for f in findings}))
    items = "".join(
        f"<li class=\"{f.severity.value}\"><span class=\"kind\">{_e(f.rule)}</span> "
        f"{_e(f.message)}</li>" for f in findings)
    olines = ",".join(str(n) for n in original_lines)
    tlines = ",".join(str(n) for n in translation_lines)
    return (f"<tr class=\"{_row_class(findings)}\" data-pair=\"{_e(kind)}\" "
            f"data-kinds=\"{_e(kinds)}\">"
            f"<td class=\"original\" data-lines=\"{olines}\">{left}</td>"
            f"<td class=\"translation\" data-lines=\"{tlines}\">{right}</td>"
            f"<td><ul class=\"findings\">{items}</ul></td></tr>")


def _speaker(quote: Quote) -> str:
    if not quote.speaker:
        return ""
    return f"<span class=\"speaker\">— {_e(quote.speaker)} (line {quote.line})</span>"


def _highlight(text: str, marks: Sequence[tuple[str, str, str]]) -> str:
    """Escape ``text`` and wrap the first occurrence of each item in a ``<mark>``."""
    spans: list[tuple[int, int, str, str]] = []
    lowered = text.lower()
    for item, kind, message in marks:
        if not item:
            continue
        at = lowered.find(item.lower())
        while at >= 0 and any(s < at + len(item) and at < e for s, e, _, _ in spans):
            at = lowered.find(item.lower(), at + 1)
        if at >= 0:
            spans.append((at, at + len(item), kind, message))
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, kind, message in spans:
        out.append(_e(text[pos:start]))
        out.append(f"<mark class=\"{_e(kind)}\" title=\"{_e(message)}\">"
                   f"{_e(text[start:end])}</mark>")
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)
