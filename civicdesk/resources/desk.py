"""The desk's "e-resources used" field: the resources picked count as use at the desk."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civicdesk.journal.extensions import DeskField

from .models import Resource


def _make(network):
    resources = Resource.objects.filter(network=network, is_archived=False).order_by(
        "-is_featured", "-clicks", "title")
    if not resources.exists():
        return None
    return forms.ModelMultipleChoiceField(
        queryset=resources, required=False, label=_("e-resources used"),
        help_text=_("Hold Ctrl to pick several."),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 4}))


def _save(entry, resources):
    from .actions import entry_resources_set

    if resources:
        entry_resources_set(entry=entry, resources=resources)


def desk_field() -> DeskField:
    return DeskField(name="resources", make=_make, save=_save)
