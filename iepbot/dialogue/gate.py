"""The door: who may come in. Strangers are told how to get an invite and nothing of theirs is kept."""

from __future__ import annotations

from iepbot.dialogue.io import Command, Reply, Turn
from iepbot.dialogue.problems import problem
from iepbot.dialogue.services import Services
from iepbot.domain.dialogue import begin_turn, save_answer
from iepbot.domain.errors import DomainError
from iepbot.domain.ports import Transaction
from iepbot.domain.schools import redeem_invite

FALLBACK_NAME = "Member of staff"


async def stranger(tx: Transaction, services: Services, turn: Turn) -> list[Reply]:
    """`/start CODE` redeems an invite (attempts limited per account); anything else gets the way in."""
    received = turn.input
    if not (isinstance(received, Command) and received.name == "start" and received.argument.strip()):
        return [Reply("stranger.html")]
    if not services.invite_attempts.allow(turn.user_id):
        return [Reply("invite_slow_down.html")]
    try:
        async with tx.savepoint():
            member = await redeem_invite(
                tx, received.argument.strip(), telegram_user_id=turn.user_id, name=_name(turn.user_name)
            )
    except DomainError as error:
        return [problem(error)]
    # The chat's first state carries this update's id, so a redelivered /start is not answered twice.
    state = await begin_turn(tx, turn.chat_id)
    await save_answer(tx, member, state, flow=None, step=None, answers={}, update_id=turn.update_id)
    school = await tx.schools.get(member.school_id)
    return [Reply("welcome.html", {"name": member.name, "role": member.role.value, "school": school.name})]


def _name(user_name: str) -> str:
    """The name Telegram gives, trimmed to what the staff table holds."""
    cleaned = " ".join(user_name.split())[:120]
    return cleaned or FALLBACK_NAME
