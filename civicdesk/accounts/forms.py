from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from auditlog.models import LogEntry

from civicdesk.core.forms import StyledFormMixin


class AuditFilterForm(StyledFormMixin, forms.Form):
    actor = forms.ModelChoiceField(queryset=None, required=False, label=_("who"))
    model = forms.ModelChoiceField(queryset=ContentType.objects.none(), required=False,
                                   label=_("what"))
    action = forms.TypedChoiceField(
        choices=[("", _("any change"))] + list(LogEntry.Action.choices),
        coerce=int, empty_value=None, required=False, label=_("action"),
    )
    date_from = forms.DateField(required=False, label=_("from"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label=_("to"),
                              widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(required=False, max_length=100, label=_("object"))

    def __init__(self, *args, actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors
        self.fields["model"].queryset = ContentType.objects.filter(
            pk__in=LogEntry.objects.values("content_type_id")
        ).order_by("app_label", "model")
        self.fields["model"].label_from_instance = lambda ct: str(
            ct.model_class()._meta.verbose_name if ct.model_class() else ct.model
        ).capitalize()


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class StyledPasswordResetForm(StyledFormMixin, PasswordResetForm):
    pass


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass
