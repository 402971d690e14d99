"""Events: the form's bad input (each message next to its field), copies, templates and
series, cancel and held, check-in, feedback, the portal's pages and the iCalendar feed
parsed back, who may do what, and the metrics against hand-counted fixtures."""

from datetime import UTC, date, datetime, timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest
from icalendar import Calendar

from civicdesk.core import metrics
from civicdesk.events import actions
from civicdesk.events.models import Event, Feedback, Registration
from civicdesk.org.models import Library
from civicdesk.partners.models import Partner

from .factories import make_event, make_room

pytestmark = pytest.mark.django_db


def form_data(library, **over):
    start = timezone.localtime() + timedelta(days=5)
    data = {"kind": "seminar", "title": "Е-петиції: як подати", "description": "",
            "library": library.pk, "starts_at": start.strftime("%Y-%m-%dT10:00"),
            "ends_at": start.strftime("%Y-%m-%dT12:00"), "setup_minutes": 15,
            "teardown_minutes": 10, "room": "", "online_url": "", "speakers": "",
            "audience": "citizens", "audience_category": "", "capacity": "10",
            "registration_open": "on", "is_public": "on", "campaign": ""}
    data.update(over)
    return data


def errors_of(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_create_and_bad_input_next_to_the_field(world, login):
    client = login(world.users["consultant"])
    url = reverse("events:create", args=[world.central.network_id])
    data = form_data(world.central)
    bad = client.post(url, {**data, "ends_at": data["starts_at"].replace("10:00", "09:00")})
    assert bad.status_code == 200
    assert errors_of(bad, "ends_at") == ["Кінець має бути пізніше за початок."]
    bad = client.post(url, {**data, "online_url": "javascript:alert(1)"})
    assert errors_of(bad, "online_url")[0].startswith("Посиланням для онлайн-участі")
    bad = client.post(url, {**data, "online_url": "ftp://example.ua/x"})
    assert errors_of(bad, "online_url")
    foreign_room = make_room(world.foreign_central)
    bad = client.post(url, {**data, "room": foreign_room.pk})
    assert errors_of(bad, "room")  # not even offered
    assert not Event.objects.exists()
    room = make_room(world.branch, "Абонемент")
    ok = client.post(url, {**data, "room": room.pk, "online_url": "https://meet.example.ua/x"})
    event = Event.objects.get()
    assert ok.status_code == 302 and ok.url == reverse("events:detail", args=[event.pk])
    assert event.created_by == world.users["consultant"] and event.room == room
    assert timezone.localtime(event.starts_at).hour == 10


def test_capacity_below_registered_is_refused(world, login):
    event = make_event(world.central, capacity=5)
    for n in range(3):
        actions.register(event=event, name=f"Особа {n}", phone=f"06700000{n:02d}", consent=True)
    client = login(world.users["center_head"])
    local = timezone.localtime(event.starts_at)
    data = form_data(world.central, capacity="2", title=event.title,
                     starts_at=local.strftime("%Y-%m-%dT%H:%M"),
                     ends_at=timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"))
    response = client.post(reverse("events:edit", args=[event.pk]), data)
    assert errors_of(response, "capacity") == [
        "Уже зареєстровано осіб: 3; місткість не може бути меншою."]
    event.refresh_from_db()
    assert event.capacity == 5
    response = client.post(reverse("events:edit", args=[event.pk]), {**data, "capacity": "3"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 3 and event.seats_taken == 3


def test_script_in_the_description_is_escaped(world, client, login):
    event = make_event(world.central, title="<script>alert(1)</script> Лекція",
                       description="<img src=x onerror=alert(1)>\nдругий рядок")
    for page in (client.get(reverse("events_public:event", args=[event.pk])),
                 login(world.users["consultant"]).get(reverse("events:detail",
                                                              args=[event.pk]))):
        html = page.content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Лекція" in html
    feed = Calendar.from_ical(client.get(reverse("events_public:ics",
                                                 args=[world.central.network_id])).content)
    (item,) = feed.walk("VEVENT")
    assert str(item["SUMMARY"]) == "<script>alert(1)</script> Лекція"
    assert str(item["DESCRIPTION"]).startswith("<img src=x onerror=alert(1)>\nдругий")


def test_copy_and_template(world, login):
    template = make_event(world.central, is_template=True, title="Шаблон: Дія для старших",
                          capacity=12, speakers="Ірина Ткачук")
    client = login(world.users["consultant"])
    page = client.get(reverse("events:create", args=[world.central.network_id]))
    assert "Шаблон: Дія для старших" in page.content.decode()  # offered
    page = client.get(reverse("events:create", args=[world.central.network_id]),
                      {"from": template.pk})
    form = page.context["form"]
    assert form["title"].value() == template.title and form["capacity"].value() == 12
    assert not form["starts_at"].value() and form["is_template"].value() is False
    # templates are never shown as events: not in the list, not on the portal
    listing = client.get(reverse("events:list", args=[world.central.network_id]))
    assert template.title not in listing.content.decode()
    templates = client.get(reverse("events:list", args=[world.central.network_id]),
                           {"when": "templates"})
    assert template.title in templates.content.decode()
    assert client.get(reverse("events_public:event", args=[template.pk])).status_code == 404


def test_repeat_weekly_and_monthly_all_or_nothing(world, monkeypatch):
    start = timezone.make_aware(datetime(2031, 1, 31, 10, 0))
    event = make_event(world.central, starts_at=start, ends_at=start + timedelta(hours=2))
    weekly = actions.event_repeat(event=event, count=3, step="week")
    assert [timezone.localtime(e.starts_at).date() for e in weekly] == [
        date(2031, 2, 7), date(2031, 2, 14), date(2031, 2, 21)]
    event.refresh_from_db()
    assert event.series and all(e.series == event.series for e in weekly)
    monthly = actions.event_repeat(event=event, count=2, step="month")
    assert [timezone.localtime(e.starts_at).date() for e in monthly] == [
        date(2031, 2, 28), date(2031, 3, 31)]
    # daylight saving (30.03.2031): the same local hour
    assert timezone.localtime(monthly[1].starts_at).hour == 10
    before = Event.objects.count()
    with pytest.raises(ValidationError):
        actions.event_repeat(event=event, count=60, step="week")
    # the third copy fails: none of the copies stays
    real, calls = actions._validate, []

    def failing(copy):
        calls.append(copy)
        if len(calls) == 3:
            raise ValidationError("boom")
        real(copy)

    monkeypatch.setattr(actions, "_validate", failing)
    with pytest.raises(ValidationError):
        actions.event_repeat(event=event, count=5, step="week")
    assert Event.objects.count() == before


def test_cancel_notifies_those_with_an_email(world, login):
    event = make_event(world.central, capacity=1)
    actions.register(event=event, name="Анна", email="anna@example.ua", consent=True)
    actions.register(event=event, name="Богдан", email="b@example.ua", consent=True)  # waiting
    actions.register(event=event, name="Віра", phone="0671234567", consent=True)
    mail.outbox.clear()
    client = login(world.users["consultant"])
    url = reverse("events:action", args=[event.pk, "cancel"])
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "Хвороба доповідача"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.ua", "b@example.ua"]
    assert "Хвороба доповідача" in mail.outbox[0].body
    public = client.get(reverse("events_public:event", args=[event.pk])).content.decode()
    assert "скасовано" in public and 'name="consent"' not in public


def test_mark_held_checkin_and_walk_ins(world, login):
    event = make_event(world.central, days=1)
    r = actions.register(event=event, name="Анна", phone="0671234567", consent=True)
    client = login(world.users["consultant"])
    assert client.get(reverse("events:checkin", args=[event.pk])).status_code == 200
    # htmx: the row comes back
    response = client.post(reverse("events:checkin_mark", args=[r.pk]), {"attended": "1"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200 and "table-success" in response.content.decode()
    r.refresh_from_db()
    assert r.attended
    # without JS: back to the page
    response = client.post(reverse("events:checkin_mark", args=[r.pk]), {"attended": "0"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert not r.attended
    client.post(reverse("events:action", args=[event.pk, "walk_ins"]), {"walk_ins": "7"})
    event.refresh_from_db()
    assert event.walk_ins == 7
    # not held before it started
    client.post(reverse("events:action", args=[event.pk, "held"]))
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    client.post(reverse("events:action", args=[event.pk, "held"]))
    event.refresh_from_db()
    assert event.status == Event.Status.HELD
    assert client.get(reverse("events:print", args=[event.pk])).status_code == 200


def test_feedback_after_the_event_once_per_token_and_summary(world, client, login):
    event = make_event(world.central, days=1)
    r = actions.register(event=event, name="Анна", email="anna@example.ua", consent=True)
    url = reverse("events_public:feedback", args=[event.pk])
    client.post(url, {"rating": "5", "learned": "on"})
    assert not Feedback.objects.exists()  # not over yet
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=3),
                                             ends_at=timezone.now() - timedelta(hours=1))
    client.post(url, {"rating": "5", "learned": "on", "t": r.token})
    client.post(url, {"rating": "1", "t": r.token})  # the same token again: refused
    client.post(url, {"rating": "2", "comment": "<b>Замало часу</b>"})
    client.post(url, {"rating": "9"})  # out of range
    assert Feedback.objects.count() == 2
    page = login(world.users["consultant"]).get(reverse("events:detail", args=[event.pk]))
    summary = page.context["feedback"]
    assert (summary.count, summary.average, summary.learned_percent) == (2, 3.5, 50)
    assert "&lt;b&gt;Замало часу&lt;/b&gt;" in page.content.decode()


def test_public_pages_hide_internal_templates_and_set_up_times(world, client):
    public = make_event(world.central, title="Відкрита лекція", setup_minutes=45)
    internal = make_event(world.central, title="Нарада працівників", is_public=False)
    make_event(world.central, title="Шаблонний захід", is_template=True)
    calendar = client.get(reverse("events_public:calendar", args=[world.central.network_id]))
    html = calendar.content.decode()
    assert "Відкрита лекція" in html and "Нарада" not in html and "Шаблонний" not in html
    page = client.get(reverse("events_public:event", args=[public.pk])).content.decode()
    assert "45" not in page and "підготовка" not in page
    assert client.get(reverse("events_public:event", args=[internal.pk])).status_code == 404
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200


def test_ical_feed_parsed_back(world, client):
    room = make_room(world.central, "Читальна зала")
    world.central.address, world.central.settlement = "вул. Широка, 31", "м. Сарни"
    world.central.save()
    start = datetime(2031, 3, 5, 8, 30, tzinfo=UTC)  # 10:30 in Kyiv
    held = make_event(world.central, title="Круглий стіл", room=room, starts_at=start,
                      ends_at=start + timedelta(hours=2), setup_minutes=30)
    cancelled = make_event(world.central, title="Вебінар ПФУ", status=Event.Status.CANCELLED,
                           online_url="https://meet.example.ua/pfu")
    make_event(world.central, title="Внутрішня нарада", is_public=False)
    make_event(world.foreign_central, title="Чужий захід")
    response = client.get(reverse("events_public:ics", args=[world.central.network_id]))
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    items = {str(e["SUMMARY"]): e for e in feed.walk("VEVENT")}
    assert set(items) == {"Круглий стіл", "Вебінар ПФУ"}
    item = items["Круглий стіл"]
    assert item.decoded("DTSTART") == start  # not the set-up time
    assert item.decoded("DTEND") == start + timedelta(hours=2)
    assert str(item["LOCATION"]) == "Сарненська ЦРБ, Читальна зала, вул. Широка, 31, м. Сарни"
    assert str(item["URL"]).endswith(reverse("events_public:event", args=[held.pk]))
    assert str(item["STATUS"]) == "CONFIRMED"
    assert str(items["Вебінар ПФУ"]["STATUS"]) == "CANCELLED"
    assert str(item["UID"]) == f"event-{held.pk}@testserver"
    again = Calendar.from_ical(client.get(reverse(
        "events_public:ics", args=[world.central.network_id])).content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {
        f"event-{held.pk}@testserver", f"event-{cancelled.pk}@testserver"}


def test_partners_are_shown(world, login):
    event = make_event(world.central)
    partner = Partner.objects.create(network=world.central.network, name="ГО «Громада»",
                                     kind=Partner.Kind.choices[0][0])
    partner.events.add(event)
    page = login(world.users["viewer"]).get(reverse("events:detail", args=[event.pk]))
    assert "ГО «Громада»" in page.content.decode()


@pytest.mark.parametrize("who, at, see, manage", [
    ("director", "central", 200, 302), ("center_head", "central", 200, 302),
    ("consultant", "central", 200, 302), ("viewer", "central", 200, 403),
    ("branch_librarian", "branch", 200, 302), ("branch_librarian", "central", 404, 404),
    ("foreign_director", "central", 404, 404), ("admin", "central", 200, 302),
])
def test_permissions(world, login, who, at, see, manage):
    library = world.central if at == "central" else world.branch
    event = make_event(library)
    client = login(world.users[who])
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == see
    response = client.post(reverse("events:action", args=[event.pk, "walk_ins"]),
                           {"walk_ins": "3"})
    assert response.status_code == manage
    assert client.get(reverse("events:checkin", args=[event.pk])).status_code == (
        200 if manage == 302 else manage)


def test_branch_librarian_creates_only_at_their_branch(world, login):
    client = login(world.users["branch_librarian"])
    url = reverse("events:create", args=[world.central.network_id])
    page = client.get(url)
    assert list(page.context["form"].fields["library"].queryset) == [world.branch]
    response = client.post(url, form_data(world.central))
    assert errors_of(response, "library")
    assert not Event.objects.exists()
    assert login(world.users["viewer"]).get(url).status_code == 403
    assert client.get(reverse("events:list", args=[world.foreign_central.network_id])
                      ).status_code == 404


def test_anonymous_goes_to_login(client, world):
    event = make_event(world.central)
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_metrics_against_hand_counted_fixtures(world):
    def held(library, day, kind=Event.Kind.SEMINAR, **kw):
        start = timezone.make_aware(datetime(2030, 5, day, 10))
        event = make_event(library, starts_at=start, ends_at=start + timedelta(hours=1),
                           kind=kind, **kw)
        return event

    a = held(world.central, 5, walk_ins=4)
    b = held(world.branch, 12, kind=Event.Kind.LECTURE, audience=Event.Audience.BRANCH_STAFF,
             walk_ins=1)
    c = held(world.other_branch, 20, kind=Event.Kind.LECTURE)
    held(world.central, 25, status=Event.Status.CANCELLED, walk_ins=9)  # not held
    held(world.central, 26, is_template=True)
    held(world.foreign_central, 7)
    june = held(world.central, 31, walk_ins=2)  # 31 May, in the period
    for event, came, absent in ((a, 3, 2), (b, 5, 1), (c, 0, 2), (june, 1, 0)):
        for n in range(came + absent):
            Registration.objects.create(event=event, name=f"N{n}", person_key=f"k{n}",
                                        attended=n < came)
    Registration.objects.create(event=a, name="X", person_key="x", attended=True,
                                status=Registration.Status.CANCELLED)  # not counted
    Event.objects.filter(pk__in=[a.pk, b.pk, c.pk, june.pk]).update(status=Event.Status.HELD)
    network = Library.objects.filter(network=world.central.network)
    start, end = date(2030, 5, 1), date(2030, 6, 1)
    assert metrics.compute("events_held", network, start, end) == 4
    assert metrics.compute("events_held_lecture", network, start, end) == 2
    assert metrics.compute("events_held_seminar", network, start, end) == 2
    assert metrics.compute("events_held_webinar", network, start, end) == 0
    # participants: came 3+5+0+1, walk-ins 4+1+0+2
    assert metrics.compute("event_participants", network, start, end) == 16
    assert metrics.compute("branch_staff_trained", network, start, end) == 6
    only_branch = Library.objects.filter(pk=world.branch.pk)
    assert metrics.compute("events_held", only_branch, start, end) == 1
    assert metrics.compute("events_held", network, date(2030, 5, 6), end) == 3
    assert str(metrics.get("events_held_lecture").label) == "проведено заходів: лекція"
