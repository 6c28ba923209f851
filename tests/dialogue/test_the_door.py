"""Who gets in: strangers, invites and their attempts, and group chats, which hear one answer only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice, Command, Input, Reply, Text, Unsupported
from iepbot.domain.enums import Role
from iepbot.domain.schools import INVALID_INVITE
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import (
    ANOTHER_STRANGER,
    GROUP_CHAT,
    SMART_TARGET,
    STRANGER,
    issue,
    rendered,
    row_counts,
    staff_of,
    state_of,
)
from tests.dialogue.support import Chat
from tests.storage.support import FakeClock, World, add_pupil_for, draft_with_targets

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
