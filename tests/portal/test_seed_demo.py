"""`manage.py seed_demo` builds both editions, valid by every scheduling rule, and can run twice."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from forums.models import Forum, RoundTable, Session
from forums.services import objective_coverage, validate_co_chairs
from practices.models import Practice, PracticeCall
from stakeholders import services
from stakeholders.models import Accreditation, Delegate, Organization
from verification import services as verification_services
from verification.models import StatusListEntry

pytestmark = pytest.mark.django_db


def run(*options):
    out = io.StringIO()
    # The summaries' PDFs take seconds: only the tests about them generate them.
    call_command("seed_demo", *(options or ["--no-summaries"]), stdout=out)
    return out.getvalue()


def test_builds_2022_and_2026_with_their_real_dates_and_2030_provisionally():
    run()
    dates = {
        f.year: (f.hearing_date.isoformat(), f.start_date.isoformat(), f.end_date.isoformat())
        for f in Forum.objects.all()
    }
    assert dates == {
        2022: ("2022-05-16", "2022-05-17", "2022-05-20"),
        2026: ("2026-05-04", "2026-05-05", "2026-05-08"),
        2030: ("2030-05-06", "2030-05-07", "2030-05-10"),
    }


def test_round_tables_follow_the_indicative_clustering():
    run()
    for forum in Forum.objects.exclude(year=2030):
        clustering = {
            rt.number: sorted(o.number for o in rt.objectives.all())
            for rt in RoundTable.objects.filter(forum=forum)
        }
        assert clustering == {
            1: [2, 5, 6, 12, 18],
            2: [4, 8, 9, 10, 11, 13, 21],
            3: [14, 15, 16, 19, 20, 22],
            4: [1, 3, 7, 17, 23],
        }
        assert objective_coverage(forum).complete


def test_the_demo_programme_obeys_every_scheduling_rule():
    run()
    for session in Session.objects.all():
        session.full_clean()
    for round_table in RoundTable.objects.all():
        round_table.full_clean()
        validate_co_chairs(
            round_table.co_chairs.all(),
            starts_at=round_table.starts_at,
            ends_at=round_table.ends_at,
            round_table_pk=round_table.pk,
        )


def test_running_twice_changes_nothing_and_prints_the_admin_password_once():
    first = run()
    counts = (Forum.objects.count(), Session.objects.count(), RoundTable.objects.count())
    second = run()
    assert (
        (Forum.objects.count(), Session.objects.count(), RoundTable.objects.count()) == counts == (3, 30, 8)
    )
    password = re.search(r"password: (\S+)", first).group(1)
    assert "password" not in second
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_the_demo_programme_reads_in_every_language(client):
    run()
    languages = ("fr", "es", "ar", "zh_hans", "ru")
    untranslated = [
        (str(obj), language, field)
        for objs, fields in [
            (Forum.objects.all(), ("title", "venue")),
            (Session.objects.all(), ("title",)),
            (Session.objects.exclude(description=""), ("description",)),
            (RoundTable.objects.all(), ("theme",)),
        ]
        for obj in objs
        for field in fields
        for language in languages
        if not getattr(obj, f"{field}_{language}")
    ]
    assert untranslated == []
    forum = Forum.objects.get(year=2030)
    assert forum.title_ar == "منتدى استعراض الهجرة الدولية 2030 (مواعيد مؤقتة)"
    assert forum.title_zh_hans in client.get("/zh-hans/").content.decode()
    assert "5月7日 – 2030年5月10日" in client.get("/zh-hans/").content.decode()


def test_the_demo_organisations_are_accredited_through_the_verified_model():
    run()
    run()  # twice: nothing is duplicated and nothing fails
    accreditations = Accreditation.objects.filter(forum__year=2026).select_related("organization")
    assert sorted((a.organization.acronym, a.kind, a.state) for a in accreditations) == [
        ("C4I", "special", "approved"),
        ("DDF", "special", "approved"),
        ("DWU", "registration", "approved"),
        ("IMD", "registration", "approved"),
        ("MRN", "registration", "approved"),
        ("YOM", "special", "approved"),
    ]
    # The status of each demo organisation in ECOSOC status comes from a match to the demo list.
    assert sorted(
        StatusListEntry.objects.filter(organization__isnull=False).values_list(
            "organization__acronym", "ecosoc_status"
        )
    ) == [("DWU", "general"), ("IMD", "roster"), ("MRN", "special")]
    assert sorted(
        Organization.objects.exclude(verified_ecosoc_status="none").values_list(
            "acronym", "verified_ecosoc_status"
        )
    ) == [("DWU", "general"), ("IMD", "roster"), ("MRN", "special")]


def test_the_demo_shows_published_summaries_distributed_in_time(client, mailoutbox, django_capture_on_commit_callbacks):
    # What runs after the commit (the compilation, the outbox) runs as it does outside a test.
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--no-admin")
    assert "2 demo summaries of IMRF 2026 generated (HTML and PDF, six languages) and published" in output
    listing = client.get("/forums/2026/summaries/")
    assert [s.session.slug for s in listing.context["summaries"]] == ["hearing-panel-1", "round-table-1"]
    page = listing.content.decode()
    assert page.count("<td>19 May 2026</td>") == 2
    assert page.count("<td>on time</td>") == 2
    pdf = client.get("/fr/forums/2026/summaries/round-table-1.pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:5] == b"%PDF-"
    french = client.get("/fr/forums/2026/summaries/round-table-1/").content.decode()
    assert "partenariats de compétences" in french
    assert client.get("/forums/2026/summaries/all.pdf").status_code == 200
    # The demo delegates were told through the outbox, and nothing went to the console.
    assert sorted(m.to[0] for m in mailoutbox) == [
        "amina.delegate@example.org",
        "jonas.delegate@example.org",
        "lea.delegate@example.org",
    ]
    assert "Subject:" not in output
    # A second run publishes nothing new and mails no one again.
    with django_capture_on_commit_callbacks(execute=True):
        run("--no-admin")
    assert len(mailoutbox) == 3


def test_demo_delegates_one_per_level_of_consent_on_the_list_of_participants(client):
    run()
    run()
    delegates = Delegate.objects.filter(accreditation__forum__year=2026).order_by("name")
    assert [(d.name, d.listing_consent, d.state) for d in delegates] == [
        ("Amina Demo", "everyone", "confirmed"),
        ("Jonas Demo", "participants", "confirmed"),
        ("Léa Demo", "nobody", "confirmed"),
    ]
    # IMRF 2026 ended on 8 May 2026: its grounds-pass data is seeded only while it may be kept.
    kept = timezone.localdate() <= services.grounds_pass_kept_until(Forum.objects.get(year=2026))
    assert {bool(d.nomination_letter) and bool(d.photo) and d.date_of_birth is not None for d in delegates} == {kept}
    response = client.get("/forums/2026/participants/")
    assert [d.name for d in response.context["delegates"]] == ["Amina Demo"]


def test_demo_delegates_carry_their_grounds_pass_while_the_forum_s_retention_runs(settings):
    settings.DELEGATE_PERSONAL_DATA_RETENTION_DAYS = 3650
    run()
    amina = Delegate.objects.get(name="Amina Demo")
    assert (amina.passport_name, amina.nationality.iso3, amina.nomination_letter.read()[:5]) == (
        "AMINA DEMO",
        "KEN",
        b"%PDF-",
    )
    assert amina.photo.name.endswith(".png")


def test_the_demo_has_a_registration_staff_can_approve_today_by_matching_it():
    output = run()
    accreditation = Accreditation.objects.get(organization__name="Coastal Communities Alliance (demo)")
    assert (accreditation.forum.year, accreditation.state) == (2030, "status_verification")
    assert "Coastal Communities Alliance (demo) (CCA) waits for its ECOSOC status to be verified (IMRF 2030)" in output
    entry = StatusListEntry.objects.get(profile_number="DEMO-0004")
    assert (entry.organization, entry.candidate) == (None, accreditation.organization)
    verification_services.match(entry, entry.candidate, by=None)
    accreditation.refresh_from_db()
    assert accreditation.state == "approved"
    # A second seeding leaves the staff's decision alone.
    run()
    accreditation.refresh_from_db()
    assert accreditation.state == "approved"


def test_demo_practices_in_every_state_one_answering_the_call_one_cited():
    run()
    assert sorted(Practice.objects.values_list("state", flat=True)) == [
        "draft",
        "more_information",
        "published",
        "published",
        "submitted",
        "withdrawn",
    ]
    call = PracticeCall.objects.get()
    assert [p.title for p in call.practices.published()] == ["Disaggregated migration statistics in the national census"]
    assert Practice.objects.published().filter(pledges__isnull=False).count() == 1
    run()  # twice: nothing doubles
    assert Practice.objects.count() == 6
