"""Accounts, as every app's tests need them."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import SECRETARIAT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def finish(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SecretariatUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def secretariat(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=SECRETARIAT))
