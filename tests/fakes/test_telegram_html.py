"""Telegram's HTML parse mode as the fake Bot API applies it: what it accepts, and why it refuses the rest."""

from __future__ import annotations

import pytest

from fakes.telegram_html import HtmlParseError, parse_html, utf16_length


def test_every_tag_telegram_allows_becomes_its_entity() -> None:
    parsed = parse_html(
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>"
        '<span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler><a href="https://example.org/">a</a>'
        '<code>c</code><pre>p</pre><blockquote>q</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )

    assert parsed.text == "bsieunskdpqacpq👍"
    assert [entity["type"] for entity in parsed.entities] == [
        *["bold", "bold", "italic", "italic", "underline", "underline"],
        *["strikethrough", "strikethrough", "strikethrough", "spoiler", "spoiler"],
        *["text_link", "code", "pre", "blockquote", "custom_emoji"],
    ]
    assert parsed.entities[11]["url"] == "https://example.org/"
    assert parsed.entities[15]["custom_emoji_id"] == "5368324170671202286"


def test_pre_with_a_language_class_on_its_code_is_one_pre_entity_with_that_language() -> None:
    parsed = parse_html('<pre><code class="language-python">print("hi")</code></pre>')

    assert parsed.entities == ({"type": "pre", "offset": 0, "length": 11, "language": "python"},)


def test_expandable_blockquote_is_its_own_entity_type() -> None:
    assert parse_html("<blockquote expandable>long</blockquote>").entities[0]["type"] == "expandable_blockquote"


def test_entities_decode_to_the_characters_they_stand_for() -> None:
    assert parse_html("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#x27; &#128512;").text == "a <b> & \"c\" 'd' 😀"


def test_nested_entities_are_ordered_outer_first() -> None:
    parsed = parse_html("<b>bold <i>both</i></b>")

    assert parsed.entities == (
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 5, "length": 4},
    )


def test_offsets_count_utf16_units_so_an_emoji_counts_twice() -> None:
    parsed = parse_html("😀 <b>after</b>")

    assert parsed.entities == ({"type": "bold", "offset": 3, "length": 5},)
    assert utf16_length("😀") == 2


def test_surrounding_whitespace_is_trimmed_and_entities_moved_with_the_text() -> None:
    parsed = parse_html("\n  <b> Well done </b>\n")

    assert parsed.text == "Well done"
    assert parsed.entities == ({"type": "bold", "offset": 0, "length": 9},)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        pytest.param("reads < 5 words", 'Unsupported start tag "" at byte offset 6', id="bare-less-than"),
        pytest.param("x<5", "Unclosed start tag at byte offset 1", id="less-than-at-the-end"),
        pytest.param("<b>open", 'Can\'t find end tag corresponding to start tag "b"', id="unclosed"),
        pytest.param(
            "<b><i>x</b></i>",
            'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
            id="misnested",
        ),
        pytest.param("x</b>", "Unexpected end tag at byte offset 1", id="end-without-start"),
        pytest.param("<p>para</p>", 'Unsupported start tag "p" at byte offset 0', id="unknown-tag"),
        pytest.param("line<br/>", 'Unsupported start tag "br/" at byte offset 4', id="self-closing"),
        pytest.param("Maths & English", 'Unescaped "&" at byte offset 6', id="bare-ampersand"),
        pytest.param("&nbsp;", 'Unescaped "&" at byte offset 0', id="entity-telegram-lacks"),
        pytest.param("&lt no semicolon", 'Unescaped "&" at byte offset 0', id="entity-without-semicolon"),
        pytest.param('<b class="x">y</b>', 'Unsupported attribute class="x" in the tag "b"', id="attribute-ignored"),
        pytest.param("<span>s</span>", 'Tag "span" must have class "tg-spoiler"', id="span-without-class"),
        pytest.param("<a>link</a>", 'Tag "a" must have a non-empty href', id="link-without-href"),
        pytest.param('<a href="x>y</a>', "Unclosed start tag at byte offset 0", id="unclosed-quote"),
        pytest.param("<a href=x/y>z</a>", "Unexpected end of name token at byte offset 8", id="unquoted-slash"),
        pytest.param("<tg-emoji emoji-id=abc>x</tg-emoji>", "Invalid custom emoji identifier", id="emoji-id"),
    ],
)
def test_malformed_markup_is_refused_with_telegrams_reason(html: str, reason: str) -> None:
    with pytest.raises(HtmlParseError) as refused:
        parse_html(html)

    assert str(refused.value).startswith(reason)


def test_byte_offsets_count_utf8_bytes_as_telegram_reports_them() -> None:
    with pytest.raises(HtmlParseError, match=r"byte offset 6$"):
        parse_html("café <x>")  # "<" is the sixth character but "é" takes two bytes
