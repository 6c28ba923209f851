"""Splits a Telegram HTML message that is too long into parts Telegram accepts, each well-formed on its own.

Telegram measures a message after parsing its entities, in UTF-16 code units: tags cost nothing, "&amp;"
costs one, an emoji outside the Basic Multilingual Plane two. It also refuses markup much longer than the
text ("Entities_too_long", from about 9,500 characters: tdlib/telegram-bot-api#165) and ignores formatting
after the 100th entity, so the markup and the number of tags are kept within limits too.

Where to cut, best first: a blank line, a line break, a space (each preferred only if the part is at least
half full; otherwise the latest of them anywhere), then between two characters that do not belong to one
emoji or accented letter, then anywhere. Never inside a tag or an entity. Whitespace at a cut is dropped.
Elements open at a cut are closed at the end of one part and reopened, with their attributes, at the start
of the next.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

MESSAGE_LIMIT = 4096  # visible text, UTF-16 code units (sendMessage)
RAW_LIMIT = 8192  # characters of markup: under the ~9,500 at which Telegram answers Entities_too_long
ENTITY_LIMIT = 100  # Telegram drops formatting after the 100th entity of a message

_TOKEN = re.compile(
    r"<(?P<closing>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>"
    r"|&(?:(?P<named>[A-Za-z][A-Za-z0-9]*)|#(?P<decimal>[0-9]{1,7})|#[xX](?P<hex>[0-9A-Fa-f]{1,6}));"
)
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}  # the only named entities Telegram decodes
_ZERO_WIDTH_JOINER = "\u200d"


@dataclass(frozen=True, slots=True)
class _Token:
    """One visible character (or entity), or one tag."""

    raw: str
    text: str = ""  # what the reader sees; empty for a tag
    width: int = 0  # UTF-16 code units of `text`
    name: str | None = None  # the element, for a tag
    closing: bool = False


class _Cut(enum.IntEnum):
    """Kinds of place to cut, worst first."""

    CHARACTER = 0
    CLUSTER = 1  # between characters that do not join into one emoji or letter
    SPACE = 2
    LINE = 3
    PARAGRAPH = 4


_NATURAL = (_Cut.PARAGRAPH, _Cut.LINE, _Cut.SPACE)


@dataclass(frozen=True, slots=True)
class _Limits:
    visible: int
    raw: int
    entities: int

    def allow(self, visible: int, raw: int, entities: int) -> bool:
        return visible <= self.visible and raw <= self.raw and entities <= self.entities


def split_html(
    html: str, limit: int = MESSAGE_LIMIT, *, raw_limit: int = RAW_LIMIT, entity_limit: int = ENTITY_LIMIT
) -> list[str]:
    """`html` as one or more messages; a message within every limit comes back unchanged as the only part.

    `limit` is a hard bound on each part's visible text. `raw_limit` and `entity_limit` bound each part's
    markup and tag count unless the tags open around a single character already exceed them (the part then
    holds just that character). Raises ValueError for a message with no visible text: Telegram refuses it.
    """
    if limit < 2:
        raise ValueError("The limit must be at least 2 UTF-16 code units: one emoji can need two.")
    limits = _Limits(limit, raw_limit, entity_limit)
    if _fits_as_written(html, limits):
        return [html]
    tokens = _tokenize(html)
    if not any(token.text and not token.text.isspace() for token in tokens):
        raise ValueError("The message has no visible text, and Telegram refuses an empty message.")
    visible = sum(token.width for token in tokens)
    entities = sum(1 for token in tokens if token.name and not token.closing)
    if limits.allow(visible, len(html), entities):
        return [html]

    parts: list[str] = []
    open_tags: list[_Token] = []
    index = 0
    while True:
        index = _skip_blank(tokens, index, open_tags)
        if index == len(tokens):
            return parts
        cut = _find_cut(tokens, index, open_tags, limits)
        parts.append(_assemble(open_tags, tokens[index:cut]))
        for token in tokens[index:cut]:
            _track(open_tags, token)
        index = cut


def _fits_as_written(html: str, limits: _Limits) -> bool:
    """Nearly every message: fits by bounds that need no parsing (markup is never shorter than the text
    it shows; every tag starts with "<") and shows a character that is neither tag nor entity."""
    if len(html) > limits.raw or html.count("<") > limits.entities or _units(html) > limits.visible:
        return False
    return bool(_TOKEN.sub("", html).strip())


def _tokenize(html: str) -> list[_Token]:
    """Tags and entities as single tokens, every other character as one token."""
    tokens: list[_Token] = []
    position = 0
    for match in _TOKEN.finditer(html):
        tokens.extend(_Token(char, char, _units(char)) for char in html[position : match.start()])
        if match["name"]:
            tokens.append(_Token(match[0], name=match["name"].lower(), closing=bool(match["closing"])))
        else:
            text = _entity_text(match)
            tokens.append(_Token(match[0], text, _units(text)))
        position = match.end()
    tokens.extend(_Token(char, char, _units(char)) for char in html[position:])
    return tokens


def _entity_text(match: re.Match[str]) -> str:
    """What Telegram shows for an entity; one it does not decode stays as written (and is counted so)."""
    if match["named"]:
        return _NAMED.get(match["named"], match[0])
    code = int(match["decimal"]) if match["decimal"] else int(match["hex"], 16)
    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return chr(code)
    return match[0]


def _units(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts (a lone surrogate counts one)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _track(open_tags: list[_Token], token: _Token) -> None:
    """Update the elements open after `token`; a closing tag closes its innermost element of that name."""
    if token.name is None:
        return
    if not token.closing:
        open_tags.append(token)
        return
    for position in range(len(open_tags) - 1, -1, -1):
        if open_tags[position].name == token.name:
            del open_tags[position:]
            return


def _skip_blank(tokens: list[_Token], index: int, open_tags: list[_Token]) -> int:
    """The first visible, non-space token from `index`, tracking the tags passed on the way."""
    while index < len(tokens) and (tokens[index].name is not None or tokens[index].text.isspace()):
        _track(open_tags, tokens[index])
        index += 1
    return index


def _find_cut(tokens: list[_Token], start: int, open_tags: list[_Token], limits: _Limits) -> int:
    """Where the part starting at `start` (a visible, non-space token) should end: an index past `start`."""
    visible = 0
    raw = sum(len(tag.raw) for tag in open_tags)
    entities = len(open_tags)
    still_open = list(open_tags)
    closing = _closing_length(still_open)
    latest: dict[_Cut, tuple[int, int]] = {}  # kind -> (cut, visible before it), latest that fits
    reach = 0  # visible text of the longest part that fits
    after_char: tuple[int, int, bool] | None = None  # the cut just after the last character: where, visible, fits
    space_run: tuple[int, int, bool] | None = None  # the cut before the whitespace being read
    newlines = 0
    previous = ""

    def offer(kind: _Cut, cut: tuple[int, int, bool] | None) -> None:
        if cut is not None and cut[2]:
            latest[kind] = (cut[0], cut[1])

    for index in range(start, len(tokens)):
        token = tokens[index]
        if index > start:
            fits = limits.allow(visible, raw + closing, entities)
            if fits:
                reach = visible
            if tokens[index - 1].text:
                after_char = (index, visible, fits)
        if token.text.isspace():
            if space_run is None:
                space_run, newlines = after_char, 0
            newlines += token.text.count("\n")
        elif token.text:
            if space_run is not None:
                offer(_kind_of_space(newlines), space_run)
                space_run = None
            elif index > start:
                offer(_Cut.CHARACTER, after_char)
                if not _joined(previous, token.text):
                    offer(_Cut.CLUSTER, after_char)
            previous = token.text

        visible += token.width
        raw += len(token.raw)
        if token.name is not None:
            entities += not token.closing
            _track(still_open, token)
            closing = _closing_length(still_open)
        if not limits.allow(visible, raw, entities):
            break  # these only grow: no later cut can fit
    else:
        if limits.allow(visible, raw + closing, entities):
            return len(tokens)
    if space_run is not None:
        offer(_kind_of_space(newlines), space_run)
    return _best_cut(latest, reach, start)


def _closing_length(open_tags: list[_Token]) -> int:
    """Characters needed to close every open element: "</name>" each."""
    return sum(len(tag.name or "") + 3 for tag in open_tags)


def _best_cut(latest: dict[_Cut, tuple[int, int]], reach: int, start: int) -> int:
    """The best kind of cut that leaves the part at least half full, else the best kind at all."""
    for kind in _NATURAL:
        if kind in latest and latest[kind][1] * 2 >= reach:
            return latest[kind][0]
    if latest:
        return latest[max(latest)][0]
    return start + 1  # not even one character fits the markup limits: send it alone


def _kind_of_space(newlines: int) -> _Cut:
    if newlines >= 2:
        return _Cut.PARAGRAPH
    return _Cut.LINE if newlines == 1 else _Cut.SPACE


def _joined(before: str, after: str) -> bool:
    """True if cutting between these would break an emoji or a letter with its accent."""
    if not before or not after:
        return False
    first, last = after[0], before[-1]
    return (
        last == _ZERO_WIDTH_JOINER
        or first == _ZERO_WIDTH_JOINER
        or unicodedata.category(first) in {"Mn", "Mc", "Me"}  # combining marks, variation selectors
        or 0x1F3FB <= ord(first) <= 0x1F3FF  # skin tones
        or 0xE0020 <= ord(first) <= 0xE007F  # tag characters (subdivision flags)
        or (_regional_indicator(last) and _regional_indicator(first))
    )


def _regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _assemble(open_tags: list[_Token], body: list[_Token]) -> str:
    """One part: reopen `open_tags` as written (attributes and all), add `body`, close what is still open."""
    still_open = list(open_tags)
    for token in body:
        _track(still_open, token)
    closing = "".join(f"</{tag.name}>" for tag in reversed(still_open))
    return "".join(tag.raw for tag in open_tags) + "".join(token.raw for token in body) + closing
