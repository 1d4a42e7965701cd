from django.apps import AppConfig


class LookupConfig(AppConfig):
    name = "lookup"
    verbose_name = "Code catalogue"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the cache renewal receivers)
