"""/staff: a SENCo chooses a member of staff, then changes their role or removes them (after a confirmation)."""

from __future__ import annotations

from dataclasses import replace

from iepbot.dialogue.answers import choice
from iepbot.dialogue.context import Context, Finish, Goto, Next
from iepbot.dialogue.io import Button, Input, Reply, UnknownButtonError, button_number
from iepbot.dialogue.problems import problem
from iepbot.dialogue.senco.names import StaffStep as S
from iepbot.domain.enums import Role
from iepbot.domain.errors import DomainError, InvalidValueError
from iepbot.domain.records import StaffMember
from iepbot.domain.staffing import SENCO_MANAGES, change_role, remove_member, school_staff, staff_member

DONE, BACK, REMOVE, YES, NO = "done", "back", "remove", "yes", "no"
MEMBER_BUTTONS = 40


async def ask_member(ctx: Context) -> Reply:
    try:
        members = await school_staff(ctx.tx, ctx.actor)
    except DomainError as error:  # no longer a SENCo (another SENCo changed their role meanwhile)
        return _with_way_out(error, Button("Done", DONE))
    others = [member for member in members if member.id != ctx.actor.id and member.role in SENCO_MANAGES]
    buttons = tuple(
        (Button(f"{member.name[:40]} · {_role(member.role)}", f"member:{member.id}"),)
        for member in others[:MEMBER_BUTTONS]
    )
    return Reply("staff_list.html", {"members": members, "me": ctx.actor}, (*buttons, (Button("Done", DONE),)))


async def answer_member(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token == DONE:
        return Finish([Reply("staff_done.html")])
    if token is None or not token.startswith("member:"):
        raise InvalidValueError("Choose a member of staff from the list, or press Done.")
    member = await staff_member(ctx.tx, ctx.actor, button_number(token.removeprefix("member:")))
    ctx.draft.staff_id = member.id
    return Goto(S.ACTION)


async def ask_action(ctx: Context) -> Reply:
    try:
        member = await _chosen(ctx)
    except DomainError as error:  # removed or changed by another SENCo since the list was shown
        return _with_way_out(error, Button("Back to the list", BACK))
    other_role = Role.TEACHER if member.role is Role.SENCO else Role.SENCO
    buttons = (
        (Button(f"Make {_role(other_role)}", f"role:{other_role.value}"),),
        (Button("Remove from the school", REMOVE),),
        (Button("Back to the list", BACK),),
    )
    return Reply("staff_member.html", {"member": member, "role": _role(member.role)}, buttons)


async def answer_action(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token == BACK:
        return Goto(S.MEMBER)
    if token == REMOVE:
        await _chosen(ctx)  # still there and still theirs to manage, before asking to confirm
        return Goto(S.CONFIRM_REMOVE)
    if token is None or not token.startswith("role:"):
        raise InvalidValueError("Choose what to do with the buttons, or press Back to the list.")
    role = _role_token(token.removeprefix("role:"))
    member = await _chosen(ctx)
    changed = await change_role(ctx.tx, ctx.actor, member.id, role)
    said = Reply("staff_role_changed.html", {"member": changed, "role": _role(changed.role)})
    told = Reply(
        "your_role_changed.html",
        {"role": _role(changed.role), "senco": ctx.actor.name, "is_senco": changed.role is Role.SENCO},
        chat_id=changed.telegram_user_id,
    )
    return Goto(S.MEMBER, [said, told])


async def ask_confirm_remove(ctx: Context) -> Reply:
    try:
        member = await _chosen(ctx)
    except DomainError as error:
        return _with_way_out(error, Button("Back to the list", BACK))
    buttons = ((Button("Yes, remove", YES), Button("No, keep", NO)),)
    return Reply("staff_confirm_remove.html", {"member": member}, buttons)


async def answer_confirm_remove(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token == BACK:
        return Goto(S.MEMBER)
    if token == NO:
        return Goto(S.ACTION)
    if token != YES:
        raise InvalidValueError("Press Yes to remove them, or No to keep them.")
    removed = await remove_member(ctx.tx, ctx.actor, await _staff_id(ctx))
    ctx.draft.staff_id = None
    return Goto(S.MEMBER, [Reply("staff_removed.html", {"member": removed.member, "plans": removed.plans_kept})])


def _with_way_out(error: DomainError, button: Button) -> Reply:
    """A question that cannot be asked any more (the member is gone, or the asker no longer a SENCo): why, and
    the one button that leads on, so the chat is never stuck on it."""
    return replace(problem(error), buttons=((button,),))


async def _chosen(ctx: Context) -> StaffMember:
    return await staff_member(ctx.tx, ctx.actor, await _staff_id(ctx))


async def _staff_id(ctx: Context) -> int:
    if ctx.draft.staff_id is None:
        raise InvalidValueError("Choose a member of staff first: send /staff.")
    return ctx.draft.staff_id


def _role_token(text: str) -> Role:
    if text not in {role.value for role in SENCO_MANAGES}:
        raise UnknownButtonError(text[:20])
    return Role(text)


def _role(role: Role) -> str:
    return {Role.TEACHER: "teacher", Role.SENCO: "SENCo", Role.ADMIN: "administrator"}[role]
