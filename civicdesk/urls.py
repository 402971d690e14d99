"""Public portal at /, staff back office under /staff/, accounts, admin, language switch."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from civicdesk.accounts.urls import staff_urlpatterns as accounts_staff
from civicdesk.org.views import setup as setup_views
from civicdesk.org.views import staff as org_staff
from civicdesk.portal.views import healthz

admin.site.site_header = _("civicdesk administration")
admin.site.site_title = _("civicdesk")

staff_patterns = [
    path("", org_staff.home, name="home"),
]

urlpatterns = [
    path("", include("civicdesk.portal.urls")),
    path("setup/", setup_views.setup, name="setup"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("civicdesk.accounts.urls")),
    path("staff/", include((staff_patterns, "staff"))),
    path("staff/", include("civicdesk.org.urls")),
    path("staff/", include((accounts_staff, "accounts_staff"))),
    path("staff/services/", include("civicdesk.services.urls")),
    path("staff/patrons/", include("civicdesk.patrons.urls")),
    path("staff/journal/", include("civicdesk.journal.urls")),
    path("staff/resources/", include("civicdesk.resources.urls")),
    path("resources/", include("civicdesk.resources.public_urls")),
    path("staff/documents/", include("civicdesk.documents.urls")),
    path("laws/", include("civicdesk.documents.public_urls")),
    path("staff/appeals/", include("civicdesk.appeals.urls")),
    path("staff/partners/", include("civicdesk.partners.urls")),
    path("news/", include("civicdesk.partners.public_urls")),
    path("staff/events/", include("civicdesk.events.urls")),
    path("events/", include("civicdesk.events.public_urls")),
    path("staff/plans/", include("civicdesk.plans.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
