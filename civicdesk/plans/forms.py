from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from civicdesk.core import metrics
from civicdesk.core.forms import StyledFormMixin
from civicdesk.org.models import Membership

from . import periods
from .models import PlanItem, Report
from .periods import PeriodKind
from .sections import Section


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(StyledFormMixin, forms.Form):
    library = forms.ModelChoiceField(label=_("library"), queryset=None)
    period_kind = forms.ChoiceField(label=_("period"), choices=PeriodKind.choices)
    period_start = forms.DateField(label=_("any day of the period"), widget=DateInput(),
                                   help_text=_("The plan is for the year, quarter or month "
                                               "that holds this day."))

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries

    def clean(self):
        data = super().clean()
        if data.get("period_kind") and data.get("period_start"):
            data["period_start"] = periods.bounds(data["period_kind"], data["period_start"])[0]
        return data


class PlanForm(PeriodForm):
    note = forms.CharField(label=_("note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(PeriodForm):
    scope = forms.ChoiceField(label=_("report on"), choices=Report.Scope.choices)


def metric_choices():
    return [("", _("— a manual check (no indicator) —"))] + [
        (m.key, str(m.label)) for m in metrics.all_metrics()]


class ItemForm(StyledFormMixin, forms.ModelForm):
    target = forms.IntegerField(label=_("target"), required=False,
                                help_text=_("For an indicator: the number to reach in the "
                                            "period."))
    metric_key = forms.ChoiceField(label=_("indicator"), required=False)

    class Meta:
        model = PlanItem
        fields = ["section", "what", "due_date", "responsible_user", "responsible_text",
                  "metric_key", "target"]
        widgets = {"due_date": DateInput(), "what": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, library=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = Section.choices
        self.fields["metric_key"].choices = metric_choices()
        if self.instance.metric_key and self.instance.metric_key not in dict(
                self.fields["metric_key"].choices):
            self.fields["metric_key"].choices.append(
                (self.instance.metric_key, self.instance.metric_key))
        staff = Membership.objects.filter(library__network_id=library.network_id).values("user")
        self.fields["responsible_user"].queryset = get_user_model().objects.filter(
            pk__in=staff, is_active=True).order_by("last_name", "first_name")
        self.fields["responsible_user"].label_from_instance = (
            lambda u: f"{u.last_name} {u.first_name}".strip() or u.username)

    def clean(self):
        data = super().clean()
        if data.get("target") is not None and data["target"] <= 0:
            self.add_error("target", _("The target must be greater than zero."))
        elif data.get("metric_key") and data.get("target") is None and "target" not in self.errors:
            self.add_error("target", _("An indicator needs a target."))
        return data


class DoneForm(StyledFormMixin, forms.Form):
    done = forms.BooleanField(label=_("done"), required=False)
    comment = forms.CharField(label=_("comment on execution"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class NarrativeForm(StyledFormMixin, forms.Form):
    narrative = forms.CharField(label=_("the head's narrative"), required=False,
                                max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))


class SplitForm(StyledFormMixin, forms.Form):
    period_start = forms.ChoiceField(label=_("period"))

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .actions import CHILD_OF

        kind, _n = CHILD_OF[plan.period_kind]
        choices, day = [], plan.period_start
        while day < plan.period_end:
            choices.append((day.isoformat(), periods.label(kind, day)))
            day = periods.bounds(kind, day)[1]
        self.fields["period_start"].choices = choices
