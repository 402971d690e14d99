"""The journal's part in a patron's data: export, anonymisation, merge, last activity."""

from django.db.models import Max
from django.utils import timezone

from civicdesk.patrons import personal_data

from . import tallies
from .models import JournalEntry, PatronPeriod


def _export(patron):
    return [
        {"served_at": timezone.localtime(e.served_at).isoformat(), "library": e.library.name,
         "services": ", ".join(s.name for s in e.services.all()),
         "channel": e.get_channel_display(), "outcome": e.get_outcome_display(),
         "note": e.note, "unmet_need": e.unmet_need,
         "cancelled": bool(e.cancelled_at)}
        for e in patron.journal_entries.select_related("library").prefetch_related("services")
    ]


def _anonymise(patron):
    # Notes are free text and may name the person; everything counted stays.
    patron.journal_entries.exclude(note="").update(note="")


def _last_active(patron):
    last = patron.journal_entries.aggregate(m=Max("served_at"))["m"]
    return timezone.localtime(last).date() if last else None


def _merge(keep, duplicate):
    JournalEntry.objects.filter(patron=duplicate).update(patron=keep)


def _export_months(patron):
    return [{"library": m.library.name, "month": m.start.strftime("%m.%Y"), "entries": m.n}
            for m in patron.journal_periods.filter(span="m").select_related("library")
            .order_by("start")]


def _keep(patron):
    # Counts only, no identifying data: they stay so that every figure stays.
    pass


def _no_activity(patron):
    return None  # the entries themselves tell when the patron was last served


def _merge_months(keep, duplicate):
    tallies.merge_patron(keep.pk, duplicate.pk)


def register_holder() -> None:
    personal_data.register(personal_data.Holder(
        model=JournalEntry, export=_export, anonymise=_anonymise, last_active=_last_active,
        merge=_merge))
    personal_data.register(personal_data.Holder(
        model=PatronPeriod, export=_export_months, anonymise=_keep, last_active=_no_activity,
        merge=_merge_months))
