"""The managed list of payers: Medicare and its contractors, the national commercial payers,
the Blue Cross Blue Shield association and large plans, and each state's Medicaid. Editors
add or rename payers in the admin; this adds the list once and changes nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.text import slugify

# name, kind, parent, aliases, website, on every overview
PAYERS = [
    ("Medicare", "medicare", None, "CMS, traditional Medicare", "https://www.cms.gov/", True),
    ("Aetna", "commercial", None, "", "https://www.aetna.com/", True),
    ("Blue Cross Blue Shield", "blue", None, "BCBS, Blue Cross, Blue Shield",
     "https://www.bcbs.com/", True),
    ("Cigna", "commercial", None, "Cigna Healthcare, Cigna Health", "https://www.cigna.com/",
     True),
    ("UnitedHealthcare", "commercial", None, "UHC, United Healthcare, UnitedHealth",
     "https://www.uhc.com/", True),
    ("Humana", "commercial", None, "", "https://www.humana.com/", True),
    ("Anthem Blue Cross Blue Shield", "blue", "Blue Cross Blue Shield", "Anthem",
     "https://www.anthem.com/", False),
    ("Blue Cross and Blue Shield of Texas", "blue", "Blue Cross Blue Shield", "BCBSTX",
     "https://www.bcbstx.com/", False),
    ("Blue Shield of California", "blue", "Blue Cross Blue Shield", "",
     "https://www.blueshieldca.com/", False),
    ("Florida Blue", "blue", "Blue Cross Blue Shield", "", "https://www.floridablue.com/", False),
    ("Highmark Blue Cross Blue Shield", "blue", "Blue Cross Blue Shield", "Highmark",
     "https://www.highmark.com/", False),
    # The Medicare administrative contractors (A/B MACs) and their jurisdictions.
    ("CGS Administrators (J15)", "mac", "Medicare", "CGS", "https://www.cgsmedicare.com/", False),
    ("First Coast Service Options (JN)", "mac", "Medicare", "First Coast",
     "https://medicare.fcso.com/", False),
    ("National Government Services (J6, JK)", "mac", "Medicare", "NGS",
     "https://www.ngsmedicare.com/", False),
    ("Noridian Healthcare Solutions (JE, JF)", "mac", "Medicare", "Noridian",
     "https://med.noridianmedicare.com/", False),
    ("Novitas Solutions (JH, JL)", "mac", "Medicare", "Novitas",
     "https://www.novitas-solutions.com/", False),
    ("Palmetto GBA (JJ, JM)", "mac", "Medicare", "Palmetto", "https://www.palmettogba.com/",
     False),
    ("Wisconsin Physicians Service (J5, J8)", "mac", "Medicare", "WPS",
     "https://www.wpsgha.com/", False),
]  # fmt: skip

MEDICAID_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip


def add_managed_payers(apps, schema_editor):
    Payer = apps.get_model("payers", "Payer")
    added = {}
    for name, kind, parent, aliases, website, on_every_overview in PAYERS:
        added[name], _ = Payer.objects.get_or_create(
            name=name,
            defaults={
                "slug": slugify(name),
                "kind": kind,
                "parent": added.get(parent),
                "aliases": aliases,
                "website": website,
                "on_every_overview": on_every_overview,
            },
        )
    for state, state_name in MEDICAID_STATES.items():
        Payer.objects.get_or_create(
            name=f"{state_name} Medicaid",
            defaults={"slug": f"medicaid-{state.lower()}", "kind": "medicaid", "state": state},
        )


# Versions are never edited: a change is a new version (payers/admin.py).
EDITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ["payer", "payerpolicy"]
    for action in ["view", "add", "change", "delete"]
] + ["view_policyversion", "add_policyversion"]


def let_editors_keep_policies(apps, schema_editor):
    # Permissions are normally created after all migrations; a fresh database needs them now.
    payers_config = apps.get_app_config("payers")
    payers_config.models_module = True
    create_permissions(payers_config, apps=apps, verbosity=0)
    payers_config.models_module = None
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="payers", codename__in=EDITOR_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("payers", "0001_initial"), ("lookup", "0002_editors_group")]

    operations = [
        migrations.RunPython(add_managed_payers, migrations.RunPython.noop),
        migrations.RunPython(let_editors_keep_policies, migrations.RunPython.noop),
    ]
