from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # Not "Accounts": allauth's email addresses already sit under that heading in the admin.
    verbose_name = "Readers and membership"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the receivers)
