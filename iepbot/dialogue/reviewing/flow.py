"""The /review_plan flow on one screen: every step, its question and answer, and where each answer may lead.

`docs/flows/review_plan.mmd` is drawn from this table (`python -m iepbot.dialogue.diagram`); a test keeps the
picture current, and the engine refuses a move that is not listed here.
"""

from __future__ import annotations

from iepbot.dialogue.reviewing import choose, closing, targets
from iepbot.dialogue.reviewing.names import ReviewStep as S
from iepbot.dialogue.reviewing.review import REVIEW_FLOW
from iepbot.dialogue.steps import Step, flow_of

_AFTER_TARGET = (S.OUTCOME, S.ATTENDEES)  # the next target's outcome, or the meeting after the last one


def _five_questions() -> list[Step]:
    """The guidance's questions for a target not met, one after another; the last leads to the proposal."""
    steps = []
    for position, asked in enumerate(targets.FIVE_QUESTIONS):
        last = position + 1 == len(targets.FIVE_QUESTIONS)
        goes_to = (S.NEXT_TARGET,) if last else (targets.FIVE_QUESTIONS[position + 1].step,)
        steps.append(Step(asked.step, *targets.question(position), goes_to=goes_to, per_target=True))
    return steps


REVIEW = flow_of(
    REVIEW_FLOW,
    [
        Step(S.PLAN, choose.ask_plan, choose.answer_plan, goes_to=(S.OUTCOME,)),
        Step(S.OUTCOME, targets.ask_outcome, targets.answer_outcome, goes_to=(S.EVIDENCE,), per_target=True),
        Step(
            S.EVIDENCE,
            targets.ask_evidence,
            targets.answer_evidence,
            goes_to=(S.NEXT_TARGET, S.STEP_TOO_BIG),
            per_target=True,
        ),
        *_five_questions(),
        Step(
            S.NEXT_TARGET,
            targets.ask_next_target,
            targets.answer_next_target,
            goes_to=(S.NEW_STRATEGY, S.NEW_RESOURCES, *_AFTER_TARGET),
            per_target=True,
        ),
        Step(
            S.NEW_STRATEGY,
            targets.ask_new_strategy,
            targets.answer_new_strategy,
            goes_to=(S.NEW_RESOURCES, S.NEXT_TARGET, *_AFTER_TARGET),
            per_target=True,
        ),
        Step(
            S.NEW_RESOURCES,
            targets.ask_new_resources,
            targets.answer_new_resources,
            goes_to=(S.NEXT_TARGET, *_AFTER_TARGET),
            per_target=True,
        ),
        Step(S.ATTENDEES, closing.ask_attendees, closing.answer_attendees, goes_to=(S.PARENT_VIEWS,)),
        Step(S.PARENT_VIEWS, closing.ask_parent_views, closing.answer_parent_views, goes_to=(S.CLOSE,)),
        Step(S.CLOSE, closing.ask_close, closing.answer_close, finishes=True),
    ],
)
