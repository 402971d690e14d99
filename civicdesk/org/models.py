"""The library network (ЦБС): a central library and its branches, hours, closures, staff."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Network(models.Model):
    """A centralised library system (ЦБС): one central library and its branches.

    One deployment can hold a whole region's networks.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("library network")
        verbose_name_plural = _("library networks")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_additional_data(self):
        # The audit trail files each change under a library (see accounts.selectors).
        central = self.libraries.filter(kind=Library.Kind.CENTRAL).first()
        return {"library_path": central.path} if central else None


class Library(models.Model):
    class Kind(models.TextChoices):
        CENTRAL = "central", _("central library")
        BRANCH = "branch", _("branch library")

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="libraries", verbose_name=_("network")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BRANCH)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent library"),
    )
    name = models.CharField(_("name"), max_length=200)
    settlement = models.CharField(_("settlement"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    has_center = models.BooleanField(
        _("has a center"),
        default=False,
        help_text=_("A computerised library with internet access has a center (§1.3)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # "/1/4/9/": the ids from the central library down to this one. Derived from
    # `parent` in save(); access checks and subtree queries use it instead of
    # walking the tree.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")
        ordering = ["network", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(kind="central"),
                name="org_one_central_library_per_network",
                violation_error_message=_("This network already has a central library."),
            ),
            models.UniqueConstraint(
                fields=["network", "name"],
                name="org_library_name_unique_in_network",
                violation_error_message=_("A library with this name already exists in the network."),
            ),
            models.CheckConstraint(
                condition=Q(kind="central", parent__isnull=True)
                | Q(kind="branch", parent__isnull=False),
                name="org_central_has_no_parent_branch_has_one",
                violation_error_message=_(
                    "A central library has no parent library; a branch must have one."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        super().save(*args, **kwargs)
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path == old_path:
            return
        Library.objects.filter(pk=self.pk).update(path=new_path)
        self.path = new_path
        if old_path:  # moved under another parent: its branches move with it
            for pk, path in Library.objects.filter(path__startswith=old_path).exclude(
                pk=self.pk
            ).values_list("pk", "path"):
                Library.objects.filter(pk=pk).update(path=new_path + path[len(old_path):])

    def get_absolute_url(self):
        return reverse("org:library_detail", args=[self.pk])

    def get_additional_data(self):
        # The path before a move is the one on record; a new library has none yet,
        # so it is filed under its parent.
        path = self.path or (self.parent.path if self.parent_id else "")
        return {"library_path": path} if path else None


class OpeningHours(models.Model):
    """One opening interval on a weekday; a day may have several (a lunch break)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("library")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["library", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="org_hours_close_after_open",
                violation_error_message=_("Closing time must be after opening time."),
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def get_additional_data(self):
        return {"library_path": self.library.path}


class Closure(models.Model):
    """Dates when a library is closed, with the reason (holiday, power cut, repairs)."""

    class Reason(models.TextChoices):
        HOLIDAY = "holiday", _("holiday")
        POWER_CUT = "power_cut", _("power cut")
        REPAIRS = "repairs", _("repairs")
        SANITARY = "sanitary", _("sanitary day")
        OTHER = "other", _("other")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="closures", verbose_name=_("library")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="org_closure_ends_after_start",
                violation_error_message=_("A closure cannot end before it starts."),
            ),
        ]

    def __str__(self):
        def day(value):  # a date, or a string not yet cleaned
            return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else str(value)

        return f"{self.library}: {day(self.starts_on)}–{day(self.ends_on)}"

    def get_additional_data(self):
        return {"library_path": self.library.path}


class Role(models.TextChoices):
    DIRECTOR = "director", _("director")
    CENTER_HEAD = "center_head", _("center head")
    CONSULTANT = "consultant", _("consultant")
    BRANCH_LIBRARIAN = "branch_librarian", _("branch librarian")
    VIEWER = "viewer", _("viewer")


class Membership(models.Model):
    """A staff member's role in a library. It reaches that library and the libraries under it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("library")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        ordering = ["library", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "library"],
                name="org_one_role_per_user_and_library",
                violation_error_message=_("This person already has a role in this library."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.library}"

    def get_additional_data(self):
        return {"library_path": self.library.path}
