"""Quick checks answered from what is known of the chat, saved in a batch: the busiest turn, kept cheap.

A quick check changes nothing but the chat's answers (the text kept for the buttons under the feedback),
so it need not lock the chat while it reads and thinks. It answers from the chat as last seen — kept in
memory after each quick check and each full turn, never read here — and saves through `GroupCommit`,
which checks that the chat, the member of staff and their school are all still as seen. Anything else —
a chat not seen since the start (a stranger, a first turn), a flow in progress, a chat that moved on
meanwhile (another process, a staff change) — returns None at once, without touching the database, and
takes the full turn (`Dialogue.handle`), which locks the chat and reads it once.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from iepbot.dialogue import quick_check
from iepbot.dialogue.group_commit import GroupCommit
from iepbot.dialogue.io import Command, Text, Turn
from iepbot.dialogue.memory import ChatMemory
from iepbot.dialogue.outbox import Answer, Outbox, Postage
from iepbot.dialogue.school import calendar_of
from iepbot.dialogue.services import Services
from iepbot.domain.ports import Store
from iepbot.domain.records import AnswersChange, ChatView

CHATS_REMEMBERED = 10_000  # the chats seen most recently; the others take a full turn when they next write


class QuickTurns:
    """Answers quick checks (text outside a flow, `/check TEXT` anywhere) without locking the chat."""

    def __init__(self, storage: Store, services: Services, outbox: Outbox) -> None:
        self._services = services
        self._saves = GroupCommit(storage, outbox)
        self._seen: OrderedDict[int, ChatView] = OrderedDict()

    async def answer(self, turn: Turn, postage: Postage | None) -> Answer | None:
        """The answer to `turn` if it is a quick check saved here (its letters posted with it when there is
        `postage`, rendered before the save so the batch holds the write lock no longer); None when the full
        turn must take it."""
        text = _checked_text(turn)
        if text is None or not text.strip():
            return None
        view = self._seen.get(turn.chat_id)
        if view is None or view.state is None or view.actor.telegram_user_id != turn.user_id:
            return None  # not seen, or seen for someone else: the full turn finds out who this is
        if view.state.has_handled(turn.update_id):
            return Answer([], ())
        if isinstance(turn.input, Text) and view.state.flow is not None and view.state.step is not None:
            return None  # text in a flow answers the question asked
        self._seen.pop(turn.chat_id)
        memory = ChatMemory.from_state(view.state)
        reply = quick_check.feedback(
            self._services,
            memory,
            text,
            today=self._services.today(),
            calendar=calendar_of(view.school),
            in_flow=memory.in_flow,
        )
        replies = [reply.stamped(view.state.version + 1)]
        letters = () if postage is None else tuple(postage.letters(turn.chat_id, replies))
        change = AnswersChange(
            view.actor, view.school, turn.chat_id, view.state.version, memory.to_answers(), turn.update_id, letters
        )
        posted = await self._saves.save(change)
        if posted is None:
            return None
        self.remember(turn.chat_id, replace(view, state=view.state.after(change.answers, turn.update_id)))
        return Answer(replies, posted if postage is not None else None)

    def forget(self, chat_id: int) -> None:
        """A full turn is about to change this chat: what is remembered of it will be stale."""
        self._seen.pop(chat_id, None)

    def remember(self, chat_id: int, view: ChatView) -> None:
        """How the chat stands after a turn committed: the next quick check is answered from it."""
        self._seen[chat_id] = view
        if len(self._seen) > CHATS_REMEMBERED:
            self._seen.popitem(last=False)


def _checked_text(turn: Turn) -> str | None:
    match turn.input:
        case Text(text=text):
            return text
        case Command(name="check", argument=argument):
            return argument
    return None
