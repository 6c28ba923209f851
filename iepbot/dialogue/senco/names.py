"""The SENCo flows' step names: the values are what a chat's saved state holds, so they never change."""

from __future__ import annotations

from iepbot.dialogue.steps import StepName


class ReturnPlanStep(StepName):
    """Returning a submitted plan: the one question is the comment for its author."""

    COMMENT = "return_comment"


class StaffStep(StepName):
    """/staff: choose a member, choose what to do, confirm a removal."""

    MEMBER = "staff_member"
    ACTION = "staff_action"
    CONFIRM_REMOVE = "staff_confirm_remove"
