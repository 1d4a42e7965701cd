from django.apps import AppConfig


class ConsultantConfig(AppConfig):
    name = "consultant"
    verbose_name = "CaseConsultant"

    def ready(self) -> None:
        from . import webhooks  # noqa: F401  connects the inbound email receiver
