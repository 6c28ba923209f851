"""The messages a decision sends: the plan's summary to each SENCo, and the outcome to its author."""

from __future__ import annotations

from iepbot.dialogue.context import Context
from iepbot.dialogue.io import Button, Reply
from iepbot.dialogue.senco.keyboard import decision_buttons
from iepbot.domain.approval import AlreadyDecidedError, Decision, PlanForDecision, plan_for_decision
from iepbot.domain.enums import Role

REVISE = "revise"


async def tell_sencos(ctx: Context, plan_id: int) -> list[Reply]:
    """The submitted plan's summary, with the decision buttons, to each of the school's SENCos but the author."""
    sencos = [
        senco for senco in await ctx.tx.staff.with_role(ctx.actor.school_id, Role.SENCO) if senco.id != ctx.actor.id
    ]
    if not sencos:
        return []
    # Read as the SENCo would see it (the author may be a teacher, who is not shown the decision view).
    found = await plan_for_decision(ctx.tx, sencos[0], plan_id)
    return [
        Reply(
            "plan_submitted_to_senco.html",
            _summary_values(found),
            decision_buttons(found.plan),
            chat_id=senco.telegram_user_id,  # a private chat's id is the user's id
        )
        for senco in sencos
    ]


def decision_reply(found: PlanForDecision) -> Reply:
    """The same summary, in the SENCo's own chat (from /review, or after a newer submission)."""
    return Reply("plan_for_decision.html", _summary_values(found), decision_buttons(found.plan))


def already_decided(error: AlreadyDecidedError) -> Reply:
    """Told to the SENCo who pressed second (or pressed an old message's button)."""
    return Reply(
        "plan_already_decided.html",
        {"pupil": error.pupil_name, "approved": error.approved, "decided_by": error.decided_by},
    )


def tell_author(ctx: Context, decision: Decision) -> list[Reply]:
    """The author's news: approved, or returned with the comment and a button to revise it at once."""
    author = decision.author
    if author is None or author.id == ctx.actor.id:  # removed since, or the SENCo decided their own plan
        return []
    values = {"pupil": decision.pupil.display_name, "senco": ctx.actor.name, "plan": decision.plan}
    if decision.approved:
        return [Reply("plan_approved_to_author.html", values, chat_id=author.telegram_user_id)]
    buttons = ((Button("✏️ Revise the plan", f"{REVISE}:{decision.plan.id}"),),)
    return [Reply("plan_returned_to_author.html", values, buttons, chat_id=author.telegram_user_id)]


def _summary_values(found: PlanForDecision) -> dict[str, object]:
    return {
        "teacher": found.author_name,
        "pupil": found.pupil.display_name,
        "count": len(found.targets),
        "plan": found.plan,
        "pupil_record": found.pupil,
        "targets": found.targets,
    }
