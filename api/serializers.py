"""The API's representations. They describe the answers in the OpenAPI document (drf-spectacular
reads them) and render them. A pledge keeps the field names and descriptions of the registry's
JSON export (pledges/exports.py) and adds its indicators, their values over time and its
progress reports. An organisation shows only what it agreed to publish (Organization.public_*)."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.queries import number
from forums.enums import ForumStatus, SessionKind
from pledges import exports
from pledges.enums import PledgeKind, PledgeState, ReportingHealth, Stage, pledger_type_choices
from reference.enums import OrganizationCategory, Region, SupportKind
from side_events.enums import SideEventFormat
from stakeholders.enums import EcosocStatus

COLUMN = {name: description for name, _type, description in exports.COLUMNS}


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """A decimal as a JSON number, as the export writes amounts (at most 15 digits: exact)."""

    def to_representation(self, value):
        return number(value)


def column(field_class, name, **kwargs):
    return field_class(help_text=COLUMN[name], **kwargs)


class PagedSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many items the list holds in all, on every page.")
    next = serializers.URLField(allow_null=True, help_text="The next page; null on the last.")
    previous = serializers.URLField(allow_null=True, help_text="The previous page; null on the first.")


def paged(item_serializer, name):
    return type(
        name, (PagedSerializer,), {"results": item_serializer(many=True), "__doc__": f"A page of {name[5:]}."}
    )


# --- Pledges ---------------------------------------------------------------------------------


class IndicatorPointSerializer(serializers.Serializer):
    reported_on = serializers.DateField(help_text="The date of the progress report that gave the value.")
    value = NumberField()


class IndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        help_text="The indicator's number, which the progress reports' values name."
    )
    description = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    baseline = NumberField()
    target = NumberField()
    target_date = serializers.DateField()
    current = NumberField(help_text="The latest reported value, else the baseline.")
    percent = serializers.IntegerField(
        min_value=0, max_value=100, help_text="How far from the baseline to the target the current value is."
    )
    values = IndicatorPointSerializer(many=True, help_text="The values reported over time, oldest first.")


class ReportValueSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text="The id of one of the pledge's indicators.")
    value = NumberField()


class ProgressReportSerializer(serializers.Serializer):
    reported_on = serializers.DateField()
    stage = serializers.ChoiceField(choices=Stage.choices)
    narrative = serializers.CharField()
    reporter = serializers.CharField(
        allow_null=True, help_text="The organisation or Member State that reported."
    )
    values = ReportValueSerializer(many=True)


class PledgeSerializer(serializers.Serializer):
    reference = column(serializers.CharField, "reference")
    url = column(serializers.URLField, "url")
    forum = column(serializers.IntegerField, "forum")
    title = column(serializers.CharField, "title")
    text = column(serializers.CharField, "text")
    kinds = column(serializers.ListField, "kinds", child=serializers.ChoiceField(choices=PledgeKind.choices))
    pledger = column(serializers.CharField, "pledger")
    pledger_type = column(serializers.ChoiceField, "pledger_type", choices=pledger_type_choices())
    partners = column(serializers.ListField, "partners", child=serializers.CharField())
    objectives = column(
        serializers.ListField, "objectives", child=serializers.IntegerField(min_value=1, max_value=23)
    )
    guiding_principles = column(serializers.ListField, "guiding_principles", child=serializers.CharField())
    regions = column(serializers.ListField, "regions", child=serializers.ChoiceField(choices=Region.choices))
    countries = column(serializers.ListField, "countries", child=serializers.CharField())
    global_ = column(serializers.BooleanField, "global")
    start_date = column(serializers.DateField, "start_date", allow_null=True)
    end_date = column(serializers.DateField, "end_date", allow_null=True)
    amount = column(NumberField, "amount", allow_null=True)
    currency = column(serializers.CharField, "currency", allow_null=True)
    stage = column(serializers.ChoiceField, "stage", choices=Stage.choices)
    last_report = column(serializers.DateField, "last_report", allow_null=True)
    reporting_health = column(
        serializers.ChoiceField, "reporting_health", choices=ReportingHealth.choices, allow_null=True
    )
    published_at = column(serializers.DateTimeField, "published_at")
    seeking_partners = column(serializers.BooleanField, "seeking_partners")
    offering_support = column(serializers.BooleanField, "offering_support")
    matches = column(serializers.CharField, "matches", allow_null=True)
    pledger_iso3 = column(serializers.CharField, "pledger_iso3", allow_null=True)
    updated_at = column(serializers.DateTimeField, "updated_at")
    # The API lists published pledges only (the registry's default): left_registry is false here,
    # but the fields are the export's, so that a client reads both with one schema.
    state = column(serializers.ChoiceField, "state", choices=PledgeState.choices)
    left_registry = column(serializers.BooleanField, "left_registry")
    left_registry_at = column(serializers.DateTimeField, "left_registry_at", allow_null=True)
    reason = column(serializers.CharField, "reason", allow_null=True)
    seeks = column(serializers.ListField, "seeks", child=serializers.ChoiceField(choices=SupportKind.choices))
    offers = column(serializers.ListField, "offers", child=serializers.ChoiceField(choices=SupportKind.choices))
    indicators = IndicatorSerializer(many=True, help_text="The pledge's SMART indicators and their values.")
    progress_reports = ProgressReportSerializer(many=True, help_text="Progress reports, oldest first.")

    def get_fields(self):
        # `global` is a Python keyword: declared as global_, named as the export names it.
        return {
            ("global" if name == "global_" else name): field for name, field in super().get_fields().items()
        }


# --- Reference -------------------------------------------------------------------------------


class ObjectiveSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=23)
    title = serializers.CharField(help_text="The objective's official title, in the request's language.")
    short_label = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, objective) -> str:
        return f"{settings.SITE_URL}/objectives/{objective.number}/"


class PrincipleSerializer(serializers.Serializer):
    letter = serializers.CharField()
    name = serializers.CharField()


# --- Organisations ---------------------------------------------------------------------------


class OrganizationSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    acronym = serializers.CharField(allow_blank=True)
    category = serializers.ChoiceField(choices=OrganizationCategory.choices)
    country = serializers.CharField(source="country.iso3", help_text="ISO 3166 alpha-3 code of the headquarters.")
    region = serializers.ChoiceField(source="country.region", choices=Region.choices)
    website = serializers.CharField(
        source="public_website",
        allow_blank=True,
        help_text="Empty unless the organisation agreed to publish it.",
    )
    description = serializers.CharField(
        source="public_description",
        allow_blank=True,
        help_text="Empty unless the organisation agreed to publish it.",
    )
    logo = serializers.SerializerMethodField(
        help_text="The logo's address, if the organisation publishes one."
    )
    url = serializers.SerializerMethodField()

    def get_logo(self, organization) -> str | None:
        if organization.public_logo is None:
            return None
        return f"{settings.SITE_URL}/organizations/{organization.slug}/logo/"

    def get_url(self, organization) -> str:
        return f"{settings.SITE_URL}/organizations/{organization.slug}/"


class DelegateSerializer(serializers.Serializer):
    name = serializers.CharField()
    function = serializers.CharField(allow_blank=True)
    forum = serializers.IntegerField(source="accreditation.forum.year")


class OrganizationDetailSerializer(OrganizationSerializer):
    work_regions = serializers.ListField(child=serializers.ChoiceField(choices=Region.choices))
    work_countries = serializers.SerializerMethodField()
    ecosoc_status = serializers.ChoiceField(
        source="verified_ecosoc_status",
        choices=EcosocStatus.choices,
        help_text="As the secretariat verified it.",
    )
    accredited_to = serializers.SerializerMethodField(
        help_text="The forums the organisation is accredited to."
    )
    delegates = DelegateSerializer(
        source="public_delegates",
        many=True,
        help_text="Delegates who agreed to the public list of participants.",
    )

    def get_work_countries(self, organization) -> list[str]:
        return [country.iso3 for country in organization.work_countries.all()]

    def get_accredited_to(self, organization) -> list[int]:
        return [accreditation.forum.year for accreditation in organization.accreditations_shown]


# --- Forums and their programme --------------------------------------------------------------


class ForumSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ForumStatus.choices)
    venue = serializers.CharField()
    time_zone = serializers.CharField()
    hearing_date = serializers.DateField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    url = serializers.SerializerMethodField()

    def get_url(self, forum) -> str:
        return f"{settings.SITE_URL}/forums/{forum.year}/"


class RoomSerializer(serializers.Serializer):
    name = serializers.CharField()
    location = serializers.CharField(allow_blank=True)


class RoundTableSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=4)
    theme = serializers.CharField()
    objectives = serializers.SerializerMethodField()
    co_chairs = serializers.SerializerMethodField(
        help_text="ISO 3166 alpha-3 codes of the co-chairing Member States."
    )
    keynote_speaker = serializers.CharField(allow_blank=True)

    def get_objectives(self, round_table) -> list[int]:
        return [objective.number for objective in round_table.objectives.all()]

    def get_co_chairs(self, round_table) -> list[str]:
        return [state.iso3 for state in round_table.co_chairs.all()]


class SessionSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    room = RoomSerializer(allow_null=True)
    chair = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    round_table = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(RoundTableSerializer(allow_null=True))
    def get_round_table(self, session):
        if session.kind != SessionKind.ROUND_TABLE:
            return None
        return RoundTableSerializer(session.roundtable).data

    def get_url(self, session) -> str:
        return f"{settings.SITE_URL}/forums/{session.forum.year}/sessions/{session.slug}/"


class ForumDetailSerializer(ForumSerializer):
    sessions = SessionSerializer(many=True, help_text="The official programme, in the order of its times.")


class SpeakerSerializer(serializers.Serializer):
    name = serializers.CharField()
    function = serializers.CharField()


class SideEventSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    description = serializers.CharField()
    format = serializers.ChoiceField(choices=SideEventFormat.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    room = RoomSerializer(allow_null=True)
    organizers = serializers.SerializerMethodField(
        help_text=(
            "The applying organisation or Member State, then the co-organisers who confirmed and chose "
            "to be listed."
        )
    )
    co_organizing_states = serializers.SerializerMethodField(help_text="ISO 3166 alpha-3 codes.")
    objectives = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_organizers(self, event) -> list[str]:
        return [event.lead_name, *(c.organization.name for c in event.public_co_organizers)]

    def get_co_organizing_states(self, event) -> list[str]:
        return [state.iso3 for state in event.co_organizing_states.all()]

    def get_objectives(self, event) -> list[int]:
        return [objective.number for objective in event.objectives.all()]

    def get_url(self, event) -> str:
        return f"{settings.SITE_URL}/forums/{event.forum.year}/side-events/{event.slug}/"


class SideEventDetailSerializer(SideEventSerializer):
    speakers = SpeakerSerializer(many=True)
    outcomes = serializers.CharField()


class SummarySerializer(serializers.Serializer):
    session = serializers.SlugField(source="session.slug")
    title = serializers.CharField(source="session.title")
    key_messages = serializers.CharField(allow_blank=True)
    discussion = serializers.CharField(allow_blank=True)
    recommendations = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, summary) -> str:
        return f"{settings.SITE_URL}/forums/{summary.session.forum.year}/summaries/{summary.session.slug}/"
