"""Writes the sample plan shown in docs/documents.md, in both formats and both versions, to a folder.

    python docs/images/sample_plan.py /tmp/sample
    chromium-headless-shell --no-sandbox --hide-scrollbars --window-size=900,1600 \\
        --screenshot=docs/images/plan-staff.png file:///tmp/sample/staff.html
    soffice --headless --convert-to pdf --outdir /tmp/sample /tmp/sample/staff.docx
    pdftoppm -png -r 60 /tmp/sample/staff.pdf docs/images/plan-word

The records are made by hand (no database) so the pictures can be made again on any machine.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path

from iepbot.documents.plan_files import PlanFiles, PlanFormat
from iepbot.documents.plan_view import Audience
from iepbot.domain.documents import PlanDocument
from iepbot.domain.enums import PlanStatus
from iepbot.domain.records import Plan, Pupil, School, Target
from nlp.areas import Area

NOW = datetime(2026, 9, 7, tzinfo=UTC)
READING = Area.COGNITION_AND_LEARNING


def sample() -> PlanDocument:
    """Sam's plan: two reading targets, every field filled as a Year 2 teacher might."""
    plan = Plan(
        id=12,
        pupil_id=7,
        author_id=1,
        status=PlanStatus.APPROVED,
        start_date=date(2026, 9, 14),
        review_date=date(2027, 2, 12),
        nature_of_difficulties="Sam finds it hard to blend sounds to read CVC words and forgets HFWs from day to day.",
        strengths_and_motivation="Loves dinosaurs and games; learns best with movement and short, fun tasks.",
        entry_skills="Knows 19 of the 23 Phase 2 sounds; reads 'the', 'to', 'I' and 'no' on sight.",
        parental_support="Read the word cards together at bedtime, five minutes.",
        pupil_voice="I like the dinosaur game. I want to read my dinosaur book by myself.",
        pastoral_notes="Short check-in with the ELSA on Monday mornings.",
        medical_notes="Wears glasses for reading; keep them in the classroom.",
        return_comment=None,
        version=4,
        created_at=NOW,
        updated_at=NOW,
    )
    targets = (
        _target(
            1,
            "Sam will read 20 CVC words aloud with 90% accuracy by February half term.",
            date(2027, 2, 12),
            ("Precision teaching, five words at a time; a dinosaur 'feed the word' game.", "Word cards, sound buttons"),
            ("TA (Mrs Lee) in the morning group", "Daily, 10 minutes", "Reads 18 of 20 CVC words on three days"),
            "Weekly probe sheet kept by the class teacher",
        ),
        _target(
            2,
            "Sam will read 10 Phase 2 tricky words on sight by Christmas.",
            date(2026, 12, 18),
            ("Flash cards as a 'word hunt' around the room; one new word a week.", "Tricky word cards, a word wall"),
            ("Class teacher and TA", "Three times a week, 5 minutes", "Reads all 10 words on sight in two checks"),
            "Fortnightly check on the reading tracker",
        ),
    )
    pupil = Pupil(7, 1, 1, "Sam B", "Year 2", "2K", (READING,), NOW)
    school = School(1, "Oakfield Primary School", 4, {})
    return PlanDocument(school, pupil, plan, targets, "Ms Patel", plan.parental_support, plan.pupil_voice, 1)


def _target(
    number: int, text: str, deadline: date, how: tuple[str, str], who: tuple[str, str, str], monitoring: str
) -> Target:
    strategy, resources = how
    staffing, frequency, success = who
    return Target(
        number, 12, number, text, READING, {}, deadline, "small", strategy, resources, staffing, frequency, success,
        monitoring, None, None, None,
    )  # fmt: skip


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files, document = PlanFiles(), sample()
    for audience in Audience:
        for fmt in PlanFormat:
            (folder / f"{audience.value}.{fmt.value}").write_bytes(files.make(document, fmt, audience).data)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
