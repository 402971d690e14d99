"""The form for one body of the authorities directory, and the rules the import shares
with it: web addresses http(s) only, one name once in a network's directory (with the
shared central bodies), a parent from the same network or the shared ones, no cycles."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin

from .models import Authority

web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."))


def name_key(text: str) -> str:
    """Names compared as people read them: case and repeated spaces do not matter."""
    return " ".join((text or "").split()).casefold()


def in_scope(network):
    """The bodies a network's staff see: the network's own and the shared central ones.
    `network` None: the shared ones only."""
    if network is None:
        return Authority.objects.filter(network__isnull=True)
    return Authority.objects.filter(Q(network=network) | Q(network__isnull=True))


def same_name(network, name: str, exclude_pk=None) -> Authority | None:
    """A body in the network's directory (or the shared one) already called `name`."""
    key = name_key(name)
    for body in in_scope(network).exclude(pk=exclude_pk).only("pk", "name", "network"):
        if name_key(body.name) == key:
            return body
    return None


def makes_cycle(body: Authority, parent: Authority | None) -> bool:
    """Whether putting `body` under `parent` would make it (indirectly) its own part."""
    if body.pk is None:
        return False
    seen = set()
    while parent is not None and parent.pk not in seen:
        if parent.pk == body.pk:
            return True
        seen.add(parent.pk)
        parent = parent.parent
    return parent is not None  # a loop already in the data


class WebURLField(forms.URLField):
    """http and https only, with a message that says so."""

    default_validators = [web_url]
    default_error_messages = {"invalid": web_url.message}


def _url_field(label):
    return WebURLField(label=label, required=False, max_length=300, assume_scheme="https",
                       widget=forms.TextInput(attrs={"inputmode": "url",
                                                     "placeholder": "https://"}))


class AuthorityForm(StyledFormMixin, forms.ModelForm):
    website = _url_field(_("website"))
    petitions_url = _url_field(_("e-petitions page"))

    class Meta:
        model = Authority
        fields = ["name", "kind", "level", "parent", "territory", "postal_address", "email",
                  "website", "petitions_url", "info_requests", "hours", "notes",
                  "petition_signatures", "petition_days", "is_active"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, network=None, **kwargs):
        """`network`: the directory the body belongs to; None for a shared central body."""
        super().__init__(*args, **kwargs)
        self.network = network
        parents = in_scope(network).select_related("parent")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("name")
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = _("— none —")
        for name in ("petition_signatures", "petition_days"):
            self.fields[name].widget.attrs["min"] = 1
        self.fields["petition_signatures"].help_text = _(
            "For a local council: as set in the community's statute.")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        other = same_name(self.network, name, exclude_pk=self.instance.pk)
        if other is not None:
            raise ValidationError(gettext("«%(name)s» is already in the directory.")
                                  % {"name": other.name})
        return name

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is None:
            return None
        if parent.network_id is not None and parent.network_id != getattr(
                self.network, "pk", None):
            raise ValidationError(gettext("Choose a body of this network or a central one."))
        if makes_cycle(self.instance, parent):
            raise ValidationError(gettext(
                "«%(parent)s» is itself part of this body: a body cannot be part of itself.")
                % {"parent": parent.name})
        return parent

    def clean(self):
        data = super().clean()
        for name in ("petition_signatures", "petition_days"):
            if data.get(name) == 0:
                self.add_error(name, gettext("Enter a number greater than zero."))
        return data

    def save(self, commit=True):
        self.instance.network = self.network
        return super().save(commit=commit)


class AuthorityImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("file"),
        help_text=_("CSV or XLSX, first row the column names: name, kind, level, parent, "
                    "territory, postal_address, email, website, petitions_url, info_requests, "
                    "hours, notes, petition_signatures, petition_days (Ukrainian names are "
                    "accepted too). A parent is the name of a body already in the directory "
                    "or in a row above."))
