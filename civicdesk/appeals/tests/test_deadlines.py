"""Deadline arithmetic: the working-day calendar and the rules, as properties and as
examples worked out by hand."""

from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import holidays
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from civicdesk.appeals import calendar as cal_module
from civicdesk.appeals.calendar import Calendar, holidays_off
from civicdesk.appeals.deadlines import (
    RULES,
    add_months,
    check_rule,
    due_for,
    refresh_due,
    rule_code,
    rules_seed,
)
from civicdesk.appeals.models import Appeal, Authority, CalendarDay, DeadlineRule
from civicdesk.core import reference_data
from civicdesk.patrons.tests.factories import PatronFactory

YEARS = range(2021, 2031)
KYIV = timezone.get_default_timezone

any_day = st.dates(min_value=date(2021, 1, 1), max_value=date(2030, 12, 31))
# Around the year ends, where New Year and Christmas meet the weekends.
year_end = st.builds(lambda y, k: date(y, 12, 15) + timedelta(days=k),
                     st.sampled_from(YEARS), st.integers(0, 25))
WEEKEND_HOLIDAYS = sorted(
    d for y in YEARS for d in holidays.Ukraine(years=y, categories=("public", "workday"))
    if d.weekday() >= 5)
weekend_holiday = st.sampled_from(WEEKEND_HOLIDAYS)
days = st.one_of(any_day, year_end, weekend_holiday)
overrides = st.dictionaries(days, st.booleans(), max_size=8)

slow = hsettings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def end_of(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(23, 59, 59)), KYIV())


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment, KYIV()).date()


# --- the calendar ---------------------------------------------------------------------

def test_weekend_holidays_exist_to_test():
    # The strategy above must have something to draw: e.g. 2027-05-01 (Sat), 05-02 (Sun).
    assert date(2027, 5, 1) in WEEKEND_HOLIDAYS and date(2027, 5, 2) in WEEKEND_HOLIDAYS


@given(d=days, n=st.integers(1, 60), ml=st.booleans(), ov=overrides)
def test_add_working_days_counts_exactly_n(d, n, ml, ov):
    cal = Calendar(overrides=ov, martial_law_on=ml)
    due = cal.add_working_days(d, n)
    assert cal.is_working_day(due)
    assert cal.working_days_between(d, due) == n
    # Nothing earlier would do: the day before holds one working day fewer.
    assert cal.working_days_between(d, due - timedelta(days=1)) == n - 1


@given(d=days, n=st.integers(0, 40), m=st.integers(0, 40), ml=st.booleans(), ov=overrides)
def test_add_working_days_is_monotonic(d, n, m, ml, ov):
    cal = Calendar(overrides=ov, martial_law_on=ml)
    if n < m:
        assert cal.add_working_days(d, n) < cal.add_working_days(d, m)
    assert cal.add_working_days(d, 0) == d


@given(d=st.one_of(st.dates(min_value=date(2023, 1, 1), max_value=date(2030, 12, 31)),
                   weekend_holiday.filter(lambda x: x.year >= 2023)))
def test_martial_law_no_holiday_is_a_day_off(d):
    # From 2023 the package counts no public holiday a day off: only weekends remain.
    cal = Calendar(overrides={}, martial_law_on=True)
    assert cal.is_working_day(d) == (d.weekday() < 5)


@given(y=st.sampled_from(YEARS))
def test_without_martial_law_every_holiday_is_off_and_weekend_ones_move(y):
    cal = Calendar(overrides={}, martial_law_on=False)
    for d in holidays.Ukraine(years=y, categories=("public", "workday")):
        assert not cal.is_working_day(d)
    for d in (x for x in WEEKEND_HOLIDAYS if x.year == y):
        # The Monday after (or the next weekday not already a holiday) is a day off.
        nxt = d + timedelta(days=1)
        while nxt.weekday() >= 5:
            nxt += timedelta(days=1)
        assert not cal.is_working_day(nxt)


def test_without_martial_law_matches_the_package_before_the_war():
    # Before 2022 the package's public holidays (with its transfers) are the days off;
    # ours must not add a transfer twice.
    for y in (2019, 2020, 2021):
        assert holidays_off(y, False) == frozenset(
            holidays.Ukraine(years=y, categories=("public",)))


