from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from .permissions import is_staff_member, network_or_404, networks_visible_to


def staff_required(view):
    """Logged-in staff with a role somewhere (or the administrator); others go to the login."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def network_page(url_name: str):
    """For a page of one network at `<…>/<network_pk>/` (a catalog, a library of
    documents): without the pk it opens the first network the user sees; with it the
    view gets `network` (404 out of reach) and `networks` (all the user sees, for the
    switch between them)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, network_pk=None, *args, **kwargs):
            networks = list(networks_visible_to(request.user))
            if network_pk is None:
                if not networks:
                    raise Http404
                return redirect(url_name, network_pk=networks[0].pk)
            network = network_or_404(request.user, network_pk)
            return view(request, network, networks, *args, **kwargs)

        return wrapper

    return decorator
