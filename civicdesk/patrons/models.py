"""Citizens who are library users (§1.5), with the least data the center needs (§1.6)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicdesk.org.models import Library


class SocialCategory(models.Model):
    """An editable reference list: pensioner, internally displaced person, …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("social category")
        verbose_name_plural = _("social categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class CardFormat(models.Model):
    """How a library's card numbers look: a prefix and a number of digits."""

    library = models.OneToOneField(Library, on_delete=models.CASCADE, related_name="card_format",
                                   verbose_name=_("library"))
    prefix = models.CharField(_("prefix"), max_length=10, blank=True)
    digits = models.PositiveSmallIntegerField(
        _("digits"), default=6, validators=[MinValueValidator(1), MaxValueValidator(12)])

    class Meta:
        verbose_name = _("card number format")
        verbose_name_plural = _("card number formats")

    def __str__(self):
        return f"{self.prefix}{'0' * self.digits}"


class BytewiseCharField(models.CharField):
    """Text compared byte by byte (code point order) on every database, so that "starts
    with" is a range of its index and the index gives the order. SQLite compares so by
    default (BINARY); on PostgreSQL the column gets the "C" collation, whatever the
    database's own (a linguistic collation could not promise either)."""

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class Patron(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "f", _("female")
        MALE = "m", _("male")

    card_number = models.CharField(_("library card"), max_length=32, unique=True)
    # blank only once anonymised; the forms require them
    surname = models.CharField(_("surname"), max_length=80, blank=True)
    given_name = models.CharField(_("given name"), max_length=80, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=80, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    settlement = models.CharField(_("settlement / community"), max_length=120, blank=True)
    categories = models.ManyToManyField(SocialCategory, blank=True, related_name="patrons",
                                        verbose_name=_("social categories"))
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="patrons",
                                verbose_name=_("registered at"),
                                db_index=False)  # the (library, …) indexes lead with it
    registered_on = models.DateField(_("registered on"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+",
                                      verbose_name=_("registered by"))
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True,
                                         editable=False)
    # Search keys, derived by the actions: folded name, phone digits and the same
    # digits backwards (a number's last digits as an indexed prefix). The name's words
    # are PatronWord rows.
    name_key = models.CharField(max_length=250, db_index=True, editable=False, default="")
    phone_key = models.CharField(max_length=20, db_index=True, editable=False, blank=True)
    phone_reversed = BytewiseCharField(max_length=20, editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("patron")
        verbose_name_plural = _("patrons")
        ordering = ["surname", "given_name", "patronymic"]
        indexes = [
            models.Index(fields=["library", "surname"]),
            # the statistics' "new patrons" of a set of libraries and a period
            models.Index(fields=["library", "registered_on"], name="patrons_library_registered"),
            # a number's last digits, as a prefix
            models.Index(fields=["phone_reversed"], name="patrons_phone_reversed"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("patrons:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)

    def get_additional_data(self):
        return {"library_path": self.library.path}


class PatronWord(models.Model):
    """One word of a patron's name as search finds it (normalize.name_words), kept by
    the actions with the name. A query's words each match the start of one of them."""

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="search_words",
                               db_index=False)  # the unique constraint's index leads with it
    word = BytewiseCharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patron", "word"], name="patrons_word_once"),
        ]
        indexes = [
            # word prefix -> patrons, in word order
            models.Index(fields=["word", "patron"], name="patrons_word_prefix"),
        ]

    def __str__(self):
        return self.word


class Consent(models.Model):
    """One consent to process personal data, for one purpose, with the text's version."""

    class Purpose(models.TextChoices):
        SERVICE = "service", _("recording the services given")
        CONTACT = "contact", _("contacting about requests and events")
        EVENTS = "events", _("registration for events and courses")

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="consents",
                               verbose_name=_("patron"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    text_version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(fields=["patron", "purpose"],
                                    condition=models.Q(withdrawn_at__isnull=True),
                                    name="patrons_one_active_consent_per_purpose"),
        ]

    def __str__(self):
        return f"{self.patron}: {self.get_purpose_display()}"

    def get_additional_data(self):
        return {"library_path": self.patron.library.path}

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
