"""The copies of the CMS files shipped in fixtures/codesets/, imported whole by the import
commands' defaults, hold the facts coders check (see ../shared/data READMEs)."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from grouping.models import ComplicationCode, HccDiagnosis
from lookup.models import Code, CodeHistory


def test_shipped_files_hold_the_facts_coders_check(icd_catalogue):
    for command in ["import_icd10cm_history", "import_ms_drg", "import_cms_hcc"]:
        call_command(command, stdout=StringIO(), stderr=StringIO())

    assert CodeHistory.objects.count() == 75909
    assert CodeHistory.objects.get(code="U07.1").valid_from == date(2020, 4, 1)
    assert CodeHistory.objects.get(code="E11.A").fiscal_year_added == 2026
    assert CodeHistory.objects.filter(fiscal_year_added=2027).count() == 190
    assert CodeHistory.objects.filter(fiscal_year_deleted=2027).count() == 30
    assert ComplicationCode.objects.get(code="I21.4").severity == "MCC"
    assert ComplicationCode.objects.get(code="I21.4").excluding_principal_count == 25
    e11_9 = HccDiagnosis.objects.get(code="E11.9").mappings
    assert {(row["model"], row["hcc"]) for row in e11_9} == {("V28", 38), ("V24", 19)}
    deleted_earlier = Code.objects.get(system__slug="icd-10-cm", code="D13.9")
    assert (deleted_earlier.status, deleted_earlier.end_date) == ("deleted", date(2023, 9, 30))
