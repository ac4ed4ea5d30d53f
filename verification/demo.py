"""A demo ECOSOC list naming the demo organisations that state ECOSOC status (and a few fictional
others), imported and matched as staff would: this is what verifies their status in the demo."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from verification import services
from verification.enums import StatusList
from verification.models import StatusListEntry

DEMO_ECOSOC_LIST = """name,country,website,status,profile_number
Migrant Rights Network (demo),KEN,https://mrn.example.org,Special,DEMO-0001
Institute for Migration Data (demo),DEU,https://imd.example.org,Roster,DEMO-0002
Domestic Workers Union (demo),LBN,https://dwu.example.org,General,DEMO-0003
Coastal Communities Alliance (demo),FJI,https://cca.example.org,Special,DEMO-0004
Refugee Law Clinic Network (demo),ZAF,,Special,DEMO-0005
"""


# Left for staff to match in the admin: the demo's registration waiting for verification
# (stakeholders.demo.WAITING).
LEFT_FOR_STAFF = {"DEMO-0004"}


@transaction.atomic
def seed():
    upload = SimpleUploadedFile("demo-ecosoc-list.csv", DEMO_ECOSOC_LIST.encode())
    rows = services.parse_list(StatusList.ECOSOC, upload)
    services.import_list(StatusList.ECOSOC, rows, by=None, filename=upload.name)
    matched = 0
    for entry in StatusListEntry.objects.filter(kind=StatusList.ECOSOC).select_related("candidate"):
        if entry.profile_number in LEFT_FOR_STAFF:
            continue
        if entry.organization_id is None and entry.candidate is not None:
            services.match(entry, entry.candidate, by=None)
        matched += entry.organization_id is not None or entry.candidate is not None
    return matched
