"""One turn of one chat: who is it, where were they, what did they send — then save it all at once.

Every turn runs in one write transaction: the member of staff and their school are read in one query, the
chat's row is locked and read once (`begin_turn`), the step may write (a submitted plan), and the new step
and answers are written once with it (`save_answer`). A process killed at any moment therefore loses
nothing that was answered, and redoes nothing that was saved. Quick checks are offered to `QuickTurns`
first, which saves them unlocked in batches and hands back what it cannot take; after a full turn it is
told how the chat now stands, so it never has to read a chat to learn that a flow is in progress.
Given the transport's `Postage` (`answer`), the turn's replies are rendered and saved in the outbox in the
same transaction, so a process killed after the commit still sends them (`dialogue/outbox.py`).
"""

from __future__ import annotations

import copy
from dataclasses import replace

from iepbot.dialogue import commands, erasure, gate, plan_documents, quick_check
from iepbot.dialogue.context import Context, Finish, Goto, Next, Retry
from iepbot.dialogue.drafting.draft import Draft
from iepbot.dialogue.drafting.flow import NEW_PLAN
from iepbot.dialogue.io import (
    Button,
    Choice,
    Command,
    Input,
    Reopen,
    Reply,
    Text,
    Turn,
    UnknownButtonError,
    Unsupported,
    button_number,
)
from iepbot.dialogue.memory import ChatMemory, ParkedFlow, parse_position, position
from iepbot.dialogue.outbox import Answer, Marks, Outbox, Postage
from iepbot.dialogue.problems import problem
from iepbot.dialogue.quick_turns import QuickTurns
from iepbot.dialogue.reminders import Reminders
from iepbot.dialogue.reviewing.flow import REVIEW
from iepbot.dialogue.revising import revise
from iepbot.dialogue.revising.flow import REVISE_PLAN
from iepbot.dialogue.senco import decisions, overview
from iepbot.dialogue.senco.flows import RETURN_PLAN, STAFF
from iepbot.dialogue.senco.keyboard import APPROVE, RETURN
from iepbot.dialogue.senco.notices import REVISE
from iepbot.dialogue.services import Services
from iepbot.dialogue.steps import Flow, FlowError
from iepbot.domain.dialogue import begin_turn, save_answer
from iepbot.domain.enums import Role
from iepbot.domain.errors import DomainError
from iepbot.domain.ports import Store
from iepbot.domain.privacy import erase_pupil
from iepbot.domain.pupils import CAN_TEACH
from iepbot.domain.records import ChatView
from iepbot.domain.schools import staff_and_school_for_telegram_user
from iepbot.domain.staffing import SENCO_ONLY
from iepbot.domain.values import clean_input

ONLY_TEACHERS_PLAN = "Only teachers and the SENCo write plans."
FLOWS: dict[str, Flow] = {flow.name: flow for flow in (NEW_PLAN, REVISE_PLAN, RETURN_PLAN, STAFF, REVIEW)}
PARKED_LABELS = {
    NEW_PLAN.name: "Plan for {name}",
    REVISE_PLAN.name: "Revising {name}'s plan",
    RETURN_PLAN.name: "Returning {name}'s plan",
    STAFF.name: "Staff changes",
}

# Button data is "<chat version>:<token>". A token for a step is only taken while the chat is still at the
# version that showed it. These stay usable from an old message, since they name a plan and are re-checked
# against it: "open this plan", a SENCo's decision (checked against the plan's version instead: the notice
# reaches the SENCo's chat stamped with the author's), the author's "revise it", and a reminder's "review
# this plan" (sent outside any turn).
_TIMELESS_TOKENS = frozenset({"open", decisions.DECIDE, APPROVE, RETURN, REVISE, "review"})


