"""The bulk checker at /tools/check/: rows in, one answer per row out, as a table or CSV."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Unlock
from checker.models import DailyRows
from tests.conftest import make_code, make_section, make_system, make_user

URL = "/tools/check/"


@pytest.fixture
def member(client, db):
    client.force_login(make_user())
    return client


def check(client, codes: str, **fields):
    return client.post(URL, {"codes": codes, **fields})


def rows_of_csv(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_guest_is_sent_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_unverified_account_is_asked_to_verify_first(client, icd_grouping):
    client.force_login(make_user(verified=False))

    html = client.get(URL).content.decode()
    posted = check(client, "E11.9").content.decode()

    assert "Verify your email address first" in html
    assert "E11.9" not in posted


def test_each_row_gets_validity_title_billable_cc_mcc_and_hccs(member, icd_grouping):
    response = check(member, "e119\nI21.4, 2023-05-01\nM35.8 2022-01-01", csv="1")

    rows = rows_of_csv(response)
    assert [row["code"] for row in rows] == ["E11.9", "I21.4", "M35.8"]
    e11_9, i21_4, m35_8 = rows
    assert (e11_9["status"], e11_9["title"], e11_9["billable"]) == (
        "valid",
        "Type 2 diabetes mellitus without complications",
        "yes",
    )
    assert (e11_9["ms_drg_cc_mcc"], e11_9["hcc_v28"], e11_9["hcc_v24"]) == ("neither", "38", "19")
    assert (i21_4["date_of_service"], i21_4["ms_drg_cc_mcc"]) == ("2023-05-01", "MCC")
    assert (m35_8["status"], m35_8["billable"]) == ("header", "no")


def test_reasons_say_why_a_code_was_not_valid_on_its_date(member, icd_grouping):
    rows = rows_of_csv(
        check(member, "U07.1, 2019-12-31\nD13.9, 2024-01-01\nZ99.99\nI42.00, 2026-11-01", csv="1")
    )

    assert [row["status"] for row in rows] == ["not yet valid", "deleted", "unknown", "valid"]
    assert "valid from April 1, 2020" in rows[0]["reason"]
    assert "last valid day was September 30, 2023" in rows[1]["reason"]
    assert rows[3]["title"] == "(title not yet loaded)"


def test_default_date_applies_to_rows_without_one(member, icd_grouping):
    response = check(member, "I42.0\nI42.0, 2026-09-30", date_of_service="2026-10-01", csv="1")

    rows = rows_of_csv(response)
    assert [row["status"] for row in rows] == ["deleted", "valid"]


def test_bad_rows_are_reported_on_their_row_and_the_rest_are_checked(member, icd_grouping):
    response = check(
        member,
        "code,date\nnot-a-code\nE11.9, 2023-02-30\n\n<script>alert(1)</script>\nE11.9\n"
        + "\u0000\u202e" * 30,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "“not-a-code” is not an ICD-10-CM code." in html
    assert "“2023-02-30” is not a day of the calendar." in html
    assert "<script>alert(1)</script>" not in html
    assert html.count('class="check-table__valid"') == 1


def test_table_shows_every_row_in_input_order(member, icd_grouping):
    html = check(member, "I21.4\nE11.9").content.decode()

    assert html.index(">I21.4<") < html.index(">E11.9<")
    assert "2 rows: 2 valid." in html


def test_more_than_a_thousand_rows_are_refused_with_a_message(member, icd_grouping):
    response = check(member, "E11.9\n" * 1001)

    assert response.status_code == 400
    assert "At most 1,000 rows at a time: this has 1,001." in response.content.decode()


def test_an_uploaded_file_is_checked_like_pasted_rows(member, icd_grouping):
    upload = SimpleUploadedFile("codes.csv", b"\xef\xbb\xbfcode,date\r\nE11.9,5/1/2023\r\n")

    rows = rows_of_csv(member.post(URL, {"upload": upload, "csv": "1"}))

    assert [(row["code"], row["date_of_service"], row["status"]) for row in rows] == [
        ("E11.9", "2023-05-01", "valid")
    ]


def test_a_binary_upload_gets_a_message_not_an_error(member, icd_grouping):
    upload = SimpleUploadedFile("codes.xlsx", b"PK\x03\x04\x00\x00binary")

    response = member.post(URL, {"upload": upload})

    assert response.status_code == 400
    assert "That file is not text" in response.content.decode()


def test_checking_spends_no_code_page_view_and_shows_no_section_text(member, icd_grouping):
    make_section(icd_grouping["E11.9"], "guidelines", body="GATED-GUIDELINE-MARKER", gated=True)

    html = check(member, "E11.9").content.decode()

    assert "Type 2 diabetes mellitus without complications" in html
    assert "GATED-GUIDELINE-MARKER" not in html
    assert not Unlock.objects.exists()


def test_free_account_checks_its_daily_allowance_then_rows_say_not_checked(
    member, icd_grouping, settings
):
    settings.CHECKER_DAILY_ROWS = 3
    check(member, "E11.9\nI21.4")

    rows = rows_of_csv(check(member, "E11.9\nI21.4\nnot-a-code", csv="1"))

    assert [row["status"] for row in rows] == ["valid", "", ""]
    assert rows[1]["reason"] == "Not checked: today's row allowance is used up."
    assert DailyRows.objects.get().rows == 3


def test_staff_and_premium_accounts_have_no_allowance(client, icd_grouping, settings):
    settings.CHECKER_DAILY_ROWS = 1
    for user in [
        make_user("staff@example.org", is_staff=True),
        make_user("premium@example.org", plan="premium"),
    ]:
        client.force_login(user)
        rows = rows_of_csv(check(client, "E11.9\nI21.4\nU07.1", csv="1"))
        assert [row["status"] for row in rows] == ["valid"] * 3
    assert not DailyRows.objects.exists()


def test_downloading_results_just_shown_counts_no_rows_again(member, icd_grouping, settings):
    settings.CHECKER_DAILY_ROWS = 2
    html = check(member, "E11.9\nI21.4").content.decode()
    receipt = html.split('name="receipt" value="')[1].split('"')[0]

    rows = rows_of_csv(check(member, "E11.9\r\nI21.4", receipt=receipt, csv="1"))

    assert [row["status"] for row in rows] == ["valid", "valid"]
    assert DailyRows.objects.get().rows == 2
    forged = rows_of_csv(check(member, "E11.9\nU07.1", receipt=receipt, csv="1"))
    assert [row["status"] for row in forged] == ["", ""]


def receipt_in(html: str) -> str:
    return html.split('name="receipt" value="')[1].split('"')[0]


def test_a_receipt_covers_its_date_of_service_and_another_date_spends_rows(
    member, icd_grouping, settings
):
    settings.CHECKER_DAILY_ROWS = 3
    shown = check(member, "E11.9\nI21.4", date_of_service="2024-01-02").content.decode()
    receipt = receipt_in(shown)

    same_date = check(member, "E11.9\nI21.4", date_of_service="2024-01-02", receipt=receipt)
    other_date = check(member, "E11.9\nI21.4", date_of_service="2023-06-01", receipt=receipt)

    assert [row["status"] for row in rows_of_csv(check(
        member, "E11.9\nI21.4", date_of_service="2024-01-02", receipt=receipt, csv="1"
    ))] == ["valid", "valid"]  # fmt: skip
    assert "2 rows: 2 valid." in same_date.content.decode()
    assert "2 rows: 1 valid, 1 not checked (allowance used up)." in other_date.content.decode()
    assert "Not checked: today&#x27;s row allowance is used up." in other_date.content.decode()
    assert DailyRows.objects.get().rows == 3


def test_the_row_allowance_starts_again_at_midnight_eastern_not_at_midnight_utc(
    member, icd_grouping, settings, clock
):
    settings.CHECKER_DAILY_ROWS = 2
    clock.set("2026-06-05T19:59:00-04:00")  # 23:59 UTC
    check(member, "E11.9\nI21.4")

    clock.set("2026-06-05T20:01:00-04:00")  # June 6 in UTC, still June 5 in New York
    evening = check(member, "E11.9", csv="1")
    clock.set("2026-06-06T00:00:01-04:00")
    next_day = check(member, "E11.9", csv="1")

    assert rows_of_csv(evening)[0]["reason"] == "Not checked: today's row allowance is used up."
    assert rows_of_csv(next_day)[0]["status"] == "valid"
    assert [(row.day.isoformat(), row.rows) for row in DailyRows.objects.order_by("day")] == [
        ("2026-06-05", 2),
        ("2026-06-06", 1),
    ]


def test_the_checker_says_when_its_allowance_starts_again(member, icd_grouping):
    html = member.get(URL).content.decode()

    assert "The count starts again at midnight Eastern time." in html


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(member, icd_grouping):
    rows = rows_of_csv(check(member, "=HYPERLINK(1)", csv="1"))

    assert rows[0]["entered"] == "'=HYPERLINK(1)"


def test_a_thousand_rows_cost_a_fixed_number_of_queries(
    member, icd_grouping, django_assert_max_num_queries
):
    codes = "\n".join(["E11.9", "I21.4", "U07.1", "Z99.99", "D13.9"] * 200)

    # Session, user; the day's row count: its transaction and the get_or_create's savepoint
    # (4), locked read, insert, update; the catalogue, histories, editions, CC/MCC rows,
    # HCC rows and the rows left: the same for 1 row or 1,000.
    with django_assert_max_num_queries(15):
        response = check(member, codes)

    assert response.content.decode().count("<tr class=") == 1000


def test_billable_and_title_are_those_in_force_on_the_rows_date(member, icd_grouping, icd):
    # G35 was billable until FY2026 made it a header over G35.A and its siblings.
    make_code("G35", icd, long_descriptor="Multiple sclerosis", billable=False, status="active")

    rows = rows_of_csv(
        check(member, "G35, 2025-06-01\nG35, 2025-10-01\nA77.41, 2023-05-01", csv="1")
    )

    g35_then, g35_now, a77_41 = rows
    assert (g35_then["status"], g35_then["billable"]) == ("valid", "yes")
    assert (g35_now["status"], g35_now["billable"]) == ("header", "no")
    assert a77_41["title"] == "Ehrlichiosis chafeensis [E. chafeensis]"


def test_cc_mcc_and_hccs_are_labelled_with_the_edition_they_come_from(member, icd_grouping):
    response = check(member, "I21.4, 2023-05-01\nE11.9, 2025-11-01")
    rows = rows_of_csv(check(member, "I21.4, 2023-05-01", csv="1"))

    html = response.content.decode()
    assert "MS-DRG v43 (FY2026)" in html
    assert "payment year" in html
    # I21.4's row in FY2023: its CC/MCC and both HCC cells; E11.9's row is in the tables' year.
    assert html.count('<span class="muted">other year</span>') == 3
    assert rows[0]["ms_drg_edition"].startswith("MS-DRG v")
    assert rows[0]["hcc_edition"].startswith("CMS-HCC V28 and V24, payment year")


def test_hcpcs_and_cpt_codes_are_named_not_respelt_as_icd_10_cm(member, icd_grouping):
    make_code("A4253", make_system("hcpcs"), long_descriptor="Blood glucose test strips")

    rows = rows_of_csv(check(member, "A4253\nG0008\n27323\n0001F\nXYZ123", csv="1"))

    assert [row["code"] for row in rows] == ["A4253", "G0008", "27323", "0001F", ""]
    assert [row["system"] for row in rows[:4]] == ["HCPCS Level II", "HCPCS Level II", "CPT", "CPT"]
    assert rows[0]["reason"].startswith("A4253 is a HCPCS Level II code, not an ICD-10-CM code")
    assert rows[0]["title"] == "Blood glucose test strips"
    assert rows[1]["reason"].startswith("G0008 has the shape of a HCPCS Level II code")
    assert "not a code we recognise" in rows[4]["reason"]
    assert not any("A42.53" in row["code"] + row["reason"] for row in rows)
    assert all(row["status"] == "" for row in rows)


def test_an_undotted_icd_10_cm_code_of_a_hcpcs_shape_is_checked_as_icd_10_cm(
    member, icd_grouping, icd
):
    make_code("E11.65", icd, long_descriptor="Type 2 diabetes mellitus with hyperglycemia")

    rows = rows_of_csv(check(member, "E1165", csv="1"))

    assert (rows[0]["code"], rows[0]["status"], rows[0]["system"]) == (
        "E11.65",
        "valid",
        "ICD-10-CM",
    )
