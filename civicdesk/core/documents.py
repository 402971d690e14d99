"""Printable documents: one simple structure rendered as DOCX (to edit) and PDF (to print).

A document is a title (may be empty) and a list of blocks: ("p", text), ("h", heading),
("field", label, value), ("sign", label), ("right", text) — a line on the right, as the
addressee and sender of a letter — or ("center", text) — a bold centred title.
PDF uses the DejaVu fonts shipped in core/fonts, so Ukrainian
prints on any machine.
"""

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"


def render_docx(title: str, blocks: list[tuple]) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    if title:
        doc.add_heading(title, level=1)
    for block in blocks:
        kind = block[0]
        if kind == "h":
            doc.add_heading(block[1], level=2)
        elif kind == "right":
            paragraph = doc.add_paragraph(block[1])
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.space_after = Pt(0)
        elif kind == "center":
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(18)
            paragraph.add_run(block[1]).bold = True
        elif kind == "p":
            doc.add_paragraph(block[1])
        elif kind == "field":
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{block[1]}: ").bold = True
            paragraph.add_run(str(block[2] or "—"))
        elif kind == "sign":
            doc.add_paragraph(f"\n{block[1]} ____________________")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_pdf(title: str, blocks: list[tuple]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 15)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    if title:
        pdf.set_font("DejaVu", "B", 14)
        pdf.multi_cell(width, 8, title)
        pdf.ln(3)
    for block in blocks:
        kind = block[0]
        if kind == "right":
            pdf.set_font("DejaVu", "", 11)
            pdf.set_x(pdf.l_margin + width / 2)
            pdf.multi_cell(width / 2, 6, block[1], new_x="LMARGIN", new_y="NEXT")
        elif kind == "center":
            pdf.set_font("DejaVu", "B", 12)
            pdf.ln(6)
            pdf.multi_cell(width, 7, block[1], align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "h":
            pdf.set_font("DejaVu", "B", 12)
            pdf.ln(2)
            pdf.multi_cell(width, 7, block[1])
        elif kind == "p":
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(width, 6, block[1])
            pdf.ln(1)
        elif kind == "field":
            pdf.set_font("DejaVu", "B", 11)
            pdf.write(6, f"{block[1]}: ")
            pdf.set_font("DejaVu", "", 11)
            pdf.write(6, str(block[2] or "—"))
            pdf.ln(7)
        elif kind == "sign":
            pdf.set_font("DejaVu", "", 11)
            pdf.ln(8)
            pdf.multi_cell(width, 6, f"{block[1]} ____________________")
    return bytes(pdf.output())
