"""Plan documents in Telegram: /document and the SENCo's notice send the plan as a file with sendDocument.

Through iepbot's real PTB Application and the fake Bot API (multipart uploads), on every database the suite
runs; the files are read back with python-docx and an HTML parser.
"""

from __future__ import annotations

import pytest

import target_bank
from fakes.fake_bot_api import FakeBotApi
from fakes.records import SentMessage, User
from iepbot.dialogue.services import Services
from iepbot.domain.enums import Role
from iepbot.domain.records import School
from iepbot.domain.schools import create_school
from iepbot.storage.storage import Storage
from tests.dialogue.support import TODAY
from tests.documents.plan_support import read_docx, read_html
from tests.e2e.test_bot import SMART_TARGET, click, draft_one_plan, iepbot, register

COLLEAGUE = User(id=7010, first_name="Ben")


@pytest.fixture
def services() -> Services:
    return Services(bank=target_bank.load(), bot_username="iep_test_bot", today=lambda: TODAY)


@pytest.fixture
async def school(storage: Storage) -> School:
    async with storage.write() as tx:
        return await create_school(tx, name="Oakfield Primary")


def the_file(message: SentMessage) -> bytes:
    assert message.document is not None, f"expected a document, got {message.text!r}"
    return message.document.data


async def test_the_author_gets_the_plan_as_word_and_as_a_printable_page_from_document(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    async with iepbot(fake_api, storage, services):
        await draft_one_plan(fake_api, user, "Sam")
        [choose] = await fake_api.ask(user, "/document")
        [menu] = await click(fake_api, user, "Sam")
        [word] = await click(fake_api, user, "Word")
        [page] = await click(fake_api, user, "Printable")
    assert "Choose a plan" in (choose.text or "")
    assert "Documents of the plan for Sam" in (menu.text or "")
    assert word.document is not None
    assert word.document.filename.endswith("Sam.docx")
    assert "Plan for Sam (Word)" in (word.text or "")
    text = read_docx(the_file(word))
    assert SMART_TARGET in text
    assert "Precision teaching" in text
    assert "Weekly probe" in text
    assert SMART_TARGET in read_html(the_file(page).decode()).text
    assert fake_api.refused_requests() == []


async def test_the_senco_opens_the_parent_version_from_the_notice_of_a_submitted_plan(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    await register(storage, school, user)
    await register(storage, school, other_user, Role.SENCO)
    fake_api.register_chat(other_user)
    async with iepbot(fake_api, storage, services):
        await draft_one_plan(fake_api, user, "Sam")
        [notice] = await fake_api.wait_for_messages(other_user, 1)
        assert "has submitted a plan for Sam" in (notice.text or "")
        await click(fake_api, other_user, "Documents")
        [parent] = await click(fake_api, other_user, "Parent version")
    text = read_docx(the_file(parent))
    assert "Sam's plan: how school will help" in text
    assert "Short words made of a consonant, a vowel and a consonant" in text  # CVC, explained
    assert "Weekly probe" not in text  # monitoring is for staff
    assert fake_api.refused_requests() == []


async def test_a_colleague_pressing_a_forged_document_button_gets_no_file_and_no_name(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    await register(storage, school, COLLEAGUE)
    async with iepbot(fake_api, storage, services):
        await draft_one_plan(fake_api, user, "Sam")
        await fake_api.ask(user, "/document")
        [menu] = await click(fake_api, user, "Sam")
        forged = next(b.callback_data for row in menu.buttons for b in row if b.text == "Word") or ""
        [colleague_list] = await fake_api.ask(COLLEAGUE, "/document")
        fake_api.press(COLLEAGUE, colleague_list, forged)
        [refusal] = (await fake_api.wait_for_messages(COLLEAGUE, 2))[1:]
    assert refusal.document is None
    assert "not in your classes" in (refusal.text or "")
    assert "Sam" not in (refusal.text or "")
    assert "You have no plans yet" in (colleague_list.text or "")
