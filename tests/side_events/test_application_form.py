"""The application form without a script: an error summary linked to the fields, speakers added
and removed with buttons that keep what was typed, Member States and co-organisers ticked in
short lists instead of chosen in 193-row lists with Ctrl."""

import re

import pytest

from reference.models import MemberState
from side_events.models import SideEvent
from tests.side_events.factories import (
    SideEventFactory,
    SideEventSpeakerFactory,
    accredited_member,
    side_event_forum,
)
from tests.side_events.test_organisers_pages import application_data, login

pytestmark = pytest.mark.django_db

NEW = "/my/side-events/2030/new/"


@pytest.fixture
def forum():
    return side_event_forum()


@pytest.fixture
def member(forum):
    return accredited_member(forum, role="member")


def test_the_error_summary_links_each_message_to_its_field(client, member):
    data = application_data(title="", **{"speakers-0-gender": ""})
    response = login(client, member).post(NEW, data)
    html = response.content.decode()
    assert response.context["errors"] == [
        {"anchor": "id_title", "message": "Title: Give the event a title."},
        {"anchor": "id_speakers-0-gender", "message": "Speaker 1, Gender: Choose the speaker's gender."},
    ]
    assert '<div class="form-summary" role="alert" tabindex="-1" id="error-summary" autofocus' in html
    assert '<a href="#id_title">Title: Give the event a title.</a>' in html
    assert re.search(r'<input type="text" name="title"[^>]*aria-describedby="id_title_helptext id_title_error"', html)
    assert re.search(r'<select name="speakers-0-gender"[^>]*aria-describedby="id_speakers-0-gender_error"', html)
    assert not SideEvent.objects.exists()


def test_the_form_has_no_delete_boxes_nor_ctrl_lists(client, member):
    html = login(client, member).get(NEW).content.decode()
    assert "multiple" not in re.findall(r"<select[^>]*>", html).__str__()
    assert 'type="checkbox" name="speakers-0-DELETE"' not in html
    assert html.count("data-item") == 2  # one speaker to fill in, and the template for more
    assert "Ctrl" not in html
    assert html.count('name="co_organizing_states"') == MemberState.objects.count() == 193
    assert html.count("<details") == 5  # the Member States in their five regions


def test_add_another_speaker_keeps_what_was_typed_and_saves_nothing(client, member):
    data = application_data(title="Kept title", **{"speakers-TOTAL_FORMS": "1", "speakers-add": "1"})
    response = login(client, member).post(NEW, data)
    assert response.status_code == 200
    assert response.context["errors"] == []
    speakers = response.context["speakers"]
    assert (response.context["form"]["title"].value(), len(speakers.kept())) == ("Kept title", 2)
    assert speakers.forms[0]["name"].value() == "Amina Diallo"
    html = response.content.decode()
    assert 'name="speakers-TOTAL_FORMS" value="2"' in html
    assert 'value="Amina Diallo"' in html
    assert 'id="speakers-new" tabindex="-1" autofocus' in html
    assert "errorlist" not in html
    assert not SideEvent.objects.exists()


def test_remove_a_speaker_keeps_the_others_until_saved(client, member):
    data = application_data(
        **{
            "speakers-TOTAL_FORMS": "2",
            "speakers-1-name": "Li Wei",
            "speakers-1-function": "Mayor",
            "speakers-1-gender": "man",
            "speakers-1-category": "local_government",
            "speakers-1-region": "Asia",
            "speakers-remove": "0",
        }
    )
    response = login(client, member).post(NEW, data)
    speakers = response.context["speakers"]
    assert [form["name"].value() for form in speakers.kept()] == ["Li Wei"]
    html = response.content.decode()
    assert 'name="speakers-0-DELETE" value="on"' in html
    assert "Amina Diallo" not in html.split('data-formset="speakers"')[1].split("<template")[0].split("hidden")[0]
    assert not SideEvent.objects.exists()

    del data["speakers-remove"]
    data["speakers-0-DELETE"] = "on"
    assert client.post(NEW, data).status_code == 302
    assert list(SideEvent.objects.get().speakers.values_list("name", flat=True)) == ["Li Wei"]


def test_removing_a_saved_speaker_deletes_it_on_save(client, member, forum):
    side_event = SideEventFactory(organization=member.organization, forum=forum)
    kept, gone = SideEventSpeakerFactory(side_event=side_event, name="Kept"), SideEventSpeakerFactory(
        side_event=side_event, name="Gone"
    )
    login(client, member)
    html = client.get(f"/my/side-events/{side_event.pk}/edit/").content.decode()
    assert html.count("data-item") == 3  # the two speakers, no empty row, and the template
    data = application_data(
        **{
            "speakers-TOTAL_FORMS": "2",
            "speakers-INITIAL_FORMS": "2",
            "speakers-0-id": str(kept.pk),
            "speakers-0-side_event": str(side_event.pk),
            "speakers-1-id": str(gone.pk),
            "speakers-1-side_event": str(side_event.pk),
            "speakers-1-name": "Gone",
            "speakers-1-function": "x",
            "speakers-1-gender": "man",
            "speakers-1-category": "migrant",
            "speakers-1-region": "Asia",
            "speakers-remove": "1",
        }
    )
    response = client.post(f"/my/side-events/{side_event.pk}/edit/", data)
    assert [form["name"].value() for form in response.context["speakers"].kept()] == ["Amina Diallo"]
    assert side_event.speakers.count() == 2
    del data["speakers-remove"]
    data["speakers-1-DELETE"] = "on"
    assert client.post(f"/my/side-events/{side_event.pk}/edit/", data).status_code == 302
    assert list(side_event.speakers.values_list("name", flat=True)) == ["Amina Diallo"]


def test_states_ticked_in_their_region_are_saved_and_shown_open(client, member):
    mexico, senegal = MemberState.objects.get(iso3="MEX"), MemberState.objects.get(iso3="SEN")
    data = application_data(co_organizing_states=[str(mexico.pk), str(senegal.pk)], title="")
    response = login(client, member).post(NEW, data)
    groups = {str(g["label"]): g["chosen"] for g in response.context["form"].state_groups()}
    assert groups == {"Africa": 1, "Americas": 1, "Asia": 0, "Europe": 0, "Oceania": 0}
    html = response.content.decode()
    assert html.count("<details open>") == 2
    assert re.search(rf'name="co_organizing_states" value="{mexico.pk}"[^>]*checked', html)

    data["title"] = "Saved"
    assert client.post(NEW, data).status_code == 302
    assert sorted(SideEvent.objects.get().co_organizing_states.values_list("iso3", flat=True)) == ["MEX", "SEN"]


@pytest.mark.parametrize(
    "language, add, hint",
    [
        ("fr", "Ajouter un intervenant", "Tapez les premières lettres d’un État membre, puis choisissez-le."),
        ("es", "Añadir otro orador", "Escriba las primeras letras de un Estado Miembro y elíjalo."),
        ("ar", "إضافة متحدث آخر", "اكتب الأحرف الأولى من اسم دولة عضو، ثم اخترها."),
        ("zh-hans", "再添加一位发言人", "输入会员国名称的前几个字母，然后选择。"),
        ("ru", "Добавить ещё одного докладчика", "Введите первые буквы названия государства-члена, затем выберите его."),
    ],
)
def test_the_form_speaks_each_language(client, member, language, add, hint):
    html = login(client, member).get(f"/{language}{NEW}").content.decode()
    assert (add in html, f'data-hint="{hint}"' in html) == (True, True)
