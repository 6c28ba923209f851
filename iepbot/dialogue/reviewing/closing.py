"""The review meeting (who came, what the parents said), then closing: every outcome, the meeting, the plan
closed and the next draft opened with the targets carried on, in the turn's one transaction."""

from __future__ import annotations

from datetime import date

from iepbot.dialogue.answers import choice, typed_text
from iepbot.dialogue.context import Context, Finish, Goto, Next
from iepbot.dialogue.io import Button, Input, Reply
from iepbot.dialogue.reviewing.names import ReviewStep as S
from iepbot.dialogue.reviewing.review import NextTarget, ReviewedTarget
from iepbot.dialogue.school import school_calendar
from iepbot.domain.errors import InvalidValueError
from iepbot.domain.records import ReviewNotes, TargetDraft, TargetReview
from iepbot.domain.reminders import interval
from iepbot.domain.reviews import ReviewClosing, close_review


async def ask_attendees(ctx: Context) -> Reply:
    return Reply("ask_attendees.html", {"name": ctx.review.name, "current": ctx.review.attendees})


async def answer_attendees(ctx: Context, received: Input) -> Next:
    ctx.review.attendees = typed_text(received, label="list of who came to the review")
    return Goto(S.PARENT_VIEWS)


async def ask_parent_views(ctx: Context) -> Reply:
    values = {"name": ctx.review.name, "current": ctx.review.parent_views}
    return Reply("ask_parent_views.html", values, ((Button("Skip", "skip"),),))


async def answer_parent_views(ctx: Context, received: Input) -> Next:
    skipped = choice(received) == "skip"
    ctx.review.parent_views = None if skipped else typed_text(received, label="parents' views")
    return Goto(S.CLOSE)


async def ask_close(ctx: Context) -> Reply:
    values = {"name": ctx.review.name, "targets": ctx.review.targets, "next_review": _next_review(ctx)}
    return Reply("review_summary.html", values, ((Button("📁 Close the review", "close"),),))


async def answer_close(ctx: Context, received: Input) -> Next:
    review = ctx.review
    if choice(received) != "close":
        raise InvalidValueError("Press Close the review to save it, or use /back to change an answer.")
    if review.plan_id is None or review.plan_version is None or review.attendees is None:
        raise InvalidValueError("This review is missing its plan or meeting: start again with /review_plan.")
    unanswered = [target for target in review.targets if target.outcome is None]
    if unanswered:
        raise InvalidValueError("Every target needs an outcome: use /back to give the missing one.")
    closing = ReviewClosing(
        plan_id=review.plan_id,
        expected_version=review.plan_version,
        outcomes=[(target.target_id, _outcome(target)) for target in review.targets],
        meeting=ReviewNotes(held_on=ctx.today, attendees=review.attendees, parent_views=review.parent_views),
        carried=[
            await _carried(ctx, target, target.next) for target in review.targets if target.next and not target.dropped
        ],
        next_review=_next_review(ctx),
    )
    closed = await close_review(ctx.tx, ctx.actor, closing)
    values = {"name": review.name, "carried": len(closing.carried), "next_review": closing.next_review}
    return Finish((Reply("review_closed.html", values, ((Button("📄 The new draft", f"open:{closed.draft.id}"),),)),))


def _next_review(ctx: Context) -> date:
    return ctx.today + interval(ctx.school.reviews_per_year)


def _outcome(target: ReviewedTarget) -> TargetReview:
    assert target.outcome is not None
    return TargetReview(outcome=target.outcome, analysis=dict(target.analysis), evidence=target.evidence)


async def _carried(ctx: Context, target: ReviewedTarget, following: NextTarget) -> TargetDraft:
    """The next plan's target: the new wording, checked like any other, and its support, in the area of the
    target it follows; the report says which target it came from and why (the bank's step, or the same)."""
    report = ctx.services.check(following.text, today=ctx.today, calendar=await school_calendar(ctx))
    return TargetDraft(
        text=following.text,
        area=target.area,
        smart_report={**report.to_dict(), "carried_from": target.target_id, "source": following.source},
        deadline=report.deadline,
        bank_id=following.bank_id,
        teaching_strategy=following.strategy,
        resources=following.resources,
        staffing=following.staffing,
        frequency=following.frequency,
        success_criteria=following.success_criteria,
        monitoring=following.monitoring,
    )
