"""allauth's mails name the portal and its public address, not the host a request came in on
("Hello from 127.0.0.1:8101!"), and their subject prefix is translated like our own mails'."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.encoding import force_str
from django.utils.translation import gettext


@dataclass(frozen=True)
class PortalSite:
    """What allauth's templates read of a site: its name and its domain."""

    name: str
    domain: str


def portal_site():
    return PortalSite(name=gettext("IMRF Stakeholder Portal"), domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """The project's adapter (imrf_portal.accounts) builds on this one."""

    def send_mail(self, template_prefix, email, context):
        super().send_mail(template_prefix, email, {"current_site": portal_site(), **context})

    def format_email_subject(self, subject):
        return f"{gettext('[IMRF Portal]')} {force_str(subject)}"
