"""The catalog of e-government resources the center gives access to (§2.2, §3.1.1).

A URL lives in one place, the Resource: journal entries (and later events, documents
and pages) refer to the resource, so fixing the URL fixes it everywhere.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.journal.models import JournalEntry
from civicdesk.org.models import Network
from civicdesk.patrons.models import SocialCategory


class ResourceCategory(models.Model):
    """A heading of §3.1.1 (state and regional resources, socially significant
    information, administrative services, civil society, enterprises' e-services)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("resource category")
        verbose_name_plural = _("resource categories")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title


class Resource(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        REGIONAL = "regional", _("regional")
        LOCAL = "local", _("local")

    class LinkStatus(models.TextChoices):
        UNCHECKED = "unchecked", _("not checked yet")
        OK = "ok", _("works")
        REDIRECTED = "redirected", _("moved to a new address")
        FAILING = "failing", _("failed once")
        BROKEN = "broken", _("broken")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="resources",
                                verbose_name=_("network"))
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address (URL)"), max_length=500)
    url_key = models.CharField(max_length=500, editable=False)
    description = models.TextField(_("short description"), max_length=2000, blank=True)
    categories = models.ManyToManyField(ResourceCategory, related_name="resources",
                                        verbose_name=_("categories"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices,
                             default=Level.NATIONAL)
    audiences = models.ManyToManyField(SocialCategory, blank=True, related_name="+",
                                       verbose_name=_("for whom"))
    owner = models.CharField(_("owning organisation"), max_length=200, blank=True)
    keywords = models.CharField(
        _("keywords and other names"), max_length=500, blank=True,
        help_text=_("Words citizens use for it, separated by commas: «пенсія, ПФУ»."))
    curator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("looked after by"))
    is_featured = models.BooleanField(_("featured"), default=False)
    new_until = models.DateField(_("marked new until"), null=True, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    search_terms = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(_("confirmed by a person"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("confirmed by"))
    # the link checker's view of the URL (history in LinkCheck)
    link_status = models.CharField(_("link"), max_length=12, choices=LinkStatus.choices,
                                   default=LinkStatus.UNCHECKED)
    failures_in_row = models.PositiveSmallIntegerField(default=0)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_outcome = models.CharField(_("last check"), max_length=20, blank=True)
    last_elapsed_ms = models.PositiveIntegerField(null=True, blank=True)
    proposed_url = models.URLField(_("proposed new address"), max_length=500, blank=True)
    dismissed_until = models.DateField(_("not reported until"), null=True, blank=True)
    clicks = models.PositiveIntegerField(_("opened from the portal"), default=0)

    class Meta:
        verbose_name = _("e-resource")
        verbose_name_plural = _("e-resources")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["network", "url_key"], name="resources_url_once",
                                    violation_error_message=_("This address is already in "
                                                              "the catalog.")),
        ]
        indexes = [models.Index(fields=["network", "is_archived", "clicks"])]

    def __str__(self):
        return self.title

    def get_additional_data(self):
        return self.network.get_additional_data()

    @property
    def is_new(self) -> bool:
        return self.new_until is not None and self.new_until >= timezone.localdate()


class ResourceUse(models.Model):
    """How often a resource was opened from the portal (a count, no one's data) or used
    at the desk, per month."""

    class Via(models.TextChoices):
        PORTAL = "portal", _("opened from the portal")
        DESK = "desk", _("used at the desk")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    month = models.DateField()
    via = models.CharField(max_length=10, choices=Via.choices)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("use of a resource")
        verbose_name_plural = _("uses of resources")
        constraints = [models.UniqueConstraint(fields=["resource", "month", "via"],
                                               name="resources_use_once")]

    def __str__(self):
        return f"{self.resource_id} {self.month:%m.%Y} {self.via}: {self.n}"


class EntryResource(models.Model):
    """A resource used in a journal entry."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE,
                              related_name="entry_resources")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="entries")

    class Meta:
        verbose_name = _("resource used in an entry")
        verbose_name_plural = _("resources used in entries")
        constraints = [models.UniqueConstraint(fields=["entry", "resource"],
                                               name="resources_entry_once")]

    def __str__(self):
        return f"{self.entry_id} → {self.resource_id}"

    def get_additional_data(self):
        return self.resource.get_additional_data()


class LinkCheck(models.Model):
    """One check of one URL: the resource's own or one written in its description."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="checks")
    url = models.URLField(max_length=500)
    checked_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=500, blank=True)
    new_url = models.URLField(max_length=500, blank=True)
    elapsed_ms = models.PositiveIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["-checked_at"]
        indexes = [models.Index(fields=["resource", "url", "checked_at"])]

    def __str__(self):
        return f"{self.url} {self.checked_at:%d.%m.%Y %H:%M}: {self.outcome}"


class Suggestion(models.Model):
    """A portal search that found nothing: its words only, never who asked. With the
    journal's unmet needs it makes the queue of what the catalog should grow by (§2.2)."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        DONE = "done", _("resource added")
        DISMISSED = "dismissed", _("no action")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("searched for"), max_length=200)
    text_key = models.CharField(max_length=200, editable=False)
    times = models.PositiveIntegerField(_("times searched"), default=1)
    first_at = models.DateTimeField(_("first searched"), default=timezone.now)
    last_at = models.DateTimeField(_("last searched"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NEW)
    resource = models.ForeignKey(Resource, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("resource added"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("search with no result")
        verbose_name_plural = _("searches with no result")
        ordering = ["-last_at"]
        constraints = [models.UniqueConstraint(fields=["network", "text_key"],
                                               name="resources_suggestion_once")]

    def __str__(self):
        return self.text

    def get_additional_data(self):
        return self.network.get_additional_data()
