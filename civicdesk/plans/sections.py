"""The sections a plan's items are grouped by: the center's tasks (§2.2) and its
services (§3.1.1–§3.1.7), in the regulation's order and words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    T01 = "2.2.1", _("§2.2: access to state and regional e-resources for residents")
    T02 = "2.2.2", _("§2.2: consultations on access to and use of e-services")
    T03 = "2.2.3", _("§2.2: online communication between citizens and authorities")
    T04 = "2.2.4", _("§2.2: helping residents learn ICT for e-government")
    T05 = "2.2.5", _("§2.2: information and awareness campaigns on e-government")
    T06 = "2.2.6", _("§2.2: keeping the list of links to e-resources up to date")
    T07 = "2.2.7", _("§2.2: widening the circle of users")
    T08 = "2.2.8", _("§2.2: studying users' requests and information needs")
    T09 = "2.2.9", _("§2.2: responding to changing needs with new forms of service")
    T10 = "2.2.10", _("§2.2: involving partners")
    T11 = "2.2.11", _("§2.2: round tables, thematic seminars, lectures")
    T12 = "2.2.12", _("§2.2: webinars and video conferences")
    T13 = "2.2.13", _("§2.2: widening the range of library services")
    T14 = "2.2.14", _("§2.2: information about the center in the media")
    S1 = "3.1.1", _("§3.1.1: access to e-resources")
    S2 = "3.1.2", _("§3.1.2: search for legal acts and information")
    S3 = "3.1.3", _("§3.1.3: consultations")
    S4 = "3.1.4", _("§3.1.4: practical skills")
    S5 = "3.1.5", _("§3.1.5: interactive communication with authorities")
    S6 = "3.1.6", _("§3.1.6: consultations for branch library staff")
    S7 = "3.1.7", _("§3.1.7: additional paid services")


def section_order(code: str) -> tuple:
    return tuple(int(part) for part in code.split("."))
