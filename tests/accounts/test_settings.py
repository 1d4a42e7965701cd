from tests.config.test_settings import run_manage

PRINT_METER_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.METER_GUEST_VIEWS, s.METER_FREE_VIEWS, s.METER_PERIOD, s.METER_GUEST_DAILY_PER_IP,"
    " s.METER_SIGNUPS_DAILY_PER_IP, s.METER_NETWORK_RETENTION_DAYS, s.METER_VISITOR_COOKIE_DAYS,"
    " s.ALLAUTH_TRUSTED_PROXY_COUNT)"
)


def test_every_meter_setting_comes_from_the_environment_of_the_same_name():
    result = run_manage(
        "shell", "-c", PRINT_METER_SETTINGS, DEBUG="1",
        METER_GUEST_VIEWS="2", METER_FREE_VIEWS="9", METER_PERIOD="month",
        METER_GUEST_DAILY_PER_IP="4", METER_SIGNUPS_DAILY_PER_IP="5",
        METER_NETWORK_RETENTION_DAYS="3", METER_VISITOR_COOKIE_DAYS="30",
        ALLAUTH_TRUSTED_PROXY_COUNT="1",
    )  # fmt: skip

    assert result.stdout.strip().endswith("2 9 month 4 5 3 30 1"), result.stderr


def test_an_unknown_meter_period_refuses_to_start():
    result = run_manage("check", DEBUG="1", METER_PERIOD="weekly")

    assert result.returncode != 0
    assert 'METER_PERIOD must be "lifetime" or "month"' in result.stderr