@given(d=days, ml=st.booleans(), ov=overrides)
def test_overrides_win(d, ml, ov):
    cal = Calendar(overrides=ov, martial_law_on=ml)
    if d in ov:
        assert cal.is_working_day(d) is ov[d]
    nxt = cal.next_working_day(d)
    assert cal.is_working_day(nxt) and nxt >= d


def test_calendar_reads_setting_and_rows(db, settings):
    christmas = date(2026, 12, 25)  # a Friday
    settings.MARTIAL_LAW = True
    assert cal_module.is_working_day(christmas)
    settings.MARTIAL_LAW = False
    assert not cal_module.is_working_day(christmas)
    CalendarDay.objects.create(day=christmas, is_working=True, note="відпрацювання")
    assert cal_module.is_working_day(christmas)
    CalendarDay.objects.create(day=date(2026, 12, 26), is_working=True)  # a Saturday
    assert cal_module.add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 26)
    assert cal_module.next_working_day(date(2026, 12, 27)) == date(2026, 12, 28)


# --- the rules ------------------------------------------------------------------------

@pytest.fixture
def rules(db):
    rules_seed()


@pytest.fixture
def bodies(db):
    return {
        "local": Authority.objects.create(name="Сарненська міська рада",
                                          kind=Authority.Kind.COUNCIL, petition_days=60,
                                          petition_signatures=250),
        "nostatute": Authority.objects.create(name="Кричильська сільська рада",
                                              kind=Authority.Kind.COUNCIL),
        "national": Authority.objects.create(name="Кабінет Міністрів України",
                                             kind=Authority.Kind.CENTRAL,
                                             level=Authority.Level.NATIONAL),
    }


def appeal(authority, kind=Appeal.Kind.INFO_REQUEST, **kw) -> Appeal:
    """An unsaved appeal: the computation only reads it."""
    return Appeal(authority=authority, kind=kind, status=kw.pop("status", "submitted"), **kw)


def test_seed_is_idempotent_and_registered(rules):
    assert DeadlineRule.objects.count() == len(RULES)
    rule = DeadlineRule.objects.get(code="appeal_short")
    rule.amount = 10  # the administrator's edit stays
    rule.save()
    assert rules_seed() == "0 deadline rules created"
    assert DeadlineRule.objects.get(code="appeal_short").amount == 10
    assert DeadlineRule.objects.get(code="info_request").basis.startswith("ч. 1 ст. 20 Закону")
    assert dict(reference_data.load_all())["appeals_rules"] == "0 deadline rules created"


def test_rule_amount_must_be_positive(rules):
    rule = DeadlineRule.objects.get(code="info_request")
    for bad in (0, -3, None):
        rule.amount = bad
        with pytest.raises(ValidationError) as e:
            check_rule(rule)
        assert "amount" in e.value.message_dict
    rule.amount = 1
    check_rule(rule)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineRule.objects.filter(pk=rule.pk).update(amount=0)


def test_rule_choice(bodies):
    local, national = bodies["local"], bodies["national"]
    ext = Appeal.Status.EXTENDED
    assert rule_code(appeal(local)) == "info_request"
    assert rule_code(appeal(local, urgent=True)) == "info_request_urgent"
    assert rule_code(appeal(local, status=ext)) == "info_request_extended"
    for kind in ("proposal", "statement", "complaint", "no_answer"):
        assert rule_code(appeal(local, kind)) == "appeal"
        assert rule_code(appeal(local, kind), short=True) == "appeal_short"
        assert rule_code(appeal(local, kind, status=ext)) == "appeal_extended"
    assert rule_code(appeal(local, "deputy")) == "deputy"
    assert rule_code(appeal(local, "petition")) == "petition_local_collect"
    assert rule_code(appeal(local, "petition", signatures_collected_on=date(2026, 1, 5))) \
        == "petition_local"
    assert rule_code(appeal(national, "petition")) == "petition_national_collect"
    assert rule_code(appeal(national, "petition", signatures_collected_on=date(2026, 1, 5))) \
        == "petition_national"


