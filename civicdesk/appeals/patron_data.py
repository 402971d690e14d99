"""Appeals in a patron's data: what the export shows, what anonymisation removes (the
letters name the person and say what they asked), and merging."""

from django.db.models import Max
from django.utils import timezone

from civicdesk.patrons import personal_data

from .models import Appeal


def _export(patron):
    return [{
        "kind": a.get_kind_display(), "authority": a.authority.name, "subject": a.subject,
        "substance": a.substance, "requester_address": a.requester_address,
        "residence": a.residence, "letter": a.letter, "status": a.get_status_display(),
        "created_at": timezone.localtime(a.created_at).isoformat(),
        "submitted_at": timezone.localtime(a.submitted_at).isoformat() if a.submitted_at
        else None,
        "registration_number": a.registration_number,
        "answered_on": a.answered_on.isoformat() if a.answered_on else None,
        "outcome": a.get_outcome_display() if a.outcome else "",
    } for a in patron.appeals.select_related("authority").order_by("created_at")]


def _anonymise(patron):
    # The letter, the substance and the addresses identify the person; kind, body,
    # dates, status and outcome stay for the counts.
    for appeal in patron.appeals.exclude(answer_file=""):
        appeal.answer_file.delete(save=False)
    patron.appeals.update(subject="", substance="", requester_name="", requester_address="",
                          residence="", letter="", extension_notice="", refusal_reason="",
                          answer_file="")


def _last_active(patron):
    last = patron.appeals.aggregate(m=Max("created_at"))["m"]
    return timezone.localtime(last).date() if last else None


def _merge(keep, duplicate):
    Appeal.objects.filter(patron=duplicate).update(patron=keep)


def register_holder() -> None:
    personal_data.register(personal_data.Holder(
        model=Appeal, export=_export, anonymise=_anonymise, last_active=_last_active,
        merge=_merge))
