"""Readers of plan documents independent of the code that wrote them, and a plan with every field filled."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from docx import Document

from iepbot.domain.plans import edit_plan, start_plan
from iepbot.domain.records import Plan, PlanField, Pupil, StaffMember, TargetDraft
from iepbot.domain.targets import add_target
from iepbot.storage.storage import Storage
from nlp.areas import Area
from tests.storage.support import SMART_REPORT

# A distinct value for every field a printed plan shows, so each can be looked for.
PLAN_VALUES: dict[PlanField, str | date] = {
    PlanField.START_DATE: date(2026, 9, 14),
    PlanField.REVIEW_DATE: date(2027, 2, 12),
    PlanField.NATURE_OF_DIFFICULTIES: "Finds blending CVC words hard",
    PlanField.ENTRY_SKILLS: "Knows 19 Phase 2 sounds",
    PlanField.STRENGTHS_AND_MOTIVATION: "Loves dinosaurs; learns best on the move",
    PlanField.PARENTAL_SUPPORT: "Reads the word cards at bedtime",
    PlanField.PUPIL_VOICE: "I like it when we play the sound game",
    PlanField.PASTORAL_NOTES: "Check-in with the ELSA on Mondays",
    PlanField.MEDICAL_NOTES: "Wears glasses for reading",
}
TARGET = TargetDraft(
    text="Sam will read 20 CVC words aloud with 90% accuracy by February half term.",
    area=Area.COGNITION_AND_LEARNING,
    smart_report=SMART_REPORT,
    deadline=date(2027, 2, 12),
    step_size="small",
    teaching_strategy="Precision teaching, five words at a time",
    resources="Word cards and Numicon",
    staffing="TA in the morning group",
    frequency="Daily, 10 minutes",
    success_criteria="Reads 18 of 20 words on three days running",
    monitoring="Weekly probe sheet kept by the class teacher",
)
TARGET_VALUES = (
    TARGET.text,
    "12 February 2027",
    "small",
    "Precision teaching, five words at a time",
    "Word cards and Numicon",
    "TA in the morning group",
    "Daily, 10 minutes",
    "Reads 18 of 20 words on three days running",
    "Weekly probe sheet kept by the class teacher",
)
STAFF_ONLY = (
    PLAN_VALUES[PlanField.PASTORAL_NOTES],
    PLAN_VALUES[PlanField.MEDICAL_NOTES],
    TARGET.monitoring,
)


async def full_plan(
    storage: Storage, author: StaffMember, pupil: Pupil, values: dict[PlanField, str | date] | None = None
) -> Plan:
    """A draft by `author` for `pupil` with every plan field set (to `values`, else PLAN_VALUES) and two targets."""
    async with storage.write() as tx:
        plan = await start_plan(tx, author, pupil.id)
    for field, value in (values or PLAN_VALUES).items():
        async with storage.write() as tx:
            plan = await edit_plan(tx, author, plan.id, expected_version=plan.version, field=field, value=value)
    version = plan.version
    for _ in range(2):
        async with storage.write() as tx:
            version = (await add_target(tx, author, plan.id, TARGET, expected_version=version)).plan_version
    async with storage.read() as tx:
        return await tx.plans.get(plan.id)


@dataclass
class HtmlReading:
    """What a browser would show of a page, and the elements it would build."""

    text: str
    tags: list[str]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.tags: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self.tags.append(tag)
        self._hidden += tag in {"style", "title"}

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in {"style", "title"}

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.pieces.append(data)


def read_html(html: str) -> HtmlReading:
    """The page's visible text (line breaks and runs of spaces as one space) and its tags in order."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return HtmlReading(" ".join("".join(reader.pieces).split()), reader.tags)


def read_docx(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, and its footer, as python-docx reads them back."""
    document = Document(io.BytesIO(data))
    pieces = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        pieces.extend(cell.text for row in table.rows for cell in row.cells)
    pieces.extend(paragraph.text for paragraph in document.sections[0].footer.paragraphs)
    return " ".join(" ".join(pieces).split())
