"""/plans and the buttons that open a plan (rights re-checked), and a SENCo's /invite."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice, Reply
from iepbot.dialogue.problems import NOT_THERE
from iepbot.dialogue.services import Services
from iepbot.domain.access import NOT_YOURS
from iepbot.domain.enums import Role
from iepbot.domain.plans import start_plan
from iepbot.domain.records import Plan
from iepbot.storage.storage import Storage
from target_bank import Bank
from tests.dialogue.conversation import SMART_TARGET, STRANGER, rendered, row_counts, staff_of, to_difficulty
from tests.dialogue.support import TODAY, Chat
from tests.storage.support import FakeClock, World, add_pupil_for, draft_with_targets

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
    assert "A.B." in rendered(chat.replies), "the plan renders from the stored records"


async def test_plans_with_none_says_how_to_write_one(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/plans")
    assert chat.replies == [Reply("plans.html", {"plans": []})]


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


# Another school's plan is answered as if it did not exist (tests/dialogue/test_forged_buttons.py).
@pytest.mark.parametrize(("whose", "message"), [("colleague", NOT_YOURS), ("other school", NOT_THERE)])
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
    assert senco.templates == ["invite_created.html"]
    assert senco.last.values["link"] is None
    assert len(senco.last.values["code"]) == 22


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
        assert chat.last.values["is_senco"] is shown, member.role
