from django.utils import timezone

import factory

from civicdesk.org.tests.factories import CentralLibraryFactory
from civicdesk.patrons.actions import search_words_write
from civicdesk.patrons.models import Patron
from civicdesk.patrons.normalize import name_key, phone_key, phone_reversed


class PatronFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patron
        skip_postgeneration_save = True

    library = factory.SubFactory(CentralLibraryFactory)
    card_number = factory.Sequence(lambda n: f"S{n:06d}")
    surname = "Петренко"
    given_name = "Іван"
    patronymic = "Іванович"
    birth_year = 1958
    phone = "+380 67 123 45 67"
    registered_on = factory.LazyFunction(timezone.localdate)
    name_key = factory.LazyAttribute(lambda o: name_key(o.surname, o.given_name, o.patronymic))
    phone_key = factory.LazyAttribute(lambda o: phone_key(o.phone))
    phone_reversed = factory.LazyAttribute(lambda o: phone_reversed(o.phone_key))

    @factory.post_generation
    def search_words(obj, create, extracted, **kwargs):  # noqa: N805 (factory_boy's hook)
        if create:
            search_words_write(obj)
