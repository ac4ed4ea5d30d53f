"""Three organisations form a coalition from a suggested match and it becomes a joint pledge all
three confirm, in Chromium: the convenor starts from /coalitions/new/?from=…&with=…, the two
invited organisations confirm, a member posts in the workspace, the convenor makes the joint
pledge and both partners confirm it. axe-core on every coalition page, at 1280 and 390 px."""

import pytest
from django.test import Client

from coalitions.models import Coalition
from pledges.models import PledgePartner
from tests.browser.accessibility import serious_violations
from tests.forums.factories import ForumFactory
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import focal_point_of, listed_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def sign_in(context, user, url):
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])


def check(page, failures, screenshot=None, name=None):
    """axe-core at a desktop's width, and (for the pages shown with a screenshot) at a phone's
    too, nothing wider than the phone."""
    for width, viewport in (("1280", DESKTOP), ("390", PHONE)) if screenshot else (("1280", DESKTOP),):
        page.set_viewport_size(viewport)
        violations = serious_violations(page)
        if violations:
            failures[f"{page.url} at {width} px"] = violations
        if width == "390" and page.evaluate("document.scrollingElement.scrollWidth") > PHONE["width"]:
            failures[f"{page.url} at 390 px"] = ["wider than the phone"]
        if screenshot and name and width == "390":
            screenshot(f"coalition-{name}-{width}")
    page.set_viewport_size(DESKTOP)


def test_three_organisations_form_a_coalition_that_becomes_a_joint_pledge(live_server, page, screenshot):
    url = live_server.url
    ForumFactory()
    ours = listed_organization(name="Care Workers United")
    theirs = listed_organization(name="Diaspora Skills Fund")
    third = listed_organization(name="Recruiters for Fairness")
    convenor, theirs_fp, third_fp = focal_point_of(ours), focal_point_of(theirs), focal_point_of(third)
    source = PledgeFactory(
        organization=ours, title="Fair recruitment of care workers", objectives=[6], countries=["PHL"]
    )
    matches = [
        published(organization=theirs, objectives=[6]),
        published(organization=third, objectives=[6, 18]),
    ]
    failures = {}

    # The convenor follows a suggested match.
    sign_in(page.context, convenor, url)
    page.goto(
        f"{url}/coalitions/new/?from={source.reference}&with={matches[0].reference}&with={matches[1].reference}"
    )
    assert page.get_by_label("Topic").input_value() == "Fair recruitment of care workers"
    check(page, failures, screenshot, "new")
    page.get_by_label("Description").fill(
        "Zero recruitment fees for care workers, from origin to destination."
    )
    page.get_by_role("button", name="Save the draft coalition").click()
    page.wait_for_url("**/coalitions/fair-recruitment-of-care-workers/")
    check(page, failures)
    page.get_by_role("button", name="Publish the coalition").click()
    page.wait_for_url("**/coalitions/fair-recruitment-of-care-workers/")
    coalition = Coalition.objects.get()
    assert coalition.state == "published"

    # Each invited organisation's focal point finds the invitation and confirms.
    for user in (theirs_fp, third_fp):
        sign_in(page.context, user, url)
        page.goto(url + "/coalitions/mine/")
        if user is theirs_fp:  # the second organisation sees the same pages
            check(page, failures)
        page.locator(".panel").get_by_role("link", name="Fair recruitment of care workers").click()
        if user is theirs_fp:
            check(page, failures)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url("**/coalitions/fair-recruitment-of-care-workers/")
    assert "3 members" in page.locator("main").inner_text()

    # A member writes in the workspace and the shared draft.
    page.get_by_role("link", name="Members' workspace").click()
    page.get_by_label("Note").fill("Our recruitment data for 2025 is in the shared drive.")
    page.get_by_role("button", name="Post the note").click()
    assert "Our recruitment data for 2025" in page.locator(".timeline").inner_text()
    check(page, failures)
    page.get_by_role("link", name="Edit the shared draft").click()
    check(page, failures)
    page.get_by_label("Shared draft").fill("Together we commit to zero recruitment fees for care workers.")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url("**/workspace/")

    # The public list, anonymously.
    page.context.clear_cookies()
    page.goto(url + "/coalitions/")
    assert "Fair recruitment of care workers" in page.locator("table").inner_text()
    check(page, failures)
    page.goto(url + "/fr/coalitions/fair-recruitment-of-care-workers/")
    check(page, failures)
    screenshot("coalition-detail-fr")

    # The convenor makes the joint pledge; both partners confirm it as any partner does.
    sign_in(page.context, convenor, url)
    page.goto(url + "/coalitions/fair-recruitment-of-care-workers/")
    check(page, failures, screenshot, "detail")
    page.get_by_role("button", name="Make a joint pledge of it").click()
    page.wait_for_url("**/pledges/my/*/edit/")
    pledge = coalition.joint_pledges.get()
    assert pledge.text == "Together we commit to zero recruitment fees for care workers."
    for user, organization in ((theirs_fp, theirs), (third_fp, third)):
        sign_in(page.context, user, url)
        partner = PledgePartner.objects.get(pledge=pledge, organization=organization)
        page.goto(f"{url}/pledges/partnerships/{partner.pk}/")
        page.get_by_role("button", name="Confirm the partnership").click()
        page.wait_for_url(f"**/pledges/my/{pledge.reference}/")
    assert sorted(p.is_confirmed for p in pledge.partners.all()) == [True, True]
    page.goto(f"{url}/pledges/{pledge.reference}/")
    assert (
        "A joint pledge of the coalition Fair recruitment of care workers."
        in page.locator("main").inner_text()
    )
    page.goto(url + "/coalitions/fair-recruitment-of-care-workers/")
    assert pledge.reference in page.locator("main").inner_text()
    assert failures == {}
