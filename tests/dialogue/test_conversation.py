"""The conversation around the drafting steps: the door, group chats, quick checks, navigation, restarts,
redelivered updates, stale buttons, plans and invites, hostile text, and erasure mid-conversation."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import text

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice, Command, Input, Reply, Text, Turn, Unsupported
from iepbot.dialogue.memory import PARKED_LIMIT
from iepbot.dialogue.services import Services
from iepbot.documents.messages import MessageRenderer
from iepbot.documents.plain import to_plain
from iepbot.domain.access import NOT_YOURS, OTHER_SCHOOL
from iepbot.domain.actors import OPERATOR
from iepbot.domain.dialogue import begin_turn, save_answer
from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.plans import my_plans, start_plan
from iepbot.domain.privacy import erase_pupil
from iepbot.domain.records import DialogueState, Plan, School, StaffMember
from iepbot.domain.schools import INVALID_INVITE, issue_invite
from iepbot.storage.models import Base
from iepbot.storage.storage import Storage
from target_bank import Bank
from tests.dialogue.support import TODAY, Chat
from tests.storage.support import FakeClock, World, add_pupil_for, draft_with_targets

STRANGER = 5550001
ANOTHER_STRANGER = 5550002
GROUP_CHAT = -1001234567
SMART_TARGET = "Sam will read 20 CVC words aloud with 90% accuracy by February half term."
NEEDS_A_REWRITE = "Sam will read CVC words."
RENDERER = MessageRenderer()


# ---------------------------------------------------------------------------------------------- helpers


def rendered(replies: list[Reply]) -> str:
    """What the user reads: every reply rendered from its template (a missing value fails here)."""
    return "\n\n".join(to_plain(RENDERER.render(reply)) for reply in replies)


async def row_counts(storage: Storage) -> dict[str, int]:
    """How many rows every table holds, read with plain SQL (not through the repositories under test)."""
    counts: dict[str, int] = {}
    async with storage.read() as tx:
        for table in Base.metadata.sorted_tables:
            counts[table.name] = (await tx.session.execute(text(f'SELECT COUNT(*) FROM "{table.name}"'))).scalar_one()
    return counts


async def dialogue_rows_as_text(storage: Storage) -> str:
    async with storage.read() as tx:
        rows = (await tx.session.execute(text("SELECT * FROM dialogue_states"))).all()
    return repr([tuple(row) for row in rows])


async def state_of(storage: Storage, chat_id: int) -> DialogueState | None:
    async with storage.read() as tx:
        return await tx.dialogue.get(chat_id)


async def staff_of(storage: Storage, telegram_user_id: int) -> StaffMember | None:
    async with storage.read() as tx:
        return await tx.staff.by_telegram_id(telegram_user_id)


async def issue(storage: Storage, school: School, role: Role = Role.TEACHER) -> str:
    """A fresh invite code, issued by the operator on the server."""
    async with storage.write() as tx:
        return (await issue_invite(tx, OPERATOR, school_id=school.id, role=role)).code


async def to_difficulty(chat: Chat) -> None:
    """/new for a new pupil Sam in Year 2, up to "what does Sam find difficult?"."""
    await chat.send("/new")
    await chat.press("Add a pupil")
    await chat.send("Sam")
    await chat.press("Y2")
    await chat.press("Cognition and learning")
    assert chat.last.template == "ask_difficulty.html"


async def to_target(chat: Chat, *, difficulty: str = "Blending sounds to read short words") -> None:
    """From "what does Sam find difficult?" to the first target question."""
    await chat.send(difficulty)
    await chat.send("Knows most Phase 2 sounds")
    await chat.send("Loves dinosaurs")
    await chat.press("No")
    await chat.press("Small step")
    assert chat.last.template == "ask_target.html"


async def accept_a_target(chat: Chat) -> None:
    """A SMART target accepted with its six support answers; ends at "add another?"."""
    await chat.send(SMART_TARGET)
    await chat.press("Use this target")
    for answer in ("Precision teaching", "Word cards", "Teaching assistant", "Daily", "18 of 20", "Weekly probe"):
        await chat.send(answer)
    assert chat.last.template == "ask_more_targets.html"


async def submit_from_more_targets(chat: Chat) -> None:
    await chat.press("No more targets")
    await chat.press("12 February 2027")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.press("Submit")
    assert chat.templates[0] == "plan_submitted.html"


def version_of(chat: Chat) -> str:
    """The chat version stamped on the buttons of the last replies."""
    return chat.replies[-1].buttons[0][0].data.split(":")[0]


# ---------------------------------------------------------------------------------------------- the door

STRANGER_INPUTS = [
    Text("Hello, can you help with IEP targets?"),
    Text(SMART_TARGET),
    Command("new"),
    Command("plans"),
    Command("check", SMART_TARGET),
    Command("invite"),
    Command("start"),
    Command("start", "   "),
    Choice("1:area:cognition_and_learning"),
    Unsupported("photo"),
]


@pytest.mark.usefixtures("world")
@pytest.mark.parametrize("received", STRANGER_INPUTS, ids=repr)
async def test_a_stranger_gets_the_way_in_whatever_they_send_and_nothing_of_theirs_is_kept(
    dialogue: Dialogue, storage: Storage, received: Input
) -> None:
    before = await row_counts(storage)
    chat = Chat(dialogue, STRANGER, "Curious Person")
    assert await chat.turn(received) == [Reply("stranger.html")]
    assert "invite link from your school's SENCo" in rendered(chat.replies)
    assert await row_counts(storage) == before
    assert await state_of(storage, STRANGER) is None
    assert await staff_of(storage, STRANGER) is None


async def test_a_stranger_cannot_open_a_plan_with_a_forged_button(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="Q.R.")
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    before = await row_counts(storage)
    chat = Chat(dialogue, STRANGER)
    assert await chat.turn(Choice(f"1:open:{plan.id}")) == [Reply("stranger.html")]
    assert await row_counts(storage) == before


async def test_an_invite_registers_the_stranger_with_its_school_and_role(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    code = await issue(storage, world.other_school, Role.SENCO)
    chat = Chat(dialogue, STRANGER, "  Mrs   Evans ")
    await chat.send(f"/start {code}")
    assert chat.replies == [
        Reply("welcome.html", {"name": "Mrs Evans", "role": "senco", "school": "Riverside Academy"})
    ]
    assert "You have joined Riverside Academy as the SENCo" in rendered(chat.replies)
    member = await staff_of(storage, STRANGER)
    assert member is not None
    assert (member.school_id, member.role, member.name) == (world.other_school.id, Role.SENCO, "Mrs Evans")
    await chat.send("/plans")
    assert chat.templates == ["plans.html"], "they are staff from the next message on"


async def test_a_stranger_without_a_usable_name_is_registered_as_a_member_of_staff(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    code = await issue(storage, world.school)
    await Chat(dialogue, STRANGER, " \t ").send(f"/start {code}")
    member = await staff_of(storage, STRANGER)
    assert member is not None
    assert member.name == "Member of staff"


async def test_wrong_used_and_expired_codes_get_the_very_same_reply(
    dialogue: Dialogue, storage: Storage, world: World, clock: FakeClock
) -> None:
    used = await issue(storage, world.school)
    await Chat(dialogue, ANOTHER_STRANGER).send(f"/start {used}")
    assert await staff_of(storage, ANOTHER_STRANGER) is not None
    expired = await issue(storage, world.school)
    clock.advance(timedelta(days=7))
    chat = Chat(dialogue, STRANGER)
    before = await row_counts(storage)

    answers = [await chat.send(f"/start {code}") for code in ("not-a-real-code", used, expired)]

    assert answers[0] == answers[1] == answers[2] == [Reply("problem.html", {"message": INVALID_INVITE})]
    assert await staff_of(storage, STRANGER) is None
    assert await row_counts(storage) == before


async def test_after_five_attempts_even_a_valid_code_is_refused_for_a_while(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    code = await issue(storage, world.school)
    guesser = Chat(dialogue, STRANGER)
    for attempt in range(5):
        await guesser.send(f"/start wrong-{attempt}")
        assert guesser.templates == ["problem.html"]
    await guesser.send(f"/start {code}")
    assert guesser.replies == [Reply("invite_slow_down.html")]
    assert await staff_of(storage, STRANGER) is None

    other = Chat(dialogue, ANOTHER_STRANGER)
    await other.send(f"/start {code}")
    assert other.templates == ["welcome.html"], "the refused attempt did not use the code up"


async def test_start_without_a_code_does_not_count_as_an_attempt(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    code = await issue(storage, world.school)
    chat = Chat(dialogue, STRANGER)
    for _ in range(10):
        await chat.send("/start")
    await chat.send(f"/start {code}")
    assert chat.templates == ["welcome.html"]


async def test_a_member_of_staff_sending_a_code_is_welcomed_back_and_the_code_stays_usable(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    code = await issue(storage, world.school)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(f"/start {code}")
    assert chat.templates == ["welcome_back.html", "help.html"]
    assert chat.replies[0].values == {"name": "Ms Patel", "had_code": True}
    await Chat(dialogue, STRANGER).send(f"/start {code}")
    assert await staff_of(storage, STRANGER) is not None


# ---------------------------------------------------------------------------------------------- group chats


@pytest.mark.parametrize(
    "received",
    [Command("new"), Command("plans"), Command("help"), Text(SMART_TARGET), Choice("1:open:1"), Unsupported("photo")],
    ids=repr,
)
async def test_a_group_chat_only_hears_that_the_bot_works_in_private_even_from_staff(
    dialogue: Dialogue, storage: Storage, world: World, received: Input
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="Q.R.")
    await draft_with_targets(storage, world.teacher, pupil.id, 1)
    before = await row_counts(storage)
    group = Chat(dialogue, world.teacher.telegram_user_id, world.teacher.name, private=False, chat_id=GROUP_CHAT)
    assert await group.turn(received) == [Reply("private_chat_only.html")]
    assert "Q.R." not in rendered(group.replies)
    assert await row_counts(storage) == before


async def test_an_invite_code_sent_in_a_group_is_not_used_up(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    code = await issue(storage, world.school)
    group = Chat(dialogue, STRANGER, private=False, chat_id=GROUP_CHAT)
    assert await group.send(f"/start {code}") == [Reply("private_chat_only.html")]
    assert await staff_of(storage, STRANGER) is None
    await Chat(dialogue, STRANGER).send(f"/start {code}")
    assert await staff_of(storage, STRANGER) is not None


# ---------------------------------------------------------------------------------------------- quick checks


async def test_text_outside_a_flow_gets_quick_smart_feedback_with_follow_up_buttons(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    assert chat.templates == ["quick_check.html"]
    values = chat.last.values
    assert values["in_flow"] is False
    assert values["report"]["text"] == NEEDS_A_REWRITE
    assert values["report"]["is_smart"] is False
    assert values["report"]["rewrite"].startswith("Sam will read CVC words")
    assert values["close"]
    assert chat.labels == ["Use the suggested rewrite", "More targets from the bank"]
    assert "Suggested rewrite" in rendered(chat.replies)


async def test_a_smart_target_gets_no_rewrite_button(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(SMART_TARGET)
    assert chat.last.values["report"]["is_smart"] is True
    assert "Use the suggested rewrite" not in chat.labels


@pytest.mark.parametrize("message", ["/check", "/check    "])
async def test_check_without_text_explains_how(dialogue: Dialogue, world: World, message: str) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert await chat.send(message) == [Reply("check_how.html")]


async def test_check_inside_a_flow_answers_without_moving_the_flow(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send(f"/check {NEEDS_A_REWRITE}")
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["in_flow"] is True
    assert chat.last.values["report"]["text"] == NEEDS_A_REWRITE
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert (state.flow, state.step) == ("new_plan", "difficulty")

    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"], "the next answer went to the same question"
    await chat.send("/back")
    assert chat.last.values["current"] == "Blending sounds"


async def test_use_the_suggested_rewrite_checks_the_rewrite(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    rewrite = chat.last.values["report"]["rewrite"]
    await chat.press("Use the suggested rewrite")
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["report"]["text"] == rewrite
    assert chat.last.values["report"]["is_smart"] is True


async def test_more_targets_from_the_bank_lists_close_bank_targets(
    dialogue: Dialogue, world: World, bank: Bank
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    close = chat.last.values["close"]
    await chat.press("More targets from the bank")
    assert chat.templates == ["bank_matches.html"]
    targets = chat.last.values["targets"]
    assert 1 < len(targets) <= 5
    assert targets[0] == close
    assert all(target.startswith("The pupil ") for target in targets)
    hits = bank.search(NEEDS_A_REWRITE, limit=5)
    assert targets == [bank.render(hit.target.id, name="The pupil", deadline="the review date") for hit in hits]


async def test_the_quick_check_buttons_work_inside_a_flow_without_moving_it(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send(f"/check {NEEDS_A_REWRITE}")
    await chat.press("Use the suggested rewrite")
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["in_flow"] is True
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]


# ---------------------------------------------------------------------------------------------- not text

KINDS = ["photo", "sticker", "voice note", "edited message"]


@pytest.mark.parametrize("kind", KINDS)
async def test_something_that_is_not_text_is_explained_outside_a_flow(
    dialogue: Dialogue, world: World, kind: str
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert await chat.send_unsupported(kind) == [Reply("text_only.html", {"kind": kind, "in_flow": False})]
    assert kind in rendered(chat.replies)


@pytest.mark.parametrize("kind", KINDS)
async def test_something_that_is_not_text_inside_a_flow_is_explained_and_the_question_asked_again(
    dialogue: Dialogue, world: World, kind: str
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    question = chat.last
    await chat.send_unsupported(kind)
    assert chat.replies == [Reply("text_only.html", {"kind": kind, "in_flow": True}), question]
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]


@pytest.mark.parametrize("kind", ["edited message", "audio file"])
async def test_the_not_text_reply_uses_an_before_a_vowel(dialogue: Dialogue, world: World, kind: str) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send_unsupported(kind)
    assert f"not an {kind}" in rendered(chat.replies)


# ---------------------------------------------------------------------------------------------- navigation


async def test_back_returns_to_the_previous_question_showing_the_earlier_answer(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    await chat.send("/back")
    assert chat.templates == ["ask_difficulty.html"]
    assert chat.last.values["current"] == "Blending sounds"
    assert "You said: Blending sounds" in rendered(chat.replies)
    await chat.send("Segmenting words to spell")
    assert chat.templates == ["ask_entry_skills.html"]
    await chat.send("/back")
    assert chat.last.values["current"] == "Segmenting words to spell", "the new answer replaced the old"


async def test_back_twice_walks_back_through_the_questions(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/back")
    assert chat.templates == ["ask_area.html"]
    await chat.send("/back")
    assert chat.templates == ["ask_pupil_year.html"]
    await chat.send("/back")
    assert chat.templates == ["ask_pupil_name.html"]
    assert chat.last.values["current"] == "Sam"


async def test_back_at_the_first_question_says_so_and_asks_it_again(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    question = chat.last
    await chat.send("/back")
    assert chat.templates == ["first_question.html", "ask_pupil.html"]
    assert chat.last.values == question.values


async def test_back_outside_a_flow_with_nothing_parked_says_there_is_nothing(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert await chat.send("/back") == [Reply("nothing_to_resume.html")]


async def test_back_after_cancelling_does_not_claim_there_is_no_unfinished_plan(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/cancel")
    await chat.send("/back")
    assert "There is no unfinished plan" not in rendered(chat.replies)


async def test_back_skips_a_question_asked_again_after_a_new_wording(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await chat.send(NEEDS_A_REWRITE)
    await chat.send(SMART_TARGET)  # a new wording: the feedback comes again for it
    assert chat.templates == ["target_feedback.html"]
    await chat.send("/back")
    assert chat.templates == ["ask_target.html"], "back goes to the question before the feedback"
    assert chat.last.values["current"] == SMART_TARGET


async def test_back_from_the_second_target_and_adding_again_still_asks_for_target_two(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await accept_a_target(chat)
    await chat.press("Add another target")
    assert chat.last.values["number"] == 2
    await chat.send("/back")
    assert chat.templates == ["ask_more_targets.html"]
    await chat.press("Add another target")
    assert chat.templates == ["ask_target.html"]
    assert chat.last.values["number"] == 2


async def test_back_from_the_first_support_question_returns_to_the_targets_feedback(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await chat.send(SMART_TARGET)
    await chat.press("Use this target")
    await chat.send("/back")
    assert chat.templates == ["target_feedback.html"]
    assert chat.last.values["report"]["text"] == SMART_TARGET


async def test_cancel_parks_the_flow_and_resume_restores_it_at_the_same_question_with_its_answers(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    question = chat.last
    await chat.send("/cancel")
    assert chat.replies == [Reply("parked.html", {"count": 1})]
    assert "Nothing is lost" in rendered(chat.replies)
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert state.flow is None

    await chat.send("Knows some sounds")
    assert chat.templates == ["quick_check.html"], "out of the flow, text is a quick check, not an answer"

    await chat.send("/resume")
    assert chat.replies == [question]
    await chat.send("Knows most Phase 2 sounds")
    assert chat.templates == ["ask_motivation.html"]
    await chat.send("/back")
    await chat.send("/back")
    assert chat.last.values["current"] == "Blending sounds"
    assert chat.last.values["name"] == "Sam"


async def park_plans(storage: Storage, member: StaffMember, count: int) -> None:
    """`count` plans set aside in the chat already, each with an answer."""
    parked = [
        {"flow": "new_plan", "step": "area", "draft": {"pupil_name": f"Pupil {n}"}, "history": ["pupil"]}
        for n in range(count)
    ]
    async with storage.write() as tx:
        state = await begin_turn(tx, member.telegram_user_id)
        await save_answer(
            tx,
            member,
            state,
            flow=None,
            step=None,
            answers={"draft": {}, "history": [], "parked": parked},
        )


@pytest.mark.parametrize("command", ["/new", "/cancel"])
async def test_a_plan_with_answers_is_never_dropped_when_no_more_can_be_set_aside(
    dialogue: Dialogue, storage: Storage, world: World, command: str
) -> None:
    await park_plans(storage, world.teacher, PARKED_LIMIT)
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send(command)
    assert chat.templates == ["parked_full.html", "ask_difficulty.html"]
    assert f"already have {PARKED_LIMIT} unfinished plans" in rendered(chat.replies)
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"], "the flow carried on where it was"
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert len(state.answers["parked"]) == PARKED_LIMIT


async def test_cancelling_an_unanswered_plan_when_none_can_be_set_aside_just_stops_it(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    await park_plans(storage, world.teacher, PARKED_LIMIT)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.send("/cancel")
    assert chat.templates == ["stopped_unstarted.html"]
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert (state.flow, len(state.answers["parked"])) == (None, PARKED_LIMIT)
    await chat.send("/resume")
    assert chat.templates == ["choose_parked.html"]
    assert len(chat.labels) == PARKED_LIMIT


async def test_new_during_a_flow_parks_it_and_resume_then_offers_a_choice(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    await chat.send("/new")
    assert chat.templates == ["parked.html", "ask_pupil.html"]
    assert chat.replies[0].values == {"count": 1}
    await chat.send("/cancel")
    assert chat.replies == [Reply("parked.html", {"count": 2})]
    assert "2 unfinished plans" in rendered(chat.replies)

    await chat.send("/resume")
    assert chat.templates == ["choose_parked.html"]
    assert chat.labels == ["1. Plan for Sam", "2. Plan not yet started"]
    await chat.press("Plan for Sam")
    assert chat.templates == ["ask_entry_skills.html"]
    assert chat.last.values["name"] == "Sam"
    await chat.send("/cancel")
    await chat.send("/resume")
    assert chat.labels == ["1. Plan not yet started", "2. Plan for Sam"]
    await chat.press("Plan not yet started")
    assert chat.templates == ["ask_pupil.html"]


async def test_resume_during_a_flow_asks_its_question_again(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    question = chat.last
    await chat.send("/resume")
    assert chat.replies == [question]


async def test_cancel_and_resume_with_nothing_to_do_say_so(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert await chat.send("/cancel") == [Reply("nothing_to_cancel.html")]
    assert await chat.send("/resume") == [Reply("nothing_to_resume.html")]


async def test_help_in_a_flow_reminds_the_teacher_of_the_plan(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert (await chat.send("/help"))[0].values == {"is_senco": False, "in_flow": False}
    await to_difficulty(chat)
    assert await chat.send("/help") == [Reply("help.html", {"is_senco": False, "in_flow": True})]
    assert "/invite" not in rendered(chat.replies)


async def test_start_during_a_plan_welcomes_back_and_reminds_the_teacher_of_the_plan(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/start")
    assert chat.replies == [
        Reply("welcome_back.html", {"name": "Ms Patel", "had_code": False}),
        Reply("help.html", {"is_senco": False, "in_flow": True}),
    ]
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]


# ---------------------------------------------------------------------------------------------- restarts


async def test_a_restart_mid_flow_loses_nothing(
    dialogue: Dialogue, storage: Storage, services: Services, world: World
) -> None:
    before = Chat.of(dialogue, world.teacher)
    await to_difficulty(before)
    await before.send("Blending sounds to read short words")
    await before.send("Knows most Phase 2 sounds")
    await before.send("Loves dinosaurs")
    assert before.templates == ["ask_greater_needs.html"]

    after = Chat(Dialogue(storage, services), before.user_id, before.name, replies=before.replies)
    await after.press("No")  # a button shown before the restart
    assert after.templates == ["ask_step_size.html"]
    assert after.last.values["name"] == "Sam"
    await after.press("Small step")
    await accept_a_target(after)
    await submit_from_more_targets(after)

    async with storage.read() as tx:
        [summary] = await my_plans(tx, world.teacher)
        plan = await tx.plans.get(summary.plan_id)
    assert (summary.pupil_name, summary.year_group, summary.status) == ("Sam", "Year 2", PlanStatus.SUBMITTED)
    assert plan.nature_of_difficulties == "Blending sounds to read short words"
    assert plan.entry_skills == "Knows most Phase 2 sounds"
    assert plan.strengths_and_motivation == "Loves dinosaurs"


# ---------------------------------------------------------------------------------------------- redelivery


async def test_a_redelivered_update_is_handled_once(dialogue: Dialogue, storage: Storage, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    state = await state_of(storage, world.teacher.telegram_user_id)
    counts = await row_counts(storage)

    assert await chat.redeliver() == []

    assert await state_of(storage, world.teacher.telegram_user_id) == state
    assert await row_counts(storage) == counts


async def test_a_redelivered_start_that_registered_the_teacher_is_not_answered_again(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    code = await issue(storage, world.school)
    chat = Chat(dialogue, STRANGER, "Mr Singh")
    await chat.send(f"/start {code}")
    assert chat.templates == ["welcome.html"]
    assert await chat.redeliver() == []


async def test_an_update_older_than_the_last_handled_is_ignored(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    assert chat.last_turn is not None
    older = chat.last_turn.update_id
    assert older is not None
    await chat.send("Blending sounds")
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert await chat.turn(Text("Something else"), update_id=older) == []
    assert await state_of(storage, world.teacher.telegram_user_id) == state


async def test_a_redelivered_submit_does_not_submit_twice(dialogue: Dialogue, storage: Storage, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await accept_a_target(chat)
    await submit_from_more_targets(chat)
    counts = await row_counts(storage)
    assert await chat.redeliver() == []
    assert await row_counts(storage) == counts
    async with storage.read() as tx:
        assert len(await my_plans(tx, world.teacher)) == 1


# ---------------------------------------------------------------------------------------------- stale buttons


async def test_a_button_from_an_earlier_question_is_refused_and_the_current_question_shown(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)  # answered "No" to greater needs, then "Small step"
    await chat.send("/back")
    await chat.send("/back")
    assert chat.templates == ["ask_greater_needs.html"]
    yes = chat.button("Yes")
    await chat.press("No")
    question = chat.last
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None

    await chat.turn(Choice(yes.data))

    assert chat.templates == ["stale_button.html", "ask_step_size.html"]
    assert chat.last.values == question.values
    assert version_of(chat) != yes.data.split(":")[0], "the question shown again has buttons that work"
    after = await state_of(storage, world.teacher.telegram_user_id)
    assert after is not None
    assert (after.flow, after.step, after.answers) == (state.flow, state.step, state.answers)
    await chat.press("Medium step")
    assert chat.templates == ["ask_target.html"]


async def test_an_earlier_quick_check_button_is_refused(dialogue: Dialogue, storage: Storage, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    old = chat.button("Use the suggested rewrite")
    await chat.send("Sam will write his name.")
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert await chat.turn(Choice(old.data)) == [Reply("stale_button.html")]
    after = await state_of(storage, world.teacher.telegram_user_id)
    assert after is not None
    assert after.answers == state.answers


async def test_a_button_without_a_version_is_refused(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/back")
    await chat.turn(Choice("area:cognition_and_learning"))
    assert chat.templates == ["stale_button.html", "ask_area.html"]


# ---------------------------------------------------------------------------------------------- plans


async def plans_of_three_teachers(storage: Storage, world: World) -> tuple[Plan, Plan, Plan]:
    """A plan for the teacher's pupil, one for a colleague's, one for a pupil at the other school."""
    mine = await add_pupil_for(storage, world.teacher, name="A.B.")
    theirs = await add_pupil_for(storage, world.colleague, name="C.D.")
    elsewhere = await add_pupil_for(storage, world.other_teacher, name="E.F.")
    return (
        await draft_with_targets(storage, world.teacher, mine.id, 2),
        await draft_with_targets(storage, world.colleague, theirs.id, 1),
        await draft_with_targets(storage, world.other_teacher, elsewhere.id, 1),
    )


async def test_plans_lists_the_teachers_own_plans_and_a_button_opens_one(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    mine, _theirs, _elsewhere = await plans_of_three_teachers(storage, world)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/plans")
    assert chat.templates == ["plans.html"]
    assert [plan.plan_id for plan in chat.last.values["plans"]] == [mine.id]
    assert chat.labels == ["A.B. · draft"]
    assert "C.D." not in rendered(chat.replies)

    await chat.press("A.B.")
    assert chat.templates == ["plan.html"]
    assert chat.last.values["plan"].id == mine.id
    assert chat.last.values["pupil"].display_name == "A.B."
    assert [target.text for target in chat.last.values["targets"]] == ["Target 1", "Target 2"]
    assert "Plan for A.B." in rendered(chat.replies)


async def test_plans_with_none_says_how_to_write_one(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/plans")
    assert chat.replies == [Reply("plans.html", {"plans": []})]
    assert "Send /new" in rendered(chat.replies)


async def test_a_senco_lists_the_whole_schools_plans_and_no_other_schools(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    mine, theirs, _elsewhere = await plans_of_three_teachers(storage, world)
    chat = Chat.of(dialogue, world.senco)
    await chat.send("/plans")
    assert {plan.plan_id for plan in chat.last.values["plans"]} == {mine.id, theirs.id}
    await chat.press("C.D.")
    assert chat.last.values["plan"].id == theirs.id


async def test_an_open_button_from_an_old_list_still_opens_the_plan(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    mine, _theirs, _elsewhere = await plans_of_three_teachers(storage, world)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/plans")
    old = chat.button("A.B.")
    await chat.send("/help")
    await chat.send(SMART_TARGET)
    await chat.turn(Choice(old.data))
    assert chat.templates == ["plan.html"]
    assert chat.last.values["plan"].id == mine.id


async def test_opening_a_plan_during_a_flow_leaves_the_flow_where_it_was(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    await plans_of_three_teachers(storage, world)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/plans")
    old = chat.button("A.B.")
    await to_difficulty(chat)
    await chat.turn(Choice(old.data))
    assert chat.templates == ["plan.html"]
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]


@pytest.mark.parametrize(("whose", "message"), [("colleague", NOT_YOURS), ("other school", OTHER_SCHOOL)])
async def test_a_forged_open_button_for_someone_elses_plan_is_refused_and_shows_nothing_of_it(
    dialogue: Dialogue, storage: Storage, world: World, whose: str, message: str
) -> None:
    _mine, theirs, elsewhere = await plans_of_three_teachers(storage, world)
    plan = theirs if whose == "colleague" else elsewhere
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Choice(f"1:open:{plan.id}"))
    assert chat.replies == [Reply("problem.html", {"message": message})]
    shown = rendered(chat.replies)
    assert "C.D." not in shown
    assert "E.F." not in shown
    assert "Target 1" not in shown


async def test_a_long_list_gives_buttons_for_the_twenty_most_recent_plans(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    plan_ids = []
    for number in range(21):
        pupil = await add_pupil_for(storage, world.teacher, name=f"P{number}")
        async with storage.write() as tx:
            plan_ids.append((await start_plan(tx, world.teacher, pupil.id)).id)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/plans")
    assert len(chat.last.values["plans"]) == 21
    assert [button.data.split(":", 1)[1] for row in chat.last.buttons for button in row] == [
        f"open:{plan_id}" for plan_id in sorted(plan_ids, reverse=True)[:20]
    ]
    assert "The buttons open the 20 most recent." in rendered(chat.replies)
    assert "P0 (Year 4)" in rendered(chat.replies), "the list itself shows every plan"


async def test_a_forged_open_button_for_a_plan_that_does_not_exist_is_refused(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Choice("1:open:987654"))
    assert chat.templates == ["problem.html"]
    await chat.turn(Choice("1:open:not-a-number"))
    assert chat.templates == ["stale_button.html"]


async def test_an_administrator_asking_for_plans_is_told_plans_are_for_teachers(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.admin)
    await chat.send("/plans")
    assert chat.replies == [Reply("problem.html", {"message": "Only teachers and the SENCo have plans to list."})]


async def test_an_administrator_starting_a_plan_is_told_plans_are_for_teachers_without_an_error(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.admin)
    await chat.send("/new")
    assert chat.templates == ["problem.html"]


# ---------------------------------------------------------------------------------------------- invites


async def test_a_senco_invites_a_teacher_with_a_link_that_registers_them(
    dialogue: Dialogue, storage: Storage, world: World, clock: FakeClock
) -> None:
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/invite")
    assert senco.templates == ["invite_created.html"]
    code = senco.last.values["code"]
    link = f"https://t.me/iep_test_bot?start={code}"
    assert senco.last.values["link"] == link
    assert senco.last.values["expires"] == clock.now + timedelta(days=7)
    assert link in rendered(senco.replies)

    newcomer = Chat(dialogue, STRANGER, "Mr Singh")
    await newcomer.send(f"/start {code}")
    assert newcomer.replies == [
        Reply("welcome.html", {"name": "Mr Singh", "role": "teacher", "school": "Oakfield Primary"})
    ]
    member = await staff_of(storage, STRANGER)
    assert member is not None
    assert (member.school_id, member.role) == (world.school.id, Role.TEACHER)


async def test_without_a_bot_name_the_invite_gives_the_start_command(
    storage: Storage, bank: Bank, world: World
) -> None:
    dialogue = Dialogue(storage, Services(bank=bank, bot_username=None, today=lambda: TODAY))
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/invite")
    assert senco.last.values["link"] is None
    assert f"/start {senco.last.values['code']}" in rendered(senco.replies)


async def test_a_teacher_cannot_invite(dialogue: Dialogue, storage: Storage, world: World) -> None:
    before = await row_counts(storage)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/invite")
    assert chat.replies == [Reply("problem.html", {"message": "Only an administrator or the SENCo can invite staff."})]
    assert (await row_counts(storage))["invites"] == before["invites"]


async def test_only_the_senco_and_administrator_are_shown_invite_in_help(dialogue: Dialogue, world: World) -> None:
    for member, shown in ((world.teacher, False), (world.senco, True), (world.admin, True)):
        chat = Chat.of(dialogue, member)
        await chat.send("/help")
        assert ("/invite" in rendered(chat.replies)) is shown, member.role


# ---------------------------------------------------------------------------------------------- hostile text

HOSTILE = {
    "empty": "",
    "spaces": "   \n\t ",
    "5,000 characters": ("Sam will read words. " * 239)[:5000],
    "emoji only": "🙂🎉👩🏽‍🏫🏴󠁧󠁢󠁷󠁬󠁳󠁿",
    "html": "<b>&amp;</script>",
    "welsh": "Bydd Siân yn darllen 20 gair erbyn y Pasg.",
    "polish": "Zażółć gęślą jaźń: Łukasz przeczyta 20 słów do Wielkanocy.",
    "chinese": "山姆将在复活节前读20个单词。",
    "unicode mix": "\u202eSam\u200d will\ufeff ẞ \U0001d54f ﷽ e\u0301\u0308 \u2028read\u00a0\u0007 words\u200b",
}
TOO_LONG = "5,000 characters"
BLANK = {"empty", "spaces"}


def as_stored(typed: str) -> str:
    """Typed text as the plan keeps it: trimmed, and without control characters (the mix's BEL)."""
    return typed.replace("\u0007", "").strip()


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_text_outside_a_flow_is_checked_or_explained(dialogue: Dialogue, world: World, name: str) -> None:
    typed = HOSTILE[name]
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Text(typed))
    assert chat.templates == (["check_how.html"] if name in BLANK else ["quick_check.html"])
    shown = RENDERER.render(chat.last)
    if name == "html":
        assert "&lt;b&gt;&amp;amp;&lt;/script&gt;" in shown
        assert "<b>&amp;</script>" not in shown
    if name == TOO_LONG:
        assert "over 1000 characters" in shown
        assert len(shown) < 2000, "the reply does not repeat an essay back"


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_text_after_check_is_checked_or_explained(dialogue: Dialogue, world: World, name: str) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Command("check", HOSTILE[name]))
    assert chat.templates == (["check_how.html"] if name in BLANK else ["quick_check.html"])
    rendered(chat.replies)


