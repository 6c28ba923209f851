"""/document: a plan sent as a file (Word, a printable page, the parent version) to staff who may see it.

`/document` lists the plans as buttons; a plan's button offers the files; a file's button sends it. Every
press loads the plan again through the access rules of the person pressing (`plan_document`), so a forged
or forwarded button sends nothing it should not; the buttons are not tied to the chat's version, like
/plans' own, since they change nothing.
"""

from __future__ import annotations

from typing import Literal

from iepbot.dialogue.context import Context
from iepbot.dialogue.io import Attachment, Button, Reply, UnknownButtonError, button_number
from iepbot.dialogue.problems import problem
from iepbot.domain.documents import plan_document
from iepbot.domain.errors import DomainError
from iepbot.domain.groups import plan_pupils
from iepbot.domain.plans import my_plans

MENU = "docs:"  # docs:<plan>              the files of one plan
FILE = "doc:"  # doc:<fmt>:<who>:<plan>[:<pupil>]   one file
TOKENS = (MENU, FILE)
PLAN_BUTTONS = 20
_FORMATS: dict[str, Literal["html", "docx"]] = {"html": "html", "docx": "docx"}
_AUDIENCES = {"staff": False, "parent": True}


def documents_button(plan_id: int) -> Button:
    """The button under a plan (opened from /plans, or the SENCo's notice of it) that offers its files."""
    return Button("📄 Documents", f"{MENU}{plan_id}")


async def choose_plan(ctx: Context) -> list[Reply]:
    """The plans this member of staff may print, newest first, a button each."""
    try:
        plans = await my_plans(ctx.tx, ctx.actor)
    except DomainError as error:
        return [problem(error)]
    plans.sort(key=lambda plan: plan.plan_id, reverse=True)
    buttons = tuple((Button(plan.pupil_name[:40], f"{MENU}{plan.plan_id}"),) for plan in plans[:PLAN_BUTTONS])
    return [Reply("document_choose.html", {"count": len(plans), "shown": len(buttons)}, buttons)]


async def press(ctx: Context, token: str) -> list[Reply]:
    """A document button: the menu of one plan's files, or one file."""
    try:
        if token.startswith(MENU):
            return await _menu(ctx, button_number(token.removeprefix(MENU)))
        return await _file(ctx, token.removeprefix(FILE))
    except UnknownButtonError:
        return [Reply("stale_button.html")]
    except DomainError as error:
        return [problem(error)]


def menu_buttons(plan_id: int, pupil_id: int, name: str | None) -> tuple[Button, ...]:
    """The three files of one pupil's document; `name` labels them on a group plan."""
    prefix = f"{name[:24]} · " if name else ""
    end = f"{plan_id}:{pupil_id}"
    return (
        Button(f"{prefix}Word", f"{FILE}docx:staff:{end}"),
        Button(f"{prefix}Printable", f"{FILE}html:staff:{end}"),
        Button(f"{prefix}Parent version", f"{FILE}docx:parent:{end}"),
    )


async def _menu(ctx: Context, plan_id: int) -> list[Reply]:
    pupils = await plan_pupils(ctx.tx, ctx.actor, plan_id)
    named = len(pupils) > 1
    rows = tuple(menu_buttons(plan_id, pupil.id, pupil.display_name if named else None) for pupil in pupils)
    return [Reply("document_menu.html", {"pupil": pupils[0].display_name, "group": len(pupils)}, rows)]


async def _file(ctx: Context, rest: str) -> list[Reply]:
    parts = rest.split(":")
    if len(parts) != 4 or parts[0] not in _FORMATS or parts[1] not in _AUDIENCES:
        raise UnknownButtonError(rest[:20])
    plan_id, pupil_id = button_number(parts[2]), button_number(parts[3])
    document = await plan_document(ctx.tx, ctx.actor, plan_id, pupil_id=pupil_id)
    parent = _AUDIENCES[parts[1]]
    values = {"pupil": document.pupil.display_name, "fmt": parts[0], "parent": parent}
    return [Reply("document_sent.html", values, attachment=Attachment(document, _FORMATS[parts[0]], parent))]
