from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "assistant"
    verbose_name = "CasePilot assistant"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the index to catalogue edits)
