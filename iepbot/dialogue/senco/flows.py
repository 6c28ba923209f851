"""The SENCo's flows on one screen: returning a plan with a comment, and /staff.

`docs/flows/return_plan.mmd` and `docs/flows/staff.mmd` are drawn from these tables
(`python -m iepbot.dialogue.diagram`); the engine refuses a move that is not listed here.
"""

from __future__ import annotations

from iepbot.dialogue.senco import returning, staff
from iepbot.dialogue.senco.names import ReturnPlanStep as R
from iepbot.dialogue.senco.names import StaffStep as S
from iepbot.dialogue.steps import Step, flow_of

RETURN_PLAN = flow_of(
    "return_plan",
    [Step(R.COMMENT, returning.ask_comment, returning.answer_comment, finishes=True)],
)

STAFF = flow_of(
    "staff",
    [
        Step(S.MEMBER, staff.ask_member, staff.answer_member, goes_to=(S.ACTION,), finishes=True),
        Step(S.ACTION, staff.ask_action, staff.answer_action, goes_to=(S.MEMBER, S.CONFIRM_REMOVE)),
        Step(S.CONFIRM_REMOVE, staff.ask_confirm_remove, staff.answer_confirm_remove, goes_to=(S.ACTION, S.MEMBER)),
    ],
)
