"""How the journeys get a person into the portal the way a person does: signing up with a
verified address, and a secretariat member signing in to the admin in a browser of their own."""

import re

from django.core import mail

from tests.core.factories import SecretariatUserFactory

PASSWORD = "a long migrant-rights passphrase"


def sign_up(page, url, email):
    """Sign up and confirm the address from the mail, as a new user would."""
    page.goto(url + "/accounts/signup/")
    page.fill("#id_email", email)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()
    page.wait_for_load_state()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", url, link))
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()
    page.wait_for_load_state()


def secretariat_in_admin(browser, url, username="reviewer", email="reviewer@un.example.org"):
    """(context, page) of a secretariat member signed in to the admin; close the context after."""
    staff = SecretariatUserFactory(username=username, email=email)
    staff.set_password(PASSWORD)
    staff.save()
    context = browser.new_context()
    admin = context.new_page()
    admin.goto(url + "/admin/login/?next=/admin/")
    if "/accounts/login/" in admin.url:
        admin.fill("#id_login", email)
    else:
        admin.fill("#id_username", username)
    admin.fill("#id_password", PASSWORD)
    admin.locator("input[type=submit], button[type=submit]").last.click()
    admin.wait_for_load_state()
    return context, admin
