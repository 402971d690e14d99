"""Registrations: capacity kept by the database under concurrent sign-ups, one person once,
the waiting list and its promotion on cancel, refusals, the public form and cancel link,
reminders."""

import threading
from datetime import datetime, time, timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from civicdesk.events import actions
from civicdesk.events.models import Event, Registration
from civicdesk.events.tasks import send_reminders
from civicdesk.patrons.tests.factories import PatronFactory

from .factories import make_event

REG, WAIT, CANCELLED = (Registration.Status.REGISTERED, Registration.Status.WAITLISTED,
                        Registration.Status.CANCELLED)


def sign_up(event, name, email="", phone="", **kw):
    return actions.register(event=event, name=name, email=email, phone=phone, consent=True,
                            **kw)


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_for_the_last_seat_exactly_one_wins(world):
    event = make_event(world.central, capacity=3)
    for n in range(2):
        sign_up(event, f"Учасник {n}", email=f"p{n}@example.ua")
    threads_n = 8
    barrier = threading.Barrier(threads_n)
    results, errors = [], []

    def worker(n):
        try:
            barrier.wait()
            fresh = Event.objects.get(pk=event.pk)
            results.append(sign_up(fresh, f"Гонка {n}", phone=f"+380 67 100 00 {n:02d}").status)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(repr(exc))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results).count(REG) == 1
    assert results.count(WAIT) == threads_n - 1
    event.refresh_from_db()
    assert event.seats_taken == 3 == event.registrations.filter(status=REG).count()


@pytest.mark.django_db(transaction=True)
def test_the_same_person_at_once_from_two_windows_gets_one_row(world):
    event = make_event(world.central, capacity=10)
    barrier = threading.Barrier(4)
    outcomes = []

    def worker():
        try:
            barrier.wait()
            sign_up(Event.objects.get(pk=event.pk), "Олена", email="Olena@Example.ua")
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1
    assert event.registrations.count() == 1
    event.refresh_from_db()
    assert event.seats_taken == 1


