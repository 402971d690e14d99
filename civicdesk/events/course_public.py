"""The portal page that confirms a course certificate by its check code. It answers one
code at a time and lists nothing; the holder's name is shown as the surname and
initials ("Петренко І. І.")."""

from django.shortcuts import redirect, render

from . import courses
from .course_forms import CertificateCheckForm


def certificate_check(request, code=None):
    if code is None and "code" in request.GET:
        typed = courses.normalize_code(request.GET["code"])
        if typed:
            return redirect("events_public:course_certificate", code=typed)
    form = CertificateCheckForm(initial={"code": courses.format_code(
        courses.normalize_code(code)) if code else ""})
    context = {"form": form, "asked": code is not None,
               "empty": code is None and "code" in request.GET}
    status = 200
    if code is not None:
        enrollment = courses.certificate_by_code(code)
        if enrollment is None:
            context["result"] = "unknown"
            status = 404
        else:
            first, last = courses.course_dates(enrollment.course)
            context.update({
                "course": enrollment.course, "first": first, "last": last,
                "code": courses.format_code(enrollment.certificate_code),
                "result": ("revoked" if enrollment.completed_at is None else
                           "anonymised" if courses.is_anonymised(enrollment) else "genuine"),
                "holder": courses.masked_name(enrollment.name),
            })
    return render(request, "events/certificate_check.html", context, status=status)
