"""The course certificate: one A4 landscape page in Ukrainian, printed with the DejaVu
font shipped in core/fonts — the participant's name, the course, its hours, the dates of
the first and last session, the library, and the check code with the address of the
portal page that confirms it."""

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fpdf import FPDF

from civicdesk.core.documents import FONTS

from . import courses
from .models import Enrollment


def check_ready(enrollment: Enrollment) -> None:
    if enrollment.completed_at is None or not enrollment.certificate_code:
        raise ValidationError(_("%(name)s has not completed the course; there is no "
                                "certificate.") % {"name": enrollment.name or "—"})
    if courses.is_anonymised(enrollment):
        raise ValidationError(_("The participant's personal data were removed at their "
                                "request; the certificate cannot be printed again."))


def _date(day) -> str:
    return day.strftime("%d.%m.%Y") if day else "—"


def render(enrollment: Enrollment, check_url: str) -> bytes:
    """The PDF. `check_url` is the portal page that confirms the code (an absolute
    address). Always in Ukrainian, whatever language the staff member chose."""
    check_ready(enrollment)
    course = enrollment.course
    first, last = courses.course_dates(course)
    with translation.override("uk"):
        lines = {
            "heading": _("CERTIFICATE"),
            "confirms": _("This is to certify that"),
            "completed": _("has completed the course"),
            "hours": _("Hours: %(hours)s") % {"hours": course.hours},
            "dates": _("From %(first)s to %(last)s") % {"first": _date(first),
                                                         "last": _date(last)},
            "issued": _("Issued on %(date)s") % {
                "date": _date(timezone.localtime(enrollment.completed_at).date())},
            "code": _("Check code: %(code)s") % {
                "code": courses.format_code(enrollment.certificate_code)},
            "check": _("Check the certificate at %(url)s") % {"url": check_url},
            "sign": _("Director"),
        }
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"{lines['heading']}: {course.title}")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_draw_color(30, 70, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)

    def centred(text, size, style="", height=None, gap=0):
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, height or size * 0.55, text, align="C",
                       new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(gap)

    pdf.set_y(24)
    centred(course.library.name, 13, gap=10)
    pdf.set_text_color(30, 70, 140)
    centred(lines["heading"], 34, "B", gap=8)
    pdf.set_text_color(0, 0, 0)
    centred(lines["confirms"], 13, gap=4)
    centred(enrollment.name, 24, "B", gap=5)
    centred(lines["completed"], 13, gap=3)
    centred(f"«{course.title}»", 18, "B", gap=6)
    centred(lines["hours"], 12, gap=1)
    centred(lines["dates"], 12, gap=1)
    centred(lines["issued"], 12)

    pdf.set_y(pdf.h - 52)
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(width / 2, 7, f"{lines['sign']} ____________________")
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(width / 2, 7, lines["code"], align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.ln(2)
    pdf.multi_cell(width, 5, lines["check"], align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def filename(enrollment: Enrollment) -> str:
    return f"certificate-{enrollment.certificate_code}.pdf"
