"""typer's own English in glosa's language: the usage line, the help option, usage errors.

typer (0.28) carries its own copy of click without gettext: "Usage:", "Show this message and
exit." and "Missing argument 'CATALOG'." are plain literals there, so binding glosa's catalog
(:func:`translate.i18n.bind_library_messages`, enough for typer's panel titles) does not reach
them. :func:`localize_command` gives every command of the built click tree a subclass that
sends those words through :func:`translate.i18n._`; in English nothing changes.
"""

from __future__ import annotations

from typing import Any

from translate.i18n import _


def _click() -> Any:
    """The click typer runs on: its own copy (typer >= 0.28) or the click package."""
    try:
        import typer._click as vendored  # type: ignore[import-not-found,unused-ignore]

        return vendored
    except ImportError:  # pragma: no cover - older typer
        import click

        return click


def usage_error_text(message: str) -> str:
    """A usage error's English words in the user's language (names and values kept).

    >>> usage_error_text("Missing argument 'CATALOG'.")
    "Missing argument 'CATALOG'."
    """
    for english, translated in (
        ("Missing argument", _("Missing argument")),
        ("Missing option", _("Missing option")),
        ("Missing parameter", _("Missing parameter")),
        ("No such option:", _("No such option:")),
        ("(Possible options:", _("(Possible options:")),
        ("Got unexpected extra argument(s)", _("Got unexpected extra argument(s)")),
        ("Invalid value for", _("Invalid value for")),
        ("Option '", _("Option '")),
        ("' requires an argument.", _("' requires an argument.")),
        ("' does not take a value.", _("' does not take a value.")),
    ):
        message = message.replace(english, translated)
    return message


_CLASSES: dict[type, type] = {}


def _localized_class(base: type) -> type:
    """``base`` with the translating methods. Built with ``type()`` on ``base`` alone, not with
    a mixin: typer's classes have a layout a mixin base changes, and ``__class__`` may only be
    swapped between classes of the same layout."""
    if base in _CLASSES:
        return _CLASSES[base]
    usage_error = _click().exceptions.UsageError

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = base.get_help_option(self, ctx)  # type: ignore[attr-defined]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def format_usage(self: Any, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def parse_args(self: Any, ctx: Any, args: list[str]) -> list[str]:
        try:
            parsed: list[str] = base.parse_args(self, ctx, args)  # type: ignore[attr-defined]
            return parsed
        except usage_error as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # typer shows the help for it
                raise
            translated = usage_error_text(exc.format_message())
            if translated == exc.format_message():
                raise
            raise usage_error(translated, exc.ctx) from None

    cls = _CLASSES[base] = type(f"Localized{base.__name__}", (base,), {
        "get_help_option": get_help_option, "format_usage": format_usage,
        "parse_args": parse_args, "glosa_localized": True})
    return cls


def localize_command(command: Any) -> Any:
    """Give ``command`` and every subcommand the translating subclass; return ``command``."""
    if not getattr(command, "glosa_localized", False):
        command.__class__ = _localized_class(type(command))
    for sub in getattr(command, "commands", {}).values():
        localize_command(sub)
    return command
