"""The /review_plan flow's step names: the values are what a chat's saved state holds, so they never change."""

from __future__ import annotations

from iepbot.dialogue.steps import StepName


class ReviewStep(StepName):
    """Every question of the /review_plan flow, in the order the flow first asks them."""

    PLAN = "review_plan"
    OUTCOME = "outcome"
    EVIDENCE = "evidence"
    STEP_TOO_BIG = "step_too_big"
    HAD_ENTRY_SKILLS = "had_entry_skills"
    MOTIVATED_TO_PRACTISE = "motivated_to_practise"
    STRATEGY_RIGHT = "strategy_right"
    RESOURCES_RIGHT = "resources_right"
    NEXT_TARGET = "next_target"
    NEW_STRATEGY = "new_strategy"
    NEW_RESOURCES = "new_resources"
    ATTENDEES = "attendees"
    PARENT_VIEWS = "parent_views"
    CLOSE = "close_review"
