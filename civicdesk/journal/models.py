"""The journal of services given (§2.2, §3.1): one entry per citizen served."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.org.models import Library
from civicdesk.patrons.models import Patron, SocialCategory
from civicdesk.services.models import Service


class JournalEntry(models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("by phone")
        ONLINE = "online", _("online / video")
        OUTREACH = "outreach", _("outreach")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("resolved")
        REFERRED = "referred", _("referred elsewhere")
        NOT_RESOLVED = "not_resolved", _("not resolved")

    class NeedStatus(models.TextChoices):
        NEW = "new", _("new")
        RESOLVED = "resolved", _("resolved")
        NO_ACTION = "no_action", _("no action")

    # No index of their own: the (library|staff|patron, served_at) indexes below lead
    # with them, and each index more slows every entry saved.
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="journal_entries",
                                verbose_name=_("library"), db_index=False)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="journal_entries", verbose_name=_("staff member"),
                              db_index=False)
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="journal_entries", verbose_name=_("patron"),
                               db_index=False)
    unidentified_reason = models.CharField(
        _("why the citizen is not identified"), max_length=200, blank=True)
    unidentified_category = models.ForeignKey(
        SocialCategory, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("social category of the citizen"))
    served_at = models.DateTimeField(_("served at"), db_index=True)
    is_backdated = models.BooleanField(_("entered later"), default=False)
    # What the patron's record said when the service was given, as a paper journal's
    # columns would: statistics count these, so later edits, a merge or anonymisation of
    # the patron do not change past figures.
    settlement = models.CharField(_("settlement at the time of service"), max_length=120,
                                  blank=True, editable=False)
    category_ids = models.CharField(max_length=200, blank=True, editable=False)
    services = models.ManyToManyField(Service, through="EntryService", related_name="+",
                                      verbose_name=_("services"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices,
                               default=Channel.IN_PERSON)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration, minutes"), validators=[MinValueValidator(1), MaxValueValidator(480)])
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices,
                               default=Outcome.RESOLVED)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    unmet_need = models.CharField(_("unmet need"), max_length=500, blank=True)
    need_status = models.CharField(_("unmet need status"), max_length=20,
                                   choices=NeedStatus.choices, blank=True)
    need_resolution = models.CharField(_("what was done"), max_length=300, blank=True)
    need_closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+",
                                       verbose_name=_("closed by"))
    need_closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("cancelled by"))
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-served_at"]
        indexes = [
            models.Index(fields=["library", "served_at"]),
            models.Index(fields=["staff", "served_at"]),
            models.Index(fields=["patron", "served_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(patron__isnull=False) | ~Q(unidentified_reason=""),
                name="journal_patron_or_reason"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=480),
                name="journal_duration_range"),
        ]

    def __str__(self):
        who = self.patron.full_name if self.patron_id else _("unidentified citizen")
        return f"{timezone.localtime(self.served_at):%d.%m.%Y %H:%M} — {who}"

    def get_additional_data(self):
        data = {"library_path": self.library.path}
        # set by entry_create: the services of a new entry, logged with it
        given = getattr(self, "services_given", None)
        if given is not None:
            data["services"] = [f"{s.code} {s.name}" for s in given]
        return data

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class EntryService(models.Model):
    """A service given in an entry. PROTECT: a used service is archived, never deleted."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="entry_services")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="entry_services")

    class Meta:
        verbose_name = _("service in an entry")
        verbose_name_plural = _("services in entries")
        constraints = [models.UniqueConstraint(fields=["entry", "service"],
                                               name="journal_entry_service_once")]

    def __str__(self):
        return str(self.service)

    def get_additional_data(self):
        return {"library_path": self.entry.library.path}


class Tally(models.Model):
    """The journal's counts per library and day, and per library and month: what the
    statistics page, the metrics and the reports add up instead of scanning entries.

    Kept by civicdesk.journal.tallies in the transaction that writes the entry; a row
    is (library, span, day, kind, key) → n, e.g. (Сарни, month, 2026-11-01, "service",
    "17") → 212. Month rows have day = the first of the month."""

    class Span(models.TextChoices):
        DAY = "d", _("day")
        MONTH = "m", _("month")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="+")
    span = models.CharField(max_length=1, choices=Span.choices)
    day = models.DateField()
    kind = models.CharField(max_length=12)
    key = models.CharField(max_length=120, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("journal count")
        verbose_name_plural = _("journal counts")
        # The same columns and n: the statistics add up a period from the index alone,
        # without looking up each row (three times faster for a year on SQLite).
        indexes = [models.Index(fields=["span", "library", "day", "kind", "key", "n"],
                                name="journal_tally_read")]
        constraints = [models.UniqueConstraint(fields=["span", "library", "day", "kind", "key"],
                                               name="journal_tally_once")]

    def __str__(self):
        return f"{self.library_id} {self.span} {self.day} {self.kind}:{self.key} = {self.n}"


class PatronPeriod(models.Model):
    """How many counted entries a patron has in a library in a month, and in a year:
    distinct patrons of a run of months or years are counted from these rows instead of
    from the entries. A row whose count falls to 0 (its entries cancelled) is deleted."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="+")
    span = models.CharField(max_length=1, choices=[("m", _("month")), ("y", _("year"))])
    start = models.DateField()
    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="journal_periods")
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("patron's month or year in the journal")
        verbose_name_plural = _("patrons' months and years in the journal")
        # Patrons in order within a month or a year: their distinct count is read off
        # the index in order, with no hashing or sorting.
        constraints = [models.UniqueConstraint(fields=["span", "start", "patron", "library"],
                                               name="journal_patron_period_in_order")]

    def __str__(self):
        return f"{self.library_id} {self.span} {self.start} {self.patron_id} = {self.n}"
