from django.contrib.auth import get_user_model

import factory

from civicdesk.org.models import Closure, Library, Membership, Network, Role

PASSWORD = "correct-horse-battery-9"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Мережа бібліотек {n}")


class CentralLibraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Library

    network = factory.SubFactory(NetworkFactory)
    kind = Library.Kind.CENTRAL
    name = factory.Sequence(lambda n: f"Центральна районна бібліотека {n}")
    settlement = "м. Сарни"
    address = "вул. Широка, 31"
    has_center = True


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Library

    parent = factory.SubFactory(CentralLibraryFactory)
    network = factory.SelfAttribute("parent.network")
    kind = Library.Kind.BRANCH
    name = factory.Sequence(lambda n: f"Бібліотека-філія {n}")
    settlement = "с. Кричильськ"
    address = "вул. Центральна, 1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Ірина"
    last_name = "Ткачук"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    library = factory.SubFactory(CentralLibraryFactory)
    role = Role.CONSULTANT


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    library = factory.SubFactory(CentralLibraryFactory)
    starts_on = factory.Faker("date_this_year")
    ends_on = factory.SelfAttribute("starts_on")
    reason = Closure.Reason.POWER_CUT
