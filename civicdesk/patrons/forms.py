from django import forms
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin

from .models import Consent, Patron, SocialCategory


class PatronForm(StyledFormMixin, forms.ModelForm):
    categories = forms.ModelMultipleChoiceField(
        queryset=SocialCategory.objects.filter(is_active=True), required=False,
        widget=forms.CheckboxSelectMultiple, label=_("social categories"))

    class Meta:
        model = Patron
        fields = ["surname", "given_name", "patronymic", "birth_year", "sex", "phone", "email",
                  "settlement", "categories"]
        widgets = {"birth_year": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checkboxes keep Bootstrap's own look.
        self.fields["categories"].widget.attrs.pop("class", None)
        # Only an anonymised record has no name.
        self.fields["surname"].required = True
        self.fields["given_name"].required = True


class PatronRegisterForm(PatronForm):
    library = forms.ModelChoiceField(queryset=None, label=_("registered at"))
    card_number = forms.CharField(label=_("library card"), max_length=32,
                                  widget=forms.TextInput(attrs={"autofocus": True,
                                                                "autocomplete": "off"}))
    consent_service = forms.BooleanField(
        required=False, label=_("The patron agrees that the services given to them are recorded"))
    confirm_duplicate = forms.BooleanField(
        required=False, widget=forms.HiddenInput, label=_("It is another person"))

    class Meta(PatronForm.Meta):
        fields = ["card_number", *PatronForm.Meta.fields]

    field_order = ["library", "card_number", "surname", "given_name", "patronymic",
                   "birth_year", "sex", "phone", "email", "settlement", "categories",
                   "consent_service"]

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries

    def validate_unique(self):
        # The card number is checked by the action, after it is normalised.
        pass

    def register(self, *, by):
        """Register the patron from the valid form (patron_register's rules apply)."""
        from .actions import patron_register

        d = self.cleaned_data
        return patron_register(
            library=d["library"], card_number=d["card_number"], surname=d["surname"],
            given_name=d["given_name"], patronymic=d["patronymic"],
            birth_year=d["birth_year"], sex=d["sex"], phone=d["phone"], email=d["email"],
            settlement=d["settlement"], categories=d["categories"], registered_by=by,
            consent_service=d["consent_service"], confirm_duplicate=d["confirm_duplicate"])


class ConsentForm(StyledFormMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("purpose"), choices=Consent.Purpose.choices)


class MergeForm(StyledFormMixin, forms.Form):
    card_number = forms.CharField(label=_("Card number of the duplicate record"), max_length=32)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ImportUploadForm(StyledFormMixin, forms.Form):
    library = forms.ModelChoiceField(queryset=None, label=_("register at"))
    file = forms.FileField(label=_("CSV or XLSX file"),
                           help_text=_("The first row names the columns. At most 10 MB."))

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Choose a CSV or XLSX file."))
        return upload


class ImportMappingForm(StyledFormMixin, forms.Form):
    consent_held = forms.BooleanField(
        required=False, label=_("The library holds these patrons' signed consent to record "
                                "the services given to them"))

    def __init__(self, *args, headers=(), fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(i), h or f"#{i + 1}") for i, h in enumerate(headers)]
        for key, label in (fields or {}).items():
            self.fields[f"col_{key}"] = forms.ChoiceField(label=label, choices=choices,
                                                          required=False)

    def mapping(self) -> dict:
        return {name[4:]: (int(v) if v != "" else None)
                for name, v in self.cleaned_data.items() if name.startswith("col_")}
