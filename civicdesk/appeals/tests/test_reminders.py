"""The daily reminder: one e-mail per consultant, chaser drafts made once."""

from datetime import date, datetime, time

from django.core import mail
from django.utils import timezone

import pytest

from civicdesk.appeals.models import Appeal, Authority
from civicdesk.appeals.tasks import appeals_daily_reminders, prepare_reminders
from civicdesk.patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)  # a Wednesday


def due(d: date, hour=23, minute=59):
    return timezone.make_aware(datetime.combine(d, time(hour, minute, 59)))


@pytest.fixture
def case(world):
    consultant = world.users["consultant"]
    consultant.email = "consultant@example.ua"
    consultant.save()
    head = world.users["center_head"]  # no e-mail address
    council = Authority.objects.create(name="Сарненська міська рада",
                                       kind=Authority.Kind.COUNCIL)
    pension = Authority.objects.create(name="Управління Пенсійного фонду в Сарнах",
                                       kind=Authority.Kind.PENSION)
    patron = PatronFactory(library=world.central, surname="Коваленко", given_name="Олена")

    def make(subject, due_at, user=consultant, status=Appeal.Status.SUBMITTED,
             authority=council, **kw):
        return Appeal.objects.create(
            network=world.central.network, library=world.central, patron=patron,
            authority=authority, kind=kw.pop("kind", Appeal.Kind.INFO_REQUEST),
            subject=subject, substance=f"Прошу надати: {subject}", status=status,
            created_by=user, due_at=due_at,
            submitted_at=timezone.make_aware(datetime(2026, 11, 20, 10, 15)),
            requester_name="Коваленко Олена Петрівна", requester_address="olena@example.ua",
            **kw)

    appeals = {
        "soon": make("Кошторис будинку культури", due(date(2026, 12, 4))),
        "today": make("Графік вивезення сміття", due(TODAY), authority=pension),
        "overdue": make("Рішення про ремонт дороги", due(date(2026, 11, 30)),
                        registration_number="З-1234/26"),
        "later": make("Програма розвитку громади", due(date(2026, 12, 5))),
        "answered": make("Тарифи на воду", due(date(2026, 11, 25)),
                         status=Appeal.Status.ANSWERED, answered_on=date(2026, 11, 24)),
        "draft": make("Чернетка", due(date(2026, 11, 25)), status=Appeal.Status.DRAFT),
        "head_overdue": make("Освітлення вулиці", due(date(2026, 12, 1)), user=head,
                             kind=Appeal.Kind.COMPLAINT, status=Appeal.Status.EXTENDED),
        "no_answer_overdue": make("Скарга на мовчання", due(date(2026, 11, 28)),
                                  kind=Appeal.Kind.NO_ANSWER),
    }
    return consultant, head, appeals


def test_reminders_and_chasers(case):
    consultant, head, appeals = case
    result = prepare_reminders(TODAY)
    assert result == {"consultants": 2, "emails": 1, "due_soon": 2, "overdue": 3,
                      "chasers": 2, "failed": 0}
    # One e-mail, to the consultant; the head has no address.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["consultant@example.ua"]
    assert message.subject == "Звернення: строки відповіді спливають або минули"
    body = message.body
    assert body.startswith("Добрий день, Ірина Ткачук!")
    assert ("Строк відповіді спливає протягом 2 днів:\n"
            "- Графік вивезення сміття — Управління Пенсійного фонду в Сарнах, строк до "
            "02.12.2026\n"
            "- Кошторис будинку культури — Сарненська міська рада, строк до 04.12.2026\n"
            ) in body
    assert ("Строк відповіді минув:\n"
            "- Скарга на мовчання — Сарненська міська рада, строк до 28.11.2026\n"
            "- Рішення про ремонт дороги — Сарненська міська рада, строк до 30.11.2026\n"
            ) in body
    assert "Підготовлено чернеток скарг на ненадання відповіді: 1." in body
    for absent in ("Програма розвитку", "Тарифи", "Чернетка", "Освітлення"):
        assert absent not in body

    # Chasers: one per overdue appeal, none for a complaint about no answer itself.
    chaser = Appeal.objects.get(follows=appeals["overdue"])
    assert chaser.kind == Appeal.Kind.NO_ANSWER and chaser.status == Appeal.Status.DRAFT
    assert chaser.subject == ("Скарга на ненадання відповіді на запит на публічну "
                              "інформацію «Рішення про ремонт дороги»")
    assert "20.11.2026" in chaser.substance and "З-1234/26" in chaser.substance
    assert "30.11.2026" in chaser.substance
    assert "Прошу надати: Рішення про ремонт дороги" in chaser.substance
    o = appeals["overdue"]
    assert (chaser.patron, chaser.library, chaser.network, chaser.authority,
            chaser.created_by) == (o.patron, o.library, o.network, o.authority,
                                   o.created_by)
    assert chaser.requester_name == o.requester_name and chaser.due_at is None
    # the letter is drafted from the template: the earlier letter's number and date in it
    assert "З-1234/26" in chaser.letter and "20.11.2026" in chaser.letter
    head_chaser = Appeal.objects.get(follows=appeals["head_overdue"])
    assert head_chaser.created_by == head
    assert head_chaser.subject.startswith("Скарга на ненадання відповіді на скаргу")
    assert not Appeal.objects.filter(follows=appeals["no_answer_overdue"]).exists()

    reminded = set(Appeal.objects.filter(reminded_on=TODAY).values_list("subject", flat=True))
    assert reminded == {"Кошторис будинку культури", "Графік вивезення сміття",
                        "Рішення про ремонт дороги", "Освітлення вулиці",
                        "Скарга на мовчання"}


def test_same_day_runs_once_and_chasers_are_made_once(case):
    prepare_reminders(TODAY)
    mail.outbox.clear()
    again = prepare_reminders(TODAY)
    assert again["consultants"] == again["emails"] == again["chasers"] == 0
    assert mail.outbox == []
    # The next day: reminded again, but no second chaser for the same appeal; the one
    # due yesterday is overdue now and gets its first.
    tomorrow = date(2026, 12, 3)
    result = prepare_reminders(tomorrow)
    assert result["emails"] == 1 and result["chasers"] == 1
    assert "Рішення про ремонт дороги" in mail.outbox[0].body
    assert Appeal.objects.filter(follows=case[2]["overdue"]).count() == 1
    assert Appeal.objects.filter(follows=case[2]["today"]).count() == 1


def test_due_today_before_the_job_is_overdue(case):
    # An urgent request due at 07:30 today is overdue when the job runs at 08:00.
    consultant, _, appeals = case
    a = appeals["today"]
    a.due_at = due(TODAY, hour=7, minute=30)
    a.save()
    prepare_reminders(TODAY)
    assert Appeal.objects.filter(follows=a).exists()


def test_answered_appeal_stops_the_reminders(case):
    consultant, _, appeals = case
    Appeal.objects.filter(created_by=consultant).update(status=Appeal.Status.ANSWERED)
    result = prepare_reminders(TODAY)
    assert result["emails"] == 0 and mail.outbox == []


def test_periodic_task_runs(case, settings):
    result = appeals_daily_reminders.call_local()
    assert set(result) == {"consultants", "emails", "due_soon", "overdue", "chasers",
                           "failed"}
