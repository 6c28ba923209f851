"""Achievable and relevant: the target's wording read against the guidance answers the bot collects.

The guidance: a target is achievable when it is a small step the pupil has the entry skills for, and relevant
when it works on the pupil's area of need and difficulty. Neither is ticked by default: a tick needs evidence
(the target's skill found in the entry skills or the difficulty), a cross needs a contradiction (a large step,
the entry skills saying the skill isn't there, a target on another skill), and everything else is ❔ with the
reason, so the teacher knows what to check.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from nlp.areas import Area
from nlp.report import Criterion
from nlp.skills import SkillMentions, absent_families, mentions

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
    entry_skills: str | None = None  # what the pupil can already do, in the teacher's words
    has_entry_skills: bool | None = None
    step_size: StepSize | None = None
    greater_needs: bool | None = None
    motivated: bool | None = None
    year_group: int | None = None  # 0 is Reception, 1..11 are Year 1..Year 11
    review_date: date | None = None


_NOT_FROM_WORDING = "depends on the guidance answers"
_NO_SKILL = "the target doesn't say which skill the pupil will show"


def judge_achievable(doc: Doc, guidance: GuidanceAnswers | None, *, specific: bool) -> Criterion:
    """Achievable when the target's skill is in the entry skills and the step suits the pupil's needs.

    `specific` is whether the target names what the pupil will do: a vague target can't be weighed against
    anything the pupil can do now.
    """
    if guidance is None or (
        guidance.has_entry_skills is None and guidance.step_size is None and guidance.entry_skills is None
    ):
        return Criterion(
            "achievable",
            None,
            f"Can't be judged from the wording: {_NOT_FROM_WORDING} (the pupil's current skills and step size).",
        )
    step = _step_problem(guidance)
    if step is not None:
        return step
    target = mentions(doc.text)
    if not specific:
        return Criterion(
            "achievable",
            None,
            f"Can't be judged yet: {_NO_SKILL}.",
            "Say what the pupil will do, then I can compare it with what they can do now.",
        )
    if not target.words:
        return Criterion(
            "achievable",
            None,
            "Check the entry skills: I can't tell which skill this works on, so I can't compare it with them.",
        )
    if guidance.motivated is False:
        return Criterion(
            "achievable",
            None,
            "The pupil may not be motivated to practise this yet.",
            "Build what motivates them into the teaching strategy.",
        )
    if guidance.has_entry_skills is True:
        return Criterion("achievable", True, "You said the pupil has the entry skills, and the step size suits them.")
    return _against_entry_skills(target, guidance)


def _step_problem(guidance: GuidanceAnswers) -> Criterion | None:
    """A cross the teacher's own answers give, whatever the target says."""
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
    return None


def _against_entry_skills(target: SkillMentions, guidance: GuidanceAnswers) -> Criterion:
    """The target's skill looked for in what the pupil can already do."""
    skill = target.describe()
    if not guidance.entry_skills:
        return Criterion(
            "achievable",
            None,
            f"Check the entry skills: none are recorded for {skill}.",
            "Say what the pupil can already do towards this target.",
        )
    missing = target.families & absent_families(guidance.entry_skills)
    if missing:
        said = target.describe(missing)
        if guidance.step_size is StepSize.SMALL:
            return Criterion(
                "achievable",
                None,
                f"Check the entry skills: they say {said} isn't there yet.",
                "Make sure this small step is the first one towards it.",
            )
        return Criterion(
            "achievable",
            False,
            f"The entry skills say {said} isn't there yet, and this is not a small step.",
            "Check the entry skills and set a smaller first step.",
        )
    known = mentions(guidance.entry_skills)
    shared = target.families & known.families
    if not shared:
        return Criterion(
            "achievable",
            None,
            f"Check the entry skills: what you said the pupil can do doesn't mention {skill}.",
            "Say what the pupil can already do towards this target.",
        )
    if guidance.step_size is None:
        return Criterion("achievable", None, "Check the step size: say how big a step this is.")
    return Criterion(
        "achievable",
        True,
        f"It builds on what the pupil can already do ({known.describe(shared)}) in a {guidance.step_size} step.",
    )


def judge_relevant(doc: Doc, guidance: GuidanceAnswers | None, difficulty: Doc | None) -> Criterion:
    """Relevant when the target works on the difficulty the teacher described (`difficulty` is it, parsed)."""
    if guidance is None or (guidance.area_of_need is None and difficulty is None):
        return Criterion(
            "relevant",
            None,
            f"Can't be judged from the wording: {_NOT_FROM_WORDING} (the pupil's area of need and difficulty).",
        )
    area = guidance.area_of_need.label.lower() if guidance.area_of_need else "the pupil's area of need"
    target = mentions(doc.text)
    described = mentions(difficulty.text) if difficulty is not None else SkillMentions({})
    shared = target.families & described.families
    if shared:
        return Criterion("relevant", True, f"It works on the difficulty you described: {target.describe(shared)}.")
    if target.words and described.words:
        return _another_skill(target, described)
    common = _content_lemmas(doc) & _content_lemmas(difficulty) if difficulty is not None else set()
    if common:
        return Criterion(
            "relevant", True, f"It works on the difficulty you described ({', '.join(sorted(common)[:3])})."
        )
    outside = guidance.area_of_need is not None and all(
        guidance.area_of_need not in family.areas for family in target.families
    )
    if target.words and outside:
        return Criterion(
            "relevant",
            False,
            f"It works on {target.describe()}, which is not {area}, the pupil's area of need.",
            "Write a target on the pupil's difficulty, or check the area of need.",
        )
    return Criterion(
        "relevant",
        None,
        f"Check it addresses the difficulty you described in {area}: the wording doesn't show it.",
        "Use words from the pupil's difficulty in the target, or pick a target from the bank for that area.",
    )


def _another_skill(target: SkillMentions, described: SkillMentions) -> Criterion:
    """The target and the difficulty are on different skills: a near miss in one group, else off topic."""
    message = f"It works on {target.describe()}; the difficulty you described is about {described.describe()}."
    if target.groups & described.groups:
        return Criterion(
            "relevant",
            None,
            f"Check it: {message[0].lower()}{message[1:]}",
            "Make sure it is the skill to work on now.",
        )
    return Criterion(
        "relevant",
        False,
        message,
        "Write a target on the difficulty, or change the difficulty if this is what the pupil needs most.",
    )


def _content_lemmas(doc: Doc) -> set[str]:
    return {token.lemma_.lower() for token in doc if token.is_alpha and not token.is_stop and len(token) > 2}
