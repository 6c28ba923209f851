"""Reminders on PTB's JobQueue: a sweep as the bot starts and every 15 minutes after, sending what the database
says is due. Nothing is kept in the jobs themselves, so a restart rebuilds the same list from the database."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram.error import Forbidden, TelegramError

from iepbot.telegram.context import BotApplication, BotContext

log = logging.getLogger(__name__)

REMINDER_SWEEP = timedelta(minutes=15)  # how often the database is asked what is due
JOB_NAME = "reminders"


def schedule_reminders(application: BotApplication, *, every: timedelta = REMINDER_SWEEP) -> None:
    """Run `send_due_reminders` as the application starts, then every `every`.

    The jobs are added when the Application is built, before its scheduler starts. A repeating job's first run
    would then be worked out from its interval when the scheduler starts (one interval later), so the sweep
    at start is a job of its own, with no grace limit: it runs however late the scheduler starts.
    """
    assert application.job_queue is not None, "python-telegram-bot[job-queue] is a dependency"
    application.job_queue.run_once(
        send_due_reminders, when=timedelta(0), name=JOB_NAME, job_kwargs={"misfire_grace_time": None}
    )
    application.job_queue.run_repeating(send_due_reminders, interval=every, first=every, name=JOB_NAME)


async def send_due_reminders(context: BotContext) -> None:
    """Send each claimed reminder; one Telegram takes (or a chat that blocked the bot) is marked sent, one that
    failed otherwise stays claimed and goes again once its claim expires."""
    reminders = context.bot_data.dialogue.reminders
    for due in await reminders.claim_due():
        try:
            await context.bot_data.sender.send(context.bot, due.reminder.chat_id, [due.reply])
        except Forbidden:
            log.warning(
                "reminder %s not sent: the bot is blocked in chat %s", due.reminder.key.kind.value, due.reminder.chat_id
            )
        except TelegramError as error:
            log.warning(
                "reminder %s failed in chat %s: %s",
                due.reminder.key.kind.value,
                due.reminder.chat_id,
                type(error).__name__,
            )
            continue
        await reminders.sent(due.reminder)
