"""Work plans of a center (§5.1, §8.1) and its reports to the director (§8.2).

A plan is for a library's center and a year, quarter or month; it goes draft →
submitted → approved by the director. A change after approval makes a new version
(`replaces`). Items are grouped by the regulation's sections and are either an
indicator (a metric from core.metrics with a target) or a manual check.
Execution and report numbers are read from the metrics registry only; an approved
report keeps its numbers in `frozen`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicdesk.org.models import Library

from . import periods
from .periods import PeriodKind
from .sections import Section


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the director")
        APPROVED = "approved", _("approved by the director")

    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="plans",
                                verbose_name=_("library"))
    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("period starts"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="replaced_by",
                                    verbose_name=_("replaces version"))
    derived_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("started from"))
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("approved by"))

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-period_start", "period_kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["library", "period_kind", "period_start", "version"],
                                    name="plans_one_version_number"),
        ]
        indexes = [models.Index(fields=["library", "period_kind", "period_start"])]

    def __str__(self):
        return f"{self.library}: {self.period_label}"

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    @property
    def period_end(self):
        return periods.bounds(self.period_kind, self.period_start)[1]

    @property
    def period_last_day(self):
        from datetime import timedelta

        return self.period_end - timedelta(days=1)

    @property
    def period_label(self) -> str:
        return periods.label(self.period_kind, self.period_start)

    def get_additional_data(self):
        return {"library_path": self.library.path}


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items",
                             verbose_name=_("work plan"))
    section = models.CharField(_("section of the regulation"), max_length=8,
                               choices=Section.choices)
    what = models.CharField(_("what will be done"), max_length=500)
    due_date = models.DateField(_("due date"), null=True, blank=True,
                                help_text=_("Empty: during the whole period."))
    responsible_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                         null=True, blank=True, related_name="+",
                                         verbose_name=_("responsible"))
    responsible_text = models.CharField(_("responsible (text)"), max_length=200, blank=True)
    metric_key = models.CharField(_("indicator"), max_length=60, blank=True)
    target = models.PositiveIntegerField(_("target"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_comment = models.TextField(_("comment on execution"), blank=True, max_length=2000)
    done_at = models.DateTimeField(_("marked done"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+",
                                verbose_name=_("marked done by"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "section", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(metric_key="", target__isnull=True)
                | (~Q(metric_key="") & Q(target__gt=0)),
                name="plans_item_indicator_has_positive_target",
                violation_error_message=_("The target must be greater than zero.")),
        ]

    def __str__(self):
        return self.what

    @property
    def is_indicator(self) -> bool:
        return bool(self.metric_key)

    @property
    def responsible(self) -> str:
        if self.responsible_user_id:
            user = self.responsible_user
            return f"{user.last_name} {user.first_name}".strip() or user.username
        return self.responsible_text

    def get_additional_data(self):
        return {"library_path": self.plan.library.path}


class Report(models.Model):
    class Scope(models.TextChoices):
        LIBRARY = "library", _("the library's center")
        NETWORK = "network", _("the network: every library with a center")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved by the director")

    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="reports",
                                verbose_name=_("library"))
    scope = models.CharField(_("report on"), max_length=8, choices=Scope.choices,
                             default=Scope.LIBRARY)
    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("period starts"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    narrative = models.TextField(_("the head's narrative"), blank=True, max_length=20000)
    frozen = models.JSONField(_("numbers at approval"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("approved by"))

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_start", "period_kind"]
        constraints = [
            models.UniqueConstraint(fields=["library", "scope", "period_kind", "period_start"],
                                    name="plans_one_report_per_period"),
        ]

    def __str__(self):
        return f"{self.library}: {self.period_label}"

    def get_absolute_url(self):
        return reverse("plans:report_detail", args=[self.pk])

    @property
    def period_end(self):
        return periods.bounds(self.period_kind, self.period_start)[1]

    @property
    def period_label(self) -> str:
        return periods.label(self.period_kind, self.period_start)

    def get_additional_data(self):
        return {"library_path": self.library.path}
