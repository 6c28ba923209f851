"""A plan as a page to print: every heading and value, worked out once for the HTML page and the Word file.

Both formats draw the same `PlanPage`, so they cannot drift apart: a field in one is in the other. The staff
version has every field of the plan; the parent version says the same in plain words, explains the staff
words it uses from the glossary, and leaves out what is for staff only: pastoral and medical notes (written
for colleagues, shared with a family in person), the monitoring arrangements (how staff record progress),
the step size and the plan's status.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from iepbot.documents.glossary import Glossary
from iepbot.domain.documents import PlanDocument
from iepbot.domain.records import Target
from target_bank.render import uk_date

NOT_RECORDED = "—"


class Audience(enum.StrEnum):
    """Who the document is for."""

    STAFF = "staff"
    PARENT = "parent"


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled value: "Strategy: precision teaching"."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class TargetView:
    """One target as printed: its words, its deadline and the support around it."""

    number: int
    text: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Headings:
    """The words above each part of the page, and before each target's number ("Target 1", "Step 1")."""

    about: str
    targets: str
    target: str
    after: str


@dataclass(frozen=True, slots=True)
class PlanPage:
    """Everything a printed plan shows, in order; `glossary` is empty in the staff version."""

    audience: Audience
    title: str
    school: str
    headings: Headings
    facts: tuple[Row, ...]
    about: tuple[Row, ...]
    targets: tuple[TargetView, ...]
    after: tuple[Row, ...]
    glossary: tuple[Row, ...]
    signatures: tuple[str, ...]
    footer: str


STAFF_FOOTER = (
    "Confidential: for the staff who work with this pupil, the pupil and their family. A plan records only what is "
    "additional to or different from the usual teaching."
)
PARENT_FOOTER = "If you have any questions about this plan, please ask the class teacher or the SENCo."


def plan_page(document: PlanDocument, audience: Audience, glossary: Glossary) -> PlanPage:
    """The page for `audience`; the parent version's glossary lists only the words this plan uses."""
    name = document.pupil.display_name
    staff = audience is Audience.STAFF
    about = _about(document, staff)
    targets = tuple(_target(number, target, staff) for number, target in enumerate(document.targets, start=1))
    after = _after(document, staff)
    used: tuple[Row, ...] = ()
    if not staff:
        rows = [*about, *after, *(row for view in targets for row in view.rows)]
        texts = [row.text for row in rows] + [view.text for view in targets]
        used = tuple(Row(entry.term, entry.means) for entry in glossary.used_in(texts))
    return PlanPage(
        audience=audience,
        title="Individual Education Plan" if staff else f"{name}'s plan: how school will help",
        school=document.school.name,
        headings=_headings(name, staff),
        facts=_facts(document, staff),
        about=about,
        targets=targets,
        after=after,
        glossary=used,
        signatures=("Parent or carer", "Pupil", "SENCo"),
        footer=STAFF_FOOTER if staff else PARENT_FOOTER,
    )


def _headings(name: str, staff: bool) -> Headings:
    if staff:
        return Headings("About the pupil", "Targets", "Target", "Home, the pupil and review")
    return Headings(f"About {name}", "What we are working on", "Step", "Home and school together")


def _facts(document: PlanDocument, staff: bool) -> tuple[Row, ...]:
    pupil, plan = document.pupil, document.plan
    areas = ", ".join(area.label for area in pupil.areas_of_need) or NOT_RECORDED
    rows = [
        Row("Pupil", pupil.display_name),
        Row("Year group", pupil.year_group),
        Row("Class", pupil.class_name),
        Row("Area of need" if staff else "What the plan is about", areas),
        Row("Written by", document.author_name),
        Row("Start date" if staff else "Started", _date(plan.start_date or plan.created_at.date())),
        Row("Review date" if staff else "We will look at it again by", _date(plan.review_date)),
    ]
    if staff:
        rows.append(Row("Status", plan.status.value.replace("_", " ")))
    if document.group_size > 1:
        others = document.group_size - 1
        rows.append(Row("Group plan", f"the targets are shared with {others} other pupil{'s' if others > 1 else ''}"))
    return tuple(rows)


def _about(document: PlanDocument, staff: bool) -> tuple[Row, ...]:
    plan, name = document.plan, document.pupil.display_name
    return (
        Row("Nature of difficulties" if staff else f"What {name} finds hard", _text(plan.nature_of_difficulties)),
        Row("Current skills" if staff else f"What {name} can do now", _text(plan.entry_skills)),
        Row(
            "Strengths, motivation and how they learn best" if staff else f"What {name} enjoys and how they learn best",
            _text(plan.strengths_and_motivation),
        ),
    )


def _target(number: int, target: Target, staff: bool) -> TargetView:
    deadline = _date(target.deadline)
    if staff:
        rows = [
            Row("Area of need", target.area.label),
            Row("By", deadline),
            Row("Step size", _text(target.step_size)),
            Row("Teaching strategy", _text(target.teaching_strategy)),
            Row("Resources", _text(target.resources)),
            Row("Staffing", _text(target.staffing)),
            Row("Frequency", _text(target.frequency)),
            Row("Success criteria", _text(target.success_criteria)),
            Row("Monitoring", _text(target.monitoring)),
        ]
    else:
        rows = [
            Row("By", deadline),
            Row("How we will help", _text(target.teaching_strategy)),
            Row("What we will use", _text(target.resources)),
            Row("Who will help", _text(target.staffing)),
            Row("How often", _text(target.frequency)),
            Row("How we will know it has worked", _text(target.success_criteria)),
        ]
    return TargetView(number, target.text, tuple(rows))


def _after(document: PlanDocument, staff: bool) -> tuple[Row, ...]:
    plan, name = document.plan, document.pupil.display_name
    review = _date(plan.review_date)
    rows = [
        Row("Support from home" if staff else "How you can help at home", _text(document.parental_support)),
        Row("The pupil's view" if staff else f"What {name} told us", _text(document.pupil_voice)),
    ]
    if staff:
        rows += [
            Row("Pastoral care", _text(plan.pastoral_notes)),
            Row("Medical needs", _text(plan.medical_notes)),
            Row(
                "Review arrangements",
                f"Review by {review}, with the SENCo, the teachers, the parents and {name}. Plans are reviewed at "
                "least twice a year; parents are met at least three times a year.",
            ),
        ]
    else:
        rows.append(
            Row(
                "When we will meet",
                f"We will look at this plan together by {review}, with you and {name}, and meet you at least "
                "three times a year.",
            )
        )
    return tuple(rows)


def _text(value: str | None) -> str:
    return value if value and value.strip() else NOT_RECORDED


def _date(value: date | None) -> str:
    return uk_date(value) if value is not None else "not set yet"
