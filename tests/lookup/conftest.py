"""A small ICD-10-CM and HCPCS catalogue with the Alphabetic Index excerpts of tests/lookup/data
imported and the shipped search dictionary loaded: what Case2Code's tests search."""

import csv
import re
from pathlib import Path

import pytest

from lookup.importers.icd10cm_index import import_icd10cm_index
from lookup.models import Code
from lookup.search.synonyms import load_seed_synonyms
from tests.conftest import make_code, make_system

DATA = Path(__file__).parent / "data"
# A licensed CPT file as import_cpt reads it, with descriptors we made up (never AMA text):
# the same text tests/fees/data/PPRRVU-with-descriptions.csv has in its DESCRIPTION column.
LICENSED_CPT = DATA / "cpt_2026_licensed_made_up.csv"
INDEX_FILES = {
    "main_path": DATA / "icd10cm_index_2025_excerpt.csv",
    "neoplasm_path": DATA / "icd10cm_neoplasm_2025_excerpt.xml",
    "external_path": DATA / "icd10cm_eindex_2025_excerpt.xml",
}


def licensed_descriptors() -> dict[str, str]:
    """The licensed file's descriptor column, by code: text no page may show without it."""
    rows = csv.DictReader(LICENSED_CPT.open(encoding="utf-8"))
    return {row["code"]: row["long_descriptor"] for row in rows}


# code: (descriptor, billable); headers (not billable) come before the codes under them.
ICD_CODES = {
    "B00.9": ("Herpesviral infection, unspecified", True),
    "B02.9": ("Zoster without complications", True),
    "C22.9": ("Malignant neoplasm of liver, not specified as primary or secondary", True),
    "C78.7": ("Secondary malignant neoplasm of liver and intrahepatic bile duct", True),
    "G35": ("Multiple sclerosis", False),
    "G35.A": ("Relapsing-remitting multiple sclerosis", True),
    "G35.D": ("Multiple sclerosis, unspecified", True),
    "L02.41": ("Cutaneous abscess of limb", False),
    "L02.412": ("Cutaneous abscess of left axilla", True),
    "L02.413": ("Cutaneous abscess of right upper limb", True),
    "L02.414": ("Cutaneous abscess of left upper limb", True),
    "L02.91": ("Cutaneous abscess, unspecified", True),
    "N18.9": ("Chronic kidney disease, unspecified", True),
    "N18.30": ("Chronic kidney disease, stage 3 unspecified", True),
    "N20.0": ("Calculus of kidney", True),
    "N20.9": ("Urinary calculus, unspecified", True),
    "N28.9": ("Disorder of kidney and ureter, unspecified", True),
    "S62.10": ("Fracture of unspecified carpal bone", False),
    "S62.101A": (
        "Fracture of unspecified carpal bone, right wrist, initial encounter for closed fracture",
        True,
    ),
    "S62.101D": (
        "Fracture of unspecified carpal bone, right wrist, subsequent encounter for fracture "
        "with routine healing",
        True,
    ),
    "S62.102A": (
        "Fracture of unspecified carpal bone, left wrist, initial encounter for closed fracture",
        True,
    ),
    "W54.0": ("Bitten by dog", False),
    "W54.0XXA": ("Bitten by dog, initial encounter", True),
}
HCPCS_CODES = {
    "E0130": "Walker, rigid (pickup), adjustable or fixed height",
    "E0155": "Wheel attachment, rigid pick-up walker, per pair",
    "E1390": "Oxygen concentrator, single delivery port, capable of delivering 85 percent or "
    "greater oxygen concentration at the prescribed flow rate",
}


def make_icd_catalogue() -> dict[str, Code]:
    """The codes above, each under the longest of them its code starts with."""
    system = make_system("icd-10-cm")
    codes: dict[str, Code] = {}
    for code, (descriptor, billable) in ICD_CODES.items():
        parents = [other for other in codes if code.startswith(other)]
        codes[code] = make_code(
            code,
            system,
            short_descriptor=descriptor[:100],
            long_descriptor=descriptor,
            billable=billable,
            parent=codes[max(parents, key=len)] if parents else None,
        )
    return codes


def make_titled_icd_codes(titles: dict[str, tuple[str, str]], **fields) -> None:
    """ICD-10-CM codes from {code: (descriptor, inclusion terms)}, the short descriptor cut
    at 60 characters as the code set's are."""
    system = make_system("icd-10-cm")
    for code, (descriptor, inclusion_terms) in titles.items():
        make_code(
            code, system, short_descriptor=descriptor[:60], long_descriptor=descriptor,
            search_terms=inclusion_terms, **fields,
        )  # fmt: skip


@pytest.fixture
def index_catalogue(db) -> dict[str, Code]:
    """The ICD-10-CM and HCPCS codes above, the index excerpts imported, the dictionary loaded."""
    codes = make_icd_catalogue()
    hcpcs = make_system("hcpcs", name="HCPCS Level II")
    for code, descriptor in HCPCS_CODES.items():
        codes[code] = make_code(
            code, hcpcs, short_descriptor=descriptor[:28], long_descriptor=descriptor
        )
    import_icd10cm_index(**INDEX_FILES)
    load_seed_synonyms()
    return codes


@pytest.fixture
def served_search(client):
    """The test client after one search, as on a running site: the notice of what the
    catalogue has still to load is then read from the cache, not the database."""
    client.get("/search/", {"q": "warm"})
    return client


def search_page(client, query: str) -> tuple[list[str], str]:
    """The first three codes /search/ lists for `query`, and the page's HTML."""
    html = client.get("/search/", {"q": query}).content.decode()
    found = re.findall(r'class="code-list__code">[^<]* ([A-Z0-9.]+)</span>', html)
    return found[:3], html