class Dialogue:
    """The conversation engine shared by Telegram, the terminal and the tests."""

    def __init__(self, storage: Store, services: Services) -> None:
        self._storage = storage
        self._services = services
        self.outbox = Outbox(storage)
        self._quick = QuickTurns(storage, services, self.outbox)
        self.reminders = Reminders(storage)  # the transport's timer sends them; the dialogue answers their buttons

    async def handle(self, turn: Turn) -> list[Reply]:
        """Everything to send in answer to `turn` (nothing for a redelivered update), for the caller to send."""
        return (await self.answer(turn)).replies

    async def answer(self, turn: Turn, postage: Postage | None = None) -> Answer:
        """The turn's replies; with `postage`, also posted in the outbox with the turn's state.

        A stranger's or a group's replies are never posted: nothing is stored about a stranger, and a group
        gets one fixed sentence. The transport sends those itself.
        """
        turn = _cleaned(turn)
        if not turn.is_private:
            return Answer([Reply("private_chat_only.html")])
        quick = await self._quick.answer(turn, postage)
        if quick is not None:
            return quick
        self._quick.forget(turn.chat_id)
        marks = self.outbox.take_marks()  # what Telegram said since the last commit rides on this one
        try:
            return await self._full_turn(turn, postage, marks)
        except BaseException:
            self.outbox.restore(marks)
            raise

    async def _full_turn(self, turn: Turn, postage: Postage | None, marks: Marks) -> Answer:
        """The locked turn: the chat read once, the step run, the new state, letters and marks saved at once."""
        async with self._storage.write() as tx:
            await marks.write(tx)
            member = await staff_and_school_for_telegram_user(tx, turn.user_id)
            if member is None:
                return Answer(await gate.stranger(tx, self._services, turn))
            actor, school = member
            state = await begin_turn(tx, turn.chat_id)
            if state.has_handled(turn.update_id):
                return Answer([], ())
            memory = ChatMemory.from_state(state)
            ctx = Context(
                tx=tx,
                actor=actor,
                school=school,
                services=self._services,
                chat_id=turn.chat_id,
                today=self._services.today(),
                draft=memory.draft,
                review=memory.review,
            )
            replies = await self._route(ctx, memory, turn.input, version=state.version)
            memory.draft, memory.review = ctx.draft, ctx.review
            saved = await save_answer(
                tx,
                actor,
                state,
                flow=memory.flow,
                step=memory.step,
                answers=memory.to_answers(),
                pupil_id=_pupil_of(memory),
                update_id=turn.update_id,
            )
            if ctx.erase_after is not None:  # after the save, so this chat's own state is cleaned too
                await erase_pupil(tx, actor, ctx.erase_after)
            stamped = [reply.stamped(saved.version) for reply in replies]
            posted = None if postage is None else await self.outbox.post(tx, postage.letters(turn.chat_id, stamped))
        if ctx.erase_after is not None:
            await self._storage.scrub()  # the chat's state may have changed again: read afresh next time
        else:
            self._quick.remember(turn.chat_id, ChatView(actor, school, saved))
        return Answer(stamped, posted)

    async def _route(self, ctx: Context, memory: ChatMemory, received: Input, *, version: int) -> list[Reply]:
        match received:
            case Command(name=name, argument=argument):
                return await self._command(ctx, memory, name, argument)
            case Choice(data=data):
                seen_version, _, token = data.partition(":")
                if token.startswith(plan_documents.TOKENS):  # a file changes nothing: any old message will do
                    return await plan_documents.press(ctx, token)
                if token.partition(":")[0] in _TIMELESS_TOKENS:
                    return await self._timeless(ctx, memory, token)
                if seen_version != str(version):
                    return [Reply("stale_button.html"), *await self._ask_again(ctx, memory)]
                if token.startswith("check:"):
                    return await quick_check.follow_up(ctx, memory, token)
                if token.startswith(erasure.TOKENS):
                    return await erasure.answer(ctx, token)
                if token.startswith("resume:"):
                    return await self._resume(ctx, memory, token.removeprefix("resume:"))
                if memory.in_flow:
                    return await self._answer(ctx, memory, Choice(token))
                return [Reply("stale_button.html")]
            case Reopen():
                return await self._ask_again(ctx, memory)
            case Text(text=text) if not memory.in_flow:
                return await quick_check.check(ctx, memory, text)
            case Unsupported(kind=kind) if not memory.in_flow:
                return [Reply("text_only.html", {"kind": kind, "in_flow": False})]
        return await self._answer(ctx, memory, received)

    async def _command(self, ctx: Context, memory: ChatMemory, name: str, argument: str) -> list[Reply]:
        match name:
            case "start":
                return commands.welcome_back(ctx, argument, in_flow=memory.in_flow)
            case "help":
                return [commands.help_reply(ctx, in_flow=memory.in_flow)]
            case "check":
                return await quick_check.check(ctx, memory, argument, in_flow=memory.in_flow)
            case "plans":
                return await commands.list_plans(ctx)
            case "invite":
                return await commands.invite_teacher(ctx)
            case "review":
                return await overview.waiting_plans(ctx)
            case "pupils":
                return await overview.pupils(ctx)
            case "staff":
                return await self._staff(ctx, memory)
            case "document":
                return await plan_documents.choose_plan(ctx)
            case "erase" | "delete" | "forget":
                return await erasure.choose_pupil(ctx)
            case "new":
                return await self._new_plan(ctx, memory)
            case "review_plan":
                return await self._start(ctx, memory, REVIEW)
            case "cancel":
                return await self._cancel(ctx, memory)
            case "resume":
                return await self._resume(ctx, memory, "")
            case "back":
                return await self._back(ctx, memory)
        return [Reply("unknown_command.html", {"name": name[:40]}), commands.help_reply(ctx, in_flow=memory.in_flow)]

    async def _new_plan(self, ctx: Context, memory: ChatMemory) -> list[Reply]:
        return await self._start(ctx, memory, NEW_PLAN)

    async def _start(self, ctx: Context, memory: ChatMemory, flow: Flow, first: Input | None = None) -> list[Reply]:
        """Begin a teacher's `flow` (/new, /review_plan); `first` answers its first question at once (a
        reminder's button chooses the plan to review)."""
        if ctx.actor.role not in CAN_TEACH:
            return [Reply("problem.html", {"message": ONLY_TEACHERS_PLAN})]
        return await self._begin(ctx, memory, flow, Draft(), first)

    async def _staff(self, ctx: Context, memory: ChatMemory) -> list[Reply]:
        if ctx.actor.role is not Role.SENCO:
            return [Reply("problem.html", {"message": SENCO_ONLY})]
        return await self._begin(ctx, memory, STAFF, Draft())

    async def _timeless(self, ctx: Context, memory: ChatMemory, token: str) -> list[Reply]:
        """A button that names a plan, answered whatever the chat's version (every right re-checked)."""
        kind = token.partition(":")[0]
        if kind == APPROVE:
            return [*await decisions.approve(ctx, token), *await self._ask_again(ctx, memory)]
        if kind in {RETURN, REVISE}:
            prepared = await (decisions.prepare_return(ctx, token) if kind == RETURN else revise.prepare(ctx, token))
            if isinstance(prepared, list):
                return [*prepared, *await self._ask_again(ctx, memory)]
            flow = RETURN_PLAN if kind == RETURN else REVISE_PLAN
            if memory.flow == flow.name and memory.draft.plan_id == prepared.plan_id:  # pressed twice: carry on
                return [await self._ask(ctx, memory)]
            return await self._begin(ctx, memory, flow, prepared)
        if kind == decisions.DECIDE:
            return await decisions.show(ctx, token)
        if kind == "review":
            return await self._start(ctx, memory, REVIEW, Choice(f"plan:{token.removeprefix('review:')}"))
        return await commands.open_plan(ctx, token)

    async def _begin(
        self, ctx: Context, memory: ChatMemory, flow: Flow, draft: Draft, first: Input | None = None
    ) -> list[Reply]:
        """Start `flow` about `draft`, parking the flow in progress (one with no answers yet is just left);
        `first` answers the new flow's first question at once."""
        replies: list[Reply] = []
        if memory.in_flow and memory.history:
            if memory.parked_full:
                return [_no_room_to_park(memory), await self._ask(ctx, memory)]
            memory.park()
            replies.append(Reply("parked.html", {"count": len(memory.parked)}))
        memory.start(flow.name, flow.first, draft)
        ctx.draft, ctx.review = memory.draft, memory.review
        if first is not None:
            return [*replies, *await self._answer(ctx, memory, first)]
        return [*replies, await self._ask(ctx, memory)]

    async def _cancel(self, ctx: Context, memory: ChatMemory) -> list[Reply]:
        if not memory.in_flow:
            return [Reply("nothing_to_cancel.html")]
        if memory.parked_full:
            if not memory.history:  # nothing answered yet: nothing to keep
                memory.end()
                return [Reply("stopped_unstarted.html")]
            return [_no_room_to_park(memory), await self._ask(ctx, memory)]
        memory.park()
        return [Reply("parked.html", {"count": len(memory.parked)})]

    async def _resume(self, ctx: Context, memory: ChatMemory, chosen: str) -> list[Reply]:
        number = _number_or_none(chosen)
        if number is not None and number < len(memory.parked):
            memory.unpark(number)
            ctx.draft, ctx.review = memory.draft, memory.review
            return [await self._ask(ctx, memory)]
        if memory.in_flow:
            return [await self._ask(ctx, memory)]
        if not memory.parked:
            return [Reply("nothing_to_resume.html")]
        if len(memory.parked) == 1:
            return await self._resume(ctx, memory, "0")
        buttons = tuple(
            (Button(_parked_label(parked, number), f"resume:{number}"),) for number, parked in enumerate(memory.parked)
        )
        return [Reply("choose_parked.html", {"count": len(memory.parked)}, buttons)]

    async def _back(self, ctx: Context, memory: ChatMemory) -> list[Reply]:
        if not memory.in_flow:
            return [Reply("back_to_parked.html" if memory.parked else "nothing_to_resume.html")]
        if not memory.history:
            return [Reply("first_question.html"), await self._ask(ctx, memory)]
        step, index = parse_position(memory.history.pop())
        memory.step = step
        if index is not None:
            ctx.cursor(memory.flow).index = index
        return [await self._ask(ctx, memory)]

    async def _ask_again(self, ctx: Context, memory: ChatMemory) -> list[Reply]:
        return [await self._ask(ctx, memory)] if memory.in_flow else []

    async def _ask(self, ctx: Context, memory: ChatMemory) -> Reply:
        assert memory.flow is not None
        assert memory.step is not None
        return await FLOWS[memory.flow].step(memory.step).ask(ctx)

    async def _answer(self, ctx: Context, memory: ChatMemory, received: Input) -> list[Reply]:
        """Give the input to the current step; a domain error undoes the step's writes and is explained."""
        assert memory.flow is not None
        assert memory.step is not None
        if isinstance(received, Unsupported):
            return [Reply("text_only.html", {"kind": received.kind, "in_flow": True}), await self._ask(ctx, memory)]
        step = FLOWS[memory.flow].step(memory.step)
        before = copy.deepcopy((ctx.draft, ctx.review))
        index = ctx.cursor(memory.flow).index if step.per_target else None  # the target this question was about
        try:
            async with ctx.tx.savepoint():
                outcome: Next = await step.answer(ctx, received)
        except DomainError as error:
            ctx.draft, ctx.review = before
            outcome = Retry(problem(error))
        except UnknownButtonError:
            ctx.draft, ctx.review = before
            outcome = Retry(Reply("stale_button.html"))
        match outcome:
            case Goto(step=next_step, replies=said):
                if next_step not in step.goes_to:
                    raise FlowError(f"step {step.name} went to {next_step}, which its flow does not list")
                if next_step != step.name:  # the same question again (a new wording) is not a step back
                    memory.history.append(position(step.name, index))
                memory.step = next_step
                return [*said, await self._ask(ctx, memory)]
            case Retry(reply=said):
                return [said, await self._ask(ctx, memory)]
            case Finish(replies=said):
                if not step.finishes:
                    raise FlowError(f"step {step.name} ended its flow, which its flow does not list")
                memory.end()
                return list(said)
        raise AssertionError(f"unknown outcome {outcome!r}")  # pragma: no cover


