"""The handlers: each update becomes a dialogue turn; its replies are posted and sent; faults are logged
safely; and a job sweeps the outbox for replies a fault or a kill left unsent."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import TypeHandler

from iepbot.dialogue.io import Reply
from iepbot.telegram.context import BotApplication, BotContext
from iepbot.telegram.updates import turn_from_update

log = logging.getLogger(__name__)

WORK_IS_SAVED = Reply("error_saved.html")


def install_handlers(application: BotApplication) -> None:
    """One handler for every update, one error handler, and the outbox's sweep (at start, then every
    `outbox_seconds`); they find the dialogue in `bot_data`."""
    application.add_handler(TypeHandler(Update, on_update))
    application.add_error_handler(on_error)
    assert application.job_queue is not None, "python-telegram-bot[job-queue] is a dependency"
    application.job_queue.run_repeating(sweep_outbox, interval=application.bot_data.outbox_seconds, first=0)


async def on_update(update: Update, context: BotContext) -> None:
    """The update as a dialogue turn; its replies posted with the saved turn and sent after the commit."""
    turn = turn_from_update(update)
    if turn is None:
        return
    if update.callback_query is not None:
        await acknowledge(update, turn.chat_id)
    data = context.bot_data
    answer = await data.dialogue.answer(turn, data.sender)
    if answer.posted is None:
        await data.sender.send(context.bot, turn.chat_id, answer.replies)
    else:
        await data.postman.deliver(context.bot, answer.posted)
        await data.sender.send_documents(context.bot, turn.chat_id, answer.replies)  # files are never posted


async def sweep_outbox(context: BotContext) -> None:
    """Send the replies left unsent by a fault that outlasted the retries, or by a process killed after its
    commit; the first sweep of a sole sender also takes those its dead predecessor still held."""
    data = context.bot_data
    take_over, data.take_over_outbox = data.take_over_outbox, False
    due = await data.dialogue.outbox.due(take_over=take_over)
    if due:
        log.info("sending %s replies left in the outbox", len(due))
        await data.postman.deliver_by_chat(context.bot, due)


async def acknowledge(update: Update, chat_id: int) -> None:
    """Stop the button's spinner at once, best-effort: a failed acknowledgement (a 5xx, or a 400 "query is
    too old" after a restart) only leaves the spinner turning, so it must never cost the press itself."""
    assert update.callback_query is not None
    try:
        await update.callback_query.answer()
    except TelegramError as error:
        log.warning("could not acknowledge a press in chat %s: %s", chat_id, type(error).__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log ids and the exception type only (never message text or the token); tell the user their
    work is saved — every answer is committed before any reply is sent."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    chat = update.effective_chat if isinstance(update, Update) else None
    log.error(
        "update %s in chat %s failed: %s",
        update_id,
        chat.id if chat else None,
        type(error).__name__,
    )
    if chat is None:
        return
    try:
        await context.bot_data.sender.send(context.bot, chat.id, [WORK_IS_SAVED])
    except TelegramError as second:
        log.error("could not tell chat %s about the failure: %s", chat.id, type(second).__name__)
