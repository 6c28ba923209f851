"""Rendering: user text arrives as text (never markup), a missing value is an error, no blank-line runs."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from jinja2 import FileSystemLoader, TemplateSyntaxError, UndefinedError

from iepbot.dialogue.io import Reply
from iepbot.documents import MessageRenderer, split_html, to_plain
from tests.documents.support import parse

TEMPLATES = Path(__file__).parent / "templates"
VALUES: dict[str, Any] = {
    "pupil": "Sam",
    "emoji": "🎯",
    "target": "Sam will read 20 CVC words.",
    "deadline": date(2027, 2, 12),
    "notes": [],
    "targets": 1,
    "staff": ["Ms Patel"],
}


@pytest.fixture(scope="module")
def renderer() -> MessageRenderer:
    return MessageRenderer(FileSystemLoader(TEMPLATES))


def render(renderer: MessageRenderer, **values: Any) -> str:
    return renderer.render(Reply("target.html", VALUES | values))


def test_html_special_characters_typed_by_a_teacher_arrive_as_text(renderer: MessageRenderer) -> None:
    typed = 'Sam <Jo> & "Ali" will read < 5 words </b>'
    html = render(renderer, pupil=typed, target=typed, staff=["Mr O'Neil & co"])
    assert "<Jo>" not in html
    assert "&lt;Jo&gt; &amp; &#34;Ali&#34;" in html
    seen = parse(html)  # still well-formed: only the template's own tags
    assert seen.tags == 2
    assert f"Target for {typed}" in seen.text
    assert "Mr O'Neil & co" in seen.text


def test_emoji_and_non_ascii_text_arrive_unescaped(renderer: MessageRenderer) -> None:
    html = render(renderer, pupil="Zoë 👩‍👧", emoji="🇬🇧✨", target="Sam will say «hello» 👋🏽")
    assert "<b>Target for Zoë 👩‍👧</b> 🇬🇧✨" in html
    assert "Sam will say «hello» 👋🏽" in html


def test_a_4000_character_target_is_kept_whole_and_splits_into_valid_parts(renderer: MessageRenderer) -> None:
    target = ("Sam will read < 5 & > 3 words 📚 " * 200)[:4000]
    html = render(renderer, target=target)
    assert parse(html).text.count(target) == 1
    parts = split_html(html)
    assert len(parts) == 2
    seen = [parse(part) for part in parts]
    assert all(part.units <= 4096 for part in seen)
    assert re.sub(r"\s", "", "".join(part.text for part in seen)) == re.sub(r"\s", "", parse(html).text)


def test_a_value_the_template_uses_but_the_reply_lacks_is_an_error_not_a_blank(renderer: MessageRenderer) -> None:
    values = dict(VALUES)
    del values["pupil"]
    with pytest.raises(UndefinedError, match="'pupil' is undefined"):
        renderer.render(Reply("target.html", values))


def test_control_blocks_leave_no_run_of_blank_lines_and_no_surrounding_space(renderer: MessageRenderer) -> None:
    html = render(renderer, notes=["Needs a quiet room", "Likes trains"], deadline=None)
    assert "\n\n\n" not in html
    assert html == html.strip()
    assert html.splitlines() == [
        "<b>Target for Sam</b> 🎯",
        "",
        "Sam will read 20 CVC words.",
        "",
        "  • Needs a quiet room",
        "  • Likes trains",
        "",
        "<i>1 target for Ms Patel</i>",
    ]


def test_dates_are_written_as_schools_in_england_write_them(renderer: MessageRenderer) -> None:
    assert "By 12 February 2027" in render(renderer)
    assert "By 3 March 2027" in render(renderer, deadline=datetime(2027, 3, 3, 15, 30))
    with pytest.raises(TypeError, match="uk_date needs a date, not str"):
        render(renderer, deadline="2027-02-12")


@pytest.mark.parametrize(
    ("count", "staff", "line"),
    [
        (0, [], "0 targets for "),
        (1, ["Ms Patel"], "1 target for Ms Patel"),
        (2, ["Ms Patel", "Mr Jones"], "2 targets for Ms Patel and Mr Jones"),
        (3, ["A", "B & C", "<D>"], "3 targets for A, B &amp; C and &lt;D&gt;"),
    ],
)
def test_counts_and_lists_read_as_english(renderer: MessageRenderer, count: int, staff: list[str], line: str) -> None:
    assert render(renderer, targets=count, staff=staff).endswith(f"<i>{line}</i>")


def test_an_address_in_a_link_is_escaped_inside_the_attribute(renderer: MessageRenderer) -> None:
    html = renderer.render(Reply("link.html", {"url": 'https://example.org/?a=1&b="2"', "title": "the <guide>"}))
    assert html == 'Read <a href="https://example.org/?a=1&amp;b=&#34;2&#34;">the &lt;guide&gt;</a>.'
    assert to_plain(html) == 'Read the <guide> (https://example.org/?a=1&b="2").'


def test_compile_all_names_every_template_and_stops_at_a_syntax_error(tmp_path: Path) -> None:
    assert sorted(MessageRenderer(FileSystemLoader(TEMPLATES)).compile_all()) == ["link.html", "target.html"]
    (tmp_path / "broken.html").write_text("{% if unclosed %}\nHello\n", encoding="utf-8")
    with pytest.raises(TemplateSyntaxError):
        MessageRenderer(FileSystemLoader(tmp_path)).compile_all()


def test_the_packaged_message_templates_all_compile() -> None:
    names = MessageRenderer().compile_all()
    assert all(name.endswith(".html") for name in names)
