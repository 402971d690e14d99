"""Reference data of the authorities directory: the central bodies citizens write to.

Shared by every network on the server (network empty); only the administrator edits
them. Loaded by `manage.py load_reference_data` at every start, idempotently: a body
already present under the same name or with the same website is left as the
administrator has it (renamed, corrected, deactivated), nothing is added twice.

Only facts known for certain are filled in: official names, websites, the e-petitions
pages and the postal addresses of the bodies' seats in Kyiv. E-mail addresses for
appeals change and are not listed; staff add them where they know them.

Not included on purpose: the Ministry for Reintegration (renamed the Ministry of National
Unity in December 2024 and joined to the Ministry of Social Policy in July 2025), and the
Ministry for Communities and Territories Development (its name has changed more than once
since 2022; add it by hand under its current name). Ukrposhta is not an authority.
"""

from django.db import transaction

from civicdesk.org.models import Network

from .models import Authority

K = Authority.Kind
N = Authority.Level.NATIONAL

# name, kind, postal address, website, e-petitions page, notes
CENTRAL = [
    ("Президент України (Офіс Президента України)", K.CENTRAL,
     "вул. Банкова, 11, м. Київ, 01220", "https://www.president.gov.ua/",
     "https://petition.president.gov.ua/",
     "Електронна петиція до Президента розглядається, якщо за три місяці зібрано "
     "25 000 підписів."),
    ("Верховна Рада України", K.CENTRAL, "вул. Грушевського, 5, м. Київ, 01008",
     "https://www.rada.gov.ua/", "https://itd.rada.gov.ua/services/petitions/",
     "Електронна петиція до Верховної Ради розглядається, якщо за три місяці зібрано "
     "25 000 підписів."),
    ("Кабінет Міністрів України", K.CENTRAL, "вул. Грушевського, 12/2, м. Київ, 01008",
     "https://www.kmu.gov.ua/", "https://petition.kmu.gov.ua/",
     "Урядова гаряча лінія: 1545 (1545.gov.ua). Електронна петиція до Кабінету Міністрів "
     "розглядається, якщо за три місяці зібрано 25 000 підписів."),
    ("Пенсійний фонд України", K.CENTRAL, "вул. Бастіонна, 9, м. Київ, 01601",
     "https://www.pfu.gov.ua/", "",
     "Звернення щодо пенсії зазвичай подають до сервісного центру або головного "
     "управління Фонду в області; вебпортал електронних послуг: portal.pfu.gov.ua."),
    ("Державний центр зайнятості", K.CENTRAL, "вул. Еспланадна, 8/10, м. Київ, 01601",
     "https://www.dcz.gov.ua/", "",
     "Центральний апарат Державної служби зайнятості; звернення щодо реєстрації та "
     "допомоги по безробіттю — до місцевого центру зайнятості."),
    ("Державна податкова служба України", K.CENTRAL, "Львівська площа, 8, м. Київ, 04053",
     "https://tax.gov.ua/", "", "Електронний кабінет платника податків: cabinet.tax.gov.ua."),
    ("Міністерство соціальної політики, сім'ї та єдності України", K.CENTRAL,
     "вул. Еспланадна, 8/10, м. Київ, 01601", "https://www.msp.gov.ua/", "",
     "До липня 2025 року — Міністерство соціальної політики України; тоді ж до нього "
     "приєднано Міністерство національної єдності (колишнє Мінреінтеграції)."),
    ("Міністерство цифрової трансформації України", K.CENTRAL, "",
     "https://thedigital.gov.ua/", "", "Портал Дія та державні електронні послуги."),
    ("Міністерство юстиції України", K.CENTRAL, "вул. Городецького, 13, м. Київ, 01001",
     "https://minjust.gov.ua/", "", ""),
    ("Міністерство охорони здоров'я України", K.CENTRAL, "вул. Грушевського, 7, м. Київ, 01601",
     "https://moz.gov.ua/", "", ""),
    ("Міністерство освіти і науки України", K.CENTRAL,
     "просп. Берестейський, 10, м. Київ, 01135", "https://mon.gov.ua/", "", ""),
    ("Міністерство у справах ветеранів України", K.CENTRAL, "", "https://mva.gov.ua/", "", ""),
    ("Міністерство внутрішніх справ України", K.CENTRAL,
     "вул. Академіка Богомольця, 10, м. Київ, 01601", "https://mvs.gov.ua/", "", ""),
    ("Національна поліція України", K.CENTRAL,
     "вул. Академіка Богомольця, 10, м. Київ, 01601", "https://www.npu.gov.ua/", "",
     "У разі небезпеки — телефон 102."),
    ("Державна міграційна служба України", K.CENTRAL, "вул. Володимирська, 9, м. Київ, 01001",
     "https://dmsu.gov.ua/", "", ""),
    ("Уповноважений Верховної Ради України з прав людини", K.CENTRAL,
     "вул. Інститутська, 21/8, м. Київ, 01008", "https://ombudsman.gov.ua/", "",
     "Також здійснює парламентський контроль за захистом персональних даних і за "
     "додержанням права на доступ до публічної інформації: сюди скаржаться на відмову "
     "чи неналежну відповідь на запит. Звернення подається протягом року після "
     "виявлення порушення."),
    ("Національна соціальна сервісна служба України", K.CENTRAL, "", "https://nssu.gov.ua/",
     "", ""),
    ("Державна служба України з питань безпечності харчових продуктів та захисту "
     "споживачів (Держпродспоживслужба)", K.CENTRAL, "", "https://dpss.gov.ua/", "",
     "Скарги споживачів: якість товарів і послуг, безпечність харчових продуктів."),
    ("Державна служба України з питань геодезії, картографії та кадастру "
     "(Держгеокадастр)", K.CENTRAL, "", "https://land.gov.ua/", "",
     "Земельні ділянки, Державний земельний кадастр; публічна кадастрова карта: "
     "map.land.gov.ua."),
    ("Координаційний центр з надання правничої допомоги", K.CENTRAL, "",
     "https://legalaid.gov.ua/", "",
     "Безоплатна правнича допомога; єдиний телефонний номер 0 800 213 103 (безкоштовно)."),
]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").removeprefix("www.")


