"""The fake Bot API behaves like Telegram: raw HTTP shows its shapes and refusals, real PTB shows it fits."""

from __future__ import annotations

import asyncio
import datetime as dtm
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from fakes.fake_bot_api import DEFAULT_TOKEN, FakeBotApi
from fakes.ptb import application_builder, free_port, polling
from fakes.records import Chat, User

Json = dict[str, Any]


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=5) as client:
        yield client


@pytest.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    """A bare PTB Bot (no Application) talking to the fake server."""
    async with Bot(fake_api.token, base_url=fake_api.base_url, base_file_url=fake_api.base_file_url) as ptb_bot:
        yield ptb_bot


def call(http: httpx.Client, server: FakeBotApi, method: str, **params: Any) -> tuple[int, Json]:
    """POST a method with a JSON body, as any Bot API client may; return the status and the JSON answer."""
    response = http.post(server.url(method), json=params)
    return response.status_code, response.json()


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the text received."""
    assert update.effective_message is not None
    assert update.effective_message.text is not None
    await update.effective_message.reply_text(update.effective_message.text)


# -- lifecycle ------------------------------------------------------------------------------------


def test_server_listens_on_loopback_and_stopping_leaves_no_thread_or_port(http: httpx.Client) -> None:
    with FakeBotApi() as server:
        port = server.port
        assert server.base_url == f"http://127.0.0.1:{port}/bot"
        assert http.get(server.url("getMe")).status_code == 200

    assert not [thread for thread in threading.enumerate() if thread.name == "fake-bot-api"]
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))


def test_a_plain_thread_can_drive_it_without_an_event_loop(http: httpx.Client, user: User) -> None:
    with FakeBotApi() as server:
        server.send_text(user, "hello")
        sender = threading.Thread(
            target=call, args=(http, server, "sendMessage"), kwargs={"chat_id": user.id, "text": "hi"}
        )
        sender.start()

        sent = server.wait_for_blocking(lambda: server.messages(user))
        sender.join()

    assert [message.text for message in sent] == ["hi"]


async def test_waiting_too_long_names_the_calls_the_server_refused(fake_api: FakeBotApi, bot: Bot, user: User) -> None:
    fake_api.register_chat(user)
    with pytest.raises(BadRequest):
        await bot.send_message(user.id, "<b>unclosed", parse_mode="HTML")

    with pytest.raises(TimeoutError, match=r"sendMessage: Bad Request: can't parse entities"):
        await fake_api.wait_for_messages(user, 1, timeout=0.05)


# -- the bot and its token ------------------------------------------------------------------------


def test_get_me_describes_the_test_bot(http: httpx.Client, fake_api: FakeBotApi) -> None:
    status, body = call(http, fake_api, "getMe")

    assert status == 200
    assert body["ok"] is True
    assert body["result"] | {"id": 0} == body["result"] | {
        "id": 0,
        "is_bot": True,
        "username": "iep_test_bot",
        "first_name": "IEP Test Bot",
    }


def test_unknown_token_is_unauthorized_and_malformed_token_not_found(http: httpx.Client, fake_api: FakeBotApi) -> None:
    other = DEFAULT_TOKEN.replace("5000000001", "5000000002")
    unknown = http.post(f"{fake_api.base_url}{other}/getMe")
    malformed = http.post(f"{fake_api.base_url}not-a-token/getMe")

    assert (unknown.status_code, unknown.json()) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert (malformed.status_code, malformed.json()) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )


async def test_ptb_with_a_wrong_token_fails_to_initialise_with_invalid_token(fake_api: FakeBotApi) -> None:
    stranger = Bot(DEFAULT_TOKEN.replace("5000000001", "5000000002"), base_url=fake_api.base_url)

    with pytest.raises(InvalidToken):
        async with stranger:  # shuts the bot's HTTP clients down when initialising fails
            pass


# -- updates, offsets and long polling ------------------------------------------------------------


def test_updates_stay_queued_until_an_offset_confirms_them(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    first = fake_api.send_text(user, "one")
    second = fake_api.send_text(user, "two")

    _, unconfirmed = call(http, fake_api, "getUpdates")
    _, again = call(http, fake_api, "getUpdates")
    _, after_first = call(http, fake_api, "getUpdates", offset=first.update_id + 1)
    _, after_both = call(http, fake_api, "getUpdates", offset=second.update_id + 1)

    assert [u["update_id"] for u in unconfirmed["result"]] == [first.update_id, second.update_id]
    assert again["result"] == unconfirmed["result"]
    assert [u["update_id"] for u in after_first["result"]] == [second.update_id]
    assert after_both["result"] == []
    assert fake_api.pending_update_count == 0


def test_negative_offset_keeps_only_the_newest_updates(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    incoming = [fake_api.send_text(user, text) for text in ("a", "b", "c")]

    _, body = call(http, fake_api, "getUpdates", offset=-1)
    _, later = call(http, fake_api, "getUpdates")

    assert [u["update_id"] for u in body["result"]] == [incoming[-1].update_id]
    assert later["result"] == body["result"]


def test_limit_bounds_how_many_updates_come_at_once(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    for text in ("a", "b", "c"):
        fake_api.send_text(user, text)

    _, body = call(http, fake_api, "getUpdates", limit=2)

    assert [u["message"]["text"] for u in body["result"]] == ["a", "b"]


def test_a_message_update_is_a_telegram_message_from_the_user_in_their_private_chat(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    fake_api.send_text(user, "/start ABC123")

    _, body = call(http, fake_api, "getUpdates")
    message = body["result"][0]["message"]

    assert message["from"] == {
        "id": 7001,
        "is_bot": False,
        "first_name": "Ada",
        "username": "ada_teacher",
        "language_code": "en",
    }
    assert message["chat"] == {"id": 7001, "type": "private", "first_name": "Ada", "username": "ada_teacher"}
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert isinstance(message["date"], int)


async def test_long_poll_answers_as_soon_as_an_update_is_queued(fake_api: FakeBotApi, user: User) -> None:
    async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
        poll = asyncio.create_task(client.post(fake_api.url("getUpdates"), json={"timeout": 5}))
        await fake_api.wait_until_polling()
        started = time.perf_counter()
        queued = fake_api.send_text(user, "wake up")
        response = await poll

    assert time.perf_counter() - started < 0.5
    assert [u["update_id"] for u in response.json()["result"]] == [queued.update_id]


async def test_long_poll_with_nothing_queued_answers_empty_when_its_timeout_ends(fake_api: FakeBotApi) -> None:
    async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
        started = time.perf_counter()
        response = await client.post(fake_api.url("getUpdates"), json={"timeout": 0.2})

    assert 0.15 < time.perf_counter() - started < 1
    assert response.json() == {"ok": True, "result": []}


async def test_a_second_get_updates_ends_the_waiting_one_with_conflict(fake_api: FakeBotApi) -> None:
    async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
        first = asyncio.create_task(client.post(fake_api.url("getUpdates"), json={"timeout": 5}))
        await fake_api.wait_until_polling()
        await client.post(fake_api.url("getUpdates"))
        ended = await first

    assert ended.status_code == 409
    assert ended.json()["description"].startswith("Conflict: terminated by other getUpdates request")


def test_redelivered_update_comes_again_with_its_id_whatever_the_offset(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    original = fake_api.send_text(user, "once")
    call(http, fake_api, "getUpdates", offset=original.update_id + 1)

    fake_api.redeliver(original)
    _, body = call(http, fake_api, "getUpdates", offset=original.update_id + 1)
    _, after = call(http, fake_api, "getUpdates", offset=original.update_id + 1)

    assert body["result"] == [original.update]
    assert after["result"] == []


def test_allowed_updates_drops_other_kinds(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    fake_api.send_sticker(user)
    fake_api.send_text(user, "text")
    first = fake_api.messages(user)
    call(
        http,
        fake_api,
        "sendMessage",
        chat_id=user.id,
        text="menu",
        reply_markup={"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]},
    )
    fake_api.press(user, fake_api.last_message(user), "go")

    _, body = call(http, fake_api, "getUpdates", allowed_updates=["callback_query"])

    assert first == []
    assert [next(k for k in u if k != "update_id") for u in body["result"]] == ["callback_query"]


# -- sending messages: Telegram's strictness ------------------------------------------------------


def test_sent_message_comes_back_as_a_telegram_message_from_the_bot(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    fake_api.send_text(user, "hi")
    keyboard = {"inline_keyboard": [[{"text": "Yes", "callback_data": "plan:1:yes"}]]}

    status, body = call(
        http,
        fake_api,
        "sendMessage",
        chat_id=user.id,
        text="<b>Ready</b> to start?",
        parse_mode="HTML",
        reply_markup=keyboard,
    )

    message = body["result"]
    assert status == 200
    assert message["from"]["username"] == "iep_test_bot"
    assert message["chat"]["id"] == user.id
    assert message["message_id"] == 2  # the user's "hi" was message 1 in this chat
    assert message["text"] == "Ready to start?"
    assert message["entities"] == [{"type": "bold", "offset": 0, "length": 5}]
    assert message["reply_markup"] == keyboard
    sent = fake_api.last_message(user)
    assert (sent.text, sent.source, sent.parse_mode) == ("Ready to start?", "<b>Ready</b> to start?", "HTML")
    assert sent.button("Yes").callback_data == "plan:1:yes"


def test_form_bodies_with_json_encoded_fields_work_like_json_bodies(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    fake_api.register_chat(user)
    form = {
        "chat_id": str(user.id),
        "text": "Choose",
        "reply_markup": '{"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}',
    }

    response = http.post(fake_api.url("sendMessage"), data=form)

    assert response.status_code == 200
    assert response.json()["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "a"


def test_message_ids_count_up_per_chat(http: httpx.Client, fake_api: FakeBotApi, user: User, other_user: User) -> None:
    fake_api.register_chat(user)
    fake_api.register_chat(other_user)

    ids = [
        call(http, fake_api, "sendMessage", chat_id=chat.id, text="x")[1]["result"]["message_id"]
        for chat in (user, user, other_user)
    ]

    assert ids == [1, 2, 1]


def test_reply_quotes_the_message_replied_to(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    question = fake_api.send_text(user, "Can you help?")

    _, body = call(
        http,
        fake_api,
        "sendMessage",
        chat_id=user.id,
        text="Yes",
        reply_parameters={"message_id": question.message["message_id"]},
    )
    _, missing = call(http, fake_api, "sendMessage", chat_id=user.id, text="Yes", reply_parameters={"message_id": 99})

    assert body["result"]["reply_to_message"]["text"] == "Can you help?"
    assert missing["description"] == "Bad Request: message to be replied not found"


@pytest.mark.parametrize(
    "html",
    ["reads < 5 words", "<b>unclosed", "<b><i>x</b></i>", "<p>para</p>", "Maths & English", '<b onclick="x">y</b>'],
)
def test_malformed_html_is_refused_with_cant_parse_entities(
    http: httpx.Client, fake_api: FakeBotApi, user: User, html: str
) -> None:
    fake_api.register_chat(user)

    status, body = call(http, fake_api, "sendMessage", chat_id=user.id, text=html, parse_mode="HTML")

    assert status == 400
    assert body["ok"] is False
    assert body["error_code"] == 400
    assert body["description"].startswith("Bad Request: can't parse entities: ")
    assert fake_api.messages(user) == []


def test_the_same_text_without_parse_mode_is_sent_as_it_is(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    fake_api.register_chat(user)

    status, _ = call(http, fake_api, "sendMessage", chat_id=user.id, text="reads < 5 words & more")

    assert status == 200
    assert fake_api.last_message(user).text == "reads < 5 words & more"


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        pytest.param("a" * 4096, True, id="4096-characters"),
        pytest.param("a" * 4097, False, id="4097-characters"),
        pytest.param("<b>" + "a" * 4096 + "</b>", True, id="4096-after-parsing"),
        pytest.param("&amp;" * 4096, True, id="entities-count-once"),
        pytest.param("😀" * 2048, True, id="2048-emoji-are-4096-utf16-units"),
        pytest.param("😀" * 2049, False, id="2049-emoji"),
        pytest.param("  " + "a" * 4096 + "\n", True, id="trimmed-before-counting"),
    ],
)
def test_text_length_is_counted_in_utf16_units_after_parsing(
    http: httpx.Client, fake_api: FakeBotApi, user: User, text: str, accepted: bool
) -> None:
    fake_api.register_chat(user)

    status, body = call(http, fake_api, "sendMessage", chat_id=user.id, text=text, parse_mode="HTML")

    assert (status == 200) is accepted
    if not accepted:
        assert body["description"] == "Bad Request: message is too long"


@pytest.mark.parametrize("text", ["", "   \n", "<b></b>", "<b> </b>"])
def test_a_message_with_no_visible_text_is_refused_as_telegram_does(
    http: httpx.Client, fake_api: FakeBotApi, user: User, text: str
) -> None:
    fake_api.register_chat(user)

    status, body = call(http, fake_api, "sendMessage", chat_id=user.id, text=text, parse_mode="HTML")

    assert (status, body["description"]) == (400, "Bad Request: message text is empty")


@pytest.mark.parametrize(
    ("button", "description"),
    [
        pytest.param({"text": "Go", "callback_data": "x" * 65}, "Bad Request: BUTTON_DATA_INVALID", id="65-bytes"),
        pytest.param({"text": "Go", "callback_data": "é" * 33}, "Bad Request: BUTTON_DATA_INVALID", id="66-utf8-bytes"),
        pytest.param(
            {"text": "Go", "callback_data": ""},
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
            id="empty-data",
        ),
        pytest.param(
            {"text": "Go"},
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
            id="no-action",
        ),
        pytest.param(
            {"text": "", "callback_data": "go"}, "Bad Request: can't parse inline keyboard button", id="no-text"
        ),
        pytest.param({"text": "Site", "url": "javascript:alert(1)"}, "Bad Request: BUTTON_URL_INVALID", id="bad-url"),
    ],
)
def test_invalid_inline_buttons_are_refused(
    http: httpx.Client, fake_api: FakeBotApi, user: User, button: Json, description: str
) -> None:
    fake_api.register_chat(user)

    status, body = call(
        http, fake_api, "sendMessage", chat_id=user.id, text="Pick", reply_markup={"inline_keyboard": [[button]]}
    )

    assert status == 400
    assert body["description"].startswith(description)


def test_callback_data_of_exactly_64_bytes_is_accepted(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    fake_api.register_chat(user)
    keyboard = {"inline_keyboard": [[{"text": "Go", "callback_data": "é" * 32}]]}

    status, _ = call(http, fake_api, "sendMessage", chat_id=user.id, text="Pick", reply_markup=keyboard)

    assert status == 200


def test_a_chat_that_never_wrote_to_the_bot_is_not_found(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    status, body = call(http, fake_api, "sendMessage", chat_id=user.id, text="Hello")

    assert (status, body["description"]) == (400, "Bad Request: chat not found")


def test_a_user_who_blocked_the_bot_is_forbidden(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    fake_api.send_text(user, "/start")
    fake_api.block_bot(user)

    status, body = call(http, fake_api, "sendMessage", chat_id=user.id, text="Reminder")

    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")


def test_group_chats_have_negative_ids_and_show_who_wrote(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    staff_room = Chat(-100200)
    fake_api.send_text(user, "/help@iep_test_bot", chat=staff_room)

    _, body = call(http, fake_api, "getUpdates")
    status, _ = call(http, fake_api, "sendMessage", chat_id=staff_room.id, text="Here to help")

    message = body["result"][0]["message"]
    assert message["chat"] == {"id": -100200, "type": "group", "title": "Staff room"}
    assert message["from"]["id"] == user.id
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 18}]
    assert status == 200
    assert fake_api.last_message(staff_room).text == "Here to help"


# -- edits, callback answers, documents, commands -------------------------------------------------


def _sent_with_keyboard(http: httpx.Client, server: FakeBotApi, user: User) -> Json:
    server.register_chat(user)
    keyboard = {"inline_keyboard": [[{"text": "Next", "callback_data": "next"}]]}
    sent: Json = call(http, server, "sendMessage", chat_id=user.id, text="Step 1", reply_markup=keyboard)[1]["result"]
    return sent


def test_editing_to_the_same_content_is_refused_as_not_modified(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    sent = _sent_with_keyboard(http, fake_api, user)

    status, body = call(
        http,
        fake_api,
        "editMessageText",
        chat_id=user.id,
        message_id=sent["message_id"],
        text="Step 1",
        reply_markup=sent["reply_markup"],
    )

    assert status == 400
    assert body["description"].startswith("Bad Request: message is not modified")


def test_editing_text_without_the_keyboard_removes_the_keyboard(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    sent = _sent_with_keyboard(http, fake_api, user)

    _, body = call(http, fake_api, "editMessageText", chat_id=user.id, message_id=sent["message_id"], text="Step 2")

    edited = fake_api.last_message(user)
    assert "reply_markup" not in body["result"]
    assert isinstance(body["result"]["edit_date"], int)
    assert (edited.text, edited.buttons, edited.earlier_texts) == ("Step 2", (), ("Step 1",))


def test_editing_the_keyboard_alone_keeps_the_text(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    sent = _sent_with_keyboard(http, fake_api, user)
    done = {"inline_keyboard": [[{"text": "Done", "callback_data": "done"}]]}

    status, _ = call(
        http, fake_api, "editMessageReplyMarkup", chat_id=user.id, message_id=sent["message_id"], reply_markup=done
    )

    assert status == 200
    assert (fake_api.last_message(user).text, fake_api.last_message(user).button_texts) == ("Step 1", ["Done"])


def test_a_message_that_does_not_exist_cannot_be_edited(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    fake_api.register_chat(user)

    _, body = call(http, fake_api, "editMessageText", chat_id=user.id, message_id=42, text="x")

    assert body["description"] == "Bad Request: message to edit not found"


def test_a_pressed_button_is_answered_once(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    _sent_with_keyboard(http, fake_api, user)
    pressed = fake_api.click(user, fake_api.last_message(user), "Next")

    first, _ = call(http, fake_api, "answerCallbackQuery", callback_query_id=pressed.callback_query_id, text="Saved")
    second, body = call(http, fake_api, "answerCallbackQuery", callback_query_id=pressed.callback_query_id)

    assert first == 200
    assert fake_api.callback_answer(pressed) is not None
    assert fake_api.callback_answer(pressed).text == "Saved"  # type: ignore[union-attr]
    assert (second, body["description"]) == (
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    )


def test_a_press_carries_the_message_as_it_is_now(http: httpx.Client, fake_api: FakeBotApi, user: User) -> None:
    sent = _sent_with_keyboard(http, fake_api, user)
    call(
        http,
        fake_api,
        "editMessageText",
        chat_id=user.id,
        message_id=sent["message_id"],
        text="Step 1 of 3",
        reply_markup=sent["reply_markup"],
    )

    pressed = fake_api.press(user, fake_api.last_message(user), "forged:data")

    query = pressed.update["callback_query"]
    assert query["data"] == "forged:data"
    assert query["message"]["text"] == "Step 1 of 3"
    assert query["from"]["id"] == user.id


def test_an_uploaded_document_keeps_its_name_and_bytes_and_can_be_downloaded(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    fake_api.register_chat(user)
    pdf = b"%PDF-1.7 plan"

    response = http.post(
        fake_api.url("sendDocument"),
        data={"chat_id": str(user.id), "caption": "<b>Plan</b>", "parse_mode": "HTML"},
        files={"document": ("plan.pdf", pdf, "application/pdf")},
    )
    file_id = response.json()["result"]["document"]["file_id"]
    _, file = call(http, fake_api, "getFile", file_id=file_id)
    download = http.get(f"{fake_api.base_file_url}{fake_api.token}/{file['result']['file_path']}")

    sent = fake_api.last_message(user)
    assert response.json()["result"]["caption_entities"] == [{"type": "bold", "offset": 0, "length": 4}]
    assert sent.document is not None
    assert (sent.document.filename, sent.document.data, sent.text) == ("plan.pdf", pdf, "Plan")
    assert download.content == pdf


def test_commands_are_stored_per_scope_and_invalid_names_refused(http: httpx.Client, fake_api: FakeBotApi) -> None:
    commands = [{"command": "start", "description": "Begin"}, {"command": "plans", "description": "My plans"}]

    ok, _ = call(http, fake_api, "setMyCommands", commands=commands)
    bad, body = call(http, fake_api, "setMyCommands", commands=[{"command": "New Plan", "description": "x"}])

    assert ok == 200
    assert fake_api.commands() == commands
    assert (bad, body["description"]) == (400, "Bad Request: BOT_COMMAND_INVALID")


def test_unimplemented_methods_are_refused_by_name(http: httpx.Client, fake_api: FakeBotApi) -> None:
    status, body = call(http, fake_api, "sendPoll", chat_id=1, question="?")

    assert (status, body["description"]) == (400, "Bad Request: method sendPoll is not implemented by the fake Bot API")


# -- injected faults ------------------------------------------------------------------------------


def test_injected_429_carries_retry_after_for_the_number_of_calls_asked(
    http: httpx.Client, fake_api: FakeBotApi, user: User
) -> None:
    fake_api.register_chat(user)
    fake_api.fail_next("sendMessage", status=429, retry_after=3, times=2)

    answers = [call(http, fake_api, "sendMessage", chat_id=user.id, text="x") for _ in range(3)]

    assert answers[0] == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        },
    )
    assert answers[1][0] == 429
    assert answers[2][0] == 200
    assert [r.injected for r in fake_api.requests("sendMessage")] == [True, True, False]
    assert fake_api.refused_requests() == []


def test_retry_after_of_zero_is_refused_because_ptb_would_not_see_it(fake_api: FakeBotApi) -> None:
    with pytest.raises(ValueError, match="retry_after must be positive"):
        fake_api.fail_next("sendMessage", status=429, retry_after=0)


async def test_ptb_raises_retry_after_for_429(fake_api: FakeBotApi, bot: Bot, user: User) -> None:
    fake_api.register_chat(user)
    fake_api.fail_next("sendMessage", status=429, retry_after=2)

    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(user.id, "Hello")

    assert refused.value.retry_after == dtm.timedelta(seconds=2)


async def test_ptb_raises_a_plain_network_error_for_500(fake_api: FakeBotApi, bot: Bot, user: User) -> None:
    fake_api.register_chat(user)
    fake_api.fail_next("sendMessage", status=500)

    with pytest.raises(NetworkError) as refused:
        await bot.send_message(user.id, "Hello")

    assert type(refused.value) is NetworkError
    assert refused.value.message == "Internal Server Error"


async def test_ptb_raises_network_error_when_the_connection_drops(fake_api: FakeBotApi, bot: Bot, user: User) -> None:
    fake_api.register_chat(user)
    fake_api.drop_next("sendMessage")

    with pytest.raises(NetworkError, match="RemoteProtocolError"):
        await bot.send_message(user.id, "Hello")
    await bot.send_message(user.id, "Hello again")

    assert [m.text for m in fake_api.messages(user)] == ["Hello again"]


async def test_a_slowed_down_call_is_answered_as_usual_only_late(fake_api: FakeBotApi, bot: Bot, user: User) -> None:
    fake_api.register_chat(user)
    fake_api.slow_down("sendMessage", seconds=0.3)

    started = time.monotonic()
    await bot.send_message(user.id, "Hello")
    slowed = time.monotonic() - started
    started = time.monotonic()
    await bot.send_message(user.id, "Hello again")

    assert slowed >= 0.3 > time.monotonic() - started
    assert [m.text for m in fake_api.messages(user)] == ["Hello", "Hello again"]
    assert [r.status for r in fake_api.requests("sendMessage")] == [200, 200]


async def test_a_rate_limited_bot_retries_after_retry_after_and_the_message_arrives(
    fake_api: FakeBotApi, user: User
) -> None:
    fake_api.register_chat(user)
    fake_api.fail_next("sendMessage", status=429, retry_after=0.05)
    application = application_builder(fake_api).rate_limiter(AIORateLimiter(max_retries=1)).build()

    async with application:
        await application.bot.send_message(user.id, "Reminder: review due")

    assert [r.status for r in fake_api.requests("sendMessage")] == [429, 200]
    assert fake_api.last_message(user).text == "Reminder: review due"


# -- the real PTB Application against the fake server ---------------------------------------------


async def test_ptb_echo_bot_answers_every_user_in_their_own_chat(
    fake_api: FakeBotApi, user: User, other_user: User
) -> None:
    application = application_builder(fake_api).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))

    async with polling(application):
        ada = await fake_api.ask(user, "reads < 5 words")
        ben = await fake_api.ask(other_user, "Hello")
        group = await fake_api.ask(user, "In the staff room", chat=Chat(-5001))

    assert [m.text for m in ada] == ["reads < 5 words"]
    assert [m.text for m in ben] == ["Hello"]
    assert (group[0].chat_id, group[0].text) == (-5001, "In the staff room")
    assert fake_api.refused_requests() == []


async def test_ptb_refusals_surface_as_bad_request(fake_api: FakeBotApi, bot: Bot, user: User) -> None:
    fake_api.register_chat(user)
    long_data = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="x" * 65)]])

    with pytest.raises(BadRequest, match="Can't parse entities: unsupported start tag"):
        await bot.send_message(user.id, "reads < 5 words", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user.id, "a" * 4097)
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(user.id, "Pick", reply_markup=long_data)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(99, "Hello")


async def test_ptb_raises_forbidden_for_a_user_who_blocked_the_bot(fake_api: FakeBotApi, bot: Bot, user: User) -> None:
    fake_api.register_chat(user)
    fake_api.block_bot(user)

    with pytest.raises(Forbidden):
        await bot.send_message(user.id, "Reminder")


async def test_ptb_command_handler_gets_the_start_code_as_an_argument(fake_api: FakeBotApi, user: User) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Reply with the invite code."""
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"code {context.args}")

    application = application_builder(fake_api).build()
    application.add_handler(CommandHandler("start", start))

    async with polling(application):
        replies = await fake_api.ask(user, "/start ABC123")

    assert replies[0].text == "code ['ABC123']"


