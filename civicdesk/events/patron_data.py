"""Event registrations and course enrolments in a patron's data: export, anonymisation
(names and contacts go; counts of registrations and attendance stay), merging."""

from django.db.models import Max
from django.utils import timezone

from civicdesk.patrons import personal_data

from .models import Enrollment, Registration


def _export_registrations(patron):
    return [{"event": r.event.title, "starts_at": timezone.localtime(r.event.starts_at)
             .isoformat(), "status": r.get_status_display(), "came": r.attended,
             "phone": r.phone, "email": r.email}
            for r in patron.event_registrations.select_related("event").order_by("created_at")]


def _anonymise_registrations(patron):
    for registration in patron.event_registrations.all():
        registration.name, registration.phone, registration.email = "", "", ""
        registration.person_key = f"anonymised-{registration.pk}"
        registration.save(update_fields=["name", "phone", "email", "person_key"])


def _last_registration(patron):
    last = patron.event_registrations.aggregate(m=Max("created_at"))["m"]
    return timezone.localtime(last).date() if last else None


def _merge_registrations(keep, duplicate):
    kept_events = set(keep.event_registrations.exclude(status=Registration.Status.CANCELLED)
                      .values_list("event_id", flat=True))
    for registration in duplicate.event_registrations.all():
        if registration.event_id in kept_events:
            registration.status = Registration.Status.CANCELLED
        registration.patron = keep
        registration.person_key = (f"patron-{keep.pk}" if registration.status !=
                                   Registration.Status.CANCELLED
                                   else f"merged-{registration.pk}")
        registration.save(update_fields=["patron", "status", "person_key"])


def _export_enrollments(patron):
    return [{"course": e.course.title, "completed": bool(e.completed_at),
             "certificate": e.certificate_code or ""}
            for e in patron.course_enrollments.select_related("course")]


def _anonymise_enrollments(patron):
    patron.course_enrollments.update(name="")


def _last_enrollment(patron):
    last = patron.course_enrollments.aggregate(m=Max("created_at"))["m"]
    return timezone.localtime(last).date() if last else None


def _merge_enrollments(keep, duplicate):
    kept = set(keep.course_enrollments.values_list("course_id", flat=True))
    for enrollment in duplicate.course_enrollments.all():
        if enrollment.course_id in kept:
            enrollment.patron = None  # the kept record is enrolled already; history stays
        else:
            enrollment.patron = keep
        enrollment.save(update_fields=["patron"])


def register_holder() -> None:
    personal_data.register(personal_data.Holder(
        model=Registration, export=_export_registrations, anonymise=_anonymise_registrations,
        last_active=_last_registration, merge=_merge_registrations))
    personal_data.register(personal_data.Holder(
        model=Enrollment, export=_export_enrollments, anonymise=_anonymise_enrollments,
        last_active=_last_enrollment, merge=_merge_enrollments))
