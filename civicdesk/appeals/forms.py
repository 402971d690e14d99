from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin

from .models import Appeal, Authority


def authorities_for(network):
    return Authority.objects.filter(Q(network__isnull=True) | Q(network=network),
                                    is_active=True).order_by("network", "name")


class AppealForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Appeal
        fields = ["kind", "authority", "urgent", "subject", "substance", "requester_address",
                  "residence", "journal_entry"]
        widgets = {"substance": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, network=None, patron=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities_for(network)
        self.fields["journal_entry"].queryset = (
            patron.journal_entries.order_by("-served_at") if patron
            else self.fields["journal_entry"].queryset.none())
        self.fields["journal_entry"].label_from_instance = (
            lambda e: e.served_at.strftime("%d.%m.%Y %H:%M"))
        self.fields["journal_entry"].required = False


class LetterForm(StyledFormMixin, forms.Form):
    letter = forms.CharField(label=_("letter"), max_length=40000,
                             widget=forms.Textarea(attrs={"rows": 14}))


class SubmitForm(StyledFormMixin, forms.Form):
    submitted_at = forms.DateTimeField(
        label=_("submitted"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                         format="%Y-%m-%dT%H:%M"))
    channel = forms.ChoiceField(label=_("channel"), choices=Appeal.Channel.choices)
    registration_number = forms.CharField(label=_("registration number given by the body"),
                                          max_length=60, required=False)
    received_on = forms.DateField(
        label=_("received by the body"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When known; otherwise the day of submission."))


class ExtendForm(StyledFormMixin, forms.Form):
    extended_on = forms.DateField(label=_("extension notice dated"),
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    notice = forms.CharField(label=_("the body's notice of extension"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ForwardForm(StyledFormMixin, forms.Form):
    to = forms.ModelChoiceField(label=_("forwarded to"), queryset=Authority.objects.none())
    forwarded_on = forms.DateField(label=_("forwarded on"),
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = authorities_for(network)


class AnswerForm(StyledFormMixin, forms.Form):
    answered_on = forms.DateField(label=_("answered on"),
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    outcome = forms.ChoiceField(label=_("outcome"), choices=Appeal.Outcome.choices)
    refusal_reason = forms.CharField(label=_("reason for refusal"), required=False,
                                     max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    answer_file = forms.FileField(label=_("the reply (scan)"), required=False)


class TemplateForm(StyledFormMixin, forms.Form):
    body = forms.CharField(label=_("text"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 14}))
