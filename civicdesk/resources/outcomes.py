"""What each link-check outcome is called in the staff's words."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "ok": _("works"),
    "redirected": _("moved permanently"),
    "not_found": _("page not found (404, 410)"),
    "server_error": _("site error (5xx)"),
    "client_error": _("refused by the site (4xx)"),
    "rate_limited": _("site asks to come back later (429, 503)"),
    "timeout": _("no answer in time"),
    "dns_error": _("no such site name (DNS)"),
    "refused": _("connection refused"),
    "tls_error": _("certificate or encryption error (TLS)"),
    "dropped": _("connection dropped"),
    "redirect_loop": _("redirects in a circle"),
    "too_many_redirects": _("too many redirects"),
    "soft_404": _("page says it is not found"),
    "blocked": _("private address, not checked"),
    "invalid": _("not a valid address"),
}


def label(value) -> str:
    return str(LABELS.get(str(value), value))
