"""Synonyms and abbreviations applied at query time: a citizen types "ЦНАП" or
"переселенці", the acts say "центр надання адміністративних послуг" and "внутрішньо
переміщені особи". Each network has its own table (seeded with SEED, then the center
head's to edit); every member of a row stands for every other.
"""

from django.core.cache import cache
from django.db import transaction

from .indexing import terms
from .models import Synonym

SEED = [
    ("ЦНАП", "центр надання адміністративних послуг"),
    ("ВПО", "внутрішньо переміщена особа; переселенець"),
    ("переселенець", "внутрішньо переміщена особа"),
    ("УБД", "учасник бойових дій"),
    ("АТО", "антитерористична операція"),
    ("ООС", "операція об'єднаних сил"),
    ("ФОП", "фізична особа - підприємець; підприємець"),
    ("ОСББ", "об'єднання співвласників багатоквартирного будинку"),
    ("ЄДРПОУ", "Єдиний державний реєстр підприємств та організацій України"),
    ("РНОКПП", "реєстраційний номер облікової картки платника податків; "
               "ідентифікаційний номер; ІПН"),
    ("ІПН", "індивідуальний податковий номер; реєстраційний номер облікової картки "
            "платника податків"),
    ("ПФУ", "Пенсійний фонд України"),
    ("ОМС", "орган місцевого самоврядування"),
    ("ОТГ", "об'єднана територіальна громада; територіальна громада"),
    ("ТЦК", "територіальний центр комплектування"),
    ("ЗСУ", "Збройні Сили України"),
    ("КЗпП", "Кодекс законів про працю"),
    ("КУпАП", "Кодекс України про адміністративні правопорушення"),
    ("ДРАЦС", "державна реєстрація актів цивільного стану"),
    ("РАЦС", "реєстрація актів цивільного стану"),
    ("ЄСВ", "єдиний внесок на загальнообов'язкове державне соціальне страхування"),
    ("КЕП", "кваліфікований електронний підпис"),
    ("ЕЦП", "електронний цифровий підпис; кваліфікований електронний підпис"),
    ("е-петиція", "електронна петиція"),
    ("петиція", "електронна петиція"),
    ("декрет", "відпустка для догляду за дитиною"),
    ("декретна відпустка", "відпустка у зв'язку з вагітністю та пологами; відпустка для "
                           "догляду за дитиною"),
    ("лікарняний", "допомога по тимчасовій непрацездатності"),
    ("інвалід", "особа з інвалідністю"),
    ("безробітний", "безробіття; зареєстрований безробітний"),
    ("прописка", "реєстрація місця проживання; задеклароване місце проживання"),
    ("звільнення", "припинення трудового договору; розірвання трудового договору"),
    ("зарплата", "заробітна плата"),
    ("пенсіонер", "пенсія; особа похилого віку"),
    ("запит на інформацію", "запит на публічну інформацію; інформаційний запит"),
    ("скарга", "звернення; оскарження"),
    ("пільга", "пільги; соціальна допомога"),
    ("субсидія", "житлова субсидія"),
    ("староста", "старостинський округ"),
    ("ID-картка", "паспорт громадянина України у формі картки"),
]


@transaction.atomic
def seed(network) -> int:
    """Add the shipped rows a network does not have yet (edits and deletions stay)."""
    have = set(Synonym.objects.filter(network=network).values_list("term", flat=True))
    if have:  # seeded before: what the head changed is the head's
        return 0
    rows = [Synonym(network=network, term=term, means=means) for term, means in SEED]
    Synonym.objects.bulk_create(rows)
    forget(network)
    return len(rows)


def seed_all() -> str:
    from civicdesk.org.models import Network

    added = sum(seed(n) for n in Network.objects.all())
    return f"{added} synonyms"


def _key(network) -> str:
    return f"documents:synonyms:{network.pk if network else 0}"


def forget(network) -> None:
    cache.delete(_key(network))


def table(network) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Each name (as a tuple of index terms) → the other names of the same thing."""
    found = cache.get(_key(network))
    if found is not None:
        return found
    groups: list[set[tuple[str, ...]]] = []
    rows = (Synonym.objects.filter(network=network).values_list("term", "means")
            if network is not None else SEED)  # no network: the shipped table
    for term, means in rows:
        names = {tuple(terms(term))} | {tuple(terms(m)) for m in means.split(";")}
        groups.append({n for n in names if n})
    result: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in groups:
        for name in group:
            others = result.setdefault(name, [])
            others += [o for o in sorted(group) if o != name and o not in others]
    cache.set(_key(network), result, 3600)
    return result
