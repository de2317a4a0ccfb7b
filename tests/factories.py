"""Test data factories (factory_boy), shared by the apps' tests.

    petition = PetitionFactory(goal=10)
    SignatureFactory(petition=petition, confirmed=True)     # a confirmed signer
    rows = SignatureFactory.build_batch(3, petition=petition)  # for bulk_create
    state = StateFactory(abbr="VA")                          # get-or-create by abbr

Defaults are plain and valid; tests pass whatever their assertions depend on.
"""

import datetime

import factory
from django.utils import timezone

from guides.models import OptOutStatus, Platform, Source, Step
from letters.models import Legislator
from petitions.models import Petition, Signature
from states.models import PrivacyLaw, State
from states.us import STATES

# What a person types into the sign form (the public form's fields).
SIGNER = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": "ada@example.com",
    "zip_code": "94110",
    "state": "CA",
    "comment": "",
}

# A plausible ZIP code for the states tests sign from most.
ZIP_CODES = {"CA": "94110", "NY": "10001", "TX": "73301", "VA": "23219"}


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("abbr",)

    abbr = "CA"
    name = factory.LazyAttribute(lambda o: STATES.get(o.abbr, o.abbr))


class PrivacyLawFactory(factory.django.DjangoModelFactory):
    """A state's privacy-law facts; without arguments, a state with no law."""

    class Meta:
        model = PrivacyLaw
        django_get_or_create = ("state",)

    state = factory.SubFactory(StateFactory)
    has_comprehensive_law = False
    as_of = datetime.date(2026, 7, 2)


class LegislatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Legislator

    openstates_id = factory.Sequence(lambda n: f"ocd-person/test-{n}")
    state = factory.SubFactory(StateFactory)
    chamber = "lower"
    district = "1"
    name = factory.Sequence(lambda n: f"Legislator {n}")


class PetitionFactory(factory.django.DjangoModelFactory):
    """A petition; `launched=<datetime>` backdates its created_at (auto_now_add)."""

    class Meta:
        model = Petition
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"petition-{n}")
    title = factory.LazyAttribute(lambda o: f"Petition {o.slug}")
    text = "Please do the thing.\n\nThank you."
    target = "State legislators"

    @factory.post_generation
    def launched(obj, create, value, **kwargs):
        if value is None:
            return
        if create:
            Petition.objects.filter(pk=obj.pk).update(created_at=value)
            obj.refresh_from_db()
        else:
            obj.created_at = value


class SignatureFactory(factory.django.DjangoModelFactory):
    """A signature, unconfirmed unless `confirmed=True` (confirmed at creation
    time, or `confirmed_at=` explicitly)."""

    class Meta:
        model = Signature

    class Params:
        confirmed = factory.Trait(confirmed_at=factory.LazyFunction(timezone.now))
        unconfirmed = factory.Trait(confirmed_at=None)

    petition = factory.SubFactory(PetitionFactory)
    first_name = SIGNER["first_name"]
    last_name = SIGNER["last_name"]
    email = factory.Sequence(lambda n: f"signer{n}@example.com")
    state = SIGNER["state"]
    zip_code = factory.LazyAttribute(lambda o: ZIP_CODES.get(o.state, "00000"))
    comment = ""
    confirmed_at = None


class PlatformFactory(factory.django.DjangoModelFactory):
    """A guide with `steps` numbered steps and one source."""

    class Meta:
        model = Platform
        skip_postgeneration_save = True

    slug = "example"
    name = factory.LazyAttribute(lambda o: o.slug.title())
    company = "Example Inc."
    status = OptOutStatus.SETTING
    summary = factory.LazyAttribute(
        lambda o: f"{o.slug.title()} trains AI on your posts."
    )
    opt_out_does = "Stops future training."
    opt_out_does_not = "Does not undo past training."
    region_notes = "EU users can object."
    last_verified = datetime.date(2025, 6, 30)

    @factory.post_generation
    def steps(obj, create, value, **kwargs):
        if not create:
            return
        for number in range(1, (3 if value is None else value) + 1):
            Step.objects.create(
                platform=obj, order=number * 10, text=f"{obj.slug} step number {number}"
            )

    @factory.post_generation
    def sources(obj, create, value, **kwargs):
        if create:
            Source.objects.create(
                platform=obj, title="Help page", url="https://example.com/help"
            )
