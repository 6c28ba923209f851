"""Specific: an observable pupil action, the pupil as subject; several skills and negative wording are findings."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import SmartReport
from nlp.report import FindingCode


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
        ("Sam will try to join in at playtime by Easter.", "try to"),
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


def test_two_skills_joined_by_and_are_a_finding_naming_both_not_a_failed_specific(
    check: Callable[[str], SmartReport],
) -> None:
    report = check("Sam will read 20 high frequency words and write a sentence by Easter.")
    assert report.specific.met is True
    (finding,) = [f for f in report.findings if f.code is FindingCode.SEVERAL_SKILLS]
    assert [item.text for item in finding.evidence] == ["read", "write"]


@pytest.mark.parametrize(
    "text",
    [
        "Sam will add and subtract numbers to 20 by Easter.",
        "Sam will model, represent and explain multiplication facts in 4 of 5 opportunities.",
        "Sam will read a paragraph and answer 3 questions about it.",
    ],
)
def test_two_verbs_joined_or_listed_are_several_skills(check: Callable[[str], SmartReport], text: str) -> None:
    assert FindingCode.SEVERAL_SKILLS in {finding.code for finding in check(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Mia will sort red and blue cubes into two sets by Easter.",
        "Sam will read the characters, plot and theme cards aloud.",
        "Sam will write his name and address independently.",
    ],
)
def test_a_list_of_things_is_one_skill(check: Callable[[str], SmartReport], text: str) -> None:
    assert FindingCode.SEVERAL_SKILLS not in {finding.code for finding in check(text).findings}


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Sam will improve the legibility of his handwriting by writing on the line in 4 out of 5 tasks.", "writing"),
        ("Sam will develop her social skills by using kind hands and feet on 3 out of 5 occasions.", "using"),
        ("Sam will improve their ability to decode multisyllabic words.", "decode"),
        ("Sam will increase the number of words read per minute from 40 to 80.", "read"),
        ("Sam will become more consistent in completing his class work.", "completing"),
        ("Sam will increase his language skills in order to retell a short story in sequence.", "retell"),
        ("To learn initial letter sounds and to be able to identify 2 objects for each letter.", "identify"),
        ("Sam will improve his social skills, including asking a peer to play.", "asking"),
        ("Sam will increase the intelligibility of his speech by producing target words correctly.", "producing"),
        ("Sam will show skills in packing his own school bag every morning.", "packing"),
    ],
)
def test_a_vague_wrapper_around_an_observable_action_is_specific(
    check: Callable[[str], SmartReport], text: str, action: str
) -> None:
    specific = check(text).specific
    assert specific.met is True
    assert specific.evidence[0].text == action


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        ("Sam will demonstrate appropriate behaviour in the classroom.", "behaviour"),
        ("Sam will maintain attention in a joint activity for 5 minutes.", "attention"),
        ("Sam will continue to maintain her independence in the high school setting.", "independence"),
        ("Sam will exhibit responsible behavior in class.", "behavior"),
        ("To meet their target level in Science by end of term 2.", "level"),
        ("Sam will exercise increased self-control in lessons.", "control"),
        ("Sam will show understanding of the task.", "understanding"),
    ],
)
def test_a_light_verb_with_a_quality_for_its_object_is_not_specific(
    check: Callable[[str], SmartReport], text: str, quality: str
) -> None:
    specific = check(text).specific
    assert specific.met is False
    assert [item.label for item in specific.evidence][-1] == "QUALITY"
    assert specific.evidence[-1].text == quality


@pytest.mark.parametrize(
    "text",
    [
        "Sam will maintain eye contact for 5 seconds when greeted.",
        "Sam will show his work to an adult at the end of each lesson.",
        "Sam will demonstrate one-to-one correspondence when counting 10 objects.",
    ],
)
def test_a_light_verb_with_a_concrete_object_is_specific(check: Callable[[str], SmartReport], text: str) -> None:
    assert check(text).specific.met is True


@pytest.mark.parametrize(
    "text",
    [
        "Sam will work on writing the letters a, e, i, o and u over the next 8 weeks.",
        "Sam will begin to identify situations that make him stressed.",
        "Sam will work to improve the thoroughness of his daily preparation.",
        "Sam will try and finish his work.",
    ],
)
def test_effort_hedges_are_not_specific_even_around_an_action(check: Callable[[str], SmartReport], text: str) -> None:
    specific = check(text).specific
    assert specific.met is False
    assert specific.evidence[0].label == "HEDGE"


@pytest.mark.parametrize(
    "text",
    [
        "Sam will self regulate.",
        "To listen attentively.",
        "To use time constructively.",
        "Sam will increase his reading comprehension, fluency and decoding skills.",
        "Sam will have more confidence in communicating with others.",
        "get better at phonics and reading",
        "Sam will show increased confidence and persistence in solving word problems.",
        "Sam will show skills in reading.",
        "Sam will demonstrate measurable progress toward the acquisition of articulation skills.",
    ],
)
def test_internal_states_stay_vague_whatever_follows(check: Callable[[str], SmartReport], text: str) -> None:
    assert check(text).specific.met is False


@pytest.mark.parametrize(
    "text",
    [
        "I will be able to blend phonemes in words like string and catch.",
        "Cover his mouth when coughing or sneezing.",
        "To put on his coat independently.",
    ],
)
def test_pupil_voice_imperatives_and_fragments_have_the_pupil_implied(
    check: Callable[[str], SmartReport], text: str
) -> None:
    assert check(text).specific.met is True


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
def test_negative_phrasing_is_a_finding_with_the_wanted_behaviour_suggested(
    check: Callable[[str], SmartReport], text: str, alternative: str
) -> None:
    report = check(text)
    (finding,) = [f for f in report.findings if f.code is FindingCode.NEGATIVE_WORDING]
    assert alternative in finding.message
    assert report.rewrite is None


def test_text_with_no_action_at_all_says_what_is_missing(check: Callable[[str], SmartReport]) -> None:
    specific = check("Reading by Easter, 20 words").specific
    assert specific.met is True  # "Reading" is the action, even without "will"
    assert check("Phonics for Sam by Easter").specific.met is False


@pytest.mark.parametrize(
    "text",
    [
        "Sam will stop, look and listen when an adult claps twice on 4 out of 5 occasions.",
        "Sam will stop when the whistle blows in 4 out of 5 playtimes.",
    ],
)
def test_stopping_on_a_signal_is_the_behaviour_itself_not_a_negative(
    check: Callable[[str], SmartReport], text: str
) -> None:
    report = check(text)
    assert report.specific.met is True
    assert report.specific.evidence[0].text == "stop"
    assert FindingCode.NEGATIVE_WORDING not in {finding.code for finding in report.findings}


def test_a_school_stage_before_the_pupil_is_not_a_member_of_staff(check: Callable[[str], SmartReport]) -> None:
    report = check("After High School Sam will complete a welding course at the local college.")
    assert report.specific.met is True
    assert report.specific.evidence[0].text == "complete"