async def test_ptb_callback_handler_gets_the_pressed_button_and_answers_it(fake_api: FakeBotApi, user: User) -> None:
    async def menu(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Offer one button."""
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Show plan", callback_data="plan:7")]])
        await update.effective_message.reply_text("Menu", reply_markup=keyboard)

    async def show(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer the press and replace the menu."""
        query = update.callback_query
        assert query is not None
        await query.answer("Opening")
        await query.edit_message_text(f"Plan {query.data}")

    application = application_builder(fake_api).build()
    application.add_handler(CommandHandler("menu", menu))
    application.add_handler(CallbackQueryHandler(show))

    async with polling(application):
        (shown,) = await fake_api.ask(user, "/menu")
        pressed = fake_api.click(user, shown, "Show plan")
        answer = await fake_api.wait_for_callback_answer(pressed)
        (edited,) = await fake_api.wait_for(lambda: [m for m in fake_api.messages(user) if m.edit_date])

    assert answer.text == "Opening"
    assert (edited.message_id, edited.text, edited.buttons) == (shown.message_id, "Plan plan:7", ())


async def test_ptb_downloads_a_photo_through_the_file_url(fake_api: FakeBotApi, user: User) -> None:
    async def size(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Reply with the photo's size in bytes."""
        assert update.effective_message is not None
        photo = await update.effective_message.photo[-1].get_file()
        await update.effective_message.reply_text(f"{len(await photo.download_as_bytearray())} bytes")

    application = application_builder(fake_api).build()
    application.add_handler(MessageHandler(filters.PHOTO, size))

    async with polling(application):
        fake_api.send_photo(user, data=b"\xff\xd8" + b"x" * 98)
        (reply,) = await fake_api.wait_for_messages(user, 1)

    assert reply.text == "100 bytes"


async def test_ptb_sees_stickers_voice_and_edits_as_their_own_kinds(fake_api: FakeBotApi, user: User) -> None:
    seen: list[str] = []

    async def note(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Record what kind of update arrived, then acknowledge it."""
        message = update.effective_message
        assert message is not None
        kind = (
            "edit" if update.edited_message else "sticker" if message.sticker else "voice" if message.voice else "text"
        )
        seen.append(kind)
        await message.reply_text(kind)

    application = application_builder(fake_api).build()
    application.add_handler(MessageHandler(filters.ALL, note))

    async with polling(application):
        original = fake_api.send_text(user, "draft")
        fake_api.send_sticker(user)
        fake_api.send_voice(user)
        fake_api.edit_text(original, "final")
        await fake_api.wait_for_messages(user, 4)

    assert seen == ["text", "sticker", "voice", "edit"]


async def test_ptb_gets_a_redelivered_update_twice_with_the_same_id(fake_api: FakeBotApi, user: User) -> None:
    received: list[int] = []

    async def count(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Record the update id and acknowledge."""
        received.append(update.update_id)
        assert update.effective_message is not None
        await update.effective_message.reply_text("ok")

    application = application_builder(fake_api).build()
    application.add_handler(MessageHandler(filters.TEXT, count))

    async with polling(application):
        original = fake_api.send_text(user, "Save my plan")
        await fake_api.wait_for_messages(user, 1)
        fake_api.redeliver(original)
        await fake_api.wait_for_messages(user, 2)

    assert received == [original.update_id, original.update_id]


async def test_stopping_ptb_confirms_every_update_it_fetched(fake_api: FakeBotApi, user: User) -> None:
    application = application_builder(fake_api).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))

    async with polling(application):
        await fake_api.ask(user, "one")

    assert fake_api.pending_update_count == 0


async def test_ptb_long_poll_ends_in_conflict_when_a_second_instance_polls(fake_api: FakeBotApi, bot: Bot) -> None:
    waiting = asyncio.create_task(bot.get_updates(timeout=5))
    await fake_api.wait_until_polling()
    async with httpx.AsyncClient(trust_env=False) as second_instance:
        await second_instance.post(fake_api.url("getUpdates"))

    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await waiting


# -- webhook mode ---------------------------------------------------------------------------------


async def test_ptb_webhook_receives_updates_with_the_secret_token(fake_api: FakeBotApi, user: User) -> None:
    port = free_port()
    application = application_builder(fake_api).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))

    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="hook",
        webhook_url=f"http://127.0.0.1:{port}/hook",
        secret_token="s3cret",
    )
    try:
        replies = await fake_api.ask(user, "Hello webhook")
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()

    assert replies[0].text == "Hello webhook"
    assert fake_api.webhook_info().url == f"http://127.0.0.1:{port}/hook"
    assert fake_api.webhook_info().secret_token == "s3cret"


