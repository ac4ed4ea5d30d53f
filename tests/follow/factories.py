import factory

from follow.models import Subscription
from tests.core.factories import UserFactory


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    user = factory.SubFactory(UserFactory)
    kind = "objective"
    key = "3"
