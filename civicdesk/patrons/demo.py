"""Demo patrons for the demo network (see core.demo_data)."""

from civicdesk.org.models import Library

from .actions import patron_register
from .models import SocialCategory

DEMO_PATRONS = [
    ("Петренко", "Іван", "Іванович", 1951, "pensioner"),
    ("Коваль", "Марʼяна", "Степанівна", 1962, "pensioner"),
    ("Шевчук", "Олена", "Петрівна", 1985, "idp"),
    ("Бондаренко", "Андрій", "Миколайович", 1979, "veteran"),
    ("Ткаченко", "Світлана", "Василівна", 1990, "unemployed"),
    ("Кравчук", "Ярослав", "Олегович", 2004, "student"),
    ("Мельничук", "Ганна", "Іллівна", 1948, "disability"),
    ("Олійник", "Юрій", "Богданович", 1975, "entrepreneur"),
    ("Їжакевич", "Ґалина", "Остапівна", 1958, "large_family"),
    ("Савчук", "Дмитро", "Андрійович", 2009, "schoolchild"),
]


def demo_patrons_load(network) -> None:
    libraries = list(Library.objects.filter(network=network).order_by("kind", "pk"))
    central = next(lib for lib in libraries if lib.kind == Library.Kind.CENTRAL)
    branches = [lib for lib in libraries if lib.kind == Library.Kind.BRANCH]
    for n, (surname, given, patronymic, year, category) in enumerate(DEMO_PATRONS):
        library = central if n % 2 == 0 or not branches else branches[n % len(branches)]
        patron_register(library=library, card_number=f"D{network.pk:02d}{n + 1:05d}",
                        surname=surname, given_name=given, patronymic=patronymic,
                        birth_year=year, phone=f"+380 67 000 00 {n:02d}",
                        settlement=library.settlement,
                        categories=SocialCategory.objects.filter(code=category),
                        consent_service=True, confirm_duplicate=True)
