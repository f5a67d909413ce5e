"""glosa's glossary: the desk's term base. Knows nothing of engines, catalogs or the CLI."""

from glossary.csvfile import collect_glossary, default_terms_dir, load_glossary
from glossary.errors import EngineError, GlosaError, ParseError
from glossary.findings import Finding, Severity
from glossary.model import Entry, Glossary

__all__ = [
    "Entry", "EngineError", "Finding", "GlosaError", "Glossary", "ParseError", "Severity",
    "collect_glossary", "default_terms_dir", "load_glossary",
]
