"""The demo network's partners, campaign, publications and news.

DEMO DATA: every partner, person, phone, address, date, publication and news item below
is made up to look plausible for a district library network (the .example.ua domains
cannot exist). Idempotent: nothing is added when the demo council is already listed.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from civicdesk.events.models import Campaign
from civicdesk.org.models import Network

from .models import Agreement, Interaction, News, Partner, Publication

DEMO_COUNCIL = "Сарненська міська рада"


def demo_partners_load(network: Network) -> int:
    if Partner.objects.filter(network=network, name=DEMO_COUNCIL).exists():
        return 0
    today = timezone.localdate()
    K = Partner.Kind
    council = Partner.objects.create(
        network=network, name=DEMO_COUNCIL, kind=K.SELF_GOVERNMENT,
        contact_person="Петрук Галина Іванівна, секретар ради", phone="+380 3655 3 12 45",
        email="rada@sarny-rada.example.ua", website="https://sarny-rada.example.ua/",
        address="вул. Шевченка, 1, м. Сарни, 34500",
        notes="Демо: співпраця щодо місцевих е-петицій і консультацій з питань ЦНАП.")
    school = Partner.objects.create(
        network=network, name="Сарненський ліцей № 2", kind=K.EDUCATION,
        contact_person="Мельник Оксана Петрівна, заступниця директора",
        phone="+380 3655 3 20 11", email="lyceum2@sarny-osvita.example.ua",
        address="вул. Гагаріна, 15, м. Сарни, 34500")
    ngo = Partner.objects.create(
        network=network, name="ГО «Цифрова громада Полісся»", kind=K.NGO,
        contact_person="Кравчук Андрій", phone="+380 67 123 45 67",
        email="info@cyfrova-polissia.example.ua", website="https://cyfrova-polissia.example.ua/")
    paper = Partner.objects.create(
        network=network, name="Газета «Сарненські новини»", kind=K.MEDIA,
        contact_person="Лисенко Марія, кореспондентка", phone="+380 3655 3 33 02",
        email="redakciya@sarny-news.example.ua", website="https://sarny-news.example.ua/")

    Agreement.objects.create(
        partner=council, kind=Agreement.Kind.MEMORANDUM,
        title="Меморандум про співпрацю у сфері електронного урядування",
        signed_on=today - timedelta(days=200), valid_until=today + timedelta(days=530),
        notes="Демо: файл меморандуму не додано.")
    Agreement.objects.create(
        partner=ngo, kind=Agreement.Kind.MEMORANDUM,
        title="Меморандум про проведення навчань з цифрової грамотності",
        signed_on=today - timedelta(days=90))

    IK = Interaction.Kind
    for partner, days, kind, summary in [
        (council, 60, IK.MEETING, "Зустріч із секретарем ради: план тижня е-петицій."),
        (council, 20, IK.LETTER, "Лист-запрошення депутатам на круглий стіл."),
        (school, 35, IK.MEETING, "Домовилися про заняття з кібербезпеки для старшокласників."),
        (ngo, 14, IK.CALL, "Узгодили тренерів для курсу «Дія крок за кроком»."),
        (paper, 10, IK.LETTER, "Надіслали анонс тижня е-петицій до редакції."),
    ]:
        Interaction.objects.create(partner=partner, happened_on=today - timedelta(days=days),
                                   kind=kind, summary=summary)

    campaign = Campaign.objects.create(
        network=network, title="Тиждень електронних петицій",
        description="Консультації, як подати й підписати петицію до міської ради, "
                    "Кабінету Міністрів і Президента; круглий стіл із депутатами.",
        starts_on=today - timedelta(days=12), ends_on=today - timedelta(days=6))

    Publication.objects.create(
        network=network, published_on=today - timedelta(days=11), outlet=paper,
        kind=Publication.Kind.ARTICLE, title="Бібліотека вчить подавати електронні петиції",
        url="https://sarny-news.example.ua/2026/biblioteka-e-petycii", campaign=campaign)
    Publication.objects.create(
        network=network, published_on=today - timedelta(days=5),
        outlet_name="Сторінка міської ради у Facebook", kind=Publication.Kind.SOCIAL,
        title="Підсумки тижня електронних петицій у ЦРБ", campaign=campaign)

    tz = timezone.get_current_timezone()

    def at(days_ago):
        return timezone.make_aware(
            datetime.combine(today - timedelta(days=days_ago), time(10, 0)), tz)

    News.objects.create(
        network=network, title="Тиждень електронних петицій у бібліотеці",
        body="Запрошуємо на консультації: як створити й підписати електронну петицію до "
             "міської ради.\n\nКонсультації безкоштовні, з собою мати смартфон або "
             "КЕП.",
        published_at=at(13))
    News.objects.create(
        network=network, title="Новий курс «Дія крок за кроком»",
        body="Разом із ГО «Цифрова громада Полісся» починаємо курс для старших людей.\n\n"
             "Записатися можна в центрі або за телефоном.",
        published_at=at(3))
    return 4
