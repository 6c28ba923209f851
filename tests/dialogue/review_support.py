"""Running plans for the review specs, made the way the approval dialogue will make them: through the domain,
the author submitting and the SENCo approving and starting the plan (`move_plan` with the SENCo actor)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from iepbot.domain.enums import PlanStatus
from iepbot.domain.plans import edit_plan, move_plan, start_plan
from iepbot.domain.records import Plan, PlanField, Pupil, StaffMember, TargetDraft
from iepbot.domain.targets import add_target
from iepbot.storage.storage import Storage
from target_bank import Bank
from tests.storage.support import target_draft

LADDER = "cl-phonics-cvc-blending"  # four steps: blend orally, read with sound buttons, without, sentences


def bank_target(bank: Bank, step: int, *, name: str = "A.B.", deadline: date = date(2027, 2, 12)) -> TargetDraft:
    """Step `step` of the CVC-blending ladder, rendered for the pupil, as the /new flow stores a bank pick."""
    chosen = bank.target(f"{LADDER}-{step}")
    return replace(
        target_draft(bank.render(chosen.id, name=name, deadline=deadline)),
        bank_id=chosen.id,
        teaching_strategy=chosen.strategies[0],
        resources=chosen.resources[0],
    )


async def running_plan(
    storage: Storage,
    author: StaffMember,
    senco: StaffMember,
    pupil: Pupil,
    targets: list[TargetDraft],
    *,
    review_date: date | None = date(2027, 2, 12),
) -> Plan:
    """An active plan by `author` for `pupil` holding `targets`, approved and started by `senco`."""
    async with storage.write() as tx:
        plan = await start_plan(tx, author, pupil.id)
        plan = await edit_plan(
            tx, author, plan.id, expected_version=plan.version, field=PlanField.REVIEW_DATE, value=review_date
        )
        plan = await edit_plan(
            tx,
            author,
            plan.id,
            expected_version=plan.version,
            field=PlanField.NATURE_OF_DIFFICULTIES,
            value="Blending sounds",
        )
        version = plan.version
        for target in targets:
            version = (await add_target(tx, author, plan.id, target, expected_version=version)).plan_version
        plan = await move_plan(tx, author, plan.id, PlanStatus.SUBMITTED, expected_version=version)
        plan = await move_plan(tx, senco, plan.id, PlanStatus.APPROVED, expected_version=plan.version)
        return await move_plan(tx, senco, plan.id, PlanStatus.ACTIVE, expected_version=plan.version)
