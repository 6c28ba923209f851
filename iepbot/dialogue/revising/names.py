"""The revise flow's step names: the values are what a chat's saved state holds, so they never change."""

from __future__ import annotations

from iepbot.dialogue.steps import StepName


class RevisePlanStep(StepName):
    """The summary (with the SENCo's comment), the questions that change one thing at a time, and another pupil
    put on the plan (a group plan)."""

    SUMMARY = "revise_summary"
    FIELD = "revise_field"
    TARGET = "revise_target"
    TARGET_FIELD = "revise_target_field"
    GROUP_PUPIL = "revise_group_pupil"
