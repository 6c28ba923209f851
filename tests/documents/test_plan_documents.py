"""Printed plans: every field in both formats, user text kept as text, and nothing a reader should not see."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from iepbot.documents.plan_files import PlanFiles, PlanFormat
from iepbot.documents.plan_view import Audience
from iepbot.domain.documents import plan_document
from iepbot.domain.enums import AuditAction
from iepbot.domain.errors import AccessDeniedError, OtherSchoolError
from iepbot.domain.records import PlanField
from iepbot.storage.storage import Storage
from tests.documents.plan_support import (
    PLAN_VALUES,
    STAFF_ONLY,
    TARGET_VALUES,
    full_plan,
    read_docx,
    read_html,
)
from tests.storage.support import World, add_pupil_for

STAFF_LABELS = (
    "Oakfield Primary",
    "Individual Education Plan",
    "Pupil",
    "Year group",
    "Area of need",
    "Start date",
    "Review date",
    "Nature of difficulties",
    "Current skills",
    "Strengths, motivation and how they learn best",
    "Target 1",
    "Target 2",
    "Teaching strategy",
    "Resources",
    "Staffing",
    "Frequency",
    "Success criteria",
    "Monitoring",
    "Support from home",
    "The pupil's view",
    "Pastoral care",
    "Medical needs",
    "Review arrangements",
    "Parent or carer",
    "SENCo",
    "Signature",
)


@pytest.fixture(scope="module")
def files() -> PlanFiles:
    return PlanFiles()


def shown(files: PlanFiles, document: object, fmt: PlanFormat, audience: Audience) -> str:
    """What a reader of the file sees, read back by a parser that did not write it."""
    made = files.make(document, fmt, audience)  # type: ignore[arg-type]
    return read_html(made.data.decode()).text if fmt is PlanFormat.HTML else read_docx(made.data)


@pytest.mark.parametrize("fmt", list(PlanFormat))
async def test_the_staff_document_shows_every_field_of_the_plan_and_every_target(
    storage: Storage, world: World, files: PlanFiles, fmt: PlanFormat
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "Sam B")
    plan = await full_plan(storage, world.teacher, pupil)
    async with storage.write() as tx:
        document = await plan_document(tx, world.teacher, plan.id)
    text = shown(files, document, fmt, Audience.STAFF)
    expected = [
        *STAFF_LABELS,
        "Sam B",
        "Year 4",
        "Cognition and learning",
        "Ms Patel",
        "14 September 2026",
        *(value for value in PLAN_VALUES.values() if isinstance(value, str)),
        *TARGET_VALUES,
    ]
    assert [value for value in expected if value not in text] == []


@pytest.mark.parametrize("fmt", list(PlanFormat))
async def test_the_parent_version_explains_staff_words_and_leaves_out_staff_only_notes(
    storage: Storage, world: World, files: PlanFiles, fmt: PlanFormat
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "Sam B")
    plan = await full_plan(storage, world.teacher, pupil)
    async with storage.write() as tx:
        document = await plan_document(tx, world.teacher, plan.id)
    text = shown(files, document, fmt, Audience.PARENT)
    assert "Sam B's plan: how school will help" in text
    assert "Words we have used" in text
    for explained in ("Short words made of a consonant, a vowel and a consonant", "A teaching assistant"):
        assert explained in text  # CVC and TA, both used in the plan
    assert "An Education, Health and Care Plan" not in text  # EHCP is not used: not listed
    assert [note for note in STAFF_ONLY if note in text] == []
    for plain in ("How you can help at home", "What Sam B told us", "How we will know it has worked"):
        assert plain in text
    assert PLAN_VALUES[PlanField.PUPIL_VOICE] in text


# Markup, joined emoji, a flag with tag characters, and near the 4,000 characters a field holds.
HOSTILE = '<script>alert("x")</script> & <b>bold</b> 👩🏽‍🏫 🏴󠁧󠁢󠁷󠁬󠁳󠁿 ' + "long " * 700 + "x" * 300


@pytest.mark.parametrize("fmt", list(PlanFormat))
async def test_html_special_characters_emoji_and_very_long_text_arrive_as_the_text_typed(
    storage: Storage, world: World, files: PlanFiles, fmt: PlanFormat
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "<i>Zoë</i> & Co")
    values = {PlanField.NATURE_OF_DIFFICULTIES: HOSTILE, PlanField.PUPIL_VOICE: 'I said "no" & <left>'}
    plan = await full_plan(storage, world.teacher, pupil, values)
    async with storage.write() as tx:
        document = await plan_document(tx, world.teacher, plan.id)
    made = files.make(document, fmt, Audience.STAFF)
    if fmt is PlanFormat.HTML:
        reading = read_html(made.data.decode())
        assert "script" not in reading.tags
        assert "i" not in reading.tags
        assert "b" not in reading.tags
        text = reading.text
    else:
        text = read_docx(made.data)
    assert " ".join(HOSTILE.split()) in text
    assert "<i>Zoë</i> & Co" in text
    assert 'I said "no" & <left>' in text


async def test_the_word_file_is_valid_ooxml_that_zipfile_and_python_docx_both_open(
    storage: Storage, world: World, files: PlanFiles, tmp_path: Path
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "Sam B")
    plan = await full_plan(storage, world.teacher, pupil, {PlanField.PUPIL_VOICE: HOSTILE})
    async with storage.write() as tx:
        document = await plan_document(tx, world.teacher, plan.id)
    made = files.make(document, PlanFormat.DOCX, Audience.STAFF)
    path = tmp_path / made.filename
    path.write_bytes(made.data)
    checked = subprocess.run([sys.executable, "-m", "zipfile", "-t", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    with zipfile.ZipFile(path) as archive:
        assert {"[Content_Types].xml", "word/document.xml"} <= set(archive.namelist())
    reopened = Document(io.BytesIO(made.data))
    assert len(reopened.tables) == 6  # facts, about, two targets, home and review, signatures
    assert made.filename == f"IEP {plan.id} Sam B.docx"
    assert made.mime_type.endswith("wordprocessingml.document")


async def test_a_teacher_gets_documents_of_their_own_pupils_and_the_senco_of_the_whole_school(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "Sam B")
    plan = await full_plan(storage, world.teacher, pupil)
    for allowed in (world.teacher, world.senco):
        async with storage.write() as tx:
            assert (await plan_document(tx, allowed, plan.id)).pupil.display_name == "Sam B"
    with pytest.raises(AccessDeniedError, match="not in your classes"):
        async with storage.write() as tx:
            await plan_document(tx, world.colleague, plan.id)
    with pytest.raises(AccessDeniedError, match="Administrators manage staff"):
        async with storage.write() as tx:
            await plan_document(tx, world.admin, plan.id)
    with pytest.raises(OtherSchoolError):
        async with storage.write() as tx:
            await plan_document(tx, world.other_senco, plan.id)


async def test_making_a_document_is_audited_with_who_and_which_plan_but_no_words(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "Sam B")
    plan = await full_plan(storage, world.teacher, pupil)
    async with storage.write() as tx:
        await plan_document(tx, world.senco, plan.id)
    async with storage.read() as tx:
        events = await tx.audit.for_record("plan", plan.id)
    [exported] = [event for event in events if event.action is AuditAction.PLAN_EXPORTED]
    assert (exported.actor_id, exported.school_id) == (world.senco.id, world.school.id)
