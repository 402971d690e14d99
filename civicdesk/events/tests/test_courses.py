"""Courses: the completion rule worked by hand, attendance saved at once, certificates
(the PDF's text read back, the code confirmed on the portal, after anonymisation too),
who may do what, bad input, the metrics."""

import io
import re
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest
from pypdf import PdfReader

from civicdesk.core import metrics
from civicdesk.events import certificates, courses
from civicdesk.events.models import Course, CourseSession, Enrollment, SessionAttendance
from civicdesk.org.models import Library
from civicdesk.patrons.personal_data import patron_anonymise
from civicdesk.patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def _course(library, *, sessions=5, first_day=None, percent=80, title="Цифрова грамотність "
            "для людей старшого віку", hours=10, audience="citizens") -> Course:
    course = courses.course_create(library=library, title=title, description="",
                                   audience=audience, completion_percent=percent, hours=hours,
                                   is_public=True)
    first_day = first_day or timezone.localdate() - timedelta(days=7 * sessions + 1)
    for i in range(sessions):
        day = first_day + timedelta(days=7 * i)
        CourseSession.objects.create(course=course, starts_at=_at(day, 10),
                                     ends_at=_at(day, 12), topic=f"Заняття {i + 1}")
    return course


def _attend(enrollment, count):
    for session in enrollment.course.sessions.all()[:count]:
        SessionAttendance.objects.create(session=session, enrollment=enrollment)


@pytest.fixture
def course(world):
    return _course(world.central)


@pytest.fixture
def patron(world):
    return PatronFactory(library=world.central, surname="Петренко", given_name="Іван",
                         patronymic="Іванович")


@pytest.fixture
def done(course, patron):
    """Петренко attended 4 of 5 sessions of a course that is over: completed."""
    enrollment = courses.enroll_patron(course=course, patron=patron)
    _attend(enrollment, 4)
    courses.course_evaluate(course)
    enrollment.refresh_from_db()
    return enrollment


# --- the completion rule -------------------------------------------------------------

@pytest.mark.parametrize(("attended", "held", "percent", "meets"), [
    (4, 5, 80, True),   # 80 % of 5 sessions is 4
    (3, 5, 80, False),  # 60 %
    (5, 5, 100, True),
    (4, 5, 100, False),
    (2, 3, 67, False),  # 66.7 % < 67 %
    (2, 3, 66, True),
    (6, 7, 80, True),   # 85.7 %
    (5, 7, 80, False),  # 71.4 %
    (1, 1, 1, True),
    (0, 0, 80, False),  # nothing held: nobody completes
])
def test_the_rule_in_whole_numbers(attended, held, percent, meets):
    assert courses.meets_rule(attended, held, percent) is meets


def test_sessions_needed():
    assert courses.sessions_needed(5, 80) == 4
    assert courses.sessions_needed(7, 80) == 6  # 5.6 → 6
    assert courses.sessions_needed(10, 75) == 8  # 7.5 → 8
    assert courses.sessions_needed(3, 100) == 3
    assert courses.sessions_needed(0, 80) == 0


def test_four_of_five_completes_three_does_not_and_a_withdrawn_one_does_not(course, world):
    a = courses.enroll_patron(course=course, patron=PatronFactory(library=world.central,
                                                                  surname="Андрієнко"))
    b = courses.enroll_patron(course=course, patron=PatronFactory(library=world.central,
                                                                  surname="Бойко"))
    c = courses.enroll_staff(course=course, name="Коваль Марія Петрівна")
    _attend(a, 4)
    _attend(b, 3)
    _attend(c, 5)
    courses.withdraw(enrollment=c)
    assert courses.course_evaluate(course) == 1
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    last = course.sessions.order_by("-starts_at").first()
    assert a.completed_at == last.ends_at  # completed when the last session ended
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{10}", a.certificate_code)
    assert b.completed_at is None and b.certificate_code is None
    assert c.completed_at is None and c.certificate_code is None
    assert courses.course_evaluate(course) == 0  # once only
    assert Enrollment.objects.get(pk=a.pk).certificate_code == a.certificate_code


