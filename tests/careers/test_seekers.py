"""Registered job seekers save jobs and searches; guests are asked to log in."""

import pytest

from careers.models import SavedJob, SavedSearch
from careers.services import MAX_SAVED_SEARCHES
from tests.careers.conftest import make_job
from tests.conftest import make_user


@pytest.fixture
def seeker(client, db):
    user = make_user("seeker@example.org")
    client.force_login(user)
    return user


def test_seeker_saves_a_job_and_finds_it_on_the_saved_page(client, seeker, employer):
    job = make_job(employer, title="Oncology Coder")

    response = client.post(f"/careers/{job.pk}/save/", {"next": job.get_absolute_url()})

    assert response.headers["Location"] == job.get_absolute_url()
    assert SavedJob.objects.filter(user=seeker, job=job).exists()
    saved_page = client.get("/careers/saved/").content.decode()
    assert "Oncology Coder" in saved_page
    assert "Remove from saved jobs" in client.get(job.get_absolute_url()).content.decode()


def test_saving_again_removes_the_job(client, seeker, employer):
    job = make_job(employer)
    client.post(f"/careers/{job.pk}/save/")

    client.post(f"/careers/{job.pk}/save/")

    assert not SavedJob.objects.exists()


def test_saved_page_marks_a_job_that_closed(client, seeker, employer):
    job = make_job(employer, title="Oncology Coder")
    SavedJob.objects.create(user=seeker, job=job)
    job.closes_on = "2020-01-01"
    job.save()

    html = client.get("/careers/saved/").content.decode()

    assert 'Oncology Coder <span class="badge badge--deleted">Closed</span>' in html


def test_save_redirects_only_to_this_site(client, seeker, employer):
    job = make_job(employer)

    response = client.post(f"/careers/{job.pk}/save/", {"next": "https://evil.example/"})

    assert response.headers["Location"] == job.get_absolute_url()


def test_board_marks_the_jobs_a_seeker_saved(client, seeker, employer):
    saved = make_job(employer, title="Saved one")
    make_job(employer, title="Other one")
    SavedJob.objects.create(user=seeker, job=saved)

    html = client.get("/careers/").content.decode()

    assert html.count('<span class="badge badge--active">Saved</span>') == 1


def test_seeker_saves_the_boards_filters_as_a_search(client, seeker):
    response = client.post("/careers/searches/", {"query": "remote=remote&credential=CRC&bogus=1"})

    search = SavedSearch.objects.get(user=seeker)
    assert search.query == "credential=CRC&remote=remote"
    assert response.headers["Location"] == "/careers/?credential=CRC&remote=remote"
    board = client.get("/careers/?credential=CRC&remote=remote").content.decode()
    assert "You get a daily email of new jobs for this search." in board
    assert "CRC · Remote" in client.get("/careers/saved/").content.decode()


def test_saving_the_same_search_twice_keeps_one(client, seeker):
    client.post("/careers/searches/", {"query": "credential=CRC"})
    client.post("/careers/searches/", {"query": "credential=CRC"})

    assert SavedSearch.objects.count() == 1


def test_a_seeker_keeps_at_most_ten_searches(client, seeker):
    for number in range(MAX_SAVED_SEARCHES):
        SavedSearch.objects.create(user=seeker, query=f"min_salary={number + 1}")

    response = client.post("/careers/searches/", {"query": "credential=CRC"}, follow=True)

    assert SavedSearch.objects.count() == MAX_SAVED_SEARCHES
    assert "You keep 10 searches already" in response.content.decode()


def test_seeker_stops_restarts_and_deletes_a_search(client, seeker):
    search = SavedSearch.objects.create(user=seeker, query="credential=CRC")
    url = f"/careers/searches/{search.pk}/"

    client.post(url, {"action": "unsubscribe"})
    assert not SavedSearch.objects.get(pk=search.pk).is_subscribed
    client.post(url, {"action": "resubscribe"})
    assert SavedSearch.objects.get(pk=search.pk).is_subscribed
    client.post(url, {"action": "delete"})
    assert not SavedSearch.objects.exists()


def test_seeker_cannot_change_another_seekers_search(client, seeker):
    theirs = SavedSearch.objects.create(user=make_user("other@example.org"), query="credential=CRC")

    response = client.post(f"/careers/searches/{theirs.pk}/", {"action": "delete"})

    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()


def test_guests_are_sent_to_log_in(client, employer):
    job = make_job(employer)

    for url in ["/careers/saved/", f"/careers/{job.pk}/save/", "/careers/searches/"]:
        response = client.post(url) if "saved/" not in url else client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/account/login/")
    assert "Log in to get new jobs like these by email" in client.get("/careers/").content.decode()


def test_a_job_that_is_not_open_cannot_be_saved(client, seeker, employer, new_employer):
    for job in [make_job(new_employer, status="waiting"), make_job(employer, status="hidden")]:
        assert client.post(f"/careers/{job.pk}/save/").status_code == 404
    assert not SavedJob.objects.exists()


def test_saved_page_names_no_job_staff_removed(client, seeker, employer):
    job = make_job(employer, title="Too good to be true")
    SavedJob.objects.create(user=seeker, job=job)
    job.hidden_at, job.hidden_reason = job.published_at, "A scam."
    job.save()

    html = client.get("/careers/saved/").content.decode()

    assert "A job our staff removed from the board" in html
    assert "Too good to be true" not in html
    client.post(f"/careers/{job.pk}/save/")  # removing it still works
    assert not SavedJob.objects.exists()