def test_the_check_constraint_is_the_last_line(world):
    event = make_event(world.central, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(seats_taken=2)


def test_waitlist_and_promotion_on_cancel(world):
    event = make_event(world.central, capacity=2)
    a = sign_up(event, "Анна", email="anna@example.ua")
    b = sign_up(event, "Богдан", phone="067 111 22 33")
    c = sign_up(event, "Віра", email="vira@example.ua")
    d = sign_up(event, "Галина", email="halyna@example.ua")
    assert [a.status, b.status, c.status, d.status] == [REG, REG, WAIT, WAIT]
    mail.outbox.clear()
    promoted = actions.registration_cancel(registration=a)
    assert promoted.pk == c.pk
    c.refresh_from_db(), a.refresh_from_db(), d.refresh_from_db()
    assert (a.status, c.status, d.status) == (CANCELLED, REG, WAIT)
    assert a.cancelled_at is not None
    event.refresh_from_db()
    assert event.seats_taken == 2
    assert [m.to for m in mail.outbox] == [["vira@example.ua"]]
    assert "Віра" in mail.outbox[0].body
    # a waitlisted person leaving frees no seat and promotes nobody
    assert actions.registration_cancel(registration=d) is None
    event.refresh_from_db()
    assert event.seats_taken == 2
    with pytest.raises(ValidationError):
        actions.registration_cancel(registration=a)
    # the same person may sign up again after cancelling
    again = sign_up(event, "Анна", email="ANNA@example.ua")
    assert again.status == WAIT


def test_raising_the_capacity_promotes_the_waiting(world):
    event = make_event(world.central, capacity=1)
    sign_up(event, "Анна", email="anna@example.ua")
    waiting = sign_up(event, "Богдан", email="bohdan@example.ua")
    actions.event_update(event=Event.objects.get(pk=event.pk), capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == REG


def test_the_same_person_twice_is_refused(world):
    event = make_event(world.central)
    sign_up(event, "Олена", phone="067 123 45 67")
    with pytest.raises(ValidationError) as exc:
        sign_up(event, "Олена Коваль", phone="+380 (67) 123-45-67")
    assert "вже зареєстровано" in exc.value.messages[0]
    patron = PatronFactory(library=world.central)
    actions.register(event=event, patron=patron, by=world.users["consultant"])
    with pytest.raises(ValidationError):
        actions.register(event=event, patron=patron, by=world.users["consultant"])
    assert event.registrations.count() == 2
    assert Registration.objects.get(patron=patron).person_key == f"patron-{patron.pk}"


@pytest.mark.parametrize("change", [
    {"status": Event.Status.CANCELLED}, {"status": Event.Status.HELD},
    {"registration_open": False}, {"is_template": True}, {"days": -1}])
def test_registration_refused(world, change):
    days = change.pop("days", 3)
    event = make_event(world.central, days=days, **change)
    with pytest.raises(ValidationError):
        sign_up(event, "Олена", email="olena@example.ua")
    assert not event.registrations.exists()


def test_contacts_and_consent_are_required(world):
    event = make_event(world.central)
    with pytest.raises(ValidationError) as exc:
        actions.register(event=event, name="Олена", consent=True)
    assert "phone" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        actions.register(event=event, name="Олена", email="o@example.ua")
    assert "consent" in exc.value.error_dict


def test_public_form_confirmation_and_cancel_link(world, client):
    event = make_event(world.central, capacity=1, title="Пенсійний фонд онлайн")
    url = reverse("events_public:register", args=[event.pk])
    # no contact, no consent: messages next to the fields, nothing saved
    response = client.post(url, {"name": "Олена"})
    assert response.status_code == 400
    assert "хоча б одне" in response.content.decode()
    assert "Без вашої згоди" in response.content.decode()
    response = client.post(url, {"name": "Олена Коваль", "email": "olena@example.ua",
                                 "consent": "on"})
    registration = Registration.objects.get()
    assert registration.consent_at is not None
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Ви зареєстровані" in page
    assert reverse("events_public:cancel", args=[registration.token]) in page
    # the letter carries the cancel link
    assert mail.outbox[-1].to == ["olena@example.ua"]
    assert f"/events/registration/{registration.token}/cancel/" in mail.outbox[-1].body
    # the same person again: a message, no second row
    response = client.post(url, {"name": "Олена", "email": "OLENA@example.ua", "consent": "on"})
    assert response.status_code == 400
    assert event.registrations.count() == 1
    # somebody else: the waiting list
    client.post(url, {"name": "Петро", "phone": "0671112233", "consent": "on"})
    waiting = Registration.objects.get(name="Петро")
    assert waiting.status == WAIT and waiting.person_key == "380671112233"
    # cancel by the link, no login
    cancel_url = reverse("events_public:cancel", args=[registration.token])
    assert client.get(cancel_url).status_code == 200
    client.post(cancel_url)
    registration.refresh_from_db(), waiting.refresh_from_db()
    assert registration.status == CANCELLED and waiting.status == REG


def test_public_registration_refused_for_a_past_event(world, client):
    event = make_event(world.central, days=-2)
    response = client.post(reverse("events_public:register", args=[event.pk]),
                           {"name": "Олена", "email": "o@example.ua", "consent": "on"})
    assert response.status_code == 400
    assert "вже відбувся" in response.content.decode()
    assert not event.registrations.exists()


def test_staff_register_a_patron_and_a_person(world, login):
    event = make_event(world.central, capacity=5)
    patron = PatronFactory(library=world.central, surname="Бондаренко", given_name="Андрій")
    client = login(world.users["consultant"])
    page = client.get(reverse("events:detail", args=[event.pk]), {"q": "Бондаренко"})
    assert "Бондаренко Андрій" in page.content.decode()
    client.post(reverse("events:register", args=[event.pk]), {"patron": patron.pk})
    response = client.post(reverse("events:register", args=[event.pk]), {"patron": patron.pk})
    assert response.status_code == 302
    assert event.registrations.count() == 1
    response = client.post(reverse("events:register", args=[event.pk]), {"p-name": "Гість"})
    assert response.status_code == 400
    assert "хоча б одне" in response.content.decode()
    client.post(reverse("events:register", args=[event.pk]),
                {"p-name": "Гість", "p-phone": "0501234567"})
    assert event.registrations.filter(status=REG).count() == 2


def test_reminders_the_day_before_once(world, settings):
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time(15)))
    event = make_event(world.central, starts_at=start, ends_at=start + timedelta(hours=1))
    later = make_event(world.central, days=5)
    a = sign_up(event, "Анна", email="anna@example.ua")
    sign_up(event, "Богдан", phone="0671112233")
    sign_up(later, "Анна", email="anna@example.ua")
    mail.outbox.clear()
    settings.PUBLIC_URL = "https://cog.example.ua"
    assert send_reminders() == {"emails": 1, "failed": 0}
    assert [m.to for m in mail.outbox] == [["anna@example.ua"]]
    assert "Завтра" in mail.outbox[0].subject
    assert f"https://cog.example.ua/events/registration/{a.token}/cancel/" in mail.outbox[0].body
    a.refresh_from_db()
    assert a.reminded_at is not None
    assert send_reminders() == {"emails": 0, "failed": 0}


def test_no_mail_without_mail_configured(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    event = make_event(world.central)
    sign_up(event, "Анна", email="anna@example.ua")
    assert mail.outbox == []


def test_a_patron_who_withdrew_event_consent_is_not_signed_up_or_reminded(world, settings):
    from civicdesk.patrons import actions as patron_actions
    from civicdesk.patrons.models import Consent

    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time(15)))
    event = make_event(world.central, starts_at=start, ends_at=start + timedelta(hours=1))
    staff = world.users["consultant"]
    stays, leaves = (PatronFactory(library=world.central, email=f"{n}@example.ua")
                     for n in ("stays", "leaves"))
    for patron in (stays, leaves):
        patron_actions.consent_give(patron=patron, purpose=Consent.Purpose.EVENTS)
        actions.register(event=event, patron=patron, by=staff)
    # one withdraws after signing up: no reminder for them
    patron_actions.consent_withdraw(consent=leaves.consents.get(purpose=Consent.Purpose.EVENTS))
    mail.outbox.clear()
    settings.PUBLIC_URL = "https://cog.example.ua"
    assert send_reminders() == {"emails": 1, "failed": 0}
    assert [m.to for m in mail.outbox] == [["stays@example.ua"]]
    # and is not signed up for the next event, unless they consent again
    later = make_event(world.central, days=5)
    with pytest.raises(ValidationError) as refused:
        actions.register(event=later, patron=leaves, by=staff)
    assert list(refused.value.message_dict) == ["consent"]
    assert not later.registrations.exists()
    actions.register(event=later, patron=leaves, by=staff, consent=True)
    assert later.registrations.filter(patron=leaves).exists()
    assert leaves.consents.filter(purpose=Consent.Purpose.EVENTS,
                                  withdrawn_at__isnull=True).exists()
