"""The /new flow on one screen: every step, its question and answer, and where each answer may lead; from
the summary, the teacher can change any one answer and come back (`amend`).

`docs/flows/new_plan.mmd` is drawn from this table (`python -m iepbot.dialogue.diagram`); a test keeps the
picture current, and the engine refuses a move that is not listed here.
"""

from __future__ import annotations

from iepbot.dialogue.drafting import about, amend, closing, pupil, targets
from iepbot.dialogue.drafting.names import NewPlanStep as S
from iepbot.dialogue.steps import Step, flow_of


def _details() -> list[Step]:
    """The six support questions about each target, one after another; the last offers another target."""
    steps = []
    for position, detail in enumerate(targets.DETAILS):
        last = position + 1 == len(targets.DETAILS)
        goes_to = (S.MORE_TARGETS, S.REVIEW_DATE) if last else (targets.DETAILS[position + 1].step,)
        steps.append(Step(detail.step, *targets.detail(position), goes_to=goes_to, per_target=True))
    return steps


def _from_the_summary(steps: list[Step]) -> list[Step]:
    """The questions the summary's change buttons lead to go back to the summary once answered; a target's
    new wording does so once accepted, rather than going on to its support questions."""
    returning = {*amend.PLAN_FIELDS, *(detail.step for detail in targets.DETAILS)}
    first_detail = (targets.DETAILS[0].step,)
    return [
        amend.returning(step)
        if step.name in returning
        else amend.returning(step, instead_of=first_detail)
        if step.name == S.TARGET_FEEDBACK
        else step
        for step in steps
    ]


NEW_PLAN = flow_of(
    "new_plan",
    _from_the_summary(
        [
            Step(S.PUPIL, pupil.ask_pupil, pupil.answer_pupil, goes_to=(S.PUPIL_NAME, S.PUPIL_YEAR, S.AREA)),
            Step(S.PUPIL_NAME, pupil.ask_pupil_name, pupil.answer_pupil_name, goes_to=(S.PUPIL_YEAR,)),
            Step(S.PUPIL_YEAR, pupil.ask_pupil_year, pupil.answer_pupil_year, goes_to=(S.AREA,)),
            Step(S.AREA, about.ask_area, about.answer_area, goes_to=(S.DIFFICULTY,)),
            Step(
                S.DIFFICULTY,
                *about.free_text(S.DIFFICULTY, "difficulty, in your words", S.ENTRY_SKILLS),
                goes_to=(S.ENTRY_SKILLS,),
            ),
            Step(
                S.ENTRY_SKILLS,
                *about.free_text(S.ENTRY_SKILLS, "pupil's current skills", S.MOTIVATION),
                goes_to=(S.MOTIVATION,),
            ),
            Step(
                S.MOTIVATION,
                *about.free_text(S.MOTIVATION, "what motivates the pupil and how they learn best", S.GREATER_NEEDS),
                goes_to=(S.GREATER_NEEDS,),
            ),
            Step(S.GREATER_NEEDS, about.ask_greater_needs, about.answer_greater_needs, goes_to=(S.TARGET, S.STEP_SIZE)),
            Step(S.STEP_SIZE, about.ask_step_size, about.answer_step_size, goes_to=(S.TARGET,)),
            Step(
                S.TARGET,
                targets.ask_target,
                targets.answer_target,
                goes_to=(S.BANK_PICK, S.TARGET_FEEDBACK),
                per_target=True,
            ),
            Step(
                S.BANK_PICK,
                targets.ask_bank_pick,
                targets.answer_bank_pick,
                goes_to=(S.BANK_PICK, S.BANK_SEARCH, S.TARGET, S.TARGET_FEEDBACK),
                per_target=True,
            ),
            Step(
                S.BANK_SEARCH,
                targets.ask_bank_search,
                targets.answer_bank_search,
                goes_to=(S.BANK_PICK,),
                per_target=True,
            ),
            Step(
                S.TARGET_FEEDBACK,
                targets.ask_target_feedback,
                targets.answer_target_feedback,
                goes_to=(S.TARGET_FEEDBACK, S.TARGET, S.BANK_PICK, targets.DETAILS[0].step),
                per_target=True,
            ),
            *_details(),
            Step(
                S.MORE_TARGETS, targets.ask_more_targets, targets.answer_more_targets, goes_to=(S.REVIEW_DATE, S.TARGET)
            ),
            Step(S.REVIEW_DATE, closing.ask_review_date, closing.answer_review_date, goes_to=(S.PARENTAL_SUPPORT,)),
            Step(
                S.PARENTAL_SUPPORT,
                *closing.optional_text(S.PARENTAL_SUPPORT, "support from home", S.PUPIL_VOICE),
                goes_to=(S.PUPIL_VOICE,),
            ),
            Step(
                S.PUPIL_VOICE,
                *closing.optional_text(S.PUPIL_VOICE, "pupil's own view", S.SUMMARY),
                goes_to=(S.SUMMARY,),
            ),
            Step(
                S.SUMMARY,
                closing.ask_summary,
                closing.answer_summary,
                goes_to=(*amend.PLAN_FIELDS, S.SUMMARY_TARGET),
                finishes=True,
            ),
            Step(
                S.SUMMARY_TARGET,
                amend.ask_summary_target,
                amend.answer_summary_target,
                goes_to=(S.SUMMARY, *amend.TARGET_PARTS),
                per_target=True,
            ),
        ]
    ),
)
