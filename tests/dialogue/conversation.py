"""Shared by the conversation specs: driving a chat to a question, and reading what storage holds."""

from __future__ import annotations

from sqlalchemy import text

from iepbot.dialogue.io import Reply
from iepbot.documents.messages import MessageRenderer
from iepbot.documents.plain import to_plain
from iepbot.domain.actors import OPERATOR
from iepbot.domain.enums import Role
from iepbot.domain.records import DialogueState, School, StaffMember
from iepbot.domain.schools import issue_invite
from iepbot.storage.models import Base
from iepbot.storage.storage import Storage
from tests.dialogue.support import Chat

STRANGER = 5550001
ANOTHER_STRANGER = 5550002
GROUP_CHAT = -1001234567
SMART_TARGET = "Sam will read 20 CVC words aloud with 90% accuracy by February half term."
NEEDS_A_REWRITE = "Sam will read 10 CVC words."
RENDERER = MessageRenderer()


def rendered(replies: list[Reply]) -> str:
    """What the user reads: every reply rendered from its template (a missing value fails here)."""
    return "\n\n".join(to_plain(RENDERER.render(reply)) for reply in replies)


async def row_counts(storage: Storage) -> dict[str, int]:
    """How many rows every table holds, read with plain SQL (not through the repositories under test)."""
    counts: dict[str, int] = {}
    async with storage.read() as tx:
        for table in Base.metadata.sorted_tables:
            counts[table.name] = (await tx.session.execute(text(f'SELECT COUNT(*) FROM "{table.name}"'))).scalar_one()
    return counts


async def dialogue_rows_as_text(storage: Storage) -> str:
    async with storage.read() as tx:
        rows = (await tx.session.execute(text("SELECT * FROM dialogue_states"))).all()
    return repr([tuple(row) for row in rows])


async def state_of(storage: Storage, chat_id: int) -> DialogueState | None:
    async with storage.read() as tx:
        return await tx.dialogue.get(chat_id)


async def staff_of(storage: Storage, telegram_user_id: int) -> StaffMember | None:
    async with storage.read() as tx:
        return await tx.staff.by_telegram_id(telegram_user_id)


async def issue(storage: Storage, school: School, role: Role = Role.TEACHER) -> str:
    """A fresh invite code, issued by the operator on the server."""
    async with storage.write() as tx:
        return (await issue_invite(tx, OPERATOR, school_id=school.id, role=role)).code


async def to_difficulty(chat: Chat) -> None:
    """/new for a new pupil Sam in Year 2, up to "what does Sam find difficult?"."""
    await chat.send("/new")
    await chat.press("Add a pupil")
    await chat.send("Sam")
    await chat.press("Y2")
    await chat.press("Cognition and learning")
    assert chat.last.template == "ask_difficulty.html"


async def to_target(chat: Chat, *, difficulty: str = "Blending sounds to read short words") -> None:
    """From "what does Sam find difficult?" to the first target question."""
    await chat.send(difficulty)
    await chat.send("Knows most Phase 2 sounds")
    await chat.send("Loves dinosaurs")
    await chat.press("No")
    await chat.press("Small step")
    assert chat.last.template == "ask_target.html"


async def accept_a_target(chat: Chat) -> None:
    """A SMART target accepted with its six support answers; ends at "add another?"."""
    await chat.send(SMART_TARGET)
    await chat.press("Use this target")
    for answer in ("Precision teaching", "Word cards", "Teaching assistant", "Daily", "18 of 20", "Weekly probe"):
        await chat.send(answer)
    assert chat.last.template == "ask_more_targets.html"


async def submit_from_more_targets(chat: Chat) -> None:
    await chat.press("No more targets")
    await chat.press("12 February 2027")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.press("Submit")
    assert chat.templates[0] == "plan_submitted.html"


def version_of(chat: Chat) -> str:
    """The chat version stamped on the buttons of the last replies."""
    return chat.replies[-1].buttons[0][0].data.split(":")[0]


async def to_target_for(chat: Chat, *, year: str, area: str, difficulty: str, entry_skills: str) -> None:
    """/new for a new pupil Sam in `year` (a button: "Reception", "Y5") with this area and difficulty, medium
    steps, up to the first target question."""
    await chat.send("/new")
    await chat.press("Add a pupil")
    await chat.send("Sam")
    await chat.press(year)
    await chat.press(area)
    await chat.send(difficulty)
    await chat.send(entry_skills)
    await chat.send("Loves dinosaurs")
    await chat.press("No")
    await chat.press("Medium step")
    assert chat.last.template == "ask_target.html"
