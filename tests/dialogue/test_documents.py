"""/document in the dialogue: the plans to print, one plan's files, a file as an attachment; rights re-checked.

And in the terminal, which cannot receive a file: the reply names the `iepbot export` that writes it.
"""

from __future__ import annotations

import pytest

from iepbot.console import Console
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice
from iepbot.domain.groups import add_to_group
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import rendered
from tests.dialogue.support import Chat
from tests.storage.support import World, add_pupil_for, draft_with_targets


async def test_document_lists_the_plans_and_a_plan_offers_word_a_printable_page_and_the_parent_version(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "A.B.")
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/document")
    assert (chat.templates, chat.labels) == (["document_choose.html"], ["A.B."])
    await chat.press("A.B.")
    assert chat.labels == ["Word", "Printable", "Parent version"]
    await chat.press("Parent version")
    [sent] = chat.replies
    assert sent.attachment is not None
    assert (sent.attachment.fmt, sent.attachment.parent) == ("docx", True)
    assert sent.attachment.document.plan.id == plan.id


async def test_a_group_plans_files_are_offered_for_each_pupil_the_presser_may_see(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    own = await add_pupil_for(storage, world.teacher, "A.B.")
    other = await add_pupil_for(storage, world.teacher, "C.D.")
    plan = await draft_with_targets(storage, world.teacher, own.id, 1)
    async with storage.write() as tx:
        await add_to_group(tx, world.teacher, plan.id, other.id)
    chat = Chat.of(dialogue, world.senco)
    await chat.send("/document")
    await chat.press("A.B.")
    assert "A group plan" in rendered(chat.replies)
    assert chat.labels == [
        *(f"A.B. · {kind}" for kind in ("Word", "Printable", "Parent version")),
        *(f"C.D. · {kind}" for kind in ("Word", "Printable", "Parent version")),
    ]
    await chat.press("C.D. · Parent version")
    [sent] = chat.replies
    assert sent.attachment is not None
    assert sent.attachment.document.pupil.id == other.id


@pytest.mark.parametrize(
    "token", ["doc:pdf:staff:1:1", "doc:docx:everyone:1:1", "doc:docx:staff:1", "doc:docx:staff:²:1", "docs:x"]
)
async def test_a_document_button_of_a_shape_we_never_send_is_ignored_like_a_stale_one(
    dialogue: Dialogue, storage: Storage, world: World, token: str
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "A.B.")
    await draft_with_targets(storage, world.teacher, pupil.id, 1)
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Choice(f"0:{token}"))
    assert chat.templates == ["stale_button.html"]


async def test_a_document_chosen_in_the_terminal_names_the_export_command_for_that_file(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    own = await add_pupil_for(storage, world.teacher, "A.B.")
    other = await add_pupil_for(storage, world.teacher, "C.D.")
    plan = await draft_with_targets(storage, world.teacher, own.id, 1)
    async with storage.write() as tx:
        await add_to_group(tx, world.teacher, plan.id, other.id)
    written: list[str] = []
    console = Console(dialogue, world.teacher, written.append)
    # /document, the plan's button, then C.D.'s parent version (the sixth button: three for each pupil).
    await console.run(["/document", "1", "6"])
    assert f"here: iepbot export {plan.id} --format docx --parent --pupil {other.id})" in "".join(written)
