"""Plain text for the terminal: what a Telegram reader would see, with link addresses kept."""

from __future__ import annotations

import pytest

from iepbot.documents import to_plain


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<b>Sam</b> reads &lt; 5 words &amp; &gt; 3", "Sam reads < 5 words & > 3"),
        ("Mr O&#39;Neil said &#34;yes&#34; &quot;twice&quot; &#x1F44D;", 'Mr O\'Neil said "yes" "twice" 👍'),
        ("<i>one</i>\n\n<u>two</u>\n<code>three</code>", "one\n\ntwo\nthree"),
        ('<pre><code class="language-text">a  b</code></pre>', "a  b"),
        ('<span class="tg-spoiler">hidden</span> <tg-spoiler>too</tg-spoiler>', "hidden too"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> done', "👍 done"),
        ("<blockquote expandable>quoted 🎯</blockquote>", "quoted 🎯"),
    ],
)
def test_tags_are_dropped_and_entities_unescaped(html: str, plain: str) -> None:
    assert to_plain(html) == plain


def test_a_link_keeps_its_address_after_its_text() -> None:
    html = 'See <a href="https://example.org/send?a=1&amp;b=2">the <b>SEND</b> guidance</a>.'
    assert to_plain(html) == "See the SEND guidance (https://example.org/send?a=1&b=2)."


def test_a_link_whose_text_is_its_address_is_not_repeated() -> None:
    assert to_plain('<a href="https://t.me/OakfieldIepBot">https://t.me/OakfieldIepBot</a>') == (
        "https://t.me/OakfieldIepBot"
    )


def test_a_mention_shows_the_name_only() -> None:
    assert to_plain('Sent to <a href="tg://user?id=103">Mrs Okafor</a>') == "Sent to Mrs Okafor"
