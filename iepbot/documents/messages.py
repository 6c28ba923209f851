"""Telegram messages from Jinja2 templates, in HTML parse mode with every value escaped.

Templates live in `templates/messages/`, one file per message, named by `Reply.template`. Escaping is
forced for every template whatever its name (STYLE.md: `select_autoescape` would skip `*.j2`), so a
teacher's "reads < 5 words" arrives as text, never as markup Telegram refuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from target_bank.render import uk_date

if TYPE_CHECKING:
    from iepbot.dialogue.io import Reply

# Three or more line breaks, counting lines that hold only spaces: what control blocks leave behind.
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")


class MessageRenderer:
    """Renders a `Reply` as Telegram HTML. Build one at start and share it: compiled templates are cached."""

    def __init__(self, loader: BaseLoader | None = None) -> None:
        """`loader` replaces the packaged templates (tests use a folder of their own)."""
        self._environment = Environment(
            loader=loader if loader is not None else PackageLoader("iepbot.documents", "templates/messages"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=False,  # templates ship with the code: no need to stat their files at every render
        )
        self._environment.filters.update(uk_date=_uk_date, plural=plural, join_and=join_and)

    def compile_all(self) -> list[str]:
        """Compile every template now, so a syntax error stops the bot at start, not in a teacher's chat."""
        names = self._environment.list_templates()
        for name in names:
            self._environment.get_template(name)
        return names

    def render(self, reply: Reply) -> str:
        """The message text: the template filled with `reply.values`, blank-line runs collapsed, ends trimmed.

        A value the template uses but the reply lacks raises `jinja2.UndefinedError` (a bug, not a blank).
        """
        html = self._environment.get_template(reply.template).render(reply.values)
        return _BLANK_LINES.sub("\n\n", html).strip()


def _uk_date(value: date) -> str:
    """`{{ deadline | uk_date }}`: "12 February 2027"; anything but a date is a template bug, said plainly."""
    if not isinstance(value, date):
        raise TypeError(f"uk_date needs a date, not {type(value).__name__}")
    return uk_date(value)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`{{ n | plural("target") }}`: "1 target", "3 targets"; give the plural when it is not just an added s."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def join_and(items: Iterable[object]) -> Markup:
    """`{{ names | join_and }}`: "Sam, Ali and Jo", as British English lists (no serial comma), each escaped."""
    escaped = [escape(item) for item in items]
    if len(escaped) <= 1:
        return Markup("").join(escaped)
    return Markup(", ").join(escaped[:-1]) + Markup(" and ") + escaped[-1]
