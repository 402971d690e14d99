from django import forms
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin
from civicdesk.patrons.models import SocialCategory

from .models import Campaign, Event, Room

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(StyledFormMixin, forms.ModelForm):
    # a plain text field: the action says what is wrong with a link, in our words
    online_url = forms.CharField(
        label=_("online link"), max_length=500, required=False,
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}))

    class Meta:
        model = Event
        fields = ["kind", "title", "description", "library", "starts_at", "ends_at",
                  "setup_minutes", "teardown_minutes", "room", "online_url", "speakers",
                  "audience", "audience_category", "capacity", "registration_open",
                  "is_public", "campaign", "is_template"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_at": DATETIME,
            "ends_at": DATETIME,
        }

    def __init__(self, *args, network=None, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
                                               "%d.%m.%Y %H:%M"]
        self.fields["library"].queryset = libraries
        self.fields["room"].queryset = Room.objects.filter(
            library__network=network).select_related("library")
        self.fields["audience_category"].queryset = SocialCategory.objects.filter(
            is_active=True)
        self.fields["campaign"].queryset = Campaign.objects.filter(network=network)
        self.fields["is_template"].help_text = _(
            "Kept as a starting point for new events; never shown as an event.")

    def validate_unique(self):
        pass

    def _post_clean(self):
        # the action validates and saves; the form only parses the fields
        pass


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("reason for cancelling"), max_length=300)


class RepeatForm(StyledFormMixin, forms.Form):
    count = forms.IntegerField(label=_("how many more times"), min_value=1, max_value=52,
                               initial=4)
    step = forms.ChoiceField(label=_("every"), choices=[("week", _("week")),
                                                        ("month", _("month"))])


class WalkInForm(StyledFormMixin, forms.Form):
    walk_ins = forms.IntegerField(label=_("came without registering"), min_value=0,
                                  max_value=100000)


class PersonForm(StyledFormMixin, forms.Form):
    """A registration without a patron record: staff write it down, or the citizen on the
    portal (who also gives consent)."""

    name = forms.CharField(label=_("full name"), max_length=200)
    phone = forms.CharField(label=_("phone"), max_length=32, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel",
                                                          "autocomplete": "tel"}))
    email = forms.EmailField(label=_("e-mail"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def clean(self):
        data = super().clean()
        if not ({"phone", "email"} & set(self.errors)) and not (data.get("phone") or data.get("email")):
            self.add_error("phone", _("Give a phone number or an e-mail address "
                                      "(at least one)."))
        return data


class PublicRegistrationForm(PersonForm):
    consent = forms.BooleanField(
        label=_("I agree that the library keeps my name and contacts to run this event "
                "and to tell me about changes to it."),
        error_messages={"required": _("Without your consent we cannot keep your "
                                      "registration.")})


class FeedbackForm(StyledFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("how useful was it (1–5)"), coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)], widget=forms.RadioSelect)
    learned = forms.BooleanField(label=_("I learned something I can use"), required=False)
    comment = forms.CharField(label=_("comment"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].widget.attrs["class"] = "form-check-input"
