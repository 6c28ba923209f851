"""Subject access export, erasure that leaves no content, and the retention list."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text

from iepbot.domain.actors import OPERATOR
from iepbot.domain.dialogue import begin_turn, save_answer
from iepbot.domain.enums import AuditAction, PlanStatus
from iepbot.domain.errors import AccessDeniedError
from iepbot.domain.plans import edit_plan, move_plan
from iepbot.domain.privacy import due_for_deletion, erase_pupil, export_pupil
from iepbot.domain.records import PlanField, ReviewNotes
from iepbot.domain.reviews import record_review
from iepbot.storage.models import Base
from iepbot.storage.storage import Storage
from tests.storage.support import FakeClock, World, add_pupil_for, approve, draft_with_targets

SECRET = "Zebedee-marker-7781"


async def _pupil_with_everything(storage: Storage, world: World) -> tuple[int, int]:
    """A pupil whose plan, target, review and conversation all quote SECRET; returns (pupil, plan) ids."""
    pupil = await add_pupil_for(storage, world.teacher, name=f"Z.{SECRET}")
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    async with storage.write() as tx:
        plan = await edit_plan(
            tx, world.teacher, plan.id, expected_version=plan.version, field=PlanField.PUPIL_VOICE, value=SECRET
        )
    plan = await approve(storage, plan, world.teacher, world.senco)
    async with storage.write() as tx:
        plan = await move_plan(tx, world.teacher, plan.id, PlanStatus.ACTIVE, expected_version=plan.version)
    async with storage.write() as tx:
        review = ReviewNotes(held_on=plan.created_at.date(), attendees=f"Mum, {SECRET}", notes=SECRET)
        await record_review(tx, world.teacher, plan.id, review, expected_version=plan.version)
    async with storage.write() as tx:
        state = await begin_turn(tx, chat_id=9001)
        await save_answer(
            tx,
            world.teacher,
            state,
            flow="plan",
            step="voice",
            answers={"voice": SECRET},
            pupil_id=pupil.id,
        )
    return pupil.id, plan.id


async def _all_rows_as_text(storage: Storage) -> str:
    chunks = []
    async with storage.read() as tx:
        for table in Base.metadata.sorted_tables:
            rows = (await tx.session.execute(text(f'SELECT * FROM "{table.name}"'))).all()
            chunks.append(f"{table.name}: {[tuple(row) for row in rows]!r}")
    return "\n".join(chunks)


async def test_erasure_leaves_no_content_only_a_tombstone(storage: Storage, world: World) -> None:
    pupil_id, plan_id = await _pupil_with_everything(storage, world)
    assert SECRET in await _all_rows_as_text(storage)
    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil_id)
    assert SECRET not in await _all_rows_as_text(storage)
    async with storage.read() as tx:
        for table in ("pupils", "plans", "targets", "reviews", "pupil_access", "dialogue_states"):
            count = (await tx.session.execute(text(f"SELECT COUNT(*) FROM {table}"))).scalar_one()
            assert count == 0, table
        tombstone = await tx.audit.for_record("pupil", pupil_id)
        plan_history = await tx.audit.for_record("plan", plan_id)
    assert tombstone[-1].action is AuditAction.PUPIL_ERASED
    assert tombstone[-1].actor_id == world.senco.id
    assert plan_history, "the history of ids and actions is kept"


async def test_export_holds_the_pupils_plans_targets_and_reviews_as_json(storage: Storage, world: World) -> None:
    pupil_id, plan_id = await _pupil_with_everything(storage, world)
    async with storage.write() as tx:
        exported = await export_pupil(tx, world.admin, pupil_id)
    document = json.loads(json.dumps(exported))
    assert document["pupil"]["id"] == pupil_id
    assert document["pupil"]["areas_of_need"] == ["cognition_and_learning"]
    [plan] = document["plans"]
    assert (plan["id"], plan["status"], plan["pupil_voice"]) == (plan_id, "active", SECRET)
    assert len(plan["targets"]) == 1
    assert plan["targets"][0]["smart_report"]["is_smart"] is True
    assert plan["reviews"][0]["notes"] == SECRET


async def test_only_the_senco_or_an_administrator_of_the_school_exports_or_erases(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    async with storage.write() as tx:
        with pytest.raises(AccessDeniedError, match="Only the SENCo or an administrator"):
            await export_pupil(tx, world.teacher, pupil.id)
        with pytest.raises(AccessDeniedError, match="another school"):
            await erase_pupil(tx, world.other_senco, pupil.id)
        await erase_pupil(tx, OPERATOR, pupil.id)


async def test_retention_lists_pupils_untouched_for_longer_than_the_period(
    storage: Storage, world: World, clock: FakeClock
) -> None:
    old = await add_pupil_for(storage, world.teacher, "Old")
    clock.advance(timedelta(days=365 * 2))
    recent = await add_pupil_for(storage, world.teacher, "Recent")
    clock.advance(timedelta(days=365 + 30))
    async with storage.read() as tx:
        due = await due_for_deletion(tx, retention_years=3)
    assert [candidate.pupil_id for candidate in due] == [old.id]
    assert recent.id not in {candidate.pupil_id for candidate in due}


async def test_working_on_a_plan_restarts_the_retention_period(
    storage: Storage, world: World, clock: FakeClock
) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    clock.advance(timedelta(days=365 * 3 - 10))
    await draft_with_targets(storage, world.teacher, pupil.id, 1)
    clock.advance(timedelta(days=20))
    async with storage.read() as tx:
        assert await due_for_deletion(tx, retention_years=3) == []
