"""Forms of the partners app: the formats of fields (web addresses http(s) only, a valid
e-mail, an agreement's file of a known type and size); the rules between fields and rows
are the actions' (civicdesk/partners/actions.py)."""

from django import forms
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin
from civicdesk.events.models import Campaign

from . import selectors
from .models import Agreement, Interaction, News, Partner, Publication

web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."))

MAX_AGREEMENT_BYTES = 10 * 1024 * 1024

# extension -> what the file must start with (the type is checked, not only the name)
AGREEMENT_TYPES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


class WebURLField(forms.URLField):
    """http and https only, with a message that says so."""

    default_validators = [web_url]
    default_error_messages = {"invalid": web_url.message}


def _url_field(label, max_length):
    return WebURLField(label=label, required=False, max_length=max_length,
                       assume_scheme="https",
                       widget=forms.TextInput(attrs={"inputmode": "url",
                                                     "placeholder": "https://"}))


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _event_label(event) -> str:
    return f"{timezone.localtime(event.starts_at):%d.%m.%Y} — {event.title}"


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _event_label(obj)


class EventsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _event_label(obj)


class PartnerForm(StyledFormMixin, forms.ModelForm):
    website = _url_field(_("website"), 300)

    class Meta:
        model = Partner
        fields = ["name", "kind", "contact_person", "phone", "email", "website", "address",
                  "notes", "is_active"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def _post_clean(self):
        # the network and the unique name are the action's to check
        pass


class AgreementForm(StyledFormMixin, forms.ModelForm):
    file = forms.FileField(
        label=_("file"), required=False,
        help_text=_("PDF, DOCX, ODT, JPG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.jpg,.jpeg,.png"}))

    class Meta:
        model = Agreement
        fields = ["kind", "title", "signed_on", "valid_until", "file", "notes"]
        widgets = {"signed_on": _date_widget(), "valid_until": _date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].help_text = _("Empty: without a term.")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "size"):
            return None
        name = upload.name or ""
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext not in AGREEMENT_TYPES:
            raise forms.ValidationError(gettext(
                "This file type is not accepted: upload a PDF, DOCX, ODT, JPG or PNG."))
        if upload.size > MAX_AGREEMENT_BYTES:
            raise forms.ValidationError(gettext(
                "The file is %(size)s; the limit is %(limit)s.") % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_AGREEMENT_BYTES)})
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(magic) for magic in AGREEMENT_TYPES[ext]):
            raise forms.ValidationError(gettext(
                "The file's content is not a %(type)s file.") % {"type": ext.upper()})
        return upload

    def _post_clean(self):
        pass


class InteractionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["happened_on", "kind", "summary", "event"]
        widgets = {"happened_on": _date_widget(),
                   "summary": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"event": EventChoiceField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = selectors.network_events(network)
        self.fields["event"].required = False
        self.fields["event"].empty_label = _("— none —")

    def _post_clean(self):
        pass


class CampaignForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["title", "description", "starts_on", "ends_on"]
        widgets = {"starts_on": _date_widget(), "ends_on": _date_widget(),
                   "description": forms.Textarea(attrs={"rows": 4})}

    def _post_clean(self):
        pass


class PublicationForm(StyledFormMixin, forms.ModelForm):
    url = _url_field(_("link"), 500)

    class Meta:
        model = Publication
        fields = ["published_on", "kind", "title", "outlet", "outlet_name", "url", "events",
                  "campaign"]
        widgets = {"published_on": _date_widget()}
        field_classes = {"events": EventsChoiceField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        media = Partner.objects.filter(network=network, kind=Partner.Kind.MEDIA)
        if self.instance.outlet_id:
            media = media | Partner.objects.filter(pk=self.instance.outlet_id)
        self.fields["outlet"].queryset = media.order_by("name")
        self.fields["outlet"].empty_label = _("— not a partner —")
        self.fields["outlet"].help_text = _("A media partner; or type the outlet's name below.")
        self.fields["events"].queryset = selectors.network_events(network)
        self.fields["events"].widget.attrs["size"] = 6
        self.fields["campaign"].queryset = Campaign.objects.filter(network=network)
        self.fields["campaign"].empty_label = _("— none —")

    def _post_clean(self):
        pass


class NewsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = News
        fields = ["title", "body", "published_at", "is_published", "event"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10}),
                   "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                       format="%Y-%m-%dT%H:%M")}
        field_classes = {"event": EventChoiceField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "Plain text; an empty line starts a new paragraph.")
        self.fields["published_at"].help_text = _(
            "A later time: the item appears on the portal then.")
        self.fields["event"].queryset = selectors.network_events(network)
        self.fields["event"].required = False
        self.fields["event"].empty_label = _("— none —")

    def _post_clean(self):
        pass


class LinkEventForm(StyledFormMixin, forms.Form):
    event = EventChoiceField(label=_("event"), queryset=None)

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = selectors.network_events(partner.network).exclude(
            pk__in=partner.events.values("pk"))