def test_nothing_due_without_a_start(rules, bodies):
    assert due_for(appeal(bodies["local"], status="draft")) is None
    assert due_for(appeal(bodies["local"], "petition", submitted_at=timezone.now(),
                          signatures_collected_on=None)) is not None
    assert due_for(appeal(bodies["national"], "petition")) is None


KINDS = st.sampled_from(["info_request", "proposal", "statement", "complaint", "no_answer",
                         "deputy", "petition"])


@slow
@given(kind=KINDS, received=days, status=st.sampled_from(["submitted", "extended",
                                                          "forwarded"]),
       forwarded_after=st.integers(0, 10), short=st.booleans(), ml=st.booleans(),
       ov=overrides, national=st.booleans(), collected=st.booleans())
def test_due_is_never_a_day_off(rules, bodies, kind, received, status, forwarded_after,
                                short, ml, ov, national, collected):
    body = bodies["national" if national else "local"]
    a = appeal(body, kind, status=status, received_on=received,
               submitted_at=timezone.make_aware(datetime.combine(received, time(10)), KYIV()),
               forwarded_on=received + timedelta(days=forwarded_after),
               signatures_collected_on=received if collected else None)
    cal = Calendar(overrides=ov, martial_law_on=ml)
    due = due_for(a, short=short, cal=cal)
    assert due.rule.unit != "hours"
    last = local_day(due.at)
    assert cal.is_working_day(last)
    assert due.at == end_of(last)
    start = a.forwarded_on if status == "forwarded" else received
    amount = due.rule.amount
    if kind == "petition" and not collected and not national:
        amount = body.petition_days
    if due.rule.unit == "working_days":
        assert cal.working_days_between(start, last) == amount
        assert "вихідні та святкові дні не враховано" in due.explanation
    elif due.rule.unit == "calendar_days":
        nominal = start + timedelta(days=amount)
        assert last >= nominal
        # Every day skipped was a day off.
        assert all(not cal.is_working_day(nominal + timedelta(days=k))
                   for k in range((last - nominal).days))
    else:
        nominal, _ = add_months(start, amount)
        assert last >= nominal and (last - nominal).days < 10
    assert ("воєнний стан: святкові дні — робочі" in due.explanation) is ml
    assert due.explanation.endswith(f"строк — до {last:%d.%m.%Y}")


@slow
@given(received=days, ml=st.booleans(), ov=overrides,
       kind=st.sampled_from(["info_request", "proposal", "complaint", "no_answer"]))
def test_extension_and_short_order_the_deadlines(rules, bodies, received, ml, ov, kind):
    cal = Calendar(overrides=ov, martial_law_on=ml)

    def at(status="submitted", short=False):
        return due_for(appeal(bodies["local"], kind, status=status, received_on=received),
                       short=short, cal=cal).at

    assert at("extended") >= at()
    if kind != "info_request":
        assert at(short=True) <= at()
        # At most 45 days in all, even after an extension (a day off may push it on).
        assert local_day(at("extended")) == cal.next_working_day(received + timedelta(45))


@slow
@given(submitted=st.datetimes(min_value=datetime(2021, 1, 1), max_value=datetime(2030, 12, 31)),
       ml=st.booleans(), ov=overrides)
def test_urgent_is_exactly_48_hours(rules, bodies, submitted, ml, ov):
    moment = timezone.make_aware(submitted, KYIV())
    a = appeal(bodies["local"], urgent=True, submitted_at=moment,
               received_on=moment.date() + timedelta(days=3))
    due = due_for(a, cal=Calendar(overrides=ov, martial_law_on=ml))
    # Elapsed time, whatever the weekends, holidays or the clock change.
    assert due.at.astimezone(UTC) - moment.astimezone(UTC) == timedelta(hours=48)
    assert due.explanation.startswith("48 годин від подання")


# --- examples worked out by hand ------------------------------------------------------