def test_nobody_completes_before_the_last_session(world, patron):
    # 5 sessions: 3 held, 2 to come; 3 of 3 attended is 100 % so far, but not over yet
    start = timezone.localdate() - timedelta(days=15)
    course = _course(world.central, first_day=start)
    enrollment = courses.enroll_patron(course=course, patron=patron)
    _attend(enrollment, 3)
    assert courses.course_evaluate(course) == 0
    sessions, rows = courses.course_progress(course)
    assert (rows[0].attended, rows[0].held, rows[0].total, rows[0].needed) == (3, 3, 5, 4)
    assert rows[0].on_track
    # a week after the last session: 3 of 5 is 60 % — not enough
    later = sessions[-1].ends_at + timedelta(days=7)
    assert courses.course_evaluate(course, now=later) == 0
    # one more session attended: 4 of 5
    SessionAttendance.objects.create(session=sessions[3], enrollment=enrollment)
    assert courses.course_evaluate(course, now=later) == 1


def test_a_corrected_grid_takes_completion_back_and_gives_it_again_with_the_same_code(done):
    code = done.certificate_code
    course = done.course
    sessions = list(course.sessions.all())
    courses.attendance_save(course=course, marks={(done.pk, s.pk) for s in sessions[:3]})
    done.refresh_from_db()
    assert done.completed_at is None and done.certificate_code == code
    assert courses.attendance_save(course=course,
                                   marks={(done.pk, s.pk) for s in sessions}) == 1
    done.refresh_from_db()
    assert done.completed_at and done.certificate_code == code


def test_certificate_codes_are_unambiguous_and_unique():
    codes = {courses.new_certificate_code() for _i in range(300)}
    assert len(codes) == 300
    assert not set("".join(codes)) & set("01OI")
    assert courses.normalize_code(" abcde-fghjk ") == "ABCDEFGHJK"
    assert courses.normalize_code("АВСЕН-КМРТХ") == "ABCEHKMPTX"  # typed in Cyrillic
    assert courses.format_code("ABCDEFGHJK") == "ABCDE-FGHJK"


def test_masked_name():
    assert courses.masked_name("Петренко Іван Іванович") == "Петренко І. І."
    assert courses.masked_name("Коваль-Сидоренко Анна-Марія") == "Коваль-Сидоренко А.-М."
    assert courses.masked_name("Шевченко") == "Шевченко"
    assert courses.masked_name("") == ""


# --- attendance and bad input ---------------------------------------------------------

def test_attendance_for_a_session_not_started_or_a_withdrawn_participant_is_refused(world,
                                                                                   patron):
    course = _course(world.central, first_day=timezone.localdate() - timedelta(days=8))
    active = courses.enroll_patron(course=course, patron=patron)
    gone = courses.enroll_staff(course=course, name="Коваль Марія")
    courses.withdraw(enrollment=gone)
    sessions = list(course.sessions.all())
    with pytest.raises(ValidationError, match="ще не почалося|has not started"):
        courses.attendance_save(course=course, marks={(active.pk, sessions[4].pk)})
    with pytest.raises(ValidationError, match="вибув|withdrawn"):
        courses.attendance_save(course=course, marks={(gone.pk, sessions[0].pk)})
    assert not SessionAttendance.objects.exists()


def test_bad_input_in_actions(course, patron, world):
    for percent in (0, 101):
        with pytest.raises(ValidationError) as exc:
            courses.course_create(library=world.central, title="Дія крок за кроком",
                                  completion_percent=percent, hours=4)
        assert "completion_percent" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        courses.session_save(course=course, starts_at=_at(date(2026, 3, 2), 12),
                             ends_at=_at(date(2026, 3, 2), 10))
    assert "ends_at" in exc.value.error_dict
    courses.enroll_patron(course=course, patron=patron)
    with pytest.raises(ValidationError, match="вже зараховано|already"):
        courses.enroll_patron(course=course, patron=patron)
    courses.enroll_staff(course=course, name="Коваль  Марія")
    with pytest.raises(ValidationError):
        courses.enroll_staff(course=course, name="коваль марія")
    foreign = PatronFactory(library=world.foreign_central)
    with pytest.raises(ValidationError):
        courses.enroll_patron(course=course, patron=foreign)
    not_done = Enrollment.objects.get(course=course, patron=patron)
    with pytest.raises(ValidationError):
        certificates.render(not_done, "https://example.org/")


# --- certificates ----------------------------------------------------------------------

