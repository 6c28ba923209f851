"""/review and /pupils: the SENCo's lists, whole however long, split within Telegram's limit when sent."""

from __future__ import annotations

from datetime import date

from iepbot.dialogue.engine import Dialogue
from iepbot.documents.splitting import split_html
from iepbot.domain.approval import approve_plan
from iepbot.domain.enums import PlanStatus
from iepbot.domain.plans import edit_plan, move_plan
from iepbot.domain.records import PlanField, StaffMember
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import RENDERER, rendered
from tests.dialogue.support import Chat
from tests.documents.support import parse
from tests.storage.support import World, add_pupil_for, draft_with_targets

TELEGRAM_LIMIT = 4096


async def submitted_plan(storage: Storage, author: StaffMember, name: str, *, targets: int = 1) -> int:
    pupil = await add_pupil_for(storage, author, name=name)
    plan = await draft_with_targets(storage, author, pupil.id, targets)
    async with storage.write() as tx:
        await move_plan(tx, author, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
    return plan.id


async def test_review_lists_the_waiting_plans_and_a_button_opens_one_with_the_decision_buttons(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    first = await submitted_plan(storage, world.teacher, "Sam <3")
    second = await submitted_plan(storage, world.colleague, "Zoë 🦊")
    await submitted_plan(storage, world.other_teacher, "Elsewhere")
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/review")
    assert senco.templates == ["review_list.html"]
    assert [plan.plan_id for plan in senco.last.values["plans"]] == [first, second]
    assert senco.labels == ["Sam <3 · Ms Patel", "Zoë 🦊 · Mr Jones"]
    assert "Sam &lt;3" in RENDERER.render(senco.last), "names are escaped"
    await senco.press("Zoë")
    assert senco.templates == ["plan_for_decision.html"]
    assert senco.last.values["plan"].id == second
    await senco.press("Approve")
    await senco.send("/review")
    assert [plan.plan_id for plan in senco.last.values["plans"]] == [first]


async def test_review_with_nothing_waiting_says_so_and_teachers_are_refused(dialogue: Dialogue, world: World) -> None:
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/review")
    assert "No plans are waiting" in rendered(senco.replies)
    teacher = Chat.of(dialogue, world.teacher)
    for command in ("/review", "/pupils", "/staff"):
        await teacher.send(command)
        assert teacher.templates == ["problem.html"], command


async def test_pupils_shows_active_targets_by_holder_with_the_reviews(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    plan_id = await submitted_plan(storage, world.teacher, "J.S.", targets=2)
    async with storage.write() as tx:
        plan = await tx.plans.get(plan_id)
        await approve_plan(tx, world.senco, plan_id, expected_version=plan.version)
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/pupils")
    assert senco.templates == ["school_overview.html"]
    [line] = senco.last.values["overview"].pupils
    assert [target.holder for target in line.targets] == ["Ms Patel", "Ms Patel"]
    text = rendered(senco.replies)
    assert "Ms Patel: Target 1" in text
    assert "No review date set" in text, 'an active plan without a date is not "no active plan"'


async def test_a_long_overview_splits_within_telegrams_limit_and_loses_no_pupil(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    names = [f"Pupil {number:03} {'é' * 40} <&>" for number in range(60)]
    for name in names:
        pupil = await add_pupil_for(storage, world.teacher, name=name[:80])
        plan = await draft_with_targets(storage, world.teacher, pupil.id, 2)
        async with storage.write() as tx:
            plan = await edit_plan(
                tx,
                world.teacher,
                plan.id,
                expected_version=plan.version,
                field=PlanField.REVIEW_DATE,
                value=date(2026, 10, 1),
            )
            plan = await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
            await approve_plan(tx, world.senco, plan.id, expected_version=plan.version)
    senco = Chat.of(dialogue, world.senco)
    await senco.send("/pupils")
    assert senco.last.values["overview"].overdue == 60
    html = RENDERER.render(senco.last)
    parts = [parse(part) for part in split_html(html, TELEGRAM_LIMIT)]
    assert len(parts) > 1
    assert all(part.units <= TELEGRAM_LIMIT for part in parts), "as Telegram counts: UTF-16 units of the text"
    joined = "".join(part.text for part in parts)
    assert all(f"Pupil {number:03} {'é' * 40} <&>" in joined for number in range(60))
