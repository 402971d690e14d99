from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin
from civicdesk.patrons.models import SocialCategory

from .models import Resource, ResourceCategory


class ResourceForm(StyledFormMixin, forms.ModelForm):
    # a plain text field: the action says what is wrong with an address, in our words
    url = forms.CharField(label=_("address (URL)"), max_length=500,
                          widget=forms.TextInput(attrs={"inputmode": "url",
                                                        "placeholder": "https://"}))

    class Meta:
        model = Resource
        fields = ["title", "url", "description", "categories", "level", "audiences", "owner",
                  "keywords", "curator", "is_featured", "new_until"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "categories": forms.CheckboxSelectMultiple,
            "audiences": forms.SelectMultiple(attrs={"size": 5}),
            "new_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, network=None, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = ResourceCategory.objects.all()
        self.fields["categories"].widget.attrs["class"] = "form-check-input"
        self.fields["audiences"].queryset = SocialCategory.objects.filter(is_active=True)
        self.fields["audiences"].required = False
        users = get_user_model().objects.filter(is_active=True)
        self.fields["curator"].queryset = users if staff is None else staff

    def validate_unique(self):
        # the action checks the address against the network's catalog
        pass

    def _post_clean(self):
        # the action validates and saves; the form only parses the fields
        pass


class DismissForm(StyledFormMixin, forms.Form):
    days = forms.IntegerField(label=_("do not report for, days"), min_value=1, max_value=365,
                              initial=30)


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("file"),
        help_text=_("CSV or XLSX (columns: title, url, description, categories, level, "
                    "owner, keywords), JSON exported from civicdesk, or a browser "
                    "bookmarks file (HTML)."))
