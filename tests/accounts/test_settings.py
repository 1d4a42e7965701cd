from tests.config.test_settings import run_manage


def test_an_unknown_meter_period_refuses_to_start():
    result = run_manage("check", DEBUG="1", METER_PERIOD="weekly")

    assert result.returncode != 0
    assert 'METER_PERIOD must be "lifetime" or "month"' in result.stderr
