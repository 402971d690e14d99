"""Fields other modules add to the desk form: what else was used to serve the citizen
(resources now; legal acts later). The journal does not know those modules; each
registers a field in its AppConfig.ready() and saves its value with the entry."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class DeskField:
    name: str
    # the form field for a network's desk, or None when there is nothing to pick
    make: Callable[[object], forms.Field | None]
    # save(entry, cleaned value) in the entry's transaction
    save: Callable[[object, object], None]


_fields: dict[str, DeskField] = {}


def register(field: DeskField) -> None:
    _fields[field.name] = field


def add_to_form(form: forms.Form, network) -> list[str]:
    """Add the registered fields to the form; returns their names."""
    names = []
    for extra in _fields.values():
        field = extra.make(network)
        if field is not None:
            form.fields[extra.name] = field
            names.append(extra.name)
    return names


def save_all(entry, cleaned_data: dict) -> None:
    for extra in _fields.values():
        if extra.name in cleaned_data:
            extra.save(entry, cleaned_data[extra.name])