def expected_after_answer(name: str, limit: int, label: str) -> str | None:
    """The problem message a hostile answer should get, or None when it should be taken."""
    if name in BLANK:
        return f"Please give the {label}; it cannot be empty."
    if name == TOO_LONG:
        return f"The {label} is 5000 characters long; please keep it to {limit} or fewer."
    return None


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_text_as_a_pupils_name_is_taken_or_refused_with_the_limit(
    dialogue: Dialogue, world: World, name: str
) -> None:
    typed = HOSTILE[name]
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.turn(Text(typed))
    problem = expected_after_answer(name, 80, "pupil's name or initials")
    if problem is None:
        assert chat.templates == ["ask_pupil_year.html"]
        assert chat.last.values["name"] == as_stored(typed)
    else:
        assert chat.replies[0] == Reply("problem.html", {"message": problem})
        assert chat.templates == ["problem.html", "ask_pupil.html"]
    rendered(chat.replies)


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_text_as_an_answer_and_as_a_target_is_taken_or_refused_with_the_limit(
    dialogue: Dialogue, world: World, name: str
) -> None:
    typed = HOSTILE[name]
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.turn(Text(typed))
    problem = expected_after_answer(name, 1000, "difficulty, in your words")
    if problem is None:
        assert chat.templates == ["ask_entry_skills.html"]
    else:
        assert chat.replies[0] == Reply("problem.html", {"message": problem})
        assert chat.templates == ["problem.html", "ask_difficulty.html"]
        await chat.send("Blending sounds")
    rendered(chat.replies)

    await chat.send("Knows most Phase 2 sounds")
    await chat.send("Loves dinosaurs")
    await chat.press("No")
    await chat.press("Small step")
    await chat.turn(Text(typed))
    problem = expected_after_answer(name, 1000, "target")
    if problem is None:
        assert chat.templates == ["target_feedback.html"]
        assert chat.last.values["report"]["is_smart"] is False
    else:
        assert chat.templates == ["problem.html", "ask_target.html"]
    rendered(chat.replies)


