"""`iepbot invite`: a one-time code and a t.me link that brings a SENCo or teacher into a school."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iepbot.config import Settings
    from iepbot.domain.records import IssuedInvite, School

MAX_DAYS = 30  # an unused invite is a standing way in; a month is plenty to pass a code on
LINK_PLACEHOLDER = "YOUR_BOT_USERNAME"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `invite` to the command line."""
    parser = subparsers.add_parser(
        "invite",
        help="issue a one-time invite code and link for a school (created if new)",
        description="Issue a one-time invite for a school, creating the school if no school has exactly this name. "
        "A name like a registered school's (case, spacing and words such as 'school', 'primary' or 'academy' "
        "ignored) is refused, naming that school: use its exact name, or --new-school.",
    )
    parser.add_argument("--school", required=True, metavar="NAME", help="the school's exact name")
    parser.add_argument(
        "--new-school",
        action="store_true",
        help="create the school even though a registered school has a similar name",
    )
    parser.add_argument("--role", required=True, choices=["senco", "teacher"], help="what the new member will be")
    parser.add_argument(
        "--days", type=_days, default=7, metavar="N", help=f"days until the invite expires (1 to {MAX_DAYS}, default 7)"
    )
    parser.set_defaults(handler=run_invite)


def _days(text: str) -> int:
    """A whole number of days within the allowed lifetime, or an argparse error."""
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"must be a whole number of days from 1 to {MAX_DAYS}")
    return days


def run_invite(args: argparse.Namespace) -> int:
    """Find or create the school, issue the invite as the operator, print the code, link and expiry."""
    from iepbot.config import load_settings
    from iepbot.domain.enums import Role
    from iepbot.domain.errors import DomainError, SimilarSchoolError
    from iepbot.storage.opening import StorageNotReadyError, open_storage

    settings = load_settings()
    username = _bot_username(settings)

    async def issue() -> tuple[School, bool, IssuedInvite]:
        from iepbot.domain.actors import OPERATOR
        from iepbot.domain.schools import find_or_create_school, issue_invite

        storage = await open_storage(settings)
        try:
            async with storage.write() as tx:
                school, created = await find_or_create_school(tx, name=args.school, allow_similar=args.new_school)
                issued = await issue_invite(
                    tx, OPERATOR, school_id=school.id, role=Role(args.role), lifetime=timedelta(days=args.days)
                )
            return school, created, issued
        finally:
            await storage.close()

    try:
        school, created, issued = asyncio.run(issue())
    except SimilarSchoolError as error:
        sys.stderr.write(
            f'A school called "{error.existing}" is already registered and "{error.requested}" looks like the same '
            f'school: use --school "{error.existing}" to invite to it, or add --new-school to create '
            f'"{error.requested}" as well.\n'
        )
        return 1
    except (DomainError, StorageNotReadyError) as error:
        sys.stderr.write(f"{error}\n")
        return 1
    expires = issued.invite.expires_at
    sys.stdout.write(
        f"School:  {school.name} ({'created now' if created else 'already registered'}, id {school.id})\n"
        f"Role:    {'SENCo' if issued.invite.role is Role.SENCO else 'teacher'}\n"
        f"Code:    {issued.code}\n"
        f"Link:    https://t.me/{username or LINK_PLACEHOLDER}?start={issued.code}\n"
        f"Expires: {expires.day} {expires:%B %Y at %H:%M} UTC (the code works once)\n"
    )
    if username is None:
        sys.stdout.write(
            f"Replace {LINK_PLACEHOLDER} with the bot's username, or set TELEGRAM_BOT_USERNAME "
            "to have the full link printed.\n"
        )
    return 0


def _bot_username(settings: Settings) -> str | None:
    """TELEGRAM_BOT_USERNAME, else asked of the Bot API when a token is set, else None (with a note why)."""
    from iepbot.config import ConfigError, telegram_token

    if settings.telegram_bot_username:
        return settings.telegram_bot_username
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value().strip():
        return None
    try:
        token = telegram_token(settings)
    except ConfigError as error:
        sys.stderr.write(f"{error}\n")
        return None
    return asyncio.run(_ask_telegram(token, settings.telegram_api_url))


async def _ask_telegram(token: str, api_url: str | None) -> str | None:
    """The bot's username from getMe, through TELEGRAM_API_URL when set; None (with a note) if that fails.

    A failure only costs the link: the invite is issued all the same and the code can be typed.
    """
    from telegram import Bot
    from telegram.error import TelegramError

    bot = Bot(token, base_url=api_url) if api_url else Bot(token)
    try:
        async with bot:
            return bot.username
    except TelegramError as error:
        # PTB puts the token in some messages (a rejected token, URLs in network errors): never print it.
        reason = str(error).replace(token, "<token>")
        sys.stderr.write(f"Could not ask Telegram for the bot's username ({type(error).__name__}: {reason}).\n")
        return None
