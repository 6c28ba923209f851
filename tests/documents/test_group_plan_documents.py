"""Group plans: one set of targets for several pupils, and each pupil's document naming nobody else."""

from __future__ import annotations

import pytest

from iepbot.documents.plan_files import PlanFiles, PlanFormat
from iepbot.documents.plan_view import Audience
from iepbot.domain.documents import NOT_ON_PLAN, plan_document
from iepbot.domain.enums import PlanStatus
from iepbot.domain.errors import AccessDeniedError, InvalidTransitionError, InvalidValueError, NotFoundError
from iepbot.domain.groups import add_to_group
from iepbot.domain.plans import move_plan
from iepbot.domain.privacy import erase_pupil, export_pupil
from iepbot.domain.records import PlanField
from iepbot.storage.storage import Storage
from tests.documents.plan_support import PLAN_VALUES, TARGET, full_plan, read_docx, read_html
from tests.storage.support import World, add_pupil_for

# Each pupil's own words: the plan's fields for its own pupil, the membership's for the others.
OWN = {"name": "Amira K", "voice": PLAN_VALUES[PlanField.PUPIL_VOICE], "home": PLAN_VALUES[PlanField.PARENTAL_SUPPORT]}
OTHERS = [
    {"name": "Ben T", "voice": "Ben: I want to read to my little sister", "home": "Ben's gran reads with him"},
    {"name": "Chloe W", "voice": "Chloe: the sound game is fun", "home": "Chloe practises on the bus"},
]


@pytest.fixture(scope="module")
def files() -> PlanFiles:
    return PlanFiles()


async def group_plan(storage: Storage, world: World) -> tuple[int, dict[str, int]]:
    """Amira's plan with Ben and Chloe on it too; the plan's id and each pupil's id by name."""
    own = await add_pupil_for(storage, world.teacher, OWN["name"])
    plan = await full_plan(storage, world.teacher, own)
    ids = {OWN["name"]: own.id}
    for other in OTHERS:
        pupil = await add_pupil_for(storage, world.teacher, other["name"])
        ids[other["name"]] = pupil.id
        async with storage.write() as tx:
            added = await add_to_group(
                tx, world.teacher, plan.id, pupil.id, pupil_voice=other["voice"], parental_support=other["home"]
            )
        assert added
    return plan.id, ids


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("fmt", list(PlanFormat))
async def test_each_pupils_document_of_a_group_plan_shows_the_shared_targets_and_no_other_pupil(
    storage: Storage, world: World, files: PlanFiles, fmt: PlanFormat, audience: Audience
) -> None:
    plan_id, ids = await group_plan(storage, world)
    everyone = [OWN, *OTHERS]
    for pupil in everyone:
        async with storage.write() as tx:
            document = await plan_document(tx, world.teacher, plan_id, pupil_id=ids[pupil["name"]])
        made = files.make(document, fmt, audience)
        text = read_html(made.data.decode()).text if fmt is PlanFormat.HTML else read_docx(made.data)
        assert pupil["name"] in text
        assert pupil["voice"] in text
        assert pupil["home"] in text
        assert TARGET.text in text
        assert "shared with 2 other pupils" in text
        leaked = [
            word
            for other in everyone
            if other is not pupil
            for word in (other["name"], other["voice"], other["home"], other["name"].split()[0])
            if word in text
        ]
        assert leaked == [], f"{pupil['name']}'s document shows {leaked}"
        assert pupil["name"] in made.filename


async def test_a_pupil_not_on_the_plan_gets_no_document_of_it(storage: Storage, world: World) -> None:
    plan_id, _ids = await group_plan(storage, world)
    stranger = await add_pupil_for(storage, world.teacher, "Dev P")
    with pytest.raises(NotFoundError, match=NOT_ON_PLAN):
        async with storage.write() as tx:
            await plan_document(tx, world.teacher, plan_id, pupil_id=stranger.id)


async def test_only_the_author_adds_pupils_to_their_draft_and_only_pupils_they_can_see(
    storage: Storage, world: World
) -> None:
    own = await add_pupil_for(storage, world.teacher, "Amira K")
    plan = await full_plan(storage, world.teacher, own)
    colleagues_pupil = await add_pupil_for(storage, world.colleague, "Eli R")
    with pytest.raises(AccessDeniedError, match="not in your classes"):
        async with storage.write() as tx:
            await add_to_group(tx, world.teacher, plan.id, colleagues_pupil.id)
    with pytest.raises(InvalidValueError, match="own pupil already"):
        async with storage.write() as tx:
            await add_to_group(tx, world.teacher, plan.id, own.id)
    ben = await add_pupil_for(storage, world.teacher, "Ben T")
    async with storage.write() as tx:
        assert await add_to_group(tx, world.teacher, plan.id, ben.id)
    async with storage.write() as tx:
        assert not await add_to_group(tx, world.teacher, plan.id, ben.id)  # already on it: nothing changes
    async with storage.write() as tx:
        await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
    later = await add_pupil_for(storage, world.teacher, "Cara L")
    with pytest.raises(InvalidTransitionError, match="cannot be changed"):
        async with storage.write() as tx:
            await add_to_group(tx, world.teacher, plan.id, later.id)


async def test_erasing_a_pupil_on_a_group_plan_takes_them_off_it_and_leaves_the_others(
    storage: Storage, world: World
) -> None:
    plan_id, ids = await group_plan(storage, world)
    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, ids["Ben T"])
    async with storage.read() as tx:
        members = await tx.plans.group_members(plan_id)
    assert [member.pupil_id for member in members] == [ids["Chloe W"]]


async def test_a_subject_access_export_of_a_pupil_on_a_group_plan_holds_their_own_words_and_no_one_elses(
    storage: Storage, world: World
) -> None:
    plan_id, ids = await group_plan(storage, world)
    async with storage.write() as tx:
        exported = await export_pupil(tx, world.senco, ids["Ben T"])
    [on_plan] = exported["group_plans"]
    assert (on_plan["plan_id"], on_plan["pupil_voice"]) == (plan_id, OTHERS[0]["voice"])
    assert [target["text"] for target in on_plan["targets"]] == [TARGET.text, TARGET.text]
    flat = str(exported)
    assert [word for word in (OWN["name"], OWN["voice"], OTHERS[1]["name"], OTHERS[1]["home"]) if word in flat] == []