async def test_a_webhook_that_refuses_an_update_gets_it_again_until_it_accepts(
    fake_api: FakeBotApi, user: User
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    application = application_builder(fake_api).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))

    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_webhook(
        listen="127.0.0.1", port=port, url_path="hook", webhook_url=url, secret_token="right"
    )
    try:
        async with httpx.AsyncClient(trust_env=False) as client:
            await client.post(fake_api.url("setWebhook"), json={"url": url, "secret_token": "wrong"})
            fake_api.send_text(user, "Retry me")
            await fake_api.wait_for(lambda: fake_api.webhook_info().last_error_message, what="a refused delivery")
            await client.post(fake_api.url("setWebhook"), json={"url": url, "secret_token": "right"})
        replies = await fake_api.wait_for_messages(user, 1)
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()

    assert replies[0].text == "Retry me"


def test_get_updates_while_a_webhook_is_set_is_a_conflict(http: httpx.Client, fake_api: FakeBotApi) -> None:
    call(http, fake_api, "setWebhook", url="http://127.0.0.1:9/hook")

    status, body = call(http, fake_api, "getUpdates")
    _, info = call(http, fake_api, "getWebhookInfo")

    assert (status, body["description"].split(";")[0]) == (
        409,
        "Conflict: can't use getUpdates method while webhook is active",
    )
    assert info["result"]["url"] == "http://127.0.0.1:9/hook"


def test_a_webhook_off_this_machine_is_refused(http: httpx.Client, fake_api: FakeBotApi) -> None:
    status, body = call(http, fake_api, "setWebhook", url="https://example.org/hook")

    assert status == 400
    assert body["description"].startswith("Bad Request: bad webhook")