async def test_a_plan_written_in_unusual_text_is_stored_as_typed(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.turn(Text(HOSTILE["emoji only"]))
    await chat.press("Y2")
    await chat.press("Cognition and learning")
    for answer in ("html", "welsh", "chinese"):
        await chat.turn(Text(HOSTILE[answer]))
    await chat.press("No")
    await chat.press("Small step")
    await chat.send(SMART_TARGET)
    await chat.press("Use this target")
    for answer in ("polish", "unicode mix", "html", "welsh", "chinese", "emoji only"):
        await chat.turn(Text(HOSTILE[answer]))
    await chat.press("No more targets")
    await chat.press("12 February 2027")
    await chat.turn(Text(HOSTILE["html"]))
    await chat.turn(Text(HOSTILE["unicode mix"]))
    assert chat.templates == ["summary.html"]
    rendered(chat.replies)
    await chat.press("Submit")
    assert chat.templates == ["plan_submitted.html", "plan_submitted_to_senco.html"]
    assert HOSTILE["emoji only"] in rendered(chat.replies)

    async with storage.read() as tx:
        [summary] = await my_plans(tx, world.teacher)
        plan = await tx.plans.get(summary.plan_id)
        [target] = await tx.targets.for_plan(plan.id)
    assert summary.pupil_name == HOSTILE["emoji only"]
    assert (plan.nature_of_difficulties, plan.entry_skills, plan.strengths_and_motivation) == (
        HOSTILE["html"],
        HOSTILE["welsh"],
        HOSTILE["chinese"],
    )
    assert (plan.parental_support, plan.pupil_voice) == (HOSTILE["html"], as_stored(HOSTILE["unicode mix"]))
    assert (target.teaching_strategy, target.resources, target.monitoring) == (
        HOSTILE["polish"],
        as_stored(HOSTILE["unicode mix"]),
        HOSTILE["emoji only"],
    )


async def test_a_name_is_limited_to_80_characters(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.send("N" * 81)
    assert chat.templates == ["problem.html", "ask_pupil.html"]
    assert "is 81 characters long; please keep it to 80 or fewer" in chat.replies[0].values["message"]
    await chat.send("N" * 80)
    assert chat.templates == ["ask_pupil_year.html"]


async def test_an_answer_is_limited_to_1000_characters(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("d" * 1001)
    assert chat.templates == ["problem.html", "ask_difficulty.html"]
    assert "please keep it to 1000 or fewer" in chat.replies[0].values["message"]
    await chat.send("d" * 1000)
    assert chat.templates == ["ask_entry_skills.html"]


async def test_a_nul_character_is_dropped_so_the_plan_still_saves_on_every_database(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Text("Sam will read\x00 20 words by Easter."))
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["report"]["text"] == "Sam will read 20 words by Easter."
    await to_difficulty(chat)
    await to_target(chat, difficulty="Blending\x00 sounds")
    await accept_a_target(chat)
    await submit_from_more_targets(chat)
    async with storage.read() as tx:
        [summary] = await my_plans(tx, world.teacher)
        plan = await tx.plans.get(summary.plan_id)
    assert plan.nature_of_difficulties == "Blending sounds", "the NUL is dropped, the words kept"


# ---------------------------------------------------------------------------------------------- unknown commands


async def test_an_unknown_command_is_named_and_the_help_shown(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/frobnicate now")
    assert chat.replies == [
        Reply("unknown_command.html", {"name": "frobnicate"}),
        Reply("help.html", {"is_senco": False, "in_flow": False}),
    ]
    assert "I don't know the command /frobnicate." in rendered(chat.replies)


async def test_an_unknown_command_is_named_back_escaped(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Command("<script>"))
    assert "/&lt;script&gt;" in RENDERER.render(chat.replies[0])


async def test_an_unknown_command_in_a_flow_leaves_the_flow_where_it_was(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/" + "x" * 100)
    assert chat.replies[0] == Reply("unknown_command.html", {"name": "x" * 40})
    assert chat.replies[1].values["in_flow"] is True
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]


# ---------------------------------------------------------------------------------------------- erasure


async def test_erasing_the_pupil_mid_flow_removes_the_chats_answers(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.press("J.K.")
    await chat.press("Cognition and learning")
    await chat.send("Zebedee-marker-difficulty")
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert state.pupil_id == pupil.id

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil.id)

    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is None or (state.flow, state.pupil_id) == (None, None)
    remaining = await dialogue_rows_as_text(storage)
    assert "Zebedee" not in remaining
    assert "J.K." not in remaining
    await chat.send("Knows most sounds")
    assert chat.templates == ["quick_check.html"], "the chat starts afresh: no question about an erased pupil"


async def park_a_plan_about(chat: Chat, name: str) -> None:
    """A plan for an existing pupil, two answers in, stopped with /cancel."""
    await chat.send("/new")
    await chat.press(name)
    await chat.press("Cognition and learning")
    await chat.send("Zebedee-marker-difficulty")
    await chat.send("/cancel")
    assert chat.templates == ["parked.html"]


async def test_erasing_the_pupil_removes_a_parked_plan_about_them(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await park_a_plan_about(chat, "J.K.")

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil.id)

    remaining = await dialogue_rows_as_text(storage)
    assert "Zebedee" not in remaining
    assert "J.K." not in remaining


async def test_resuming_a_parked_plan_about_an_erased_pupil_is_answered_not_a_crash(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await park_a_plan_about(chat, "J.K.")
    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil.id)

    await chat.send("/resume")

    assert "J.K." not in rendered(chat.replies)


async def test_erasing_the_pupil_of_the_flow_in_progress_keeps_plans_parked_about_other_pupils(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    erased = await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    await chat.send("/new")  # the plan for Sam is parked
    await chat.press("J.K.")
    assert chat.templates == ["ask_area.html"]

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, erased.id)

    assert "J.K." not in await dialogue_rows_as_text(storage)
    await chat.send("/resume")
    assert chat.templates == ["ask_entry_skills.html"], "the plan for Sam is still there"
    assert chat.last.values["name"] == "Sam"


async def test_two_messages_handled_at_once_in_one_chat_are_both_taken_one_after_the_other(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)

    def typed(words: str) -> Turn:  # no update id, as in the terminal: neither can look like a redelivery
        return Turn(chat_id=chat.user_id, user_id=chat.user_id, user_name=chat.name, input=Text(words))

    answers = await asyncio.gather(*(dialogue.handle(typed(words)) for words in ("Blending", "Knows sounds")))

    assert sorted(replies[0].template for replies in answers) == ["ask_entry_skills.html", "ask_motivation.html"]
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert state.step == "motivation"
    draft = state.answers["draft"]
    assert {draft["difficulty"], draft["entry_skills"]} == {"Blending", "Knows sounds"}
