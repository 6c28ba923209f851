"""A reading of Telegram HTML independent of the code under test: visible text, tags, well-formedness."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

# The tags Telegram's HTML parse mode accepts (Bot API, "HTML style").
TELEGRAM_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre"}
    | {"blockquote", "tg-emoji"}
)


@dataclass(frozen=True)
class Parsed:
    text: str  # what the reader sees
    tags: int  # elements opened

    @property
    def units(self) -> int:
        """Length as Telegram counts it: UTF-16 code units."""
        return len(self.text.encode("utf-16-le")) // 2


class MalformedError(AssertionError):
    """The markup is not what Telegram would accept."""


def parse(html: str) -> Parsed:
    """Parse like Telegram would, failing on an unknown tag, a stray or crossed closing tag, or one left open."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if reader.open:
        raise MalformedError(f"left open: {reader.open} in {html!r}")
    return Parsed("".join(reader.pieces), reader.tags)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.open: list[str] = []
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag not in TELEGRAM_TAGS:
            raise MalformedError(f"<{tag}> is not a Telegram tag")
        self.open.append(tag)
        self.tags += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise MalformedError(f"</{tag}> does not close {self.open[-1:] or 'anything'}")
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)
