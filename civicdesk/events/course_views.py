"""Staff pages of the courses: the list, a course with its sessions and participants,
adding and correcting, enrolling (a patron found by name, card or phone; or a branch
staff member by name), the attendance grid saved at once, the certificates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import staff_required
from civicdesk.patrons.permissions import patrons_visible_to
from civicdesk.patrons.selectors import patron_search

from . import certificates, courses
from .course_forms import CourseForm, SessionForm, StaffEnrollForm
from .course_permissions import can_manage_course, courses_visible_to, libraries_for_courses
from .models import Course, CourseSession, Enrollment


def _course_for(user, pk, *, manage=False) -> Course:
    course = courses_visible_to(user).filter(pk=pk).first()
    if course is None:
        raise Http404
    if manage and not can_manage_course(user, course):
        raise PermissionDenied
    return course


def _session_for(user, pk) -> CourseSession:
    session = CourseSession.objects.filter(pk=pk).first()
    if session is None:
        raise Http404
    _course_for(user, session.course_id, manage=True)
    return session


def _enrollment_for(user, pk, *, manage=True) -> Enrollment:
    enrollment = Enrollment.objects.select_related("patron").filter(pk=pk).first()
    if enrollment is None:
        raise Http404
    enrollment.course = _course_for(user, enrollment.course_id, manage=manage)
    return enrollment


def _messages_from(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@staff_required
def course_list(request):
    visible = courses.courses_with_counts(courses_visible_to(request.user))
    return render(request, "events/course_list.html", {
        "courses": visible.order_by("-created_at")[:300],
        "can_create": libraries_for_courses(request.user).exists(),
    })


@staff_required
def course_create(request):
    libraries = libraries_for_courses(request.user)
    if not libraries.exists():
        raise PermissionDenied
    form = CourseForm(request.POST or None, libraries=libraries,
                      initial={"library": libraries.first(), "completion_percent": 80})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            course = courses.course_create(**data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Course saved. Now add its sessions."))
            return redirect("events:course_detail", pk=course.pk)
    return render(request, "events/course_form.html", {"form": form, "course": None})


@staff_required
def course_edit(request, pk):
    course = _course_for(request.user, pk, manage=True)
    libraries = libraries_for_courses(request.user).filter(network=course.network)
    form = CourseForm(request.POST or None, instance=course, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        try:
            courses.course_update(course=Course.objects.get(pk=pk), **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("events:course_detail", pk=pk)
    return render(request, "events/course_form.html", {"form": form, "course": course})


@staff_required
def course_detail(request, pk):
    course = _course_for(request.user, pk)
    can_manage = can_manage_course(request.user, course)
    sessions, rows = courses.course_progress(course)
    query = request.GET.get("q", "").strip()[:100]
    found = []
    if query and can_manage:
        enrolled = {r.enrollment.patron_id for r in rows if r.enrollment.withdrawn_at is None}
        patrons = patrons_visible_to(request.user).filter(library__network=course.network)
        found = [(p, p.pk in enrolled) for p in patron_search(patrons, query)]
    first, last = courses.course_dates(course)
    return render(request, "events/course_detail.html", {
        "course": course, "sessions": sessions, "rows": rows, "can_manage": can_manage,
        "query": query, "found": found, "staff_form": StaffEnrollForm(),
        "first": first, "last": last,
        "needed": courses.sessions_needed(len(sessions), course.completion_percent),
    })


@staff_required
def session_create(request, pk):
    course = _course_for(request.user, pk, manage=True)
    return _session_page(request, course, None)


@staff_required
def session_edit(request, pk):
    session = _session_for(request.user, pk)
    return _session_page(request, session.course, session)


def _session_page(request, course, session):
    form = SessionForm(request.POST or None, instance=session, network=course.network)
    if request.method == "POST" and form.is_valid():
        try:
            courses.session_save(course=course, session=session, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Session saved."))
            return redirect("events:course_detail", pk=course.pk)
    return render(request, "events/course_session_form.html", {
        "form": form, "course": course, "session": session},
        status=400 if form.errors else 200)


@staff_required
@require_POST
def session_delete(request, pk):
    session = _session_for(request.user, pk)
    course_pk = session.course_id
    courses.session_delete(session=session)
    messages.success(request, _("Session deleted."))
    return redirect("events:course_detail", pk=course_pk)


@staff_required
@require_POST
def enroll(request, pk):
    course = _course_for(request.user, pk, manage=True)
    back = reverse("events:course_detail", args=[pk])
    try:
        if request.POST.get("patron"):
            patron = patrons_visible_to(request.user).filter(
                pk=request.POST["patron"] if request.POST["patron"].isdigit() else 0).first()
            if patron is None:
                raise ValidationError(_("Choose a patron from the search results."))
            enrollment = courses.enroll_patron(course=course, patron=patron)
        else:
            form = StaffEnrollForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Enter the staff member's full name."))
            enrollment = courses.enroll_staff(course=course, name=form.cleaned_data["name"])
    except ValidationError as exc:
        _messages_from(request, exc)
    else:
        messages.success(request, _("%(name)s is enrolled.") % {"name": enrollment.name})
    return redirect(back + "#participants")


@staff_required
@require_POST
def withdraw(request, pk):
    enrollment = _enrollment_for(request.user, pk)
    try:
        courses.withdraw(enrollment=enrollment)
    except ValidationError as exc:
        _messages_from(request, exc)
    else:
        messages.success(request, _("%(name)s has withdrawn from the course.")
                         % {"name": enrollment.name})
    return redirect(reverse("events:course_detail", args=[enrollment.course_id])
                    + "#participants")


@staff_required
def attendance(request, pk):
    course = _course_for(request.user, pk, manage=True)
    errors = []
    if request.method == "POST":
        marks = set()
        for key in request.POST.getlist("present"):
            enrollment_id, _sep, session_id = key.partition("-")
            if enrollment_id.isdigit() and session_id.isdigit():
                marks.add((int(enrollment_id), int(session_id)))
        try:
            newly = courses.attendance_save(course=course, marks=marks)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Attendance saved."))
            if newly:
                messages.success(request, _("Completed the course with this save: %(n)s.")
                                 % {"n": newly})
            return redirect("events:course_attendance", pk=pk)
    sessions, rows = courses.course_progress(course)
    return render(request, "events/course_attendance.html", {
        "course": course, "sessions": sessions, "rows": rows, "errors": errors,
        "any_held": any(s.is_held for s in sessions),
    }, status=400 if errors else 200)


@staff_required
def certificate(request, pk):
    enrollment = _enrollment_for(request.user, pk, manage=False)
    try:
        certificates.check_ready(enrollment)
    except ValidationError as exc:
        _messages_from(request, exc)
        return redirect(reverse("events:course_detail", args=[enrollment.course_id])
                        + "#participants")
    url = request.build_absolute_uri(reverse("events_public:course_certificate",
                                             args=[enrollment.certificate_code]))
    response = HttpResponse(certificates.render(enrollment, url),
                            content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificates.filename(enrollment)}"')
    return response
