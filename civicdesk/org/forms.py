from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin

from .actions import Interval, interval_problems
from .models import Closure, Library, OpeningHours, Role

User = get_user_model()


class LibraryForm(StyledFormMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, max_length=200,
                             assume_scheme="https")

    class Meta:
        model = Library
        fields = ["name", "settlement", "address", "phone", "email", "website", "has_center"]


class BranchForm(LibraryForm):
    """A branch: the same fields plus the library it belongs to."""

    parent = forms.ModelChoiceField(queryset=Library.objects.none(), label=_("parent library"))

    class Meta(LibraryForm.Meta):
        fields = ["parent", *LibraryForm.Meta.fields]

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents


class SetupForm(StyledFormMixin, forms.Form):
    network_name = forms.CharField(
        label=_("Name of the library network"), max_length=200,
        help_text=_("For example: Sarny centralised library system"),
    )
    name = forms.CharField(label=_("Central library"), max_length=200)
    settlement = forms.CharField(label=_("settlement"), max_length=120)
    address = forms.CharField(label=_("address"), max_length=300)
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    admin_username = forms.CharField(label=_("Administrator's username"), max_length=150,
                                     widget=forms.TextInput(attrs={"autocomplete": "username"}))
    admin_first_name = forms.CharField(label=_("first name"), max_length=150, required=False)
    admin_last_name = forms.CharField(label=_("last name"), max_length=150, required=False)
    admin_email = forms.EmailField(label=_("Administrator's e-mail"), required=False)
    admin_password = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters, not a common password."))
    admin_password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("admin_password") and data.get("admin_password") != data.get(
            "admin_password2"
        ):
            self.add_error("admin_password2", _("The two passwords do not match."))
        return data


class BranchRowForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Branch"), max_length=200, required=False)
    settlement = forms.CharField(label=_("settlement"), max_length=120, required=False)
    has_center = forms.BooleanField(label=_("has a center"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("name") and (data.get("settlement") or data.get("has_center")):
            self.add_error("name", _("Enter the branch's name."))
        return data


class BaseBranchRowFormSet(forms.BaseFormSet):
    def clean(self):
        seen: set[str] = set()
        for form in self.forms:
            name = (form.cleaned_data or {}).get("name", "").strip().casefold()
            if not name:
                continue
            if name in seen:
                form.add_error("name", _("A library with this name already exists in the network."))
            seen.add(name)


BranchRowFormSet = forms.formset_factory(BranchRowForm, formset=BaseBranchRowFormSet, extra=10,
                                         max_num=50, validate_max=True)


class WeekHoursForm(forms.Form):
    """The week as a grid: up to two opening intervals per day (for a lunch break)."""

    SLOTS = (1, 2)
    PART_LABELS = {
        "opens": _("%(day)s, interval %(slot)s: opens"),
        "closes": _("%(day)s, interval %(slot)s: closes"),
    }

    def __init__(self, *args, library=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing: dict[int, list[OpeningHours]] = {}
        if library is not None:
            for h in library.opening_hours.all():
                existing.setdefault(h.weekday, []).append(h)
        for day, label in OpeningHours.Weekday.choices:
            for slot in self.SLOTS:
                rows = existing.get(day, [])
                current = rows[slot - 1] if len(rows) >= slot else None
                for part in ("opens", "closes"):
                    name = self.field_name(day, slot, part)
                    self.fields[name] = forms.TimeField(
                        label=self.PART_LABELS[part] % {"day": label, "slot": slot}, required=False,
                        widget=forms.TimeInput(attrs={"type": "time", "class": "form-control"},
                                               format="%H:%M"),
                    )
                    if current is not None and not self.is_bound:
                        self.initial[name] = getattr(current, part)

    @staticmethod
    def field_name(day: int, slot: int, part: str) -> str:
        return f"d{day}_{slot}_{part}"

    def rows(self):
        """(weekday label, [(opens field, closes field) per slot]) for the template."""
        return [
            (label, [(self[self.field_name(day, s, "opens")],
                      self[self.field_name(day, s, "closes")]) for s in self.SLOTS])
            for day, label in OpeningHours.Weekday.choices
        ]

    def clean(self):
        data = super().clean()
        intervals: list[Interval] = []
        where: dict[Interval, str] = {}
        for day, _label in OpeningHours.Weekday.choices:
            for slot in self.SLOTS:
                o_name = self.field_name(day, slot, "opens")
                c_name = self.field_name(day, slot, "closes")
                opens, closes = data.get(o_name), data.get(c_name)
                if o_name in self.errors or c_name in self.errors:
                    continue
                if opens and not closes:
                    self.add_error(c_name, _("Enter the closing time."))
                elif closes and not opens:
                    self.add_error(o_name, _("Enter the opening time."))
                elif opens and closes:
                    interval = Interval(day, opens, closes)
                    intervals.append(interval)
                    where[interval] = c_name if closes <= opens else o_name
        for interval, message in interval_problems(intervals):
            self.add_error(where[interval], message)
        self.intervals = intervals
        return data


class ClosureForm(StyledFormMixin, forms.Form):
    # A plain form: closure_create() validates the model once, so the page does
    # not pay for the same checks twice.
    starts_on = forms.DateField(label=_("from"),
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    ends_on = forms.DateField(label=_("to"),
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.ChoiceField(label=_("reason"), choices=Closure.Reason.choices)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A closure cannot end before it starts."))
        return data


class StaffMemberForm(StyledFormMixin, forms.Form):
    username = forms.CharField(label=_("username"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    first_name = forms.CharField(label=_("first name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"), required=False)
    library = forms.ModelChoiceField(queryset=Library.objects.none(), label=_("library"))
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    password = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters, not a common password."))
    password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if libraries is not None:
            self.fields["library"].queryset = libraries

    def clean_username(self):
        username = self.cleaned_data["username"]
        User.username_validator(username)
        return username

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords do not match."))
        return data


class MembershipForm(StyledFormMixin, forms.Form):
    library = forms.ModelChoiceField(queryset=Library.objects.none(), label=_("library"))
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if libraries is not None:
            self.fields["library"].queryset = libraries
