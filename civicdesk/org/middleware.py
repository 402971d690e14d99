from django.shortcuts import redirect
from django.urls import reverse

from .models import Network


class SetupRequiredMiddleware:
    """Until the first network exists, every page leads to the first-run setup."""

    ALWAYS_OPEN = ("/static/", "/i18n/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        setup_url = reverse("setup")
        path = request.path_info
        if path != setup_url and not path.startswith(self.ALWAYS_OPEN):
            if not Network.objects.exists():
                return redirect(setup_url)
        return self.get_response(request)
