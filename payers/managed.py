"""The managed list of payers: Medicare and its contractors, the national commercial payers,
the Blue Cross Blue Shield association and large plans, and each state's Medicaid. Editors
add or rename payers in the admin; adding the list adds what is missing, changes nothing."""

from django.utils.text import slugify

from core.states import STATE_NAMES

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


def add_managed_payers(Payer) -> None:
    """Add the payers of the list that are missing; `Payer` is the model (a migration's
    historical one, or the app's)."""
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
    # Every state and territory has its Medicaid program.
    for state, state_name in STATE_NAMES.items():
        Payer.objects.get_or_create(
            name=f"{state_name} Medicaid",
            defaults={"slug": f"medicaid-{state.lower()}", "kind": "medicaid", "state": state},
        )
