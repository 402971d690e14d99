"""What a resource's address may be, and when two addresses are the same one."""

import re
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

_validate = URLValidator(schemes=["http", "https"])
URL_IN_TEXT_RE = re.compile(r"https?://[^\s<>\"'«»]+", re.IGNORECASE)


def clean_url(raw: str) -> str:
    """The address as it will be stored, or a ValidationError saying what is wrong."""
    url = (raw or "").strip()
    if not url:
        raise ValidationError(_("Enter the address."))
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme in ("javascript", "data", "file", "vbscript", "ftp", "mailto"):
        raise ValidationError(_("Only web addresses (http:// or https://) can be in the "
                                "catalog, not «%(scheme)s:».") % {"scheme": scheme})
    if "://" not in url and re.match(r"^[\w.-]+\.[a-zа-яіїєґ]{2,}(/|$)", url, re.IGNORECASE):
        url = "https://" + url  # "diia.gov.ua" as people type it
    if len(url) > 500:
        raise ValidationError(_("The address is too long (at most 500 characters)."))
    try:
        _validate(url)
    except ValidationError:
        raise ValidationError(_("This is not a valid web address.")) from None
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, parts.fragment))


def url_key(url: str) -> str:
    """The same page, however written: scheme, «www.», default port, trailing slash,
    fragment and letter case of the host do not matter."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    host = host.removeprefix("www.")
    port = parts.port
    if port in (80, 443):
        port = None
    path = parts.path.rstrip("/")
    key = host + (f":{port}" if port else "") + path
    return key + (f"?{parts.query}" if parts.query else "")


def urls_in_text(text: str) -> list[str]:
    return [u.rstrip(".,;:)") for u in URL_IN_TEXT_RE.findall(text or "")]
