"""Who sees and runs courses. Everyone on staff sees the courses of the libraries they
reach; the director, the center head and the consultants run them (sessions,
participants, attendance, certificates) in the libraries they reach."""

from django.db.models import QuerySet

from civicdesk.org.models import Library, Role
from civicdesk.org.permissions import Perm, has_perm, libraries_visible_to, library_scope, role_perms_add

COURSES = "events.courses"  # create courses, their sessions, participants and attendance


def declare() -> None:
    role_perms_add(COURSES, [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT])


def courses_visible_to(user) -> QuerySet:
    from .models import Course

    qs = Course.objects.select_related("library", "network")
    if not (user.is_authenticated and user.is_active):
        return qs.none()
    scope = library_scope(user, Perm.VIEW)
    return qs if scope is None else qs.filter(library__in=Library.objects.filter(scope))


def can_manage_course(user, course) -> bool:
    return has_perm(user, COURSES, course.library)


def libraries_for_courses(user) -> QuerySet[Library]:
    """Where the user may start a course."""
    return libraries_visible_to(user, COURSES).filter(is_active=True).order_by("path")
