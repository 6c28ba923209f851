"""A group plan from the phone: while revising a draft, the author puts another of their pupils on it."""

from __future__ import annotations

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice
from iepbot.domain.documents import plan_document
from iepbot.domain.groups import plan_pupils
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import rendered, version_of
from tests.dialogue.test_revising import revising
from tests.storage.support import World, add_pupil_for


async def test_another_pupil_is_put_on_the_plan_and_each_document_names_only_its_own_pupil(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    other = await add_pupil_for(storage, world.teacher, name="K.L.")
    chat, plan_id = await revising(dialogue, storage, world)
    await chat.press("Add a pupil")
    assert chat.templates == ["revise_group_pupil.html"]
    assert "K.L." in chat.labels
    assert "J.S." not in chat.labels, "the plan's own pupil is not offered"
    await chat.press("K.L.")
    assert chat.templates == ["revise_saved.html", "revise_summary.html"]
    assert "K.L. is on this plan too" in rendered(chat.replies)
    assert "Also on this plan (a group plan): K.L." in rendered(chat.replies)

    async with storage.read() as tx:
        assert [pupil.display_name for pupil in await plan_pupils(tx, world.teacher, plan_id)] == ["J.S.", "K.L."]
        page = await plan_document(tx, world.teacher, plan_id, pupil_id=other.id)
    assert page.pupil.display_name == "K.L."

    await chat.press("Add a pupil")
    assert "K.L." not in chat.labels, "a pupil already on the plan is not offered again"


async def test_no_other_pupil_is_said_plainly_and_back_returns_to_the_plan(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat, _plan_id = await revising(dialogue, storage, world)
    await chat.press("Add a pupil")
    assert "no other pupil of yours" in rendered(chat.replies)
    await chat.press("Back to the plan")
    assert chat.templates == ["revise_summary.html"]


async def test_a_forged_pupil_of_another_school_or_teacher_is_refused_and_nothing_is_added(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    strangers = [
        await add_pupil_for(storage, world.other_teacher, name="X.Y."),
        await add_pupil_for(storage, world.colleague, name="C.D."),
    ]
    chat, plan_id = await revising(dialogue, storage, world)
    await chat.press("Add a pupil")
    for stranger in strangers:
        await chat.turn(Choice(f"{version_of(chat)}:pupil:{stranger.id}"))
        assert chat.templates == ["problem.html", "revise_group_pupil.html"]
    for typed in ("K.L.", "", "pupil:²"):
        await chat.send(typed)
        assert chat.templates[-1] == "revise_group_pupil.html"
    async with storage.read() as tx:
        assert len(await plan_pupils(tx, world.teacher, plan_id)) == 1
