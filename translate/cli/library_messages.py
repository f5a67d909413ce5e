"""Words that typer prints through the stdlib's ``gettext`` (help panels, errors).

Listed here only so that ``make locales-extract`` puts them in ``locales/glosa.pot``;
:func:`translate.i18n.bind_library_messages` makes typer find their translations in glosa's
catalog. Nothing imports this module.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 (the gettext convention for "mark, don't translate")
    """Mark a message for extraction without translating it."""
    return message


TYPER_MESSAGES = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Error"),
    N_("Aborted."),
    N_("Aborted!"),
    N_("[default: {}]"),
    N_("[env var: {}]"),
    N_("[required]"),
    N_("(deprecated) "),
    N_("(dynamic)"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
)
