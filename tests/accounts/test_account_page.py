from accounts.models import Unlock
from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_user


def test_account_page_shows_plan_views_and_unlocked_codes_with_links(client, cpt):
    codes = make_codes(2, cpt)
    client.force_login(make_user())
    for code in codes:
        client.get(url_of(code))

    html = client.get("/account/").content.decode()

    assert "Free" in html
    assert "2 of 6" in html
    assert "<dd>4</dd>" in html
    assert 'href="/codes/cpt/80000/"' in html and 'href="/codes/cpt/80001/"' in html
    assert "unlocked" in html


def test_account_page_shows_the_renewal_day_of_a_monthly_meter(client, db, settings):
    settings.METER_PERIOD = "month"
    client.force_login(make_user())

    assert "Views renew on" in client.get("/account/").content.decode()


def test_account_page_of_a_premium_account_says_unlimited(client, db):
    client.force_login(make_user(plan="premium"))

    html = client.get("/account/").content.decode()

    assert "Premium" in html and "unlimited code page views" in html


def test_account_page_asks_a_guest_to_log_in(client, db):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_account_page_lists_only_its_own_codes(client, cpt):
    codes = make_codes(2, cpt)
    Unlock.objects.create(
        user=make_user("other@example.org"), code=codes[1], period="lifetime", slot=1
    )
    client.force_login(make_user())
    client.get(url_of(codes[0]))

    html = client.get("/account/").content.decode()

    assert "/codes/cpt/80000/" in html and "/codes/cpt/80001/" not in html
