"""The social categories the center reports on, loaded once; the list stays editable."""

from .models import SocialCategory

SOCIAL_CATEGORIES = [
    ("pensioner", "Пенсіонер"),
    ("idp", "Внутрішньо переміщена особа"),
    ("disability", "Особа з інвалідністю"),
    ("veteran", "Учасник бойових дій / ветеран"),
    ("unemployed", "Безробітний"),
    ("student", "Студент"),
    ("schoolchild", "Школяр"),
    ("entrepreneur", "Підприємець"),
    ("large_family", "Член багатодітної сім'ї"),
    ("low_income", "Малозабезпечена особа"),
]

# The consent texts' current version; a new text gets a new version, and the
# version is stored with every consent and printed on the form.
CONSENT_TEXT_VERSION = "2026-1"


def social_categories_seed() -> str:
    created = 0
    for position, (code, name) in enumerate(SOCIAL_CATEGORIES, start=1):
        _, was_created = SocialCategory.objects.get_or_create(
            code=code, defaults={"name": name, "position": position})
        created += was_created
    return f"{created} social categories created"
