from tests.config.test_settings import run_manage


def test_site_url_is_kept_without_its_trailing_slash():
    printing = "from django.conf import settings; print(settings.SITE_URL)"

    result = run_manage("shell", "-c", printing, DEBUG="1", SITE_URL="https://example.org/")

    # Emails join it to paths that start with a slash.
    assert result.stdout.strip().endswith("https://example.org"), result.stderr


def test_anymail_gets_only_the_provider_keys_that_are_set_under_its_own_names():
    printing = "from django.conf import settings; print(sorted(settings.ANYMAIL.items()))"

    result = run_manage(
        "shell", "-c", printing, DEBUG="1", ANYMAIL_WEBHOOK_SECRET="a:b",
        MAILGUN_WEBHOOK_SIGNING_KEY="key",
    )  # fmt: skip

    assert result.stdout.strip().endswith(
        "[('MAILGUN_WEBHOOK_SIGNING_KEY', 'key'), ('WEBHOOK_SECRET', 'a:b')]"
    ), result.stderr


def test_a_provider_key_chooses_its_sending_backend():
    printing = "from django.conf import settings; print(settings.EMAIL_BACKEND)"

    postmark = run_manage("shell", "-c", printing, DEBUG="1", POSTMARK_SERVER_TOKEN="token")
    mailgun = run_manage("shell", "-c", printing, DEBUG="1", MAILGUN_API_KEY="key")
    neither = run_manage("shell", "-c", printing, DEBUG="1")

    assert postmark.stdout.strip().endswith("anymail.backends.postmark.EmailBackend")
    assert mailgun.stdout.strip().endswith("anymail.backends.mailgun.EmailBackend")
    assert neither.stdout.strip().endswith("django.core.mail.backends.console.EmailBackend")


def test_the_email_retry_settings_still_read_their_former_consultant_names():
    printing = "from django.conf import settings as s; print(s.EMAIL_SEND_ATTEMPTS)"

    former = run_manage("shell", "-c", printing, DEBUG="1", CONSULTANT_EMAIL_ATTEMPTS="7")
    both = run_manage(
        "shell", "-c", printing, DEBUG="1", CONSULTANT_EMAIL_ATTEMPTS="7", EMAIL_SEND_ATTEMPTS="2"
    )

    assert former.stdout.strip().endswith("7"), former.stderr
    assert both.stdout.strip().endswith("2"), both.stderr