def _cleaned(turn: Turn) -> Turn:
    """The turn as the dialogue may read it: typed text and the sender's display name through `clean_input`.

    This is the one door every text comes in by (Telegram and the terminal alike), so no step can meet an
    invisible name or a bidi control, nor PostgreSQL a NUL.
    """
    turn = replace(turn, user_name=clean_input(turn.user_name))
    match turn.input:
        case Text(text=text):
            return replace(turn, input=Text(clean_input(text)))
        case Command(name=name, argument=argument):
            return replace(turn, input=Command(name, clean_input(argument)))
    return turn


def _number_or_none(text: str) -> int | None:
    try:
        return button_number(text)
    except UnknownButtonError:
        return None


def _pupil_of(memory: ChatMemory) -> int | None:
    """The pupil the flow in progress is about (erasing that pupil erases this chat's answers too)."""
    if not memory.in_flow:
        return None
    return memory.review.pupil_id if memory.flow == REVIEW.name else memory.draft.pupil_id


def _no_room_to_park(memory: ChatMemory) -> Reply:
    return Reply("parked_full.html", {"count": len(memory.parked)})


def _parked_label(parked: ParkedFlow, number: int) -> str:
    if parked.flow == REVIEW.name:
        return f"{number + 1}. Review for {parked.review.name}"
    name = parked.draft.pupil_name
    if name is None and parked.flow == NEW_PLAN.name:
        return f"{number + 1}. Plan not yet started"
    label = PARKED_LABELS.get(parked.flow, "Unfinished")
    return f"{number + 1}. {label.format(name=name or 'the pupil')}"
