"""The revise flow on one screen: a draft plan's summary, the questions that change one thing in it, and
another pupil put on it.

`docs/flows/revise_plan.mmd` is drawn from this table (`python -m iepbot.dialogue.diagram`).
"""

from __future__ import annotations

from iepbot.dialogue.revising import group, revise
from iepbot.dialogue.revising.names import RevisePlanStep as S
from iepbot.dialogue.steps import Step, flow_of

REVISE_PLAN = flow_of(
    "revise_plan",
    [
        Step(
            S.SUMMARY,
            revise.ask_summary,
            revise.answer_summary,
            goes_to=(S.FIELD, S.TARGET, S.GROUP_PUPIL),
            finishes=True,
        ),
        Step(S.FIELD, revise.ask_field, revise.answer_field, goes_to=(S.SUMMARY,)),
        Step(S.TARGET, revise.ask_target, revise.answer_target, goes_to=(S.SUMMARY, S.TARGET_FIELD)),
        Step(S.TARGET_FIELD, revise.ask_target_field, revise.answer_target_field, goes_to=(S.TARGET,)),
        Step(S.GROUP_PUPIL, group.ask_group_pupil, group.answer_group_pupil, goes_to=(S.SUMMARY,)),
    ],
)
