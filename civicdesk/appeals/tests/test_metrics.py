"""The appeals' metrics against a fixture counted by hand (October 2025)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

import pytest

from civicdesk.appeals import metrics as appeal_metrics
from civicdesk.appeals.models import Appeal, Authority
from civicdesk.core import metrics
from civicdesk.org.models import Library
from civicdesk.patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db

START, END = date(2025, 10, 1), date(2025, 11, 1)


def at(y, m, d, hh=10, mm=0):
    return timezone.make_aware(datetime(y, m, d, hh, mm))


def end_of(y, m, d):
    return timezone.make_aware(datetime.combine(date(y, m, d), time(23, 59, 59)))


@pytest.fixture
def libs(world):
    council = Authority.objects.create(name="Сарненська міська рада")
    pension = Authority.objects.create(name="Управління Пенсійного фонду")
    user = world.users["consultant"]

    def make(library, kind, authority, submitted=None, due=None, answered=None,
             outcome="", status=Appeal.Status.SUBMITTED):
        Appeal.objects.create(
            network=library.network, library=library, patron=PatronFactory(library=library),
            authority=authority, kind=kind, subject="с", substance="з", created_by=user,
            status=status, submitted_at=submitted, due_at=due, answered_on=answered,
            outcome=outcome)

    c, b, f = world.central, world.branch, world.foreign_central
    A = Appeal.Kind
    # 1: on time, 5 days to answer.
    make(c, A.INFO_REQUEST, council, at(2025, 10, 1, 9), end_of(2025, 10, 8),
         date(2025, 10, 6), "full", "answered")
    # 2: late (due 12.10, answered 14.10), 9 days.
    make(c, A.INFO_REQUEST, council, at(2025, 10, 5), end_of(2025, 10, 12),
         date(2025, 10, 14), "partial", "answered")
    # 3: submitted in October, due in November, no answer yet.
    make(c, A.COMPLAINT, pension, at(2025, 10, 20), end_of(2025, 11, 20))
    # 4: submitted in September, due 26.10, never answered: late.
    make(c, A.PROPOSAL, council, at(2025, 9, 25), end_of(2025, 10, 26))
    # 5: in the branch, submitted 31.10 at 23:30 local time (still October), answered in
    # November.
    make(b, A.STATEMENT, council, at(2025, 10, 31, 23, 30), end_of(2025, 12, 1),
         date(2025, 11, 10), "refused", "refused")
    # 6: a draft: never counted.
    make(c, A.INFO_REQUEST, council, status=Appeal.Status.DRAFT)
    # 7: another network.
    make(f, A.INFO_REQUEST, council, at(2025, 10, 10), end_of(2025, 10, 17))
    # 8: 01.11 at 00:10 local time: November.
    make(c, A.PETITION, council, at(2025, 11, 1, 0, 10))
    # 9: submitted 01.09, due 15.10, answered 20.10: late, 49 days.
    make(c, A.DEPUTY, council, at(2025, 9, 1), end_of(2025, 10, 15), date(2025, 10, 20),
         "full", "answered")
    # 10: submitted 28.09, due and answered 30.10: on time, 32 days.
    make(c, A.PROPOSAL, pension, at(2025, 9, 28), end_of(2025, 10, 30), date(2025, 10, 30),
         "forwarded", "answered")
    return Library.objects.filter(network=world.central.network)


def test_counts(libs):
    def m(key):
        return metrics.compute(key, libs, START, END)

    # Submitted in October: 1, 2, 3, 5.
    assert m("appeals_assisted") == 4
    assert m("appeals_kind_info_request") == 2
    assert m("appeals_kind_complaint") == 1
    assert m("appeals_kind_statement") == 1
    assert m("appeals_kind_petition") == m("appeals_kind_proposal") == 0
    assert appeal_metrics.by_kind(libs, START, END) == {
        "info_request": 2, "complaint": 1, "statement": 1}
    # Their outcomes so far: full (1), partial (2), refused (5); 3 has none.
    assert appeal_metrics.by_outcome(libs, START, END) == {
        "full": 1, "partial": 1, "refused": 1}
    assert m("appeals_outcome_full") == 1 and m("appeals_outcome_none") == 0
    assert appeal_metrics.by_authority(libs, START, END) == [
        ("Сарненська міська рада", 3), ("Управління Пенсійного фонду", 1)]
    assert appeal_metrics.by_authority(libs, START, END, top=1) == [
        ("Сарненська міська рада", 3)]
    assert m("appeals_authorities") == 2


def test_overdue_share_and_days(libs):
    # Due in October: 1 (on time), 2 (late), 4 (no answer, past due), 9 (late),
    # 10 (on time): 3 of 5 = 60 %.
    assert metrics.compute("appeals_overdue_share", libs, START, END) == 60
    # Answered in October: 1 (5 days), 2 (9), 9 (49), 10 (32): 95 / 4 = 23.75 → 24.
    assert metrics.compute("appeals_days_to_answer", libs, START, END) == 24


def test_branch_only_and_empty_period(libs, world):
    branch = Library.objects.filter(pk=world.branch.pk)
    assert metrics.compute("appeals_assisted", branch, START, END) == 1
    assert metrics.compute("appeals_overdue_share", branch, START, END) == 0
    assert metrics.compute("appeals_days_to_answer", libs, date(2024, 1, 1),
                           date(2024, 2, 1)) == 0


def test_not_yet_due_is_not_late(libs, world):
    # Due in a period that has not ended, unanswered, due time still ahead: not late.
    c = world.central
    future = timezone.now() + timedelta(days=3)
    Appeal.objects.create(network=c.network, library=c, patron=PatronFactory(library=c),
                          authority=Authority.objects.first(), kind="info_request",
                          subject="с", substance="з", created_by=world.users["consultant"],
                          status="submitted", due_at=future)
    day = timezone.localtime(future).date()
    assert metrics.compute("appeals_overdue_share", libs, day, day + timedelta(days=1)) == 0


def test_registered_in_order():
    keys = [m.key for m in metrics.all_metrics() if m.key.startswith("appeals_")]
    assert keys[0] == "appeals_assisted"
    assert keys[-2:] == ["appeals_overdue_share", "appeals_days_to_answer"]
    assert len(keys) == 1 + len(Appeal.Kind) + 1 + len(Appeal.Outcome) + 2
