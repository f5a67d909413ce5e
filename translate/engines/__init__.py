"""Translation engines. Only this package talks to Apertium or CTranslate2."""
