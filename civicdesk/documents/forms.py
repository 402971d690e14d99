from django import forms
from django.utils.translation import gettext_lazy as _

from civicdesk.core.forms import StyledFormMixin

from .models import Document, Synonym


class DocumentForm(StyledFormMixin, forms.ModelForm):
    text = forms.CharField(
        label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_('Articles starting with "Стаття N." become separate search hits. '
                    "Text taken from a file is shown here to check and correct."))
    upload = forms.FileField(
        label=_("file (PDF, DOCX, ODT, RTF, HTML, TXT)"), required=False,
        help_text=_("Its text is taken out and shown above for checking before saving."))

    source_url = forms.URLField(label=_("source (URL)"), required=False, max_length=500,
                                assume_scheme="https")

    class Meta:
        model = Document
        fields = ["collection", "kind", "level", "issuer", "number", "adopted_on", "title",
                  "short_name", "status", "in_force_from", "lost_force_on", "source_url",
                  "territory", "tags", "is_published", "text_checked"]
        widgets = {f: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                   for f in ("adopted_on", "in_force_from", "lost_force_on")}

    def clean_source_url(self):
        url = self.cleaned_data["source_url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Give an address starting with http:// or https://."))
        return url


class ArticleForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("heading"), max_length=1000, required=False)
    text = forms.CharField(label=_("text"), required=False,
                           widget=forms.Textarea(attrs={"rows": 16}))


class SynonymForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["term", "means"]


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=1000)
    kind = forms.ChoiceField(required=False, choices=[("", "")] + Document.Kind.choices)
    level = forms.ChoiceField(required=False, choices=[("", "")] + Document.Level.choices)
    status = forms.ChoiceField(required=False, choices=[("", "")] + Document.Status.choices)
    collection = forms.ChoiceField(required=False,
                                   choices=[("", "")] + Document.Collection.choices)
    issuer = forms.CharField(required=False, max_length=200)
    territory = forms.CharField(required=False, max_length=200)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    sort = forms.ChoiceField(required=False, choices=[("relevance", ""), ("date", "")])
    page = forms.IntegerField(required=False, min_value=1, max_value=20)
