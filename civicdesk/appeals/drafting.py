"""Letters drafted with the citizen: templates with placeholders, what the law requires
before a letter may be produced, and the letter as DOCX, PDF and plain text.

Placeholders are written {{ name }}; PLACEHOLDERS says which exist. A template with an
unknown one is refused when it is saved, so a letter never carries "{{ adress }}".
Values go into the text as they are (no HTML: the DOCX holds them literally, pages
escape them).
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .declension import genitive
from .models import Appeal, LetterTemplate

PLACEHOLDERS = {
    "requester": gettext_lazy("the requester's full name"),
    "requester_genitive": gettext_lazy('the name in the genitive: "Петренка Івана Івановича"'),
    "requester_address": gettext_lazy("postal or e-mail address for the answer"),
    "residence": gettext_lazy("place of residence"),
    "authority": gettext_lazy("the body's name"),
    "authority_address": gettext_lazy("the body's postal address or e-mail"),
    "subject": gettext_lazy("what it is about"),
    "substance": gettext_lazy("the substance: what is asked or said"),
    "today": gettext_lazy("today's date"),
    "earlier_date": gettext_lazy("the earlier letter's submission date"),
    "earlier_number": gettext_lazy("the earlier letter's registration number"),
    "earlier_subject": gettext_lazy("what the earlier letter was about"),
}
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

TITLES = {
    Appeal.Kind.INFO_REQUEST: "ЗАПИТ\nна отримання публічної інформації",
    Appeal.Kind.PROPOSAL: "ПРОПОЗИЦІЯ",
    Appeal.Kind.STATEMENT: "ЗАЯВА",
    Appeal.Kind.COMPLAINT: "СКАРГА",
    Appeal.Kind.NO_ANSWER: "СКАРГА\nна ненадання відповіді",
    Appeal.Kind.PETITION: "ЕЛЕКТРОННА ПЕТИЦІЯ",
    Appeal.Kind.DEPUTY: "ЗВЕРНЕННЯ\nдо депутата місцевої ради",
}

DEFAULT_TEXTS = {
    Appeal.Kind.INFO_REQUEST: (
        "Відповідно до статей 1, 13, 19, 20 Закону України «Про доступ до публічної "
        "інформації» прошу надати таку інформацію: {{ substance }}\n\n"
        "Відповідь прошу надіслати на адресу: {{ requester_address }}."),
    Appeal.Kind.PROPOSAL: (
        "Відповідно до статті 3 Закону України «Про звернення громадян» вношу "
        "пропозицію щодо: {{ subject }}.\n\n{{ substance }}\n\n"
        "Про результати розгляду прошу повідомити за адресою: {{ requester_address }}."),
    Appeal.Kind.STATEMENT: (
        "Відповідно до статті 3 Закону України «Про звернення громадян» звертаюся із "
        "заявою щодо: {{ subject }}.\n\n{{ substance }}\n\n"
        "Відповідь прошу надіслати за адресою: {{ requester_address }}."),
    Appeal.Kind.COMPLAINT: (
        "Відповідно до статей 3, 16 Закону України «Про звернення громадян» подаю скаргу "
        "щодо: {{ subject }}.\n\n{{ substance }}\n\n"
        "Прошу розглянути скаргу та повідомити про результати за адресою: "
        "{{ requester_address }}."),
    Appeal.Kind.NO_ANSWER: (
        "{{ earlier_date }} я подав(ла) до {{ authority }} звернення (запит) щодо: "
        "{{ earlier_subject }}, реєстраційний номер {{ earlier_number }}. Встановлений "
        "законом строк розгляду минув, відповіді я не отримав(ла).\n\n{{ substance }}\n\n"
        "Прошу вжити заходів для надання відповіді та повідомити мене за адресою: "
        "{{ requester_address }}."),
    Appeal.Kind.PETITION: (
        "{{ subject }}\n\n{{ substance }}"),
    Appeal.Kind.DEPUTY: (
        "Звертаюся до Вас як до депутата місцевої ради щодо: {{ subject }}.\n\n"
        "{{ substance }}\n\nВідповідь прошу надіслати за адресою: {{ requester_address }}."),
}


def check_template(body: str) -> None:
    """Refuse unknown placeholders and stray braces, naming them."""
    unknown = sorted({m.group(1) for m in _PLACEHOLDER.finditer(body)
                      if m.group(1) not in PLACEHOLDERS})
    if unknown:
        raise ValidationError({"body": _("Unknown placeholders: %(names)s. Known: %(known)s.")
                               % {"names": ", ".join("{{ " + n + " }}" for n in unknown),
                                  "known": ", ".join(PLACEHOLDERS)}})
    rest = _PLACEHOLDER.sub("", body)
    if "{{" in rest or "}}" in rest:
        raise ValidationError({"body": _("A placeholder is not closed: write {{ name }}.")})


def template_for(network, kind: str) -> str:
    found = LetterTemplate.objects.filter(network=network, kind=kind).first()
    return found.body if found else DEFAULT_TEXTS[kind]


def templates_seed(network) -> int:
    """The default text of every kind, for the head to edit (existing ones stay)."""
    have = set(LetterTemplate.objects.filter(network=network).values_list("kind", flat=True))
    rows = [LetterTemplate(network=network, kind=kind, title=str(Appeal.Kind(kind).label),
                           body=DEFAULT_TEXTS[kind])
            for kind in Appeal.Kind.values if kind not in have]
    LetterTemplate.objects.bulk_create(rows)
    return len(rows)


def templates_seed_all() -> str:
    from civicdesk.org.models import Network

    return f"{sum(templates_seed(n) for n in Network.objects.all())} letter templates"


def requester_name(patron) -> str:
    return " ".join(p for p in (patron.surname, patron.given_name, patron.patronymic) if p)


def values(appeal: Appeal) -> dict[str, str]:
    patron = appeal.patron
    earlier = appeal.follows
    return {
        "requester": appeal.requester_name or requester_name(patron),
        "requester_genitive": genitive(patron.surname, patron.given_name, patron.patronymic,
                                       patron.sex),
        "requester_address": appeal.requester_address,
        "residence": appeal.residence,
        "authority": appeal.authority.name,
        "authority_address": appeal.authority.postal_address or appeal.authority.email,
        "subject": appeal.subject,
        "substance": appeal.substance,
        "today": timezone.localdate().strftime("%d.%m.%Y"),
        "earlier_date": (timezone.localtime(earlier.submitted_at).strftime("%d.%m.%Y")
                         if earlier and earlier.submitted_at else "____"),
        "earlier_number": (earlier.registration_number if earlier else "") or "____",
        "earlier_subject": earlier.subject if earlier else "____",
    }


def fill(body: str, appeal: Appeal) -> str:
    known = values(appeal)
    return _PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), body)


# --- What the law requires ------------------------------------------------------------

INFO_LAW = "ст. 19 Закону України «Про доступ до публічної інформації»"
APPEALS_LAW = "ст. 5 Закону України «Про звернення громадян»"
PETITION_LAW = "ст. 23-1 Закону України «Про звернення громадян»"


@dataclass
class Missing:
    field: str
    message: str


def missing(appeal: Appeal) -> list[Missing]:
    """What the letter lacks before it may be produced; each message names the article."""
    out: list[Missing] = []
    name = appeal.requester_name or requester_name(appeal.patron)
    if appeal.kind == Appeal.Kind.INFO_REQUEST:
        law = INFO_LAW
        if not name.strip():
            out.append(Missing("requester_name", _("%(law)s: the requester's name (for a "
                                                   "person) is required.") % {"law": law}))
        if not appeal.requester_address.strip():
            out.append(Missing("requester_address", _(
                "%(law)s: a postal or e-mail address for the answer is required.")
                % {"law": law}))
        if len(appeal.substance.strip()) < 10:
            out.append(Missing("substance", _(
                "%(law)s: describe the information sought (its kind, name, details or "
                "content).") % {"law": law}))
        return out
    law = PETITION_LAW if appeal.kind == Appeal.Kind.PETITION else APPEALS_LAW
    if len(name.split()) < 2:
        out.append(Missing("requester_name", _(
            "%(law)s: the citizen's surname and name are required.") % {"law": law}))
    if appeal.kind != Appeal.Kind.PETITION and not appeal.residence.strip():
        out.append(Missing("residence", _("%(law)s: the place of residence is required.")
                           % {"law": law}))
    if len(appeal.substance.strip()) < 10:
        out.append(Missing("substance", _(
            "%(law)s: state the substance: what is proposed, asked or complained about.")
            % {"law": law}))
    return out


def check_ready(appeal: Appeal) -> None:
    problems = missing(appeal)
    if problems:
        raise ValidationError({p.field: p.message for p in problems})


# --- The letter as a file ---------------------------------------------------------------

def _blocks(appeal: Appeal) -> tuple[str, list[tuple]]:
    v = values(appeal)
    head = [("right", v["authority"])]
    if v["authority_address"]:
        head.append(("right", v["authority_address"]))
    head.append(("right", f"від {v['requester_genitive'] or v['requester']}"))
    if appeal.residence:
        head.append(("right", f"місце проживання: {appeal.residence}"))
    if appeal.requester_address:
        head.append(("right", f"адреса для відповіді: {appeal.requester_address}"))
    body = [("p", paragraph) for paragraph in appeal.letter.split("\n\n") if paragraph.strip()]
    title = TITLES[appeal.kind]
    return title, [*head, ("center", title), *body,
                   ("p", f"\n{v['today']}        ____________ (підпис)        {v['requester']}")]


def as_docx(appeal: Appeal) -> bytes:
    from civicdesk.core.documents import render_docx

    _title, blocks = _blocks(appeal)
    return render_docx("", blocks)


def as_pdf(appeal: Appeal) -> bytes:
    from civicdesk.core.documents import render_pdf

    _title, blocks = _blocks(appeal)
    return render_pdf("", blocks)


def as_text(appeal: Appeal) -> str:
    """For an online form: the letter alone, without the header lines a form asks
    for separately."""
    return appeal.letter.strip() + "\n"
