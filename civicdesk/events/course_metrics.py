"""The courses' numbers in the metrics registry (for plans and reports): participants
who completed a course, participants who came to a course session, and branch staff who
completed a course (§3.1.6). A course counts for the library that runs it."""


from django.utils.translation import gettext_lazy as _

from civicdesk.core import metrics
from civicdesk.core.metrics import period_bounds as _bounds

from .models import Enrollment


def _completed(libraries, start, end):
    since, until = _bounds(start, end)
    return Enrollment.objects.filter(course__library__in=libraries, completed_at__gte=since,
                                     completed_at__lt=until)


def courses_completed(libraries, start, end) -> int:
    """Participants who completed a course in the period (one person, two courses: 2)."""
    return _completed(libraries, start, end).count()


def course_staff_trained(libraries, start, end) -> int:
    """Branch library staff who completed a course in the period (§3.1.6)."""
    return _completed(libraries, start, end).filter(is_staff=True).count()


def course_participants(libraries, start, end) -> int:
    """Participants who came to at least one session of a course in the period."""
    since, until = _bounds(start, end)
    return (Enrollment.objects.filter(
        course__library__in=libraries, attendance__present=True,
        attendance__session__starts_at__gte=since, attendance__session__starts_at__lt=until)
        .values("pk").distinct().count())


def register_metrics() -> None:
    metrics.register(metrics.Metric("course_participants", _("course participants"),
                                    course_participants, order=120))
    metrics.register(metrics.Metric("courses_completed",
                                    _("participants who completed a course"),
                                    courses_completed, order=121))
    metrics.register(metrics.Metric("course_staff_trained",
                                    _("branch staff who completed a course (§3.1.6)"),
                                    course_staff_trained, order=122))
