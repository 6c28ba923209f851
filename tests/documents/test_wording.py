"""What a teacher reads, phrase by phrase: the one file a copy edit of a message template changes.

The conversation specs assert on template names and values; the wording they used to check as well is
checked here, once, from the same replies.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from iepbot.dialogue.feedback import report_values
from iepbot.dialogue.io import Reply
from iepbot.documents import MessageRenderer, to_plain
from nlp import check_target

TODAY = date(2026, 11, 23)
EXPIRES = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
HELP = {"is_senco": False, "in_flow": False}
LINK = "https://t.me/iep_test_bot?start=c0de"


def read(reply: Reply) -> str:
    return to_plain(MessageRenderer().render(reply))


SAYS = [
    (Reply("stranger.html"), "invite link from your school's SENCo"),
    (
        Reply("welcome.html", {"name": "Mrs Evans", "role": "senco", "school": "Riverside Academy"}),
        "You have joined Riverside Academy as the SENCo",
    ),
    (Reply("ask_difficulty.html", {"name": "Sam", "current": "Blending sounds"}), "You said: Blending sounds"),
    (Reply("nothing_to_resume.html"), "There is no unfinished plan"),
    (Reply("parked.html", {"count": 1}), "Nothing is lost"),
    (Reply("parked.html", {"count": 2}), "2 unfinished plans"),
    (Reply("parked_full.html", {"count": 20}), "already have 20 unfinished plans"),
    (Reply("plans.html", {"plans": []}), "Send /new"),
    (Reply("help.html", {**HELP, "is_senco": True}), "/invite"),
    (
        Reply(
            "invite_created.html", {"code": "c0de", "link": "https://t.me/iep_test_bot?start=c0de", "expires": EXPIRES}
        ),
        "https://t.me/iep_test_bot?start=c0de",
    ),
    (Reply("invite_created.html", {"code": "c0de", "link": None, "expires": EXPIRES}), "/start c0de"),
    (Reply("text_only.html", {"kind": "photo", "in_flow": False}), "photo"),
    (Reply("text_only.html", {"kind": "edited message", "in_flow": False}), "not an edited message"),
    (Reply("text_only.html", {"kind": "audio file", "in_flow": True}), "not an audio file"),
    (Reply("unknown_command.html", {"name": "frobnicate"}), "I don't know the command /frobnicate."),
]
DOES_NOT_SAY = [
    (Reply("back_to_parked.html"), "There is no unfinished plan"),
    (Reply("help.html", HELP), "/invite"),
    (Reply("help.html", {**HELP, "in_flow": True}), "/invite"),
]


@pytest.mark.parametrize(("reply", "phrase"), SAYS, ids=lambda value: getattr(value, "template", None))
def test_each_reply_says_what_the_teacher_needs_to_read(reply: Reply, phrase: str) -> None:
    assert phrase in read(reply)


@pytest.mark.parametrize(("reply", "phrase"), DOES_NOT_SAY, ids=lambda value: getattr(value, "template", None))
def test_a_reply_does_not_say_what_does_not_apply(reply: Reply, phrase: str) -> None:
    assert phrase not in read(reply)


def test_quick_feedback_on_wording_that_can_be_mended_shows_the_suggested_rewrite() -> None:
    report = check_target("Sam will read CVC words.", today=TODAY)
    values = {"report": report_values(report), "close": None, "ask_skill": False, "in_flow": False}
    reply = Reply("quick_check.html", values)
    assert "Suggested rewrite" in read(reply)


@pytest.mark.parametrize("target", ["Sam will behave better in class by Easter", "Sam will be calmer by Easter"])
def test_the_advice_on_a_vague_action_does_not_say_the_same_thing_twice(target: str) -> None:
    advice = check_target(target, today=TODAY).specific.suggestion or ""
    lead, _, instead = advice.partition(": ")
    assert lead == "Say what the pupil will do"
    assert not instead.lower().startswith(("say", "describe")), advice
