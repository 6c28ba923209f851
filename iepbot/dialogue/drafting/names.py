"""The /new flow's step names: the values are what a chat's saved state holds, so they never change."""

from __future__ import annotations

from iepbot.dialogue.steps import StepName


class NewPlanStep(StepName):
    """Every question of the /new flow, in the order the flow first asks them."""

    PUPIL = "pupil"
    PUPIL_NAME = "pupil_name"
    PUPIL_YEAR = "pupil_year"
    AREA = "area"
    DIFFICULTY = "difficulty"
    ENTRY_SKILLS = "entry_skills"
    MOTIVATION = "motivation"
    GREATER_NEEDS = "greater_needs"
    STEP_SIZE = "step_size"
    TARGET = "target"
    BANK_PICK = "bank_pick"
    BANK_SEARCH = "bank_search"
    TARGET_FEEDBACK = "target_feedback"
    STRATEGY = "strategy"
    RESOURCES = "resources"
    STAFFING = "staffing"
    FREQUENCY = "frequency"
    SUCCESS_CRITERIA = "success_criteria"
    MONITORING = "monitoring"
    MORE_TARGETS = "more_targets"
    REVIEW_DATE = "review_date"
    PARENTAL_SUPPORT = "parental_support"
    PUPIL_VOICE = "pupil_voice"
    SUMMARY = "summary"
    SUMMARY_TARGET = "summary_target"
