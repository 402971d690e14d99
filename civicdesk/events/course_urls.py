"""The courses' staff pages. No app_name: the events URLconf includes these under its
"events" namespace (reverse("events:courses"))."""

from django.urls import path

from . import course_views as views

urlpatterns = [
    path("courses/", views.course_list, name="courses"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/sessions/new/", views.session_create, name="course_session_create"),
    path("courses/<int:pk>/enrol/", views.enroll, name="course_enroll"),
    path("courses/<int:pk>/attendance/", views.attendance, name="course_attendance"),
    path("courses/sessions/<int:pk>/edit/", views.session_edit, name="course_session_edit"),
    path("courses/sessions/<int:pk>/delete/", views.session_delete,
         name="course_session_delete"),
    path("courses/participants/<int:pk>/withdraw/", views.withdraw, name="course_withdraw"),
    path("courses/participants/<int:pk>/certificate.pdf", views.certificate,
         name="course_certificate_pdf"),
]
