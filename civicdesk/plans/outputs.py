"""A report as DOCX (A4, headings and tables, to edit), XLSX (the numbers) and PDF (the
approved version, to print). All three are drawn from the data reports.build() made
(or the frozen copy of an approved report)."""

import io

from django.utils import formats
from django.utils.translation import gettext as _

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

from civicdesk.core.documents import FONTS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _n(value) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _diff(value) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + _n(value)


def _title(report) -> str:
    if report.scope == "network":
        return _("Report on the work of the network's centers for %(period)s") % {
            "period": report.period_label}
    return _("Report on the work of the center for %(period)s") % {"period": report.period_label}


def metric_table(data) -> tuple[list[str], list[list[str]]]:
    head = [_("Indicator"), data["period"]["label"], data["period"]["previous_label"],
            _("difference"), data["period"]["last_year_label"], _("difference")]
    rows = [[r["label"][:1].upper() + r["label"][1:], _n(r["value"]), _n(r["previous"]),
             _diff(r["previous_diff"]), _n(r["last_year"]), _diff(r["last_year_diff"])]
            for r in data["metrics"]]
    return head, rows


def execution_table(data) -> tuple[list[str], list[list[str]]]:
    head = [_("Section"), _("What will be done"), _("Target"), _("Actual"), _("% done"),
            _("Execution")]
    rows = []
    for item in (data["plan"] or {}).get("items", []):
        if item["metric_key"]:
            state = _("behind schedule") if item["behind"] else (
                _("done") if item["done"] else _("in progress"))
            if item["unknown_metric"]:
                state = _("indicator not available")
        else:
            state = (_("done") if item["done"] else
                     _("behind schedule") if item["behind"] else _("not yet"))
            if item["comment"]:
                state += f": {item['comment']}"
        rows.append([item["section"], item["what"], _n(item["target"]), _n(item["actual"]),
                     f"{item['percent']} %" if item["percent"] is not None else "—", state])
    return head, rows


def branch_table(data) -> tuple[list[str], list[list[str]]]:
    head = [_("Library")] + [data["main_labels"][k] for k in data["main"]]
    rows = [[b["library"]] + [_n(b["values"].get(k)) for k in data["main"]]
            for b in data["by_library"]]
    return head, rows


def _sections(report, data):
    """(heading, table or text) in the order the report reads."""
    parts = [(_("1. The center's numbers"), metric_table(data))]
    if data["by_library"]:
        parts.append((_("2. By library"), branch_table(data)))
    if data["plan"]:
        parts.append((_("Execution of the work plan (version %(v)s, %(status)s)")
                      % {"v": data["plan"]["version"], "status": data["plan"]["status_label"]},
                      execution_table(data)))
    else:
        parts.append((_("Execution of the work plan"), _("There is no plan for this period.")))
    parts.append((_("The head's narrative"), report.narrative or "—"))
    return parts


def report_docx(report, data) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    p = doc.add_paragraph(_("APPROVED") if report.status == "approved" else "")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if report.status == "approved" and report.approved_at:
        p = doc.add_paragraph(_("Director, %(date)s") % {
            "date": formats.date_format(report.approved_at, "d.m.Y")})
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_heading(_title(report), level=1)
    doc.add_paragraph(data["library"])
    for heading, body in _sections(report, data):
        doc.add_heading(heading, level=2)
        if isinstance(body, tuple):
            head, rows = body
            table = doc.add_table(rows=1, cols=len(head))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, head, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(str(text)).bold = True
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = str(text)
        else:
            for para in str(body).split("\n"):
                doc.add_paragraph(para)
    doc.add_paragraph("")
    doc.add_paragraph(_("Head of the center") + " ____________________")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def report_xlsx(report, data) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Numbers")[:31]
    ws.append([_title(report)])
    ws["A1"].font = Font(bold=True)
    ws.append([data["library"]])
    head = [_("Indicator"), data["period"]["label"], data["period"]["previous_label"],
            _("difference"), data["period"]["last_year_label"], _("difference")]
    ws.append(head)
    for r in data["metrics"]:
        ws.append([r["label"], r["value"], r["previous"], r["previous_diff"], r["last_year"],
                   r["last_year_diff"]])
    ws.column_dimensions["A"].width = 45
    if data["by_library"]:
        ws2 = wb.create_sheet(_("By library")[:31])
        ws2.append([_("Library")] + [data["main_labels"][k] for k in data["main"]])
        for b in data["by_library"]:
            ws2.append([b["library"]] + [b["values"].get(k) for k in data["main"]])
        ws2.column_dimensions["A"].width = 45
    if data["months"]:
        ws3 = wb.create_sheet(_("By month")[:31])
        ws3.append([_("Month")] + [data["main_labels"][k] for k in data["main"]])
        for m in data["months"]:
            ws3.append([m["label"]] + [m["values"].get(k) for k in data["main"]])
    if data["plan"]:
        ws4 = wb.create_sheet(_("Execution")[:31])
        ws4.append([_("Section"), _("What will be done"), _("Indicator"), _("Target"),
                    _("Actual"), _("% done"), _("done"), _("comment on execution")])
        for i in data["plan"]["items"]:
            ws4.append([i["section"], i["what"], i["indicator"], i["target"], i["actual"],
                        i["percent"], _("yes") if i["done"] else _("no"), i["comment"]])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def report_pdf(report, data) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 15)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("DejaVu", "", 10)
    if report.approved_at:
        pdf.multi_cell(width, 5, _("APPROVED") + "\n" + _("Director, %(date)s") % {
            "date": formats.date_format(report.approved_at, "d.m.Y")}, align="R",
            new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(width, 7, _title(report), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(width, 6, data["library"], new_x="LMARGIN", new_y="NEXT")
    for heading, body in _sections(report, data):
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(width, 6, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 8)
        if isinstance(body, tuple):
            head, rows = body
            with pdf.table(text_align="LEFT", line_height=4.5) as table:
                row = table.row()
                for text in head:
                    row.cell(str(text))
                for values in rows:
                    row = table.row()
                    for text in values:
                        row.cell(str(text))
        else:
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(width, 5, str(body), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(width, 6, _("Head of the center") + " ____________________")
    return bytes(pdf.output())
