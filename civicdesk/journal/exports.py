"""The statistics as a spreadsheet (XLSX) or CSV, for filing and further work."""

import csv
import io
from datetime import timedelta

from django.http import HttpResponse
from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Font

from .statistics import Statistics


def _sections(stats: Statistics):
    yield _("Totals"), [(label, now, before) for label, now, before in stats.totals], [
        _("Figure"), _("This period"), _("Previous period")]
    for breakdown in stats.breakdowns.values():
        yield breakdown.title, breakdown.rows, ["", _("Entries")]


def statistics_download(stats: Statistics, kind: str) -> HttpResponse:
    name = f"statistics-{stats.start:%Y%m%d}-{stats.end:%Y%m%d}"
    last_day = stats.end - timedelta(days=1)
    period = _("Period: %(start)s – %(end)s") % {
        "start": f"{stats.start:%d.%m.%Y}", "end": f"{last_day:%d.%m.%Y}"}
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")  # what Excel opens in Ukraine
        writer.writerow([period])
        for title, rows, header in _sections(stats):
            writer.writerow([])
            writer.writerow([title])
            writer.writerow(header)
            writer.writerows(rows)
        # BOM: Excel reads the Cyrillic correctly.
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Statistics")[:31]
    sheet.append([period])
    sheet["A1"].font = Font(bold=True)
    for title, rows, header in _sections(stats):
        sheet.append([])
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
    sheet.column_dimensions["A"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
