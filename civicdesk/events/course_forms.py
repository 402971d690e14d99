from django import forms
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin

from .models import Course, CourseSession, Room

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CourseForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "library", "description", "audience", "completion_percent", "hours",
                  "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "completion_percent": _("A participant completes the course and gets the "
                                    "certificate when they attended at least this share of "
                                    "its sessions (1–100)."),
            "is_public": _("Shown on the portal."),
        }

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries
        self.fields["completion_percent"].widget.attrs.update({"min": 1, "max": 100})

    def clean_completion_percent(self):
        value = self.cleaned_data.get("completion_percent")
        if value is None or not 1 <= value <= 100:
            raise forms.ValidationError(
                _("The share of sessions to attend must be from 1 to 100 %."))
        return value


class SessionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = CourseSession
        fields = ["starts_at", "ends_at", "topic", "room"]
        widgets = {"starts_at": _DATETIME, "ends_at": _DATETIME}

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(
            library__network=network).select_related("library")
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["ends_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def _post_clean(self):
        # The end-after-start rule is the action's (one message, next to "ends").
        pass


class StaffEnrollForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("full name of the staff member"), max_length=200)


class CertificateCheckForm(forms.Form):
    code = forms.CharField(label=_("check code"), max_length=40, widget=forms.TextInput(
        attrs={"class": "form-control", "autocomplete": "off", "autocapitalize": "characters",
               "placeholder": "ABCDE-FGHJK"}))
