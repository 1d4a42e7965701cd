"""A job page: its facts, its JobPosting JSON-LD, its canonical URL, and 410 once closed."""

import datetime
import json
import re

from careers.models import Job
from tests.careers.conftest import make_employer, make_job
from tests.conftest import make_user


def structured_data(response) -> dict:
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.DOTALL
    )
    return json.loads(script.group(1))


def test_job_page_shows_every_fact_a_seeker_needs(client, employer):
    job = make_job(
        employer,
        title="Cardiology Coder",
        workplace="hybrid",
        city="Tampa",
        state="FL",
        credentials=["CPC", "CCS-P"],
        specialty="cardiology",
        experience_years=3,
        salary_min=27,
        salary_max=33,
        closes_on="2099-12-30",
    )

    response = client.get(job.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    for fact in [
        "<h1>Cardiology Coder</h1>",
        "Juniper Coding Group",
        "Tampa, FL (hybrid)",
        "$27.00 to $33.00 per hour",
        "Full-time",
        "Cardiology",
        "CPC: Certified Professional Coder (AAPC)",
        "CCS-P: Certified Coding Specialist, Physician-based (AHIMA)",
        "At least 3 years",
        "December 30, 2099",
        "<strong>outpatient</strong>",
        "Apply on the employer's site",
    ]:
        assert fact in html, fact


def test_remote_job_shows_remote_us_with_its_state_restrictions(client, employer):
    anywhere = make_job(employer, remote_states=[])
    restricted = make_job(employer, remote_states=["FL", "GA"])

    assert "Remote (US)</dd>" in client.get(anywhere.get_absolute_url()).content.decode()
    assert (
        "Remote (US): Florida, Georgia"
        in client.get(restricted.get_absolute_url()).content.decode()
    )


def test_on_site_job_carries_google_required_jobposting_fields(client, employer, settings):
    job = make_job(
        employer,
        title="Orthopedic Surgical Coder",
        workplace="on-site",
        city="Denver",
        state="CO",
        employment_type="full-time",
        salary_min=26,
        salary_max=32,
        closes_on="2099-01-31",
        published_at="2026-11-20T09:30:00Z",
    )

    data = structured_data(client.get(job.get_absolute_url()))

    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    assert data["title"] == "Orthopedic Surgical Coder"
    assert "<strong>outpatient</strong>" in data["description"]
    assert data["datePosted"] == "2026-11-20T09:30:00+00:00"
    assert data["validThrough"] == "2099-01-31T23:59:59-05:00"  # midnight in New York
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Juniper Coding Group",
        "sameAs": "https://juniper-coding.example",
    }
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Denver",
            "addressRegion": "CO",
            "addressCountry": "US",
        },
    }
    assert "jobLocationType" not in data
    assert data["employmentType"] == "FULL_TIME"
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 26.0,
            "maxValue": 32.0,
            "unitText": "HOUR",
        },
    }
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "name": "Juniper Coding Group",
        "value": str(job.pk),
    }
    assert data["url"] == f"{settings.SITE_URL}{job.get_absolute_url()}"


def test_a_job_is_listed_through_its_closing_day_in_eastern_time_not_utc(client, employer, clock):
    clock.set("2026-06-01T12:00:00-04:00")
    job = make_job(employer, closes_on=datetime.date(2026, 6, 5))

    clock.set("2026-06-05T23:30:00-04:00")  # June 6 in UTC
    board = client.get("/careers/").content.decode()
    page = client.get(job.get_absolute_url())
    clock.set("2026-06-06T00:00:01-04:00")
    next_day = client.get(job.get_absolute_url())

    assert job.title in board
    assert page.status_code == 200
    assert "Applications close at midnight Eastern time." in page.content.decode()
    assert structured_data(page)["validThrough"] == "2026-06-05T23:59:59-04:00"
    assert next_day.status_code == 410
    assert job.title not in client.get("/careers/").content.decode()


def test_remote_job_jsonld_says_telecommute_and_where_applicants_may_live(client, employer):
    anywhere = make_job(employer, remote_states=[], employment_type="contract")
    restricted = make_job(employer, remote_states=["FL", "GA"])

    data = structured_data(client.get(anywhere.get_absolute_url()))
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "USA"}
    assert data["employmentType"] == "CONTRACTOR"
    assert "jobLocation" not in data

    data = structured_data(client.get(restricted.get_absolute_url()))
    assert data["applicantLocationRequirements"] == [
        {"@type": "State", "name": "Florida"},
        {"@type": "State", "name": "Georgia"},
    ]


