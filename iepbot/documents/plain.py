"""Telegram HTML as plain text, for the terminal (`iepbot chat`): tags dropped, entities unescaped."""

from __future__ import annotations

from html.parser import HTMLParser


def to_plain(html: str) -> str:
    """The text a reader would see; a link keeps its address as "text (url)" unless the text is the address."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return "".join(parser.pieces)


class _PlainText(HTMLParser):
    """Collects text; remembers where each open link's text starts so its address can follow it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._links: list[tuple[str | None, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._links.append((dict(attrs).get("href"), len(self.pieces)))

    def handle_endtag(self, tag: str) -> None:
        if tag != "a" or not self._links:
            return
        href, start = self._links.pop()
        text = "".join(self.pieces[start:]).strip()
        # tg://user?id=… links are mentions: the name is what matters, the address means nothing in a terminal.
        if href and not href.startswith("tg:") and href != text:
            self.pieces.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)
