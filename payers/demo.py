"""Sample payer policies for the demo codes: written by us to show the payer overview, and
flagged as samples (is_sample), so every page that shows one says it is not a real policy.
Loading adds the samples that are missing and changes nothing an editor made."""

import datetime

from django.db import transaction

from .managed import add_managed_payers
from .models import Payer, PayerPolicy, PolicyVersion

SAMPLE_VERIFIER = "CodeAtlas demo data (sample, not checked against the payer)"

# payer, policy name, number, line of business, then its versions, oldest first.
SAMPLE_POLICIES = [
    (
        "Aetna", "Sample: bone and soft tissue tumor surgery of the leg", "SAMPLE-AET-0101",
        PayerPolicy.LineOfBusiness.COMMERCIAL,
        [
            {
                "codes": "27323-27329, 27364, 27365",
                "prior_authorization": PolicyVersion.PriorAuthorization.DEPENDS,
                "prior_authorization_condition": "Needed when the resection is planned as an "
                "inpatient stay; not needed for a biopsy done as an outpatient.",
                "coverage_criteria": "Covered when imaging and a biopsy (or a pathologist's "
                "opinion) support a tumor that needs removal, and the surgeon records why "
                "the chosen margin is needed.",
                "documentation": "Imaging report, biopsy pathology, the operative note naming "
                "the margin and any reconstruction, and the staging plan.",
                "modifier_rules": "Modifier 58 for a resection inside the biopsy's global "
                "period; 62 only with each surgeon's part documented.",
                "site_of_service_rules": "Biopsies in an office or surgery center; radical "
                "resections in a hospital.",
                "effective_on": datetime.date(2026, 1, 1),
                "review_on": datetime.date(2026, 12, 31),
                "change_note": "First sample version.",
            },
        ],
    ),
    (
        "Blue Cross Blue Shield", "Sample: musculoskeletal oncology surgery", "SAMPLE-BCBS-220",
        PayerPolicy.LineOfBusiness.COMMERCIAL,
        [
            {
                "codes": "27329, 27364, 27365",
                "prior_authorization": PolicyVersion.PriorAuthorization.REQUIRED,
                "coverage_criteria": "Covered for a malignant or aggressive tumor of the "
                "thigh, knee or femur confirmed by pathology, after review by a "
                "musculoskeletal tumor team.",
                "documentation": "Pathology report, staging studies and the tumor board's "
                "recommendation.",
                "site_of_service_rules": "Inpatient hospital or hospital outpatient surgery.",
                "effective_on": datetime.date(2026, 3, 1),
                "review_on": datetime.date(2027, 3, 1),
                "change_note": "First sample version.",
            },
        ],
    ),
    (
        "Cigna", "Sample: orthopedic tumor procedures", "SAMPLE-CIG-0457",
        PayerPolicy.LineOfBusiness.COMMERCIAL,
        [
            {
                "codes": "21925, 27364, 27365",
                "prior_authorization": PolicyVersion.PriorAuthorization.NOT_REQUIRED,
                "coverage_criteria": "Covered when the medical record supports removing a "
                "bone or soft tissue tumor.",
                "documentation": "Imaging and pathology reports.",
                "effective_on": datetime.date(2025, 7, 1),
                "review_on": datetime.date(2026, 6, 30),
                "change_note": "First sample version.",
            },
            {
                "codes": "21925, 27364, 27365",
                "prior_authorization": PolicyVersion.PriorAuthorization.REQUIRED,
                "coverage_criteria": "Covered when imaging and pathology support removing a "
                "bone or soft tissue tumor, and the plan names the margin sought.",
                "documentation": "Imaging and pathology reports, and the surgeon's plan "
                "naming the margin and any reconstruction.",
                "modifier_rules": "Modifier 80 or 82 for an assistant surgeon when the record "
                "names the assistant's part.",
                "site_of_service_rules": "Hospital settings for radical resections.",
                "effective_on": datetime.date(2026, 7, 1),
                "review_on": datetime.date(2027, 6, 30),
                "change_note": "Prior authorization now required; the plan must name the "
                "margin.",
            },
        ],
    ),
    (
        "UnitedHealthcare", "Sample: surgical procedures by site of service", "SAMPLE-UHC-SOS",
        PayerPolicy.LineOfBusiness.COMMERCIAL,
        [
            {
                "codes": "20206, 21920, 27323, 27324, 27365",
                "prior_authorization": PolicyVersion.PriorAuthorization.DEPENDS,
                "prior_authorization_condition": "Needed when a procedure that a surgery "
                "center could host is booked in a hospital outpatient department.",
                "coverage_criteria": "Covered when medically necessary; the review looks at "
                "where the procedure is done rather than whether it is done.",
                "documentation": "The reason a hospital setting is needed (the patient's "
                "conditions, the equipment or the expected stay), when one is chosen.",
                "site_of_service_rules": "Surgery center or office where the patient's health "
                "allows; hospital outpatient with a documented reason.",
                "effective_on": datetime.date(2026, 2, 1),
                "review_on": datetime.date(2027, 2, 1),
                "change_note": "First sample version.",
            },
        ],
    ),
]  # fmt: skip


@transaction.atomic
def load_demo_payer_policies() -> int:
    """Add the sample policies (with their versions) that are missing; returns how many.
    The managed payers are added first where missing (a database emptied by a test)."""
    add_managed_payers(Payer)
    added = 0
    for payer_name, name, number, line_of_business, versions in SAMPLE_POLICIES:
        payer = Payer.objects.get(name=payer_name)
        policy, created = PayerPolicy.objects.get_or_create(
            payer=payer,
            name=name,
            defaults={"number": number, "line_of_business": line_of_business, "is_sample": True},
        )
        if not created:
            continue
        added += 1
        for version in versions:
            PolicyVersion.objects.create(
                policy=policy,
                url=payer.website,
                verified_by=SAMPLE_VERIFIER,
                verified_on=datetime.date(2026, 11, 30),
                **version,
            )
    return added