def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_certificate_pdf_says_who_what_how_long_when_and_the_code(done):
    url = f"https://cog.example.ua/events/certificate/{done.certificate_code}/"
    content = certificates.render(done, url)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = _pdf_text(content)
    first, last = courses.course_dates(done.course)
    for must in ("СЕРТИФІКАТ", "Петренко Іван Іванович",
                 "Цифрова грамотність для людей старшого віку", "Обсяг: 10 год.",
                 f"з {first:%d.%m.%Y} по {last:%d.%m.%Y}", "Сарненська ЦРБ",
                 courses.format_code(done.certificate_code), url):
        assert must in text, must


def test_staff_download_the_certificate_only_for_those_who_completed(done, login, world):
    client = login(world.users["consultant"])
    response = client.get(reverse("events:course_certificate_pdf", args=[done.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert f"http://testserver/events/certificate/{done.certificate_code}/" in text
    other = courses.enroll_staff(course=done.course, name="Коваль Марія")
    response = client.get(reverse("events:course_certificate_pdf", args=[other.pk]),
                          follow=True)
    assert response.status_code == 200
    assert "не завершив(-ла) курс; сертифіката немає" in response.content.decode()


def test_the_portal_confirms_a_genuine_code_with_the_name_masked(done, client):
    response = client.get(reverse("events_public:course_certificate_check"),
                          {"code": courses.format_code(done.certificate_code).lower()})
    assert response.status_code == 302
    response = client.get(response["Location"])
    page = response.content.decode()
    assert response.status_code == 200
    assert "Сертифікат справжній" in page
    assert "Петренко І. І." in page and "Іванович" not in page
    assert "Цифрова грамотність для людей старшого віку" in page
    first, last = courses.course_dates(done.course)
    assert f"{first:%d.%m.%Y} – {last:%d.%m.%Y}" in page


def test_the_portal_says_plainly_when_a_code_is_unknown(done, client):
    for code in ("ABCDE-FGHJK", "0000000000", "x"):
        if courses.normalize_code(code) == done.certificate_code:
            continue
        response = client.get(reverse("events_public:course_certificate", args=[code]))
        page = response.content.decode()
        assert response.status_code == 404
        assert "Сертифіката з таким кодом немає" in page and "Петренко" not in page
    response = client.get(reverse("events_public:course_certificate_check"), {"code": "<b>"})
    assert response.status_code == 302
    response = client.get(reverse("events_public:course_certificate_check"), {"code": " "})
    assert response.status_code == 200 and "Введіть код" in response.content.decode()


def test_after_anonymisation_the_certificate_exists_but_names_nobody(done, client, login,
                                                                     world):
    patron_anonymise(done.patron)
    done.refresh_from_db()
    assert done.name == "" and done.completed_at and done.certificate_code
    response = client.get(reverse("events_public:course_certificate",
                                  args=[done.certificate_code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "персональні дані його власника видалено на його прохання" in page
    assert "Петренко" not in page and "Сертифікат справжній" not in page
    with pytest.raises(ValidationError):
        certificates.render(done, "https://example.org/")
    staff = login(world.users["consultant"])
    response = staff.get(reverse("events:course_certificate_pdf", args=[done.pk]))
    assert response.status_code == 302


def test_a_withdrawn_certificate_is_not_valid(done, client):
    courses.attendance_save(course=done.course, marks=set())
    response = client.get(reverse("events_public:course_certificate",
                                  args=[done.certificate_code]))
    assert "Цей сертифікат недійсний" in response.content.decode()
    assert "Петренко" not in response.content.decode()


# --- pages and permissions --------------------------------------------------------------

def test_a_consultant_runs_a_course_from_start_to_certificate(world, login, patron):
    client = login(world.users["consultant"])
    response = client.post(reverse("events:course_create"), {
        "title": "Послуги Дії крок за кроком", "library": world.branch.pk, "audience": "citizens",
        "completion_percent": 80, "hours": 6, "description": "<script>alert(1)</script>"})
    course = Course.objects.get(title="Послуги Дії крок за кроком")
    assert response.status_code == 302 and course.network == world.central.network
    day = timezone.localdate() - timedelta(days=3)
    for hour in (9, 11, 13, 15, 17):
        response = client.post(reverse("events:course_session_create", args=[course.pk]), {
            "starts_at": f"{day:%Y-%m-%d}T{hour:02d}:00",
            "ends_at": f"{day:%Y-%m-%d}T{hour + 1:02d}:30", "topic": "Дія"})
        assert response.status_code == 302
    response = client.get(reverse("events:course_detail", args=[course.pk]), {"q": "петренко"})
    page = response.content.decode()
    assert "Петренко Іван Іванович" in page and "<script>alert" not in page
    client.post(reverse("events:course_enroll", args=[course.pk]), {"patron": patron.pk})
    client.post(reverse("events:course_enroll", args=[course.pk]),
                {"name": "Коваль Марія Петрівна"})
    response = client.post(reverse("events:course_enroll", args=[course.pk]),
                           {"patron": patron.pk}, follow=True)
    assert "Петренко Іван Іванович вже зараховано на цей курс" in response.content.decode()
    ivan = Enrollment.objects.get(course=course, patron=patron)
    maria = Enrollment.objects.get(course=course, is_staff=True)
    response = client.get(reverse("events:course_attendance", args=[course.pk]))
    assert response.content.decode().count('type="checkbox"') == 10
    sessions = list(course.sessions.all())
    ticks = [f"{ivan.pk}-{s.pk}" for s in sessions[:4]] + [f"{maria.pk}-{sessions[0].pk}"]
    response = client.post(reverse("events:course_attendance", args=[course.pk]),
                           {"present": ticks}, follow=True)
    assert "Завершили курс після цього збереження: 1" in response.content.decode()
    ivan.refresh_from_db(), maria.refresh_from_db()
    assert ivan.completed_at and ivan.certificate_code and not maria.completed_at
    assert SessionAttendance.objects.filter(present=True).count() == 5
    response = client.post(reverse("events:course_withdraw", args=[maria.pk]))
    maria.refresh_from_db()
    assert maria.withdrawn_at
    response = client.post(reverse("events:course_attendance", args=[course.pk]),
                           {"present": ticks + [f"{maria.pk}-{sessions[1].pk}"]})
    assert response.status_code == 400
    assert "вибув(-ла) з курсу; відвідування не записується" in response.content.decode()
    response = client.get(reverse("events:course_detail", args=[course.pk]))
    assert reverse("events:course_certificate_pdf", args=[ivan.pk]) in response.content.decode()


def test_bad_input_on_the_pages_gets_messages_not_errors(course, world, login):
    client = login(world.users["center_head"])
    for percent in ("0", "101", "abc"):
        response = client.post(reverse("events:course_edit", args=[course.pk]), {
            "title": course.title, "library": world.central.pk, "audience": "citizens",
            "completion_percent": percent, "hours": 10})
        assert response.status_code == 200
        if percent != "abc":
            assert "має бути від 1 до 100" in response.content.decode()
    assert Course.objects.get(pk=course.pk).completion_percent == 80
    response = client.post(reverse("events:course_session_create", args=[course.pk]), {
        "starts_at": "2026-03-02T12:00", "ends_at": "2026-03-02T10:00"})
    assert response.status_code == 400
    assert "Заняття має закінчуватися пізніше, ніж починається" in response.content.decode()
    session = course.sessions.first()
    response = client.post(reverse("events:course_session_edit", args=[session.pk]), {
        "starts_at": "2026-03-02T12:00", "ends_at": "2026-03-02T12:00"})
    assert response.status_code == 400
    response = client.post(reverse("events:course_enroll", args=[course.pk]), {"name": "  "},
                           follow=True)
    assert "Введіть прізвище" in response.content.decode()
    response = client.post(reverse("events:course_enroll", args=[course.pk]),
                           {"patron": "999999"}, follow=True)
    assert "Оберіть користувача" in response.content.decode()


def test_who_may_do_what(course, world, login, done):
    detail = reverse("events:course_detail", args=[course.pk])
    manage = [reverse("events:course_edit", args=[course.pk]),
              reverse("events:course_attendance", args=[course.pk]),
              reverse("events:course_session_create", args=[course.pk])]
    for role in ("director", "center_head", "consultant", "admin"):
        client = login(world.users[role])
        assert client.get(detail).status_code == 200
        for url in manage:
            assert client.get(url).status_code == 200, (role, url)
    viewer = login(world.users["viewer"])
    assert viewer.get(reverse("events:courses")).status_code == 200
    assert viewer.get(detail).status_code == 200
    assert "Зарахувати" not in viewer.get(detail).content.decode()
    for url in manage + [reverse("events:course_create")]:
        assert viewer.get(url).status_code == 403, url
    assert viewer.post(reverse("events:course_enroll", args=[course.pk]),
                       {"name": "X"}).status_code == 403
    assert viewer.post(reverse("events:course_withdraw", args=[done.pk])).status_code == 403
    for role in ("foreign_director", "branch_librarian"):
        client = login(world.users[role])
        assert client.get(detail).status_code == 404, role
        assert client.get(manage[0]).status_code == 404
        assert client.get(reverse("events:course_certificate_pdf",
                                  args=[done.pk])).status_code == 404
        assert course.title not in client.get(reverse("events:courses")).content.decode()
    foreign = login(world.users["foreign_director"])
    session = course.sessions.first()
    assert foreign.post(reverse("events:course_session_delete",
                                args=[session.pk])).status_code == 404
    assert CourseSession.objects.filter(pk=session.pk).exists()
    # a director of another network cannot put a course in this network's library
    response = foreign.post(reverse("events:course_create"), {
        "title": "Чужий", "library": world.central.pk, "audience": "citizens",
        "completion_percent": 80, "hours": 1})
    assert response.status_code == 200 and not Course.objects.filter(title="Чужий").exists()
    assert login(world.users["no_role"]).get(detail).status_code == 403


# --- metrics -------------------------------------------------------------------------

def test_metrics_against_hand_counted_fixtures(world):
    march = date(2026, 3, 2)
    # central: 5 sessions on Mondays of March 2026 (2, 9, 16, 23, 30), 80 %
    seniors = _course(world.central, first_day=march)
    # branch: staff training, 2 sessions on 3 and 10 March, 100 %
    training = _course(world.branch, sessions=2, first_day=date(2026, 3, 3), percent=100,
                       title="Навчання працівників філіалів", audience="branch_staff")
    # the other network: one session on 4 March, must never count
    foreign = _course(world.foreign_central, sessions=1, first_day=date(2026, 3, 4), percent=1)
    a = courses.enroll_patron(course=seniors, patron=PatronFactory(library=world.central))
    b = courses.enroll_patron(course=seniors, patron=PatronFactory(library=world.central))
    c = courses.enroll_patron(course=seniors, patron=PatronFactory(library=world.central))
    _attend(a, 4)  # completes
    _attend(b, 2)  # came, does not complete
    # c never came
    s1 = courses.enroll_staff(course=training, name="Коваль Марія")
    s2 = courses.enroll_staff(course=training, name="Бондар Олег")
    _attend(s1, 2)  # completes
    _attend(s2, 1)  # does not
    f = courses.enroll_staff(course=foreign, name="Чужий Працівник")
    _attend(f, 1)
    for course in (seniors, training, foreign):
        courses.course_evaluate(course)
    assert c.attendance.count() == 0

    network = Library.objects.filter(network=world.central.network)
    branch = Library.objects.filter(pk=world.branch.pk)
    april = (date(2026, 3, 1), date(2026, 4, 1))
    assert metrics.compute("course_participants", network, *april) == 4  # a, b, s1, s2
    assert metrics.compute("courses_completed", network, *april) == 2  # a (30.03), s1 (10.03)
    assert metrics.compute("course_staff_trained", network, *april) == 1  # s1
    assert metrics.compute("course_participants", branch, *april) == 2
    assert metrics.compute("courses_completed", branch, *april) == 1
    # the first half of March: s1 completed on the 10th; a on the 30th is outside
    half = (date(2026, 3, 1), date(2026, 3, 16))
    assert metrics.compute("courses_completed", network, *half) == 1
    assert metrics.compute("course_staff_trained", network, *half) == 1
    # 16–31 March: a came on the 16th and 23rd and b on the 9th only — a counts, b not
    rest = (date(2026, 3, 16), date(2026, 4, 1))
    assert metrics.compute("course_participants", network, *rest) == 1
    assert metrics.compute("courses_completed", network, *rest) == 1
    assert metrics.compute("course_staff_trained", network, *rest) == 0
    foreign_libs = Library.objects.filter(pk=world.foreign_central.pk)
    assert metrics.compute("courses_completed", foreign_libs, *april) == 1
    keys = {m.key for m in metrics.all_metrics()}
    assert {"course_participants", "courses_completed", "course_staff_trained"} <= keys
