import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin
from civicdesk.patrons.models import SocialCategory

from . import extensions
from .models import JournalEntry


class _ReadLibraryField(forms.ModelChoiceField):
    """The library chosen among those the view has read already: checked against them,
    without reading the one chosen again (a query less on every desk save)."""

    read: dict[str, object] | None = None

    def to_python(self, value):
        if self.read is None or value in self.empty_values:
            return super().to_python(value)
        found = self.read.get(str(getattr(value, "pk", value)))
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class DeskForm(StyledFormMixin, forms.Form):
    """One citizen served. Built for the keyboard: patron, services, save."""

    library = _ReadLibraryField(queryset=None, label=_("library"))
    patron = forms.IntegerField(required=False, widget=forms.HiddenInput)
    patron_query = forms.CharField(
        required=False, max_length=100, label=_("Patron: card, name or phone"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off",
                                      "type": "search"}))
    unidentified_reason = forms.CharField(
        required=False, max_length=200, label=_("Or: why the citizen is not identified"),
        help_text=_("For example: a phone call, refused to give a name."))
    unidentified_category = forms.ModelChoiceField(
        queryset=SocialCategory.objects.filter(is_active=True), required=False,
        label=_("social category of the citizen"))
    services = forms.MultipleChoiceField(label=_("services"), widget=forms.CheckboxSelectMultiple)
    channel = forms.ChoiceField(label=_("channel"), choices=JournalEntry.Channel.choices,
                                initial=JournalEntry.Channel.IN_PERSON, widget=forms.RadioSelect)
    duration_minutes = forms.IntegerField(label=_("duration, minutes"), initial=10,
                                          min_value=1, max_value=480)
    outcome = forms.ChoiceField(label=_("outcome"), choices=JournalEntry.Outcome.choices,
                                initial=JournalEntry.Outcome.RESOLVED, widget=forms.RadioSelect)
    referred_to = forms.CharField(required=False, max_length=200, label=_("referred to"))
    served_at = forms.DateTimeField(
        required=False, label=_("served at"),
        help_text=_("Leave empty for now. An earlier time is marked as entered later."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    note = forms.CharField(required=False, max_length=500, label=_("note"),
                           help_text=_("Do not write personal data here."))
    unmet_need = forms.CharField(
        required=False, max_length=500, label=_("unmet need"),
        help_text=_("What the citizen asked for that the center could not give (§2.2)."))
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, libraries=None, listed=None, services=(), network=None,
                 **kwargs):
        """`libraries`: a query set of those the user may choose; `listed`: the same
        already read, if the view has them."""
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries
        if listed is not None:
            self.fields["library"].read = {str(lib.pk): lib for lib in listed}
        self.show_services(services)
        self.extra_names = extensions.add_to_form(self, network) if network else []
        for name in ("services", "channel", "outcome"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    def show_services(self, services) -> None:
        """The services to choose from, in the order the page lists them."""
        self.fields["services"].choices = [(str(s.pk), s.name) for s in services]

    def extra_fields(self):
        return [self[name] for name in self.extra_names]


class EntryEditForm(StyledFormMixin, forms.Form):
    services = forms.MultipleChoiceField(label=_("services"), widget=forms.CheckboxSelectMultiple)
    channel = forms.ChoiceField(label=_("channel"), choices=JournalEntry.Channel.choices,
                                widget=forms.RadioSelect)
    duration_minutes = forms.IntegerField(label=_("duration, minutes"), min_value=1,
                                          max_value=480)
    outcome = forms.ChoiceField(label=_("outcome"), choices=JournalEntry.Outcome.choices,
                                widget=forms.RadioSelect)
    referred_to = forms.CharField(required=False, max_length=200, label=_("referred to"))
    note = forms.CharField(required=False, max_length=500, label=_("note"),
                           help_text=_("Do not write personal data here."))
    unmet_need = forms.CharField(required=False, max_length=500, label=_("unmet need"))

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = [(str(s.pk), s.name) for s in services]
        for name in ("services", "channel", "outcome"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("reason for cancelling"), max_length=300)


class NeedCloseForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("what became of it"), choices=[
        (JournalEntry.NeedStatus.RESOLVED, JournalEntry.NeedStatus.RESOLVED.label),
        (JournalEntry.NeedStatus.NO_ACTION, JournalEntry.NeedStatus.NO_ACTION.label)])
    resolution = forms.CharField(label=_("what was done"), max_length=300, required=False)


class StatisticsForm(StyledFormMixin, forms.Form):
    PERIODS = [("day", _("day")), ("week", _("week")), ("month", _("month")),
               ("quarter", _("quarter")), ("year", _("year")), ("custom", _("my dates"))]

    period = forms.ChoiceField(label=_("period"), choices=PERIODS, initial="month")
    day = forms.DateField(label=_("date in the period"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_from = forms.DateField(label=_("from"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("to"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    libraries = forms.ModelMultipleChoiceField(queryset=None, required=False,
                                               label=_("libraries (none chosen: all)"))

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["libraries"].queryset = libraries
        self.fields["libraries"].widget.attrs["size"] = 4

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            start, end = data.get("date_from"), data.get("date_to")
            if not start:
                self.add_error("date_from", _("Enter the first day."))
            if not end:
                self.add_error("date_to", _("Enter the last day."))
            if start and end and end < start:
                self.add_error("date_to", _("The last day cannot be before the first."))
            if start and end and (end - start).days > 3660:
                self.add_error("date_to", _("Choose at most ten years."))
        return data
