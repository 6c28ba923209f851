"""The plan as a Word document (.docx), drawn from the same `PlanPage` as the printable page.

Schools keep plans in Word, so this is the file a SENCo files and edits. python-docx writes the OOXML and
escapes every text itself (it sets element text through lxml, never by joining strings), so a teacher's
"<", "&" or emoji cannot break the file. The look follows the HTML page: the school above the title, tables
with shaded label columns, one table per target, signature lines at the end.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from iepbot.documents.plan_view import PlanPage, Row

BLUE = RGBColor(0x1F, 0x4E, 0x79)
LABEL_SHADE = "DEEBF7"
LABEL_WIDTH = Mm(55)
VALUE_WIDTH = Mm(127)


def render_docx(page: PlanPage) -> bytes:
    """The .docx file's bytes for `page`."""
    document = Document()
    _page_setup(document)
    school = document.add_paragraph()
    run = school.add_run(page.school)
    run.font.size, run.font.color.rgb, run.font.all_caps, run.bold = Pt(10), BLUE, True, True
    document.add_heading(page.title, level=0)
    _rows(document, page.facts)
    document.add_heading(page.headings.about, level=1)
    _rows(document, page.about)
    document.add_heading(page.headings.targets, level=1)
    for target in page.targets:
        caption = document.add_paragraph()
        caption.add_run(f"{page.headings.target} {target.number}: ").bold = True
        caption.add_run(target.text).bold = True
        caption.paragraph_format.keep_with_next = True
        _rows(document, target.rows)
    if not page.targets:
        document.add_paragraph("No targets yet.")
    document.add_heading(page.headings.after, level=1)
    _rows(document, page.after)
    if page.glossary:
        document.add_heading("Words we have used", level=1)
        for row in page.glossary:
            entry = document.add_paragraph()
            entry.add_run(f"{row.label}: ").bold = True
            entry.add_run(row.text)
    document.add_heading("Signatures", level=1)
    _signatures(document, page.signatures)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = page.footer
    for footer_run in footer.runs:
        footer_run.font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: DocxDocument) -> None:
    """A4 portrait with the margins of the printed page; Arial 11 like the HTML."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(14)
    section.top_margin = section.bottom_margin = Mm(16)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)


def _rows(document: DocxDocument, rows: tuple[Row, ...]) -> None:
    """A two-column table: shaded labels on the left, values on the right."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    # LibreOffice reads the table's grid, Word each cell's width: both are set, or labels take half the page.
    table.columns[0].width, table.columns[1].width = LABEL_WIDTH, VALUE_WIDTH
    for row in rows:
        cells = table.add_row().cells
        _label(cells[0], row.label)
        cells[1].text = row.text
        cells[0].width, cells[1].width = LABEL_WIDTH, VALUE_WIDTH
    document.add_paragraph()


def _signatures(document: DocxDocument, who: tuple[str, ...]) -> None:
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, ("", "Signature", "Date"), strict=True):
        _label(cell, heading)
    for name in who:
        cells = table.add_row().cells
        _label(cells[0], name)
        cells[1].paragraphs[0].paragraph_format.space_after = Pt(22)  # room to sign


def _label(cell: _Cell, text: str) -> None:
    """A bold label on the pale blue of the HTML page's header cells."""
    cell.text = ""
    cell.paragraphs[0].add_run(text).bold = True
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), LABEL_SHADE)
    cell._tc.get_or_add_tcPr().append(shading)
