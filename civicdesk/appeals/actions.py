"""Changes to appeals: draft with the citizen, submit, extension, forwarding, answer,
closing; letter templates. Every date is checked against the others."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import drafting
from .models import Appeal, Authority, LetterTemplate


def _refresh_due(appeal: Appeal) -> None:
    from . import deadlines

    deadlines.refresh_due(appeal)


def _check_authority(authority: Authority, network) -> None:
    if authority.network_id not in (None, network.pk) or not authority.is_active:
        raise ValidationError({"authority": _("Choose a body from the directory.")})


@transaction.atomic
def appeal_create(*, patron, library, authority: Authority, kind: str, by, subject: str,
                  substance: str, requester_address: str = "", residence: str = "",
                  urgent: bool = False, journal_entry=None, follows=None) -> Appeal:
    _check_authority(authority, library.network)
    if journal_entry is not None and journal_entry.patron_id != patron.pk:
        raise ValidationError({"journal_entry": _("This entry is not of this citizen.")})
    appeal = Appeal(network=library.network, library=library, patron=patron,
                    authority=authority, kind=kind, created_by=by, subject=subject.strip(),
                    substance=substance.strip(), requester_address=requester_address.strip(),
                    residence=residence.strip(), urgent=urgent and kind == Appeal.Kind.INFO_REQUEST,
                    journal_entry=journal_entry, follows=follows,
                    requester_name=drafting.requester_name(patron))
    appeal.full_clean(exclude=["letter", "created_by", "network", "library", "patron"])
    appeal.letter = drafting.fill(drafting.template_for(library.network, kind), appeal)
    appeal.save()
    return appeal


@transaction.atomic
def appeal_update(*, appeal: Appeal, letter: str | None = None, **fields) -> Appeal:
    """Change a draft; the letter is filled again from the template unless given."""
    if appeal.status != Appeal.Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed; this one was submitted."))
    if "authority" in fields:
        _check_authority(fields["authority"], appeal.network)
    for name, value in fields.items():
        setattr(appeal, name, value.strip() if isinstance(value, str) else value)
    appeal.urgent = appeal.urgent and appeal.kind == Appeal.Kind.INFO_REQUEST
    appeal.full_clean(exclude=["letter", "created_by", "network", "library", "patron"])
    appeal.letter = (letter if letter is not None else
                     drafting.fill(drafting.template_for(appeal.network, appeal.kind), appeal))
    appeal.save()
    return appeal


def _as_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.combine(value, datetime.min.time()))


@transaction.atomic
def appeal_submit(*, appeal: Appeal, submitted_at, channel: str, registration_number: str = "",
                  received_on: date | None = None) -> Appeal:
    drafting.check_ready(appeal)
    submitted_at = _as_datetime(submitted_at)
    errors = {}
    if submitted_at > timezone.now() + timedelta(minutes=5):
        errors["submitted_at"] = _("The submission date is in the future.")
    if received_on and received_on < timezone.localtime(submitted_at).date():
        errors["received_on"] = _("The body cannot receive it before it was submitted.")
    if received_on and received_on > timezone.localdate():
        errors["received_on"] = _("This date is in the future.")
    if channel not in Appeal.Channel.values:
        errors["channel"] = _("Choose how it was submitted.")
    if errors:
        raise ValidationError(errors)
    appeal.submitted_at, appeal.channel = submitted_at, channel
    appeal.registration_number = registration_number.strip()[:60]
    appeal.received_on = received_on or timezone.localtime(submitted_at).date()
    appeal.status = Appeal.Status.SUBMITTED
    _refresh_due(appeal)
    appeal.save()
    return appeal


def _not_before_submission(appeal: Appeal, day: date, field: str, message: str) -> None:
    if appeal.submitted_at is None:
        raise ValidationError(_("Mark the letter submitted first."))
    if day < timezone.localtime(appeal.submitted_at).date():
        raise ValidationError({field: message})
    if day > timezone.localdate():
        raise ValidationError({field: _("This date is in the future.")})


@transaction.atomic
def appeal_extend(*, appeal: Appeal, extended_on: date, notice: str) -> Appeal:
    if appeal.kind not in (Appeal.Kind.INFO_REQUEST, Appeal.Kind.PROPOSAL,
                           Appeal.Kind.STATEMENT, Appeal.Kind.COMPLAINT, Appeal.Kind.NO_ANSWER):
        raise ValidationError(_("The law gives no extension for this kind of letter."))
    if not appeal.is_open:
        raise ValidationError(_("Only a letter awaiting an answer can be extended."))
    _not_before_submission(appeal, extended_on, "extended_on",
                           _("The notice cannot be dated before the submission."))
    if not notice.strip():
        raise ValidationError({"notice": _("Record what the body's notice says.")})
    appeal.extended_on, appeal.extension_notice = extended_on, notice.strip()
    appeal.status = Appeal.Status.EXTENDED
    _refresh_due(appeal)
    appeal.save()
    return appeal


@transaction.atomic
def appeal_forward(*, appeal: Appeal, to: Authority, forwarded_on: date) -> Appeal:
    _check_authority(to, appeal.network)
    if to.pk == appeal.authority_id:
        raise ValidationError({"to": _("Choose the body it was forwarded to.")})
    if not appeal.is_open:
        raise ValidationError(_("Only a letter awaiting an answer can be forwarded."))
    _not_before_submission(appeal, forwarded_on, "forwarded_on",
                           _("It cannot be forwarded before it was submitted."))
    appeal.forwarded_to, appeal.forwarded_on = to, forwarded_on
    appeal.status = Appeal.Status.FORWARDED
    _refresh_due(appeal)
    appeal.save()
    return appeal


@transaction.atomic
def appeal_answer(*, appeal: Appeal, answered_on: date, outcome: str,
                  refusal_reason: str = "", answer_file=None) -> Appeal:
    if appeal.status in (Appeal.Status.DRAFT, Appeal.Status.CLOSED):
        raise ValidationError(_("Mark the letter submitted first."))
    _not_before_submission(appeal, answered_on, "answered_on",
                           _("The answer cannot be dated before the submission."))
    if outcome not in Appeal.Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if outcome == Appeal.Outcome.REFUSED and not refusal_reason.strip():
        raise ValidationError({"refusal_reason": _("Record the reason the body gave.")})
    appeal.answered_on, appeal.outcome = answered_on, outcome
    appeal.refusal_reason = refusal_reason.strip()
    if answer_file is not None:
        appeal.answer_file.save(answer_file.name, answer_file, save=False)
    appeal.status = (Appeal.Status.REFUSED if outcome == Appeal.Outcome.REFUSED
                     else Appeal.Status.ANSWERED)
    appeal.save()
    return appeal


def appeal_close(*, appeal: Appeal) -> Appeal:
    appeal.status = Appeal.Status.CLOSED
    appeal.save(update_fields=["status"])
    return appeal


@transaction.atomic
def template_save(*, network, kind: str, body: str, by) -> LetterTemplate:
    drafting.check_template(body)
    template, _created = LetterTemplate.objects.get_or_create(
        network=network, kind=kind, defaults={"title": str(Appeal.Kind(kind).label),
                                              "body": body})
    template.body, template.updated_by = body, by
    template.save()
    return template
