"""The board's `q`: words are found by their start, in any field of the job, on both
databases."""

import re

from careers.services import employer_profile_save
from careers.words import next_prefix, query_words
from tests.careers.conftest import job_form_data, make_employer, make_job


def titles(client, query: str) -> list[str]:
    html = client.get("/careers/", {"q": query}).content.decode()
    return re.findall(r'class="job-summary__title"><a href="[^"]+">([^<]+)</a>', html)


def test_a_word_finds_the_words_it_starts():
    assert next_prefix("audit") == "audiu"
    assert next_prefix("abz") == "ac"
    assert next_prefix("ab9") == "aba"
    assert next_prefix("zz") is None


def test_query_words_drop_accents_punctuation_and_single_letters():
    assert query_words("Médical  coder, E/M (CCS-P)") == ["medical", "coder", "ccs"]


def test_query_word_matches_the_start_of_words_in_any_field(client, db):
    make_job(make_employer("Zyx Health"), title="Auditor", description="Reviews 99213 claims.")
    make_job(title="Inpatient coder", city="Tampa", workplace="on-site", state="FL")

    assert titles(client, "audit") == ["Auditor"]
    assert titles(client, "zyx") == ["Auditor"]
    assert titles(client, "9921") == ["Auditor"]
    assert titles(client, "florida") == ["Inpatient coder"]
    assert titles(client, "uditor") == []  # the middle of a word is not its start


def test_words_at_the_ends_of_the_alphabet_are_found(client, db):
    make_job(title="Coder for zz9 and ab99 clinics")

    assert titles(client, "zz9") == ["Coder for zz9 and ab99 clinics"]
    assert titles(client, "ab9") == ["Coder for zz9 and ab99 clinics"]
    assert titles(client, "zz") == ["Coder for zz9 and ab99 clinics"]


def test_renaming_the_employer_renews_its_jobs_words(client, db):
    employer = make_employer("Old Name Clinic")
    make_job(employer, title="Coder")

    employer.name = "Bright Harbor Clinic"
    employer_profile_save(profile=employer)

    assert titles(client, "bright harbor") == ["Coder"]
    assert titles(client, "old name") == []


def test_editing_the_description_renews_the_words(client, db):
    employer = make_employer()
    client.force_login(employer.user)
    job = make_job(employer, title="Coder", description="Oncology charts.")

    client.post(
        f"/careers/employer/jobs/{job.pk}/edit/",
        job_form_data(title="Coder", description="Radiology charts."),
    )

    assert titles(client, "radiology") == ["Coder"]
    assert titles(client, "oncology") == []
