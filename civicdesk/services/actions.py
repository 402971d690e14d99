from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from civicdesk.org.models import Network

from .models import Service, ServiceGroup

EDITABLE = ("group", "name", "description", "is_paid", "position")


def _check_group(network: Network, group: ServiceGroup) -> None:
    if group.network_id != network.pk:
        raise ValidationError({"group": _("Choose a group of this network.")})


def _check_name_free(service: Service) -> None:
    taken = Service.objects.filter(network_id=service.network_id, name__iexact=service.name)
    if service.pk:
        taken = taken.exclude(pk=service.pk)
    if taken.exists():
        raise ValidationError({"name": _("A service with this name already exists.")})


@transaction.atomic
def service_create(*, network: Network, group: ServiceGroup, name: str, description: str = "",
                   is_paid: bool = False, position: int = 0) -> Service:
    _check_group(network, group)
    service = Service(network=network, group=group, name=name, description=description,
                      is_paid=is_paid, position=position)
    _check_name_free(service)
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def service_update(*, service: Service, **fields) -> Service:
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(name)
        setattr(service, name, value)
    _check_group(service.network, service.group)
    _check_name_free(service)
    service.full_clean()
    service.save()
    return service


def service_archive(*, service: Service) -> Service:
    service.is_archived = True
    service.save(update_fields=["is_archived"])
    return service


def service_restore(*, service: Service) -> Service:
    service.is_archived = False
    service.save(update_fields=["is_archived"])
    return service


def service_remove(*, service: Service) -> bool:
    """Delete a service nobody used; a used one (anything refers to it) is archived,
    and so is a service of the regulation (it would come back with the reference data).

    Returns True when deleted, False when archived.
    """
    if service.code:
        service_archive(service=service)
        return False
    try:
        with transaction.atomic():
            service.delete()
        return True
    except (ProtectedError, RestrictedError):
        service_archive(service=service)
        return False
