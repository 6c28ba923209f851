"""A plan document as a file to send or save: HTML or Word, staff or parent version, with a safe name."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from iepbot.documents.glossary import Glossary, load_glossary
from iepbot.documents.plan_view import Audience, plan_page
from iepbot.documents.printable import PrintablePlan
from iepbot.documents.word import render_docx
from iepbot.domain.documents import PlanDocument

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


class PlanFormat(enum.StrEnum):
    """The file formats a plan is written in."""

    HTML = "html"
    DOCX = "docx"


MIME_TYPES = {
    PlanFormat.HTML: "text/html",
    PlanFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True, slots=True)
class PlanFile:
    """A rendered document: its file name, bytes and media type."""

    filename: str
    data: bytes
    mime_type: str


class PlanFiles:
    """Makes plan files. Build once and share: the template and the glossary are loaded at start."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self._glossary = glossary if glossary is not None else load_glossary()
        self._printable = PrintablePlan()

    def make(self, document: PlanDocument, fmt: PlanFormat, audience: Audience) -> PlanFile:
        """The file of `document` in `fmt` for `audience`."""
        page = plan_page(document, audience, self._glossary)
        data = self._printable.render(page).encode() if fmt is PlanFormat.HTML else render_docx(page)
        return PlanFile(file_name(document, fmt, audience), data, MIME_TYPES[fmt])


def file_name(document: PlanDocument, fmt: PlanFormat, audience: Audience) -> str:
    """The file's name, "IEP 12 Sam B (parent).docx": the plan's id, the pupil's name in plain letters, the version."""
    name = _UNSAFE.sub(" ", document.pupil.display_name).strip()[:40] or f"pupil {document.pupil.id}"
    suffix = " (parent)" if audience is Audience.PARENT else ""
    return f"IEP {document.plan.id} {name}{suffix}.{fmt.value}"