def test_christmas_and_new_year_without_martial_law(rules, bodies, settings):
    # A request received on Friday 25.12.2026, Christmas. The day of receipt is not
    # counted. Sat 26 and Sun 27 are off; Mon 28 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4);
    # Fri 01.01.2027 is New Year's Day: off without martial law; Sat 2, Sun 3 off;
    # Mon 04.01.2027 is the 5th working day.
    settings.MARTIAL_LAW = False
    a = appeal(bodies["local"], received_on=date(2026, 12, 25))
    due = due_for(a)
    assert due.at == end_of(date(2027, 1, 4))
    assert due.explanation == (
        "5 робочих днів від отримання 25.12.2026 (ч. 1 ст. 20 Закону України «Про доступ "
        "до публічної інформації»); вихідні та святкові дні не враховано; "
        "строк — до 04.01.2027")
    # Under martial law New Year's Day is a working day: Fri 01.01.2027 is the 5th.
    settings.MARTIAL_LAW = True
    due = due_for(a)
    assert due.at == end_of(date(2027, 1, 1))
    assert due.explanation.endswith(
        "вихідні та святкові дні не враховано; воєнний стан: святкові дні — робочі; "
        "строк — до 01.01.2027")


def test_extended_request_over_new_year(rules, bodies, settings):
    # Received Mon 21.12.2026, extended to 20 working days. Martial law on: Dec 22, 23,
    # 24, 25, 28, 29, 30, 31 (8), Jan 1, 4, 5, 6, 7, 8 (14), 11-15 (19), Mon 18.01 (20).
    # Off: Dec 25 and Jan 1 are days off, two more days: Tue 19 (19), Wed 20.01 (20).
    a = appeal(bodies["local"], status="extended", received_on=date(2026, 12, 21),
               extended_on=date(2026, 12, 24))
    settings.MARTIAL_LAW = True
    assert due_for(a).at == end_of(date(2027, 1, 18))
    settings.MARTIAL_LAW = False
    assert due_for(a).at == end_of(date(2027, 1, 20))


def test_appeal_month_into_2028(rules, bodies, settings):
    # An appeal received Wed 01.12.2027: one month is Sat 01.01.2028. Martial law on: the
    # weekend moves it to Mon 03.01.2028. Off: New Year's Day on a Saturday gives Monday
    # 03.01 off as well, so Tue 04.01.2028.
    a = appeal(bodies["local"], Appeal.Kind.COMPLAINT, received_on=date(2027, 12, 1))
    settings.MARTIAL_LAW = True
    due = due_for(a)
    assert due.at == end_of(date(2028, 1, 3))
    assert "останній день, 01.01.2028, — вихідний" in due.explanation
    settings.MARTIAL_LAW = False
    assert due_for(a).at == end_of(date(2028, 1, 4))


def test_month_from_31_january(rules, bodies):
    # 31.01.2027 + 1 month: February has no 31st, so Sun 28.02.2027, a day off: Mon 01.03.
    a = appeal(bodies["local"], Appeal.Kind.STATEMENT, received_on=date(2027, 1, 31))
    due = due_for(a)
    assert due.at == end_of(date(2027, 3, 1))
    assert "немає такого числа" in due.explanation
    assert "останній день, 28.02.2027, — вихідний" in due.explanation


def test_override_moves_the_deadline(rules, bodies, settings):
    # Received Mon 01.03.2027; martial law on. Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 (Women's
    # Day, a working day under martial law): due Mon 08.03.2027.
    settings.MARTIAL_LAW = True
    a = appeal(bodies["local"], received_on=date(2027, 3, 1))
    assert due_for(a).at == end_of(date(2027, 3, 8))
    # Friday 05.03 made a day off by hand: 2, 3, 4, 8, 9 → Tue 09.03.
    CalendarDay.objects.create(day=date(2027, 3, 5), is_working=False, note="перенесення")
    assert due_for(a).at == end_of(date(2027, 3, 9))
    # And Saturday 06.03 made a working day: 2, 3, 4, 6, 8 → Mon 08.03 again.
    CalendarDay.objects.create(day=date(2027, 3, 6), is_working=True)
    assert due_for(a).at == end_of(date(2027, 3, 8))


