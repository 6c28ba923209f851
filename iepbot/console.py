"""The same dialogue in a terminal (`iepbot chat`): type answers, pick buttons by number or by label.

The terminal is a transport like Telegram: it renders the same templates (as plain text) and sends the
same turns, so anyone can try the bot, and every flow can be checked, without a Telegram account.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Attachment, Button, Choice, Command, Input, Reopen, Reply, Text, Turn
from iepbot.documents.messages import MessageRenderer
from iepbot.documents.plain import to_plain
from iepbot.domain.actors import OPERATOR
from iepbot.domain.enums import Role
from iepbot.domain.ports import Store
from iepbot.domain.records import StaffMember
from iepbot.domain.schools import find_or_create_school, issue_invite, redeem_invite, staff_for_telegram_user

DEMO_SCHOOL = "Demo School"
# Telegram user ids are positive, so these two can never be a real account.
DEMO_ACCOUNTS = {Role.TEACHER: (0, "Demo Teacher"), Role.SENCO: (-1, "Demo SENCo")}


async def demo_member(storage: Store, role: Role) -> StaffMember:
    """The demo school's teacher or SENCo; the first run registers both through real invites."""
    async with storage.write() as tx:
        school, _created = await find_or_create_school(tx, name=DEMO_SCHOOL)
        members = {}
        for each, (account, name) in DEMO_ACCOUNTS.items():
            member = await staff_for_telegram_user(tx, account)
            if member is None:
                issued = await issue_invite(tx, OPERATOR, school_id=school.id, role=each)
                member = await redeem_invite(tx, issued.code, telegram_user_id=account, name=name)
            members[each] = member
        return members[role]


class Console:
    """Reads lines, turns them into dialogue input, prints the replies with numbered buttons."""

    def __init__(self, dialogue: Dialogue, member: StaffMember, write: Callable[[str], object]) -> None:
        self._dialogue = dialogue
        self._member = member
        self._write = write
        self._renderer = MessageRenderer()
        self._buttons: list[Button] = []

    async def run(self, lines: Iterable[str]) -> None:
        """Show the question left pending by an earlier run (if any), then answer each line typed."""
        self._write(f"Signed in as {self._member.name} ({DEMO_SCHOOL}). Type /help, /new, or a target to check.\n")
        self._show(await self._send(Reopen()))
        for line in lines:
            self._show(await self._send(self._input(line.rstrip("\r\n"))))

    async def _send(self, received: Input) -> Sequence[Reply]:
        turn = Turn(
            chat_id=self._member.telegram_user_id,
            user_id=self._member.telegram_user_id,
            user_name=self._member.name,
            input=received,
        )
        return await self._dialogue.handle(turn)

    def _input(self, line: str) -> Input:
        """A number or a button's label picks a button shown last; "/name rest" is a command; else text."""
        typed = line.strip()
        if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= len(self._buttons):
            return Choice(self._buttons[int(typed) - 1].data)
        labelled = [button for button in self._buttons if _bare(button.label) == _bare(typed) != ""]
        if labelled:
            return Choice(labelled[0].data)
        if line.startswith("/"):
            name, _, argument = line[1:].partition(" ")
            return Command(name.lower(), argument.strip())
        return Text(line)

    def _show(self, replies: Sequence[Reply]) -> None:
        """Each reply as plain text; only this chat's buttons get numbers (another's are theirs to press).

        Nothing to show (no pending question at the start) leaves the buttons of the last reply shown.
        """
        if not replies:
            self._write("> ")
            return
        self._buttons = []
        for reply in replies:
            elsewhere = reply.chat_id not in (None, self._member.telegram_user_id)
            prefix = "[sent to a colleague] " if elsewhere else ""
            self._write(f"\n{prefix}{to_plain(self._renderer.render(reply))}\n")
            if reply.attachment is not None:
                self._write(f"(Telegram sends this as a file; here: {export_command(reply.attachment)})\n")
            for row in reply.buttons:
                if elsewhere:
                    self._write("   ".join(f"[{button.label}]" for button in row) + "\n")
                    continue
                labels = []
                for button in row:
                    self._buttons.append(button)
                    labels.append(f"[{len(self._buttons)}] {button.label}")
                self._write("   ".join(labels) + "\n")
        self._write("> ")


def _bare(label: str) -> str:
    """A label as a teacher would type it: no emoji or punctuation, any case ("✏️ Edit" and "edit" agree)."""
    kept = (" " if unicodedata.category(char)[0] in "PSZCM" else char for char in label.casefold())
    return " ".join("".join(kept).split())


def export_command(attachment: Attachment) -> str:
    """The `iepbot export` line that writes the file a terminal cannot receive."""
    document = attachment.document
    words = ["iepbot export", str(document.plan.id), "--format", attachment.fmt]
    if attachment.parent:
        words.append("--parent")
    if document.pupil.id != document.plan.pupil_id:
        words += ["--pupil", str(document.pupil.id)]
    return " ".join(words)
