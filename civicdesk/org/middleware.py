from django.shortcuts import redirect
from django.urls import reverse

from .models import Network


class SetupRequiredMiddleware:
    """Until the first network exists, every page leads to the first-run setup."""

    ALWAYS_OPEN = ("/static/", "/i18n/", "/healthz")
    # Once set up, a server stays set up: stop asking the database.
    set_up = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not SetupRequiredMiddleware.set_up:
            if Network.objects.exists():
                SetupRequiredMiddleware.set_up = True
            else:
                path = request.path_info
                setup_url = reverse("setup")
                if path != setup_url and not path.startswith(self.ALWAYS_OPEN):
                    return redirect(setup_url)
        return self.get_response(request)
