from django import forms

from civicdesk.core.forms import StyledFormMixin

from .models import Service, ServiceGroup


class ServiceForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Service
        fields = ["group", "name", "description", "is_paid", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        if network is not None:
            self.fields["group"].queryset = ServiceGroup.objects.filter(network=network)

    def validate_unique(self):
        # Uniqueness per network is checked by the action, which knows the network.
        pass
