"""/staff: a SENCo changes a member's role or removes them; the removed are strangers at their next message."""

from __future__ import annotations

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice
from iepbot.dialogue.problems import NOT_THERE
from iepbot.domain.enums import PlanStatus, Role
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import issue, rendered, to_difficulty
from tests.dialogue.support import Chat
from tests.storage.support import World, add_pupil_for, draft_with_targets


async def test_a_teacher_made_senco_is_told_and_can_use_the_senco_commands(dialogue: Dialogue, world: World) -> None:
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/staff")
    assert senco.templates == ["staff_list.html"]
    assert senco.labels == ["Mr Jones · teacher", "Ms Patel · teacher", "Done"], "not oneself, not the administrator"
    await senco.press("Mr Jones")
    await senco.press("Make SENCo")
    assert senco.templates == ["staff_role_changed.html", "your_role_changed.html", "staff_list.html"]
    assert senco.replies[1].chat_id == world.colleague.telegram_user_id
    jones = Chat.of(dialogue, world.colleague)
    await jones.send("/review")
    assert jones.templates == ["review_list.html"]
    await senco.press("Mr Jones")
    await senco.press("Make teacher")
    await jones.send("/review")
    assert jones.templates == ["problem.html"]
    await senco.press("Done")
    assert senco.templates == ["staff_done.html"]


async def test_a_removed_teacher_is_a_stranger_and_their_plans_stay_with_the_school(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.S.")
    await draft_with_targets(storage, world.teacher, pupil.id, 1)
    patel = Chat.of(dialogue, world.teacher)
    await to_difficulty(patel)  # mid-flow when removed: the saved draft goes with her
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/staff")
    await senco.press("Ms Patel")
    await senco.press("Remove")
    assert senco.templates == ["staff_confirm_remove.html"]
    await senco.press("No, keep")
    assert senco.templates == ["staff_member.html"]
    await senco.press("Remove")
    await senco.press("Yes, remove")
    assert senco.templates == ["staff_removed.html", "staff_list.html"]
    assert senco.replies[0].values["plans"] == 1
    assert "Ms Patel" not in senco.labels
    await patel.send("Blending sounds")
    assert patel.templates == ["stranger.html"]
    await patel.send("/plans")
    assert patel.templates == ["stranger.html"]
    await senco.send("/plans")
    assert [(plan.pupil_name, plan.status) for plan in senco.last.values["plans"]] == [("J.S.", PlanStatus.DRAFT)]


async def test_a_removed_teacher_can_come_back_with_a_new_invite(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/staff")
    await senco.press("Ms Patel")
    await senco.press("Remove")
    await senco.press("Yes, remove")
    code = await issue(storage, world.school)
    patel = Chat.of(dialogue, world.teacher)
    await patel.send(f"/start {code}")
    assert patel.templates[0] == "welcome.html"


async def test_a_member_removed_by_another_senco_meanwhile_leaves_a_way_back(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    async with storage.write() as tx:
        other = await tx.staff.add(
            school_id=world.school.id, telegram_user_id=105, name="Mr Singh", role=Role.SENCO, now=tx.now
        )
    first = Chat.of(dialogue, world.senco)
    second = Chat.of(dialogue, other)
    await first.send("/staff")
    await first.press("Ms Patel")
    await second.send("/staff")
    await second.press("Ms Patel")
    await second.press("Remove")
    await second.press("Yes, remove")
    await first.press("Remove")
    assert first.templates == ["problem.html", "problem.html"]
    assert first.replies[0].values == {"message": NOT_THERE}
    assert first.labels == ["Back to the list"], "the question cannot be asked: the one way on is offered"
    await first.send("/resume")
    assert first.labels == ["Back to the list"]
    await first.press("Back to the list")
    assert first.templates == ["staff_list.html"]


async def test_forged_staff_buttons_reach_nobody_they_should_not(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/staff")
    version = senco.last.buttons[0][0].data.split(":")[0]
    for forged in (world.other_teacher.id, 99999):
        await senco.turn(Choice(f"{version}:member:{forged}"))
        assert senco.replies[0].values == {"message": NOT_THERE}
        version = senco.last.buttons[0][0].data.split(":")[0]
    await senco.turn(Choice(f"{version}:member:{world.senco.id}"))
    await senco.press("Make teacher")
    assert "your own role" in rendered(senco.replies)
    await senco.turn(Choice(f"{senco.last.buttons[0][0].data.split(':')[0]}:role:admin"))
    assert senco.templates[0] == "stale_button.html"
    async with storage.read() as tx:
        assert (await tx.staff.get(world.senco.id)).role is Role.SENCO


async def test_typed_text_and_old_buttons_in_the_staff_flow_ask_again(dialogue: Dialogue, world: World) -> None:
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/staff")
    old = senco.button("Ms Patel")
    for text in ("", "Ms Patel", "<b>x</b>", "😀" * 500):
        await senco.send(text)
        assert senco.templates == ["problem.html", "staff_list.html"]
    await senco.press("Mr Jones")
    await senco.turn(Choice(old.data))
    assert senco.templates == ["stale_button.html", "staff_member.html"]


async def test_a_removed_teacher_seen_by_the_quick_path_is_a_stranger_at_the_next_check(
    dialogue: Dialogue, world: World
) -> None:
    patel = Chat.of(dialogue, world.teacher)
    await patel.send("Sam will read 20 CVC words by Easter.")
    await patel.send("Sam will read 20 CVC words by Easter.")  # now answered from the chat as last seen
    assert patel.templates == ["quick_check.html"]
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/staff")
    await senco.press("Ms Patel")
    await senco.press("Remove")
    await senco.press("Yes, remove")
    await patel.send("Sam will read 20 CVC words by Easter.")
    assert patel.templates == ["stranger.html"]
