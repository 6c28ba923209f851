"""Achievable and relevant: wording alone cannot tell, so these read the guidance answers the bot collects."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from nlp.areas import Area
from nlp.report import Criterion

if TYPE_CHECKING:
    from spacy.tokens import Doc


class StepSize(enum.StrEnum):
    """How big a step the target is from what the pupil can do now."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


@dataclass(frozen=True, slots=True)
class GuidanceAnswers:
    """What the teacher told us about the pupil; every field may be unknown (None)."""

    area_of_need: Area | None = None
    difficulty: str | None = None
    has_entry_skills: bool | None = None
    step_size: StepSize | None = None
    greater_needs: bool | None = None
    motivated: bool | None = None
    year_group: int | None = None  # 0 is Reception, 1..11 are Year 1..Year 11
    review_date: date | None = None


_NOT_FROM_WORDING = "depends on the guidance answers"


def judge_achievable(guidance: GuidanceAnswers | None) -> Criterion:
    """Achievable when the pupil has the entry skills and the step suits their needs."""
    if guidance is None or (guidance.has_entry_skills is None and guidance.step_size is None):
        return Criterion(
            "achievable",
            None,
            f"Can't be judged from the wording: {_NOT_FROM_WORDING} (the pupil's current skills and step size).",
        )
    if guidance.has_entry_skills is False:
        return Criterion(
            "achievable",
            False,
            "The pupil doesn't yet have the entry skills this target needs.",
            "Choose a smaller step that builds those skills first.",
        )
    if guidance.step_size is StepSize.LARGE:
        return Criterion(
            "achievable",
            False,
            "This is a large step for one plan.",
            "Break it into smaller steps and set the first one now.",
        )
    if guidance.greater_needs and guidance.step_size is StepSize.MEDIUM:
        return Criterion(
            "achievable",
            False,
            "A pupil with greater needs needs smaller steps than this.",
            "Choose a smaller step, reviewed more often.",
        )
    if guidance.motivated is False:
        return Criterion(
            "achievable",
            None,
            "The pupil may not be motivated to practise this yet.",
            "Build what motivates them into the teaching strategy.",
        )
    return Criterion("achievable", True, "The pupil has the entry skills and the step size suits them.")


def judge_relevant(doc: Doc, guidance: GuidanceAnswers | None, difficulty: Doc | None) -> Criterion:
    """Relevant when the target works on the difficulty the teacher described (`difficulty` is it, parsed)."""
    if guidance is None or (guidance.area_of_need is None and difficulty is None):
        return Criterion(
            "relevant",
            None,
            f"Can't be judged from the wording: {_NOT_FROM_WORDING} (the pupil's area of need and difficulty).",
        )
    shared = _content_lemmas(doc) & _content_lemmas(difficulty) if difficulty is not None else set()
    if shared:
        return Criterion(
            "relevant", True, f"It works on the difficulty you described ({', '.join(sorted(shared)[:3])})."
        )
    area = guidance.area_of_need.label.lower() if guidance.area_of_need else "the pupil's area of need"
    return Criterion(
        "relevant",
        None,
        f"Check it addresses the difficulty you described in {area}: the wording doesn't show it.",
        "Use words from the pupil's difficulty in the target, or pick a target from the bank for that area.",
    )


def _content_lemmas(doc: Doc) -> set[str]:
    return {token.lemma_.lower() for token in doc if token.is_alpha and not token.is_stop and len(token) > 2}