@transaction.atomic
def authorities_seed() -> int:
    """Add the central bodies not yet in the shared directory. Returns how many."""
    shared = Authority.objects.filter(network__isnull=True)
    names = {_key(n) for n in shared.values_list("name", flat=True)}
    hosts = {_host(u) for u in shared.values_list("website", flat=True) if u}
    created = 0
    for name, kind, address, website, petitions, notes in CENTRAL:
        if _key(name) in names or (website and _host(website) in hosts):
            continue
        Authority.objects.create(
            network=None, name=name, kind=kind, level=N, territory="Україна",
            postal_address=address, website=website, petitions_url=petitions, notes=notes)
        created += 1
    return created


def authorities_seed_loader() -> str:
    return f"{authorities_seed()} central authorities created"


# --- demo ----------------------------------------------------------------------------------

DEMO_COUNCIL = "Сарненська міська рада"


@transaction.atomic
def demo_authorities_load(network: Network) -> int:
    """The demo community's bodies, for the demo network only.

    DEMO DATA: the names follow how such bodies are called, but every address, e-mail,
    website, hour and the e-petition threshold below are made up (the .example.ua
    domains cannot exist). Idempotent: bodies already in the network are left alone.
    """
    if Authority.objects.filter(network=network, name=DEMO_COUNCIL).exists():
        return 0
    address = "вул. Шевченка, 1, м. Сарни, Рівненська обл., 34500"
    territory = "Сарненська міська територіальна громада"
    hours = "пн–чт 8:00–17:15, пт 8:00–16:00, обід 13:00–14:00"

    def add(name, kind, *, parent=None, level=Authority.Level.COMMUNITY, **extra):
        defaults = {"territory": territory, "hours": hours}
        defaults.update(extra)
        return Authority.objects.create(network=network, parent=parent, name=name, kind=kind,
                                        level=level, **defaults)

    council = add(
        DEMO_COUNCIL, K.COUNCIL, postal_address=address, email="rada@sarny-rada.example.ua",
        website="https://sarny-rada.example.ua/",
        petitions_url="https://sarny-rada.example.ua/petitions/",
        info_requests="Загальний відділ виконавчого комітету, каб. 104; "
                      "zapyt@sarny-rada.example.ua",
        petition_signatures=250, petition_days=60,
        notes="Демо: поріг і строк збору підписів під місцевою е-петицією вигадані "
              "(насправді їх встановлює статут громади).")
    executive = add("Виконавчий комітет Сарненської міської ради", K.EXECUTIVE,
                    parent=council, postal_address=address,
                    email="vykonkom@sarny-rada.example.ua")
    add("Управління соціального захисту населення Сарненської міської ради", K.SOCIAL,
        parent=executive, postal_address="вул. Шевченка, 12, м. Сарни, 34500",
        email="uszn@sarny-rada.example.ua")
    add("Відділ освіти Сарненської міської ради", K.OTHER, parent=executive,
        postal_address="вул. Шевченка, 12, м. Сарни, 34500",
        email="osvita@sarny-rada.example.ua")
    add("Кричильський старостинський округ (староста)", K.STAROSTA, parent=council,
        territory="с. Кричильськ", postal_address="вул. Центральна, 10, с. Кричильськ, 34532",
        email="krychylsk@sarny-rada.example.ua", hours="пн–пт 9:00–16:00")
    add("Центр надання адміністративних послуг Сарненської міської ради (ЦНАП)", K.CNAP,
        parent=council, postal_address="вул. Широка, 29, м. Сарни, 34500",
        email="cnap@sarny-rada.example.ua", website="https://cnap.sarny-rada.example.ua/",
        hours="пн, ср, пт 8:00–16:00; вт, чт 8:00–20:00; сб 8:00–15:00")
    add("Сарненський сервісний центр Головного управління Пенсійного фонду України "
        "в Рівненській області", K.PENSION, level=Authority.Level.DISTRICT,
        territory="Сарненський район", postal_address="вул. Європейська, 8, м. Сарни, 34500",
        email="sarny@pfu-rivne.example.ua")
    add("Сарненська філія Рівненського обласного центру зайнятості", K.EMPLOYMENT,
        level=Authority.Level.DISTRICT, territory="Сарненський район",
        postal_address="вул. Кооперативна, 3, м. Сарни, 34500",
        email="sarny@dcz-rivne.example.ua")
    return Authority.objects.filter(network=network).count()
