"""What "✨ Use the suggestion" offers on a plan: a bank target on the difficulty's skill for this pupil's year,
written for them with a real date, or no suggestion and a question about the skill (issue 16)."""

from __future__ import annotations

from iepbot.dialogue.engine import Dialogue
from nlp.calendar import SchoolCalendar
from nlp.time_bound import suggested_deadline
from target_bank import Bank
from target_bank.render import uk_date
from tests.dialogue.conversation import rendered, to_target_for
from tests.dialogue.support import TODAY, Chat
from tests.storage.support import World

LEARNING = "Cognition and learning"
SEMH = "Social, emotional and mental health"
DEADLINE = uk_date(suggested_deadline(TODAY, SchoolCalendar())[1])


def steps_for_sam(bank: Bank, ladder: str) -> list[str]:
    """Every step of a ladder as a suggestion for Sam would read."""
    return [bank.render(step.id, name="Sam", deadline=DEADLINE) for step in bank.progression(ladder).steps]


async def test_a_suggestion_is_on_the_difficultys_ladder_for_the_pupil_by_a_real_date(
    dialogue: Dialogue, world: World, bank: Bank
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_target_for(
        chat, year="Y1", area=LEARNING, difficulty="cant blend cvc words", entry_skills="Knows 20 Phase 2 sounds"
    )
    await chat.send("Sam will get better at reading.")
    suggested = chat.last.values["bank_suggestion"]
    assert suggested in steps_for_sam(bank, "cl-phonics-cvc-blending")
    await chat.press("Use the suggestion")
    assert chat.last.values["report"]["text"] == suggested
    assert chat.last.values["from_bank"] is True


async def test_the_year_5_phonics_plan_from_the_issue_gets_a_cvc_target_not_fractions(
    dialogue: Dialogue, world: World, bank: Bank
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_target_for(
        chat,
        year="Y5",
        area=LEARNING,
        difficulty="struggles to blend sounds to read CVC words",
        entry_skills="Knows Phase 2 and 3 sounds",
    )
    await chat.send("Sam will get better at phonics")
    assert chat.last.values["bank_suggestion"] in steps_for_sam(bank, "cl-phonics-cvc-blending")


async def test_a_difficulty_naming_no_one_skill_gets_a_question_and_the_bank_instead_of_a_guess(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_target_for(
        chat, year="Y1", area=LEARNING, difficulty="possible dyslexia, reading behind", entry_skills="Phase 3 sounds"
    )
    await chat.send("Sam will get better at reading")
    assert chat.last.values["report"]["rewrite"] is None
    assert chat.last.values["bank_suggestion"] is None
    assert not any("Use the suggestion" in label for label in chat.labels)
    assert "📚 Pick from the bank" in chat.labels
    text = rendered(chat.replies)
    assert "Which skill is this target for?" in text
    assert "Use the suggestion" not in text, "the menu mentions no suggestion that isn't there"


async def test_a_year_2_pupil_at_phase_2_is_not_offered_a_phase_5_target(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_target_for(
        chat,
        year="Y2",
        area=LEARNING,
        difficulty="still on Phase 2, muddles up letter sounds",
        entry_skills="Knows s a t p i n",
    )
    await chat.send("Sam will get better at phonics")
    assert "Phase 5" not in (chat.last.values["bank_suggestion"] or "")


async def test_a_maths_confidence_target_on_an_anger_plan_gets_no_calm_down_card(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_target_for(
        chat, year="Y3", area=SEMH, difficulty="dysregulated, throws chairs when angry", entry_skills="Says he is cross"
    )
    await chat.send("Sam will be more confident in maths")
    assert chat.last.values["bank_suggestion"] is None
    assert "Which skill is this target for?" in rendered(chat.replies)
