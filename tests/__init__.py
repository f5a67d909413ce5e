"""glosa's tests. A regular package: argostranslate installs a top-level ``tests`` package of
its own into site-packages, which would otherwise shadow this one (``from tests.catalog...``)."""
