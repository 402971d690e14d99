"""The consent form the patron signs (Law of Ukraine "On personal data protection").

It carries the text version stored with every consent, so that the signed paper and
the record in civicdesk can be matched.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.core.documents import render_docx, render_pdf

from .categories import CONSENT_TEXT_VERSION
from .models import Consent


def consent_form_blocks(patron=None, library=None) -> tuple[str, list[tuple]]:
    title = _("Consent to the processing of personal data")
    holder = library.name if library is not None else (patron.library.name if patron else "")
    blocks = [
        ("field", _("Text version"), CONSENT_TEXT_VERSION),
        ("field", _("Library"), holder),
        ("field", _("Full name"), patron.full_name if patron else ""),
        ("field", _("Library card"), patron.card_number if patron else ""),
        ("field", _("Year of birth"), patron.birth_year if patron else ""),
        ("p", _("Under the Law of Ukraine \"On personal data protection\" I agree that the "
                "library processes my personal data (name, year of birth, settlement, "
                "contacts and social category, as I give them) for these purposes:")),
    ]
    for _value, label in Consent.Purpose.choices:
        blocks.append(("p", f"☐ {label}"))
    blocks += [
        ("p", _("The data are kept while I use the library and anonymised after %(years)s "
                "years without use. I may see all data held on me, have them corrected, and "
                "withdraw this consent at any time; then they are no longer processed for "
                "that purpose.") % {"years": settings.PATRON_RETENTION_YEARS}),
        ("field", _("Date"), timezone.localdate().strftime("%d.%m.%Y")),
        ("sign", _("Signature")),
    ]
    return title, blocks


def consent_form(patron=None, library=None, *, kind: str) -> bytes:
    title, blocks = consent_form_blocks(patron, library)
    return render_docx(title, blocks) if kind == "docx" else render_pdf(title, blocks)
