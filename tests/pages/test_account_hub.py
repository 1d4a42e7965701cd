"""/account/ gathers what the reader has: views used and left, what CaseConsultant and the
bulk checker have left, their Medicare locality, their saved jobs and searches."""

from careers.models import SavedJob, SavedSearch
from fees.models import Locality
from fees.services import chosen_locality_set
from tests.careers.conftest import make_job
from tests.conftest import make_user


def account_page(client, user) -> str:
    client.force_login(user)
    response = client.get("/account/")
    assert response.status_code == 200
    return response.content.decode()


def test_account_page_says_what_each_tool_has_left(client, db, settings):
    settings.CONSULTANT_FREE_THREADS_PER_MONTH, settings.CHECKER_DAILY_ROWS = 4, 150

    html = account_page(client, make_user())

    assert "4 of 4 left this month; renews" in html
    assert "150 of 150 left today; renews at midnight" in html
    assert 'href="/consultant/"' in html and 'href="/tools/check/"' in html


def test_account_page_states_the_lifetime_views_with_the_configured_numbers(client, db, settings):
    settings.METER_GUEST_VIEWS, settings.METER_FREE_VIEWS = 2, 4

    html = account_page(client, make_user())

    assert "<dd>0 of 6</dd>" in html
    assert "These views do not renew: an account has 6 in all (2 as a guest and 4 more" in html


def test_account_page_names_the_chosen_locality_or_offers_to_choose_one(client, fee_data):
    user = make_user()
    assert "Choose your locality" in account_page(client, user)

    chosen_locality_set(user=user, locality=Locality.objects.get(state="NY", number="01"))

    html = account_page(client, user)
    assert "Manhattan" in html and "Choose your locality" not in html


def test_account_page_lists_saved_jobs_and_searches(client, db):
    user = make_user()
    job = make_job(title="Remote CPC auditor")
    SavedJob.objects.create(user=user, job=job)
    SavedSearch.objects.create(user=user, query="credential=CPC&remote=remote")

    html = account_page(client, user)

    assert f'href="{job.get_absolute_url()}">Remote CPC auditor</a>' in html
    assert "CPC · Remote" in html
    assert 'href="/careers/saved/"' in html


def test_account_page_of_a_premium_account_says_its_tools_are_not_counted(client, db):
    html = account_page(client, make_user(plan="premium"))

    assert "unlimited code page views" in html
    assert "Any number · <a" in html
    assert "do not renew" not in html
