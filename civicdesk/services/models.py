"""The catalog of the center's services (§3.1), one per network."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from civicdesk.org.models import Network


class ServiceGroup(models.Model):
    """A subsection of §3.1 (for example 3.1.2 "Search")."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="service_groups",
                                verbose_name=_("network"))
    code = models.CharField(_("regulation section"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service group")
        verbose_name_plural = _("service groups")
        ordering = ["network", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["network", "code"], name="services_group_code_unique",
                                    violation_error_message=_("This section already exists.")),
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    def get_additional_data(self):
        return self.network.get_additional_data()


class Service(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="services",
                                verbose_name=_("network"))
    group = models.ForeignKey(ServiceGroup, on_delete=models.PROTECT, related_name="services",
                              verbose_name=_("group"))
    code = models.CharField(
        _("code"), max_length=20, blank=True,
        help_text=_("Services from the regulation keep their code, e.g. 3.1.2.1."),
    )
    name = models.CharField(_("name"), max_length=300)
    regulation_text = models.CharField(_("text of the regulation"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    is_paid = models.BooleanField(
        _("paid"), default=False,
        help_text=_("Paid services are given by the price list approved by the director (§3.2)."),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["network", "group__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "code"], condition=~models.Q(code=""),
                name="services_service_code_unique",
                violation_error_message=_("A service with this code already exists."),
            ),
            models.UniqueConstraint(
                fields=["network", "name"], name="services_service_name_unique",
                violation_error_message=_("A service with this name already exists."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_additional_data(self):
        return self.network.get_additional_data()
