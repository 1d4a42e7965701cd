from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project's own settings, URLs and deployment checks: the top of the layers."""

    name = "config"
    verbose_name = "Site configuration"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