def test_jsonld_cannot_be_closed_by_text_an_employer_wrote(client, db):
    employer = make_employer("Evil </script><script>alert(1)</script> Inc")
    job = make_job(employer, title="Coder </script><b>bold</b>")

    html = client.get(job.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert (
        structured_data(client.get(job.get_absolute_url()))["title"] == "Coder </script><b>bold</b>"
    )


def test_wrong_or_missing_slug_redirects_permanently_to_the_canonical_url(client, employer):
    job = make_job(employer, title="Risk Adjustment Coder")

    for url in [f"/careers/{job.pk}-old-title/", f"/careers/{job.pk}/"]:
        response = client.get(url)
        assert response.status_code == 301
        assert response.headers["Location"] == f"/careers/{job.pk}-risk-adjustment-coder/"


def test_unknown_job_is_a_helpful_404(client, db):
    response = client.get("/careers/987654-anything/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "No job on the board has the number 987654" in html
    assert 'action="/careers/"' in html


def test_closed_job_answers_410_with_similar_open_jobs(client, employer):
    closed = make_job(
        employer, status="closed", title="Old Cardiology Coder", specialty="cardiology"
    )
    similar = make_job(employer, title="Cardiology Coder II", specialty="cardiology")
    make_job(employer, status="hidden", title="Hidden Cardiology Coder", specialty="cardiology")

    response = client.get(closed.get_absolute_url())

    assert response.status_code == 410
    html = response.content.decode()
    assert "This job has closed" in html and "Old Cardiology Coder" in html
    assert similar.get_absolute_url() in html
    assert "Hidden Cardiology Coder" not in html
    assert "application/ld+json" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_similar_jobs_rank_the_same_specialty_and_credentials_first(client, employer):
    closed = make_job(employer, status="closed", specialty="oncology", credentials=["CRC"])
    same_specialty = make_job(employer, title="Oncology one", specialty="oncology", credentials=[])
    same_credential = make_job(
        employer, title="CRC one", specialty="radiology", credentials=["CRC"]
    )
    make_job(employer, title="Unrelated", specialty="radiology", credentials=["CIC"])

    html = client.get(closed.get_absolute_url()).content.decode()

    assert (
        html.index(same_specialty.title)
        < html.index(same_credential.title)
        < html.index("Unrelated")
    )


def test_job_hidden_by_staff_answers_410_without_its_text(client, employer):
    job = make_job(employer, status="hidden", title="Too good to be true")

    response = client.get(job.get_absolute_url())

    assert response.status_code == 410
    html = response.content.decode()
    assert "This job was removed" in html
    assert "Too good to be true" not in html and "Asks applicants for a fee" not in html


def test_job_waiting_for_approval_is_not_found_by_the_public(client, new_employer):
    job = make_job(new_employer, status="waiting", title="Waiting job")

    response = client.get(job.get_absolute_url())

    assert response.status_code == 404
    assert "Waiting job" not in response.content.decode()


def test_employer_previews_their_own_job_that_is_not_public(client, new_employer):
    job = make_job(new_employer, status="waiting", title="Waiting job")
    client.force_login(new_employer.user)

    response = client.get(job.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Only you see this page" in html
    assert "application/ld+json" not in html and 'content="noindex"' in html


def test_views_are_counted_for_visitors_but_not_the_employer_or_prefetches(client, employer):
    job = make_job(employer)

    client.get(job.get_absolute_url())
    client.get(job.get_absolute_url())
    client.head(job.get_absolute_url())
    client.get(job.get_absolute_url(), headers={"Sec-Purpose": "prefetch"})
    client.force_login(employer.user)
    client.get(job.get_absolute_url())

    job.refresh_from_db()
    assert job.views == 2


def test_apply_link_counts_the_click_and_goes_to_the_employer(client, employer):
    job = make_job(employer, apply_url="https://juniper-coding.example/apply/42")

    response = client.get(f"/careers/{job.pk}/apply/")

    assert response.status_code == 302
    assert response.headers["Location"] == "https://juniper-coding.example/apply/42"
    job.refresh_from_db()
    assert job.apply_clicks == 1


def test_apply_by_email_shows_the_address_and_counts_the_click(client, employer):
    job = make_job(employer, apply_url="", apply_email="hiring@juniper.example")

    response = client.get(f"/careers/{job.pk}/apply/")

    assert response.status_code == 200
    assert 'href="mailto:hiring@juniper.example?subject=' in response.content.decode()
    assert Job.objects.get(pk=job.pk).apply_clicks == 1


def test_apply_link_of_a_closed_job_counts_nothing(client, employer):
    job = make_job(employer, status="closed")

    assert client.get(f"/careers/{job.pk}/apply/").status_code == 404
    assert Job.objects.get(pk=job.pk).apply_clicks == 0


def test_description_is_rendered_without_anything_that_runs(client, employer):
    job = make_job(
        employer, description="Hello <img src=x onerror=alert(1)> [x](javascript:alert(2))"
    )

    html = client.get(job.get_absolute_url()).content.decode()

    assert "onerror" not in html and "javascript:alert" not in html


def test_logged_in_seeker_sees_a_save_button_and_a_guest_a_login_link(client, employer):
    job = make_job(employer)

    assert "Log in to save this job" in client.get(job.get_absolute_url()).content.decode()
    client.force_login(make_user("seeker@example.org"))
    assert "Save this job</button>" in client.get(job.get_absolute_url()).content.decode()