def test_urgent_over_a_weekend(rules, bodies):
    # Submitted Friday 27.11.2026 at 15:30: 48 hours later is Sunday 29.11.2026 15:30;
    # hours run through the weekend.
    moment = timezone.make_aware(datetime(2026, 11, 27, 15, 30), KYIV())
    due = due_for(appeal(bodies["local"], urgent=True, submitted_at=moment,
                         received_on=date(2026, 11, 30)))
    assert due.at == timezone.make_aware(datetime(2026, 11, 29, 15, 30), KYIV())
    assert due.explanation == (
        "48 годин від подання 27.11.2026 15:30 (ч. 2 ст. 20 Закону України «Про доступ до "
        "публічної інформації»); строк — до 29.11.2026 15:30")


def test_forwarded_counts_from_forwarding(rules, bodies):
    # Received 05.10.2026, forwarded Mon 02.11.2026: a month from the forwarding is
    # Wed 02.12.2026, a working day.
    a = appeal(bodies["local"], Appeal.Kind.PROPOSAL, status="forwarded",
               received_on=date(2026, 10, 5), forwarded_on=date(2026, 11, 2),
               forwarded_to=bodies["national"])
    due = due_for(a)
    assert due.at == end_of(date(2026, 12, 2))
    assert due.explanation.startswith("1 місяць від пересилання 02.11.2026 (ст. 20 Закону "
                                      "України «Про звернення громадян»)")


def test_petitions(rules, bodies):
    submitted = timezone.make_aware(datetime(2026, 9, 1, 12), KYIV())
    # Local: 60 days from the statute: Tue 01.09.2026 + 60 = Sat 31.10 → Mon 02.11.2026.
    a = appeal(bodies["local"], Appeal.Kind.PETITION, submitted_at=submitted)
    due = due_for(a)
    assert due.at == end_of(date(2026, 11, 2))
    assert "статутом громади" in due.explanation
    # No period on record: the rule's 90 days, Mon 30.11.2026.
    a.authority = bodies["nostatute"]
    assert due_for(a).at == end_of(date(2026, 11, 30))
    # Signatures collected Fri 06.11.2026: 10 working days, Fri 20.11.2026.
    a.signatures_collected_on = date(2026, 11, 6)
    assert due_for(a).at == end_of(date(2026, 11, 20))
    # National: 3 months, Tue 01.12.2026.
    n = appeal(bodies["national"], Appeal.Kind.PETITION, submitted_at=submitted)
    assert due_for(n).at == end_of(date(2026, 12, 1))


def test_deputy_ten_days_onto_independence_day(rules, bodies, settings):
    # Fri 14.08.2026 + 10 days = Mon 24.08.2026, Independence Day: a working day under
    # martial law; without it, a day off, so Tue 25.08.2026.
    a = appeal(bodies["local"], Appeal.Kind.DEPUTY, received_on=date(2026, 8, 14))
    settings.MARTIAL_LAW = True
    assert due_for(a).at == end_of(date(2026, 8, 24))
    settings.MARTIAL_LAW = False
    assert due_for(a).at == end_of(date(2026, 8, 25))


def test_refresh_due_stores_and_clears(rules, bodies, world):
    a = Appeal.objects.create(
        network=world.central.network, library=world.central,
        patron=PatronFactory(library=world.central), authority=bodies["local"],
        kind=Appeal.Kind.INFO_REQUEST, subject="Бюджет", substance="Копію бюджету",
        created_by=world.users["consultant"])
    assert refresh_due(a, save=True) is None and a.due_at is None
    a.status = Appeal.Status.SUBMITTED
    a.submitted_at = timezone.make_aware(datetime(2027, 3, 1, 9), KYIV())
    a.save()
    due = refresh_due(a, save=True)
    a.refresh_from_db()
    # No receipt date yet: counted from the submission day, Mon 01.03.2027.
    assert a.due_at == due.at == end_of(date(2027, 3, 8))
    assert a.due_explanation.startswith("5 робочих днів від подання 01.03.2027")


def test_deleted_rule_comes_back(rules, bodies):
    DeadlineRule.objects.filter(code="deputy").delete()
    a = appeal(bodies["local"], Appeal.Kind.DEPUTY, received_on=date(2026, 8, 14))
    assert due_for(a).rule.code == "deputy"
