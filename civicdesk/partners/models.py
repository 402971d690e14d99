"""Who the center works with (§2.2, §6.1): partners, agreements and the log of
interactions; publicity — publications about the center in the media — and the
portal's news."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.events.models import Campaign, Event
from civicdesk.org.models import Network


class Partner(models.Model):
    class Kind(models.TextChoices):
        SELF_GOVERNMENT = "self_government", _("local self-government")
        STATE = "state", _("state body")
        EDUCATION = "education", _("educational institution")
        NGO = "ngo", _("NGO")
        CULTURE = "culture", _("culture department")
        MEDIA = "media", _("media")
        BUSINESS = "business", _("business")
        OTHER = "other", _("other")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=3000)
    is_active = models.BooleanField(_("active"), default=True)
    # The events held with the partner (also shown on the event).
    events = models.ManyToManyField(Event, blank=True, related_name="partners",
                                    verbose_name=_("joint events"))

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"],
                                               name="partners_partner_once")]

    def __str__(self):
        return self.name


def _agreement_path(instance, filename):
    return f"partners/{instance.partner_id}/{filename}"


class Agreement(models.Model):
    class Kind(models.TextChoices):
        MEMORANDUM = "memorandum", _("memorandum")
        CONTRACT = "contract", _("contract")
        OTHER = "other", _("other")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.MEMORANDUM)
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=_agreement_path, blank=True, max_length=300)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on"]

    def __str__(self):
        return self.title


class Interaction(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        LETTER = "letter", _("letter")
        CALL = "call", _("call")
        JOINT_EVENT = "joint_event", _("joint event")
        OTHER = "other", _("other")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE,
                                related_name="interactions")
    happened_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    summary = models.TextField(_("what happened"), max_length=3000)
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("event"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-happened_on", "-pk"]

    def __str__(self):
        return f"{self.partner}: {self.happened_on:%d.%m.%Y}"


class Publication(models.Model):
    """A publication about the center (§2.2: publicity in the media)."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        TV = "tv", _("TV")
        RADIO = "radio", _("radio")
        ONLINE = "online", _("online")
        SOCIAL = "social", _("social network post")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    published_on = models.DateField(_("date"))
    outlet = models.ForeignKey(Partner, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="publications", verbose_name=_("outlet"))
    outlet_name = models.CharField(_("outlet (if not a partner)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)
    events = models.ManyToManyField(Event, blank=True, related_name="publications",
                                    verbose_name=_("events it covers"))
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="publications", verbose_name=_("campaign"))

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on"]

    def __str__(self):
        return self.title


class News(models.Model):
    """A news item on the portal (with an RSS/Atom feed)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    is_published = models.BooleanField(_("published on the portal"), default=True)
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("event"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["network", "is_published", "published_at"])]

    def __str__(self):
        return self.title
