"""Specific: an observable pupil action, one skill, the pupil as subject, phrased positively."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import SmartReport


@pytest.mark.parametrize(
    "text",
    [
        "Sam will read 20 CVC words by Easter.",
        "To sit on the carpet for 10 minutes by Christmas.",
        "Aisha to ask an adult for help using her card by May half term.",
        "By Easter, Jo will independently put on her coat.",
        "Leo will take turns in a board game with one peer by February half term.",
        "Mia will sort red and blue cubes into two sets by the end of the spring term.",
        "Noah will point to 10 objects when named by Easter.",
    ],
)
def test_observable_actions_by_the_pupil_are_specific(check: Callable[[str], SmartReport], text: str) -> None:
    assert check(text).specific.met is True


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Sam will understand fractions by Easter.", "understand"),
        ("Sam will know his number bonds to 10 by Easter.", "know"),
        ("Sam will improve his reading by Christmas.", "improve"),
        ("Sam will develop his fine motor skills by Easter.", "develop"),
        ("Sam will be aware of the needs of others by Easter.", "be aware"),
        ("Sam will enjoy reading by the summer holidays.", "enjoy"),
        ("Sam will try to join in at playtime by Easter.", "try"),
        ("Sam will learn about money by Easter.", "learn about"),
        ("Sam will be calmer in lessons by Easter.", "be calmer"),
        ("Sam will be nicer to his friends by Easter.", "be"),
        ("Sam will have better behaviour by Easter.", "have"),
    ],
)
def test_vague_or_internal_verbs_are_not_specific(check: Callable[[str], SmartReport], text: str, verb: str) -> None:
    specific = check(text).specific
    assert specific.met is False
    assert specific.evidence[0].text.lower() == verb
    assert specific.suggestion


def test_two_skills_joined_by_and_are_flagged_and_named(check: Callable[[str], SmartReport]) -> None:
    specific = check("Sam will read 20 high frequency words and write a sentence by Easter.").specific
    assert specific.met is False
    assert [item.text for item in specific.evidence] == ["read", "write"]


def test_two_verbs_sharing_an_object_are_two_skills(check: Callable[[str], SmartReport]) -> None:
    assert check("Sam will add and subtract numbers to 20 by Easter.").specific.met is False


@pytest.mark.parametrize(
    "text",
    [
        "Staff will provide Sam with a visual timetable by Easter.",
        "The TA will support Sam to read 10 words by Easter.",
        "Sam will receive 3 sessions of speech therapy a week.",
        "Sam will have access to a writing slope by Easter.",
        "Sam will be given a movement break every lesson.",
    ],
)
def test_provision_is_not_a_target(check: Callable[[str], SmartReport], text: str) -> None:
    specific = check(text).specific
    assert specific.met is False
    assert "provision" in specific.message


@pytest.mark.parametrize(
    ("text", "alternative"),
    [
        ("Sam will not hit other children at playtime by Easter.", "hands and feet to themselves"),
        ("Sam will stop shouting out in lessons by Easter.", "put their hand up"),
        ("Sam won't run in the corridor by Easter.", "walk"),
    ],
)
def test_negative_phrasing_gets_the_wanted_behaviour_suggested(
    check: Callable[[str], SmartReport], text: str, alternative: str
) -> None:
    specific = check(text).specific
    assert specific.met is False
    assert specific.suggestion is not None
    assert alternative in specific.suggestion


def test_text_with_no_action_at_all_says_what_is_missing(check: Callable[[str], SmartReport]) -> None:
    specific = check("Reading by Easter, 20 words").specific
    assert specific.met is True  # "Reading" is the action, even without "will"
    assert check("Phonics for Sam by Easter").specific.met is False
