"""The secretariat's lists as CSV, the way staff upload them."""

from django.core.files.uploadedfile import SimpleUploadedFile

from verification import services
from verification.enums import StatusList

ECOSOC_HEADER = "name,country,website,status,profile_number"


def csv_upload(*lines, header=ECOSOC_HEADER, name="ecosoc.csv"):
    return SimpleUploadedFile(name, "\n".join([header, *lines]).encode("utf-8"), content_type="text/csv")


def imported(*lines, kind=StatusList.ECOSOC, header=ECOSOC_HEADER, by=None):
    """Parse and import a list as the admin does."""
    upload = csv_upload(*lines, header=header)
    return services.import_list(kind, services.parse_list(kind, upload), by=by, filename=upload.name)
