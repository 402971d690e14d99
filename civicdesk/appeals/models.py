"""Appeals, public-information requests and e-petitions drafted with a citizen at the
desk and tracked to the answer (§2.2, §3.1.3, §3.1.5, §6.1).

Authorities are the bodies letters go to. Deadlines come from a table of rules
(DeadlineRule) and a working-day calendar (CalendarDay overrides on top of weekends,
Ukraine's public holidays and the martial-law setting); "overdue" is computed from the
stored due time and the status, never stored.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.journal.models import JournalEntry
from civicdesk.org.models import Library, Network
from civicdesk.patrons.models import Patron


class Authority(models.Model):
    """A body a citizen writes to. Central bodies are shared by every network on the
    server (network empty); a network adds its local ones."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("local council")
        EXECUTIVE = "executive", _("executive committee")
        HEAD = "head", _("village, settlement or city head")
        STAROSTA = "starosta", _("starosta")
        ADMINISTRATION = "administration", _("district or oblast administration")
        PENSION = "pension", _("Pension Fund office")
        EMPLOYMENT = "employment", _("employment center")
        TAX = "tax", _("tax office")
        CNAP = "cnap", _("administrative services center (ЦНАП)")
        SOCIAL = "social", _("social protection")
        CENTRAL = "central", _("ministry or central body")
        OTHER = "other", _("other")

    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        REGIONAL = "regional", _("regional")
        DISTRICT = "district", _("district")
        COMMUNITY = "community", _("community")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="authorities", verbose_name=_("network"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("part of"))
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices,
                            default=Kind.OTHER)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices,
                             default=Level.COMMUNITY)
    territory = models.CharField(_("territory"), max_length=200, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    petitions_url = models.URLField(_("e-petitions page"), max_length=300, blank=True)
    info_requests = models.CharField(
        _("public-information requests go to"), max_length=300, blank=True,
        help_text=_("The unit or person who handles requests, with their address."))
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    # A community's statute sets its local e-petitions: signatures needed and days to
    # collect them.
    petition_signatures = models.PositiveIntegerField(
        _("e-petition: signatures needed"), null=True, blank=True)
    petition_days = models.PositiveSmallIntegerField(
        _("e-petition: days to collect signatures"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name"]
        indexes = [models.Index(fields=["network", "kind"])]

    def __str__(self):
        return self.name


class DeadlineRule(models.Model):
    """How long a body has: an amount of a unit, counted from an event. The rules are
    data (seeded from the laws, editable by the administrator), not code branches."""

    class Unit(models.TextChoices):
        HOURS = "hours", _("hours")
        WORKING_DAYS = "working_days", _("working days")
        CALENDAR_DAYS = "calendar_days", _("calendar days")
        MONTHS = "months", _("months")

    class Start(models.TextChoices):
        RECEIVED = "received", _("the day the body received it")
        SUBMITTED = "submitted", _("the day it was submitted")
        FORWARDED = "forwarded", _("the day it was forwarded")
        COLLECTED = "collected", _("the day the signatures were collected")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    amount = models.PositiveIntegerField(_("amount"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    starts = models.CharField(_("counted from"), max_length=12, choices=Start.choices,
                              default=Start.RECEIVED)
    basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["code"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0),
                                              name="appeals_rule_amount_positive")]

    def __str__(self):
        return self.title


class CalendarDay(models.Model):
    """A single date made a working day or a day off by hand (a transferred day off, a
    holiday the government declared)."""

    day = models.DateField(_("date"), unique=True)
    is_working = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d.%m.%Y}"


class LetterTemplate(models.Model):
    """The text of a letter of one kind, with placeholders filled from the patron and
    the body ({{ requester_genitive }}, {{ authority }}, …; see drafting.PLACEHOLDERS)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20)  # Appeal.Kind
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [models.UniqueConstraint(fields=["network", "kind"],
                                               name="appeals_template_once")]

    def __str__(self):
        return self.title


class Appeal(models.Model):
    class Kind(models.TextChoices):
        INFO_REQUEST = "info_request", _("public-information request")
        PROPOSAL = "proposal", _("proposal (remark)")
        STATEMENT = "statement", _("statement (motion)")
        COMPLAINT = "complaint", _("complaint")
        NO_ANSWER = "no_answer", _("complaint about an unanswered request")
        PETITION = "petition", _("e-petition")
        DEPUTY = "deputy", _("request to a local council member")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        EXTENDED = "extended", _("extended by the body")
        ANSWERED = "answered", _("answered")
        REFUSED = "refused", _("refused")
        FORWARDED = "forwarded", _("forwarded to another body")
        CLOSED = "closed", _("closed")

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        PORTAL = "portal", _("online portal")
        POST = "post", _("post")
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("phone")

    class Outcome(models.TextChoices):
        FULL = "full", _("provided in full")
        PARTIAL = "partial", _("provided in part")
        REFUSED = "refused", _("refused")
        FORWARDED = "forwarded", _("forwarded")
        NONE = "none", _("no answer")

    OPEN = (Status.SUBMITTED, Status.EXTENDED, Status.FORWARDED)

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="appeals",
                                verbose_name=_("library"))
    patron = models.ForeignKey(Patron, on_delete=models.PROTECT, related_name="appeals",
                               verbose_name=_("patron"))
    journal_entry = models.ForeignKey(JournalEntry, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="appeals",
                                      verbose_name=_("journal entry of the visit"))
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="appeals",
                                  verbose_name=_("to whom"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    urgent = models.BooleanField(
        _("urgent"), default=False,
        help_text=_("Life or liberty, the environment, food and product quality, accidents, "
                    "disasters, emergencies: an answer within 48 hours."))
    subject = models.CharField(_("what it is about"), max_length=300)
    # What the person asks or says: the substance the law requires.
    substance = models.TextField(_("substance"), max_length=20000)
    requester_name = models.CharField(_("requester"), max_length=250, blank=True)
    requester_address = models.CharField(
        _("postal or e-mail address for the answer"), max_length=300, blank=True)
    residence = models.CharField(_("place of residence"), max_length=300, blank=True)
    letter = models.TextField(_("letter"), blank=True, max_length=40000)
    follows = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="followups",
                                verbose_name=_("about the earlier letter"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices,
                               blank=True)
    registration_number = models.CharField(_("registration number given by the body"),
                                           max_length=60, blank=True)
    received_on = models.DateField(_("received by the body"), null=True, blank=True)
    extended_on = models.DateField(_("extension notice dated"), null=True, blank=True)
    extension_notice = models.TextField(_("the body's notice of extension"), blank=True,
                                        max_length=2000)
    forwarded_to = models.ForeignKey(Authority, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("forwarded to"))
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    signatures_collected_on = models.DateField(_("signatures collected on"), null=True,
                                               blank=True)
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    due_explanation = models.CharField(max_length=500, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices,
                               blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True, max_length=2000)
    answer_file = models.FileField(_("the reply (scan)"), upload_to="appeals/%Y/%m/",
                                   blank=True, max_length=300)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["network", "status", "due_at"]),
                   models.Index(fields=["created_by", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_at and self.due_at < timezone.now())
