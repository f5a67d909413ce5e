"""glosa's translation side: engines, term enforcement, quotes, catalogs and the CLI."""
