"""Quotes: find quotations in a story (``extract``), pair them across languages and check what
changed (``align``), and show the result side by side (``report_html``)."""
